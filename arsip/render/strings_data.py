"""The words of the open data, comparison and change-of-method parts of the interface, in Indonesian and English.

Input: nothing. Output: two dictionaries of reader-facing strings (key -> text) that `strings.STRINGS` merges
into the site's words; `col_<name>` describes a column of the open data (the data page, datapackage.json and
the spreadsheet's second sheet show the same words).
"""

from __future__ import annotations

DATA_ID = {
    # A change of the scoring method (a boundary between rubric periods in site_config.toml).
    "method_break": (
        "Metode penilaian berubah mulai {year} ({label}): nilai sejak itu tidak"
        " dapat dibandingkan langsung dengan nilai sebelumnya."
    ),
    "method_break_short": "Metode baru {year}",
    "chart_breaks": "Garis putus-putus menandai perubahan metode penilaian; nilai di kedua sisinya tidak dapat dibandingkan langsung.",
    "not_comparable": "melintasi perubahan metode",
    "year_method_changed": (
        "Nilai {previous} diberikan dengan rubrik lain ({label}), sehingga kolom perubahan dan posisi tidak dapat dibandingkan langsung."
    ),
    # The data page.
    "data_title": "Data terbuka",
    "data_description": "Seluruh hasil penilaian dalam arsip sebagai CSV, XLSX dan JSON, dengan lisensi dan keterangan setiap kolom.",
    "data_intro": (
        "Semua hasil penilaian dalam arsip ini dapat diunduh dan dipakai ulang. Setiap"
        " baris adalah hasil satu instansi untuk satu tahun penilaian."
    ),
    "data_license": "Lisensi",
    "data_license_is": "Lisensi data ini:",
    "data_credit": "Sebutkan sumbernya: {site}.",
    "data_rows": "baris hasil",
    "data_no_license": "Belum ada lisensi yang ditetapkan untuk data ini.",
    "data_files": "Berkas",
    "data_file_csv": (
        "Teks dipisah titik koma (;), UTF-8 dengan penanda BOM, koma sebagai pemisah"
        " desimal: terbuka langsung di lembar kerja berbahasa Indonesia."
    ),
    "data_file_xlsx": "Lembar kerja Excel: nilai sebagai angka dengan jumlah desimal seperti diterbitkan, tanggal sebagai tanggal.",
    "data_file_json": "Instansi beserta riwayat nilainya, dan semua rilis, untuk program.",
    "data_file_package": "Frictionless Data Package: daftar berkas, skema tabel setiap berkas, lisensi dan sumber.",
    "data_columns": "Kolom",
    "data_column": "Kolom",
    "data_type": "Jenis",
    "data_meaning": "Arti",
    "data_method": "Perubahan metode",
    "data_method_text": (
        "Rubrik penilaian berganti beberapa kali, antara lain pada 2022 ketika lima kategori mutu (A–E)"
        " dengan batas nilai baru mulai dipakai."
        " Kolom comparable_with_previous bernilai false bila nilai sebuah instansi tidak dapat dibandingkan langsung dengan nilainya"
        " sebelumnya karena metode berubah di antaranya."
    ),
    "data_periods": "Periode rubrik",
    "data_sources": "Sumber",
    "type_integer": "bilangan bulat",
    "type_string": "teks",
    "type_number": "angka",
    "type_date": "tanggal",
    "type_boolean": "benar/salah",
    "col_year": "Tahun penilaian, bukan tahun terbit rilis.",
    "col_institution": "Nama instansi di arsip ini.",
    "col_slug": "Kode tetap instansi; juga bagian dari alamat halamannya.",
    "col_kind": "Jenis instansi: kementerian, lembaga, provinsi, kota, kabupaten, kepolisian, kantor-pertanahan atau lainnya.",
    "col_province": "Provinsi tempat instansi berada; kosong untuk instansi pusat.",
    "col_score": "Nilai kepatuhan dengan jumlah desimal seperti diterbitkan; kosong bila rilis tidak menyebut nilai.",
    "col_zone": "Zona (hijau, kuning, merah) bila diterbitkan.",
    "col_category": "Kategori mutu atau opini seperti diterbitkan.",
    "col_rank": "Peringkat seperti ditulis dalam rilis.",
    "col_date": "Tanggal rilis yang menjadi sumber hasil ini.",
    "col_release_url": "Alamat rilis sumber di situs ini.",
    "col_rubric_period": "Periode rubrik yang berlaku untuk tahun dan jenis instansi ini.",
    "col_comparable_with_previous": (
        "true bila nilai ini dapat dibandingkan langsung dengan nilai instansi ini sebelumnya; false bila metode berubah di antaranya;"
        " kosong bila tidak ada nilai sebelumnya."
    ),
    # The comparison page.
    "compare": "Bandingkan",
    "compare_title": "Bandingkan instansi",
    "compare_description": "Riwayat nilai dua sampai empat instansi berdampingan dalam satu grafik dan satu tabel.",
    "compare_intro": (
        "Pilih dua sampai empat instansi untuk melihat riwayat nilainya berdampingan."
        " Pilihan tersimpan di alamat halaman, sehingga dapat dibagikan."
    ),
    "compare_choose": "Pilih instansi",
    "compare_add": "Tambahkan",
    "compare_remove": "Hapus",
    "compare_chosen": "Instansi yang dibandingkan",
    "compare_limit": "Paling banyak empat instansi.",
    "compare_need": "Pilih paling sedikit dua instansi.",
    "compare_all": "Semua instansi",
    "compare_nojs": "Perbandingan membutuhkan JavaScript. Riwayat setiap instansi tetap dapat dibuka dari daftar di bawah.",
    "compare_chart": "Nilai kepatuhan per tahun penilaian: {names}",
    "compare_table": "Riwayat nilai berdampingan",
    "compare_with": "Bandingkan dengan instansi lain",
    "compare_mark": "† metode penilaian berubah: tidak dapat dibandingkan langsung dengan nilai sebelumnya.",
    "compare_loading": "Memuat data…",
    "compare_failed": "Data tidak dapat dimuat.",
}

DATA_EN = {
    "method_break": (
        "The assessment method changed in {year} ({label}): scores from then"
        " on are not directly comparable with earlier ones."
    ),
    "method_break_short": "New method {year}",
    "chart_breaks": "A dashed line marks a change of assessment method; scores on either side are not directly comparable.",
    "not_comparable": "across a change of method",
    "year_method_changed": (
        "The {previous} scores were given under another rubric ({label}), so the change and position columns are not directly comparable."
    ),
    "data_title": "Open data",
    "data_description": "Every assessment result in the archive as CSV, XLSX and JSON, with a licence and a description of each column.",
    "data_intro": (
        "Every assessment result in this archive can be downloaded and reused. Each"
        " row is one institution's result for one assessment year."
    ),
    "data_license": "Licence",
    "data_license_is": "The licence of these data:",
    "data_credit": "Credit the source: {site}.",
    "data_rows": "result rows",
    "data_no_license": "No licence has been set for these data yet.",
    "data_files": "Files",
    "data_file_csv": (
        "Text separated by semicolons (;), UTF-8 with a byte-order mark, decimal"
        " comma: opens as columns in an Indonesian spreadsheet."
    ),
    "data_file_xlsx": "Excel workbook: scores as numbers with the published number of decimals, dates as dates.",
    "data_file_json": "Institutions with their score history, and every release, for programs.",
    "data_file_package": "Frictionless Data Package: the files, a table schema for each, the licence and the sources.",
    "data_columns": "Columns",
    "data_column": "Column",
    "data_type": "Type",
    "data_meaning": "Meaning",
    "data_method": "Changes of method",
    "data_method_text": (
        "The scoring rubric changed several times, notably in 2022 when five quality categories (A–E) with new score bands came in."
        " The column comparable_with_previous is false when an institution's score cannot be compared directly with its previous score"
        " because the method changed in between."
    ),
    "data_periods": "Rubric periods",
    "data_sources": "Sources",
    "type_integer": "integer",
    "type_string": "text",
    "type_number": "number",
    "type_date": "date",
    "type_boolean": "true/false",
    "col_year": "The assessment year, not the year the release was published.",
    "col_institution": "The institution's name in this archive.",
    "col_slug": "The institution's stable identifier, also part of its page's address.",
    "col_kind": "Kind of institution: kementerian, lembaga, provinsi, kota, kabupaten, kepolisian, kantor-pertanahan or lainnya.",
    "col_province": "The province the institution is in; empty for national bodies.",
    "col_score": "The compliance score with the number of decimals as published; empty when the release gave no score.",
    "col_zone": "The zone (hijau, kuning, merah) when one was published.",
    "col_category": "The quality or opinion category as published.",
    "col_rank": "The rank as the release worded it.",
    "col_date": "The date of the release this result comes from.",
    "col_release_url": "The address of that release on this site.",
    "col_rubric_period": "The rubric period in force for this year and kind of institution.",
    "col_comparable_with_previous": (
        "true when this score compares directly with the institution's previous score; false when the method changed in between;"
        " empty when there is no previous score."
    ),
    "compare": "Compare",
    "compare_title": "Compare institutions",
    "compare_description": "The score histories of two to four institutions side by side in one chart and one table.",
    "compare_intro": (
        "Choose two to four institutions to see their score histories side by side."
        " The choice is kept in the page's address, so it can be shared."
    ),
    "compare_choose": "Choose an institution",
    "compare_add": "Add",
    "compare_remove": "Remove",
    "compare_chosen": "Institutions compared",
    "compare_limit": "Four institutions at most.",
    "compare_need": "Choose at least two institutions.",
    "compare_all": "All institutions",
    "compare_nojs": "The comparison needs JavaScript. Each institution's history can still be opened from the list below.",
    "compare_chart": "Compliance score per assessment year: {names}",
    "compare_table": "Score histories side by side",
    "compare_with": "Compare with other institutions",
    "compare_mark": "† the assessment method changed: not directly comparable with the previous score.",
    "compare_loading": "Loading data…",
    "compare_failed": "The data could not be loaded.",
}
