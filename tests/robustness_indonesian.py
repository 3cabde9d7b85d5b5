"""What the build prints in Indonesian for each case of tests/test_robustness.py (`ARSIP_LANG=id`).

The counterpart of `EXPECTED` there, case by case and line by line: the same problems, at the same
file and line, in the words of arsip/locale/id/LC_MESSAGES/arsip.po. Every line was read and checked against its English
line (same meaning, no English left but what an editor types: field names, file names, YAML,
front-matter, slug). For a new case, run it with ARSIP_LANG=id, read what it prints, correct the
catalogue where the Indonesian is wrong, and write the lines here; `{folder}` stands where the
English lines have it.
"""

from __future__ import annotations

INDONESIAN: dict[str, tuple[str, ...]] = {
    "invalid-yaml": (
        (
            "{folder}/rilis.md:2: kesalahan: tanda kutip yang dibuka di baris ini tidak pernah ditutup (akhiri nilainya "
            'dengan tanda kutip yang sama: title: "Rilis Uji")'
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "invalid-yaml-colon": (
        (
            "{folder}/rilis.md:2: kesalahan: nilai 'title' memuat ': ', yang dibaca front-matter sebagai awal isian lain "
            '(letakkan nilainya di antara tanda kutip: title: "Nilai: 93")'
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "no-front-matter": (
        (
            "{folder}/rilis.md:1: kesalahan: tidak ada front-matter (awali berkas dengan baris '---', lalu title:, date:, "
            "institution:, lalu '---' lagi)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "front-matter-not-closed": (
        ("{folder}/rilis.md:1: kesalahan: front-matter tidak ditutup (tambahkan baris '---' setelah isian front-matter terakhir)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "front-matter-list": (
        (
            "{folder}/rilis.md:1: kesalahan: front-matter berupa daftar, bukan deretan isian (tulis satu 'kunci: nilai' "
            "per baris, mis. 'title: ...')"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "front-matter-scalar": (
        (
            "{folder}/rilis.md:1: kesalahan: front-matter berupa nilai tunggal, bukan deretan isian (tulis satu 'kunci: "
            "nilai' per baris, mis. 'title: ...')"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "front-matter-empty": (
        "{folder}/rilis.md:1: kesalahan: isian wajib 'date' tidak ada (tambahkan baris seperti  date: 2024-12-03)",
        (
            "{folder}/rilis.md:1: kesalahan: isian wajib 'institution' tidak ada (tambahkan baris seperti  institution: "
            "Pemerintah Kota Jambi)"
        ),
        ("{folder}/rilis.md:1: kesalahan: isian wajib 'title' tidak ada (tambahkan baris seperti  title: Pemkot Jambi Raih Zona Hijau)"),
        "3 kesalahan, 0 peringatan di 1 berkas",
    ),
    "missing-fields": (
        (
            "{folder}/rilis.md:1: kesalahan: isian wajib 'institution' tidak ada (tambahkan baris seperti  institution: "
            "Pemerintah Kota Jambi)"
        ),
        ("{folder}/rilis.md:1: kesalahan: isian wajib 'title' tidak ada (tambahkan baris seperti  title: Pemkot Jambi Raih Zona Hijau)"),
        "2 kesalahan, 0 peringatan di 1 berkas",
    ),
    "empty-fields": (
        ("{folder}/rilis.md:2: kesalahan: isian wajib 'title' kosong (tambahkan baris seperti  title: Pemkot Jambi Raih Zona Hijau)"),
        ("{folder}/rilis.md:4: kesalahan: isian wajib 'institution' kosong (tambahkan baris seperti  institution: Pemerintah Kota Jambi)"),
        "2 kesalahan, 0 peringatan di 1 berkas",
    ),
    "title-list": (
        (
            "{folder}/rilis.md:2: kesalahan: 'title' harus berupa teks, bukan daftar (tulis dalam satu baris, mis.  title: "
            "Pemkot Jambi Raih Zona Hijau)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "date-not-in-calendar": (
        "{folder}/rilis.md:3: kesalahan: tanggal '2024-02-30' tidak ada di kalender (periksa hari dan bulannya)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "date-format": (
        ("{folder}/rilis.md:3: kesalahan: tanggal '3 Desember 2024' tidak ditulis sebagai YYYY-MM-DD (tulis mis.  date: 2024-12-03)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "date-before-2000": (
        (
            "{folder}/rilis.md:3: kesalahan: tanggal '1999-12-03' sebelum tahun 2000, saat arsip dimulai (tulis tanggal "
            "rilis diterbitkan, mis.  date: 2024-12-03)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "date-far-ahead": (
        (
            "{folder}/rilis.md:3: kesalahan: tanggal '2999-12-03' lebih dari setahun ke depan (tulis tanggal rilis "
            "diterbitkan, mis.  date: 2024-12-03)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "score-abc": (
        "{folder}/rilis.md:5: kesalahan: nilai 'abc' bukan angka (tulis mis.  score: 93,68  atau  score: 93.68)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "score-nan": (
        "{folder}/rilis.md:5: kesalahan: nilai '.nan' bukan angka (tulis mis.  score: 93,68  atau  score: 93.68)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "score-negative": (
        "{folder}/rilis.md:5: kesalahan: nilai -3 negatif (nilai mulai dari 0 ke atas, mis.  score: 93,68)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "score-above-scale": (
        ("{folder}/rilis.md:5: kesalahan: nilai 100.5 di atas skala 100 yang dipakai untuk 2022-2024 (periksa angka di sumbernya)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "score-list": (
        "{folder}/rilis.md:5: kesalahan: nilai '[90, 91]' bukan angka (tulis mis.  score: 93,68  atau  score: 93.68)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "zone-unknown": (
        "{folder}/rilis.md:5: kesalahan: zona 'ungu' bukan salah satu dari hijau, kuning, merah (maksud Anda 'kuning'?)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "year-before-2000": (
        (
            "{folder}/rilis.md:5: kesalahan: tahun penilaian 1999 di luar 2000-2025 (tahun yang dinilai, paling lambat "
            "setahun setelah tanggal rilis)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "year-after-next": (
        (
            "{folder}/rilis.md:5: kesalahan: tahun penilaian 2026 di luar 2000-2025 (tahun yang dinilai, paling lambat "
            "setahun setelah tanggal rilis)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "year-not-a-number": (
        "{folder}/rilis.md:5: kesalahan: year harus berupa tahun empat angka, bukan 'dua ribu' (tulis mis.  year: 2024)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "awards-not-a-list": (
        (
            "{folder}/rilis.md:5: kesalahan: 'awards' harus berupa daftar (awali setiap penghargaan dengan '- institution: "
            "...' pada barisnya sendiri)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "award-without-institution": (
        (
            "{folder}/rilis.md:7: kesalahan: isian wajib 'institution' tidak ada (tambahkan baris seperti  institution: "
            "Pemerintah Kota Jambi)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "award-not-fields": (
        (
            "{folder}/rilis.md:6: kesalahan: penghargaan 1 harus berisi isian (tulis '- institution: ...' lalu 'score: "
            "...' menjorok di bawahnya)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "draft-not-boolean": (
        "{folder}/rilis.md:5: kesalahan: 'draft' harus true atau false (tulis  draft: true)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "tags-not-a-list": (
        "{folder}/rilis.md:5: kesalahan: tags harus berupa daftar kata (tulis mis.  tags: [zona hijau, jambi])",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "source-javascript": (
        ("{folder}/rilis.md:5: kesalahan: source 'javascript:alert(1)' bukan alamat web (tulis alamat lengkap, diawali https://)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "image-outside-content": (
        (
            "{folder}/rilis.md:5: kesalahan: gambar '../../../etc/passwd' tidak ditemukan di bawah content/ (taruh berkas "
            "gambar di samping rilis dan tulis nama berkasnya, mis.  image: foto.jpg)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "yaml-alias": (
        (
            "{folder}/rilis.md:6: kesalahan: front-matter memakai alias YAML ('*nama'), yang tidak diterima arsip (tulis "
            "nilainya secara lengkap)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "too-deeply-nested": (
        (
            "{folder}/rilis.md:1: kesalahan: front-matter bersarang terlalu dalam (tulis setiap isian sebagai 'kunci: "
            "nilai' di barisnya sendiri)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "slug-with-slash": (
        ("{folder}/rilis.md:5: kesalahan: slug 'rilis/uji' hanya boleh memakai a-z, 0-9 dan '-' tunggal (tulis  slug: rilis-uji)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "slug-with-dots": (
        ("{folder}/rilis.md:5: kesalahan: slug '../../etc' hanya boleh memakai a-z, 0-9 dan '-' tunggal (tulis  slug: etc)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "slug-with-spaces": (
        ("{folder}/rilis.md:5: kesalahan: slug 'rilis uji' hanya boleh memakai a-z, 0-9 dan '-' tunggal (tulis  slug: rilis-uji)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "same-slug": (
        (
            "{folder}/b.md:5: kesalahan: slug 'rilis-sama' juga slug dari {folder}/a.md:5 (beri rilis ini slug sendiri, "
            "mis.  slug: rilis-sama-2)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "same-title-and-date": (
        (
            "{folder}/b.md:2: kesalahan: slug '2024-11-04-rilis-kembar' yang dibuat dari tanggal dan judul juga slug dari "
            "{folder}/a.md:2 (ganti judulnya atau tambahkan baris seperti  slug: 2024-11-04-rilis-kembar-2)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "not-utf8": (
        ("{folder}/rilis.md:5: kesalahan: berkas ini bukan teks UTF-8 (simpan berkas sebagai UTF-8 di penyunting teks Anda)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "bom": (),
    "crlf": (),
    "empty-file": (
        (
            "{folder}/rilis.md: kesalahan: berkas ini kosong (tulis front-matter, title:, date: dan institution: di antara "
            "dua baris '---', lalu teksnya; atau hapus berkas ini)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "blank-file": (
        (
            "{folder}/rilis.md: kesalahan: berkas ini kosong (tulis front-matter, title:, date: dan institution: di antara "
            "dua baris '---', lalu teksnya; atau hapus berkas ini)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "huge-file": (
        (
            "{folder}/besar.md: kesalahan: berkas ini berukuran 20,1 MB, lebih dari 2 MB yang boleh dimiliki rilis (rilis "
            "hanya berisi teks: letakkan gambar dalam berkas terpisah di sampingnya dan pecah dokumen yang sangat panjang)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "binary-garbage": (
        "{folder}/acak.md: kesalahan: berkas ini biner, bukan teks Markdown (hapus berkas ini atau beri ekstensi lain)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "file-name-unicode": (),
    "file-name-not-utf8": (
        ("{folder}/caf�.md: kesalahan: nama ini bukan teks UTF-8 (ganti namanya di pengelola berkas Anda, dengan huruf biasa)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "link-outside": ("{folder}/tautan.md: peringatan: dilewati: tautan ke berkas di luar proyek (salin berkas itu ke content/ saja)",),
    "link-folder-outside": (
        (
            "{folder}/tautan-folder: peringatan: dilewati: tautan ke folder di luar proyek (salin folder itu ke content/ "
            "alih-alih menautkannya)"
        ),
    ),
    "dangling-link": (
        "{folder}/hilang.md: kesalahan: tautan ke berkas yang tidak ada (hapus tautan itu atau kembalikan berkasnya)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "link-loop": (
        "{folder}/putar-a.md: kesalahan: tautan yang mengarah kembali ke dirinya sendiri (hapus tautan itu)",
        "{folder}/putar-b.md: kesalahan: tautan yang mengarah kembali ke dirinya sendiri (hapus tautan itu)",
        "2 kesalahan, 0 peringatan di 2 berkas",
    ),
    "folder-named-md": (
        ("{folder}/x.md: kesalahan: ini folder, bukan berkas rilis (ganti nama folder agar namanya tidak berakhir dengan .md)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "named-pipe": (
        "{folder}/pipa.md: kesalahan: ini pipa bernama (FIFO), bukan berkas biasa (hapus dari content/)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "unreadable-file": (
        "{folder}/rahasia.md: kesalahan: berkas tidak dapat dibaca: izin ditolak (periksa izin berkas)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "unreadable-folder": (
        "{folder}/rahasia: kesalahan: folder tidak dapat dibaca: izin ditolak (periksa izin folder)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "unreadable-template": (
        "templates/zones.html: kesalahan: templat tidak dapat dibaca: izin ditolak (periksa izin berkas)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "template-not-utf8": (
        ("templates/zones.html: kesalahan: sebuah templat bukan teks UTF-8 (simpan templat sebagai UTF-8 di penyunting teks Anda)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "unknown-field": ("{folder}/rilis.md:5: peringatan: isian 'scroe' tidak dikenal dan diabaikan (maksud Anda 'score'?)",),
    "registry-invalid-toml": (
        (
            "content/institutions.toml:2: kesalahan: teks yang dibuka dengan tanda kutip di baris ini tidak pernah ditutup "
            '(akhiri teks dengan tanda kutip yang sama di baris yang sama: name = "Pemerintah Kota Jambi")'
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "registry-wrong-entries": (
        'content/institutions.toml:1: kesalahan: instansi tanpa nama (tulis name = "Pemerintah Kota Jambi")',
        "content/institutions.toml:1: kesalahan: kunci 'nama' tidak dikenal (maksud Anda 'name'?)",
        'content/institutions.toml:4: kesalahan: nama instansi harus berupa teks (tulis name = "Pemerintah Kota Jambi")',
        ("content/institutions.toml:7: kesalahan: tabel 'lainnya' tidak dikenal (setiap instansi diawali baris [[institution]])"),
        "4 kesalahan, 0 peringatan di 1 berkas",
    ),
    "config-invalid-toml": (
        (
            "site_config.toml:3: kesalahan: nilai 'language' bukan teks bertanda kutip, angka, true/false, daftar, atau "
            'tabel (tulis teks di antara tanda kutip ganda: language = "id")'
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "config-wrong-types": (
        "site_config.toml:3: kesalahan: 'language' harus berupa teks, bukan daftar (tulis mis.  language = \"id\")",
        ("site_config.toml:4: kesalahan: 'home_releases' harus berupa bilangan bulat, bukan teks (tulis mis.  home_releases = 10)"),
        "2 kesalahan, 0 peringatan di 1 berkas",
    ),
    "config-unknown-key": (
        "site_config.toml:3: kesalahan: kunci 'langauge' tidak dikenal (maksud Anda 'language'?)",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "config-not-finite": (
        ("site_config.toml:13: kesalahan: 'rubric[0].scale' harus berupa angka terhingga, bukan nan (tulis mis.  scale = 100)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "permalink-leaves-output": (
        (
            "site_config.toml:7: kesalahan: permalink release = '/../{{slug}}/': tidak boleh memuat '..', '\\', '//' atau "
            "'/./' (tulis mis. release = \"/rilis/{{slug}}/\")"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "permalink-odd-characters": (
        (
            "site_config.toml:7: kesalahan: permalink release = '/rilis/%2e%2e/{{slug}}/': hanya boleh memakai a-z, A-Z, "
            "0-9, '-', '_', '.', '/' dan penanda tempatnya (tulis mis. release = \"/rilis/{{slug}}/\")"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "config-bom-crlf": (),
    "template-syntax-error": (
        (
            "templates/zones.html:3: kesalahan: kesalahan sintaks templat: seharusnya ada ekspresi, tetapi yang ditemukan "
            "'akhir blok pernyataan'"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "template-undefined-variable": (
        (
            "templates/zones.html:5: kesalahan: kesalahan templat: 'tidak_ada' tidak terdefinisi (periksa nama "
            "variabelnya; templates/ mencantumkan apa yang diterima setiap halaman)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "template-missing-include": (
        (
            "templates/zones.html:5: kesalahan: templat 'tidak-ada.html' tidak ditemukan (buat templates/tidak-ada.html "
            "atau perbaiki namanya)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "output-is-a-file": (
        (
            "output: kesalahan: output adalah berkas, bukan folder; pembangunan hanya menulis ke folder miliknya sendiri "
            "(pindahkan output keluar dari folder proyek; pembangunan berikutnya membuat output/ baru)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "key-written-twice": (
        ("{folder}/rilis.md:6: kesalahan: 'score' ditulis dua kali, di baris 5 dan 6 (pertahankan salah satu dari kedua baris itu)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "content-missing": (
        ("content: kesalahan: folder content/ yang menampung rilis tidak ada (buat folder itu, atau sebutkan folder proyek dengan --root)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "content-a-file": (
        ("content: kesalahan: ini berkas, bukan folder yang menampung rilis (pindahkan berkas ini dan buat folder content/)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "content-without-releases": (
        (
            "content: kesalahan: tidak memuat rilis: situs akan kosong (letakkan rilis (berkas .md) di content/, atau "
            "periksa bahwa pembangunan berjalan di folder proyek yang benar)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "templates-a-file": (
        ("templates: kesalahan: ini berkas, bukan folder yang menampung templat (pindahkan berkas ini dan buat folder templates/)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "editor-leftovers": (),
    "content-html": (
        (
            "{folder}/halaman.html: kesalahan: ditolak: berkas .html dapat menjalankan skrip di peramban pembaca, jadi "
            "content/ tidak menerbitkannya (untuk gambar, ekspor sebagai PNG atau JPEG; untuk teks, tulis sebagai rilis "
            "(.md))"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "content-svg": (
        (
            "{folder}/gambar.svg: kesalahan: ditolak: berkas .svg dapat menjalankan skrip di peramban pembaca, jadi "
            "content/ tidak menerbitkannya (untuk gambar, ekspor sebagai PNG atau JPEG; untuk teks, tulis sebagai rilis "
            "(.md))"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "content-index-html": (
        (
            "{folder}/index.html: kesalahan: ditolak: berkas .html dapat menjalankan skrip di peramban pembaca, jadi "
            "content/ tidak menerbitkannya (untuk gambar, ekspor sebagai PNG atau JPEG; untuk teks, tulis sebagai rilis "
            "(.md))"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "picture-disguised": (
        (
            "{folder}/foto.png: kesalahan: isi berkas ini bukan gambar PNG seperti yang disebut namanya (ekspor ulang "
            "dalam format itu, atau beri ekstensi sesuai isinya yang sebenarnya)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "picture-too-large": (
        (
            "{folder}/foto-besar.jpg: kesalahan: berkas ini berukuran 30 MB, lebih dari 25 MB yang boleh dimiliki gambar "
            "atau dokumen (perkecil gambarnya (mis. lebar 2000 piksel) atau mampatkan PDF-nya)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "unknown-kind": (
        (
            "{folder}/catatan.docx: peringatan: tidak diterbitkan: content/ menerbitkan rilis (.md), gambar (PNG, JPEG, "
            "GIF, WebP, AVIF) dan berkas PDF (simpan dalam salah satu jenis itu, atau pindahkan keluar dari content/)"
        ),
    ),
    "theme-file-on-a-page": (
        (
            "output: kesalahan: dua berkas situs akan ditulis ke 'static/cari/index.html' (sebuah berkas di content/ atau "
            "templates/static/ memakai alamat sebuah halaman; ganti namanya, atau periksa [permalinks])"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "institutions-slug-alike": (
        (
            "{folder}/a.md:4: peringatan: instansi 'Dinas A & B Kota Baru' tidak ada di content/institutions.toml "
            '(daftarkan: tambahkan ke content/institutions.toml baris  [[institution]]  name = "Dinas A & B Kota Baru"  '
            'kind = "lainnya"  province = "…")'
        ),
        (
            "{folder}/b.md:4: kesalahan: 'Dinas A / B Kota Baru' dan 'Dinas A & B Kota Baru' ({folder}/a.md:4) akan "
            "berbagi satu halaman (slug 'dinas-a-b-kota-baru') (jika keduanya satu instansi, tulis satu nama (atau "
            "tambahkan yang lain sebagai alias di content/institutions.toml); jika dua instansi, daftarkan keduanya di "
            "sana, masing-masing dengan slug sendiri)"
        ),
        (
            "{folder}/b.md:4: peringatan: instansi 'Dinas A / B Kota Baru' tidak ada di content/institutions.toml "
            '(daftarkan: tambahkan ke content/institutions.toml baris  [[institution]]  name = "Dinas A / B Kota Baru"  '
            'kind = "lainnya"  province = "…")'
        ),
        "1 kesalahan, 2 peringatan di 2 berkas",
    ),
    "institutions-long-names-alike": (
        (
            "{folder}/a.md:4: peringatan: instansi 'Dinas Komunikasi Informatika Statistik Persandian dan Pelayanan "
            "Terpadu Satu Pintu Kabupaten Bungo' tidak ada di content/institutions.toml (daftarkan: tambahkan ke "
            'content/institutions.toml baris  [[institution]]  name = "Dinas Komunikasi Informatika Statistik Persandian '
            'dan Pelayanan Terpadu Satu Pintu Kabupaten Bungo"  kind = "lainnya"  province = "…")'
        ),
        (
            "{folder}/b.md:4: kesalahan: 'Dinas Komunikasi Informatika Statistik Persandian dan Pelayanan Terpadu Satu "
            "Pintu Kabupaten Tebo' dan 'Dinas Komunikasi Informatika Statistik Persandian dan Pelayanan Terpadu Satu Pintu "
            "Kabupaten Bungo' ({folder}/a.md:4) akan berbagi satu halaman (slug "
            "'dinas-komunikasi-informatika-statistik-persandian-dan-pelayanan-terpadu-satu') (jika keduanya satu instansi, "
            "tulis satu nama (atau tambahkan yang lain sebagai alias di content/institutions.toml); jika dua instansi, "
            "daftarkan keduanya di sana, masing-masing dengan slug sendiri)"
        ),
        (
            "{folder}/b.md:4: peringatan: instansi 'Dinas Komunikasi Informatika Statistik Persandian dan Pelayanan "
            "Terpadu Satu Pintu Kabupaten Tebo' tidak ada di content/institutions.toml (daftarkan: tambahkan ke "
            'content/institutions.toml baris  [[institution]]  name = "Dinas Komunikasi Informatika Statistik Persandian '
            'dan Pelayanan Terpadu Satu Pintu Kabupaten Tebo"  kind = "lainnya"  province = "…")'
        ),
        "1 kesalahan, 2 peringatan di 2 berkas",
    ),
    "score-thousands-of-digits": (
        (
            "{folder}/rilis.md:5: kesalahan: nilai '99999999999999999999999999999999999999999999999999999999999…' bukan "
            "angka (tulis mis.  score: 93,68  atau  score: 93.68)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "year-thousands-of-digits": (
        (
            "{folder}/rilis.md:5: kesalahan: year harus berupa tahun empat angka, bukan "
            "'22222222222222222222222222222222222222222222222222222222222…' (tulis mis.  year: 2024)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "value-too-long": (
        (
            "{folder}/rilis.md:5: kesalahan: nilai sepanjang 5.999 karakter, lebih dari 5.000 yang boleh dimuat satu isian "
            "(letakkan teks panjang di bawah front-matter, di badan rilis)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "lone-surrogate": (
        ("{folder}/rilis.md:5: kesalahan: nilai ini memuat U+D800, yang bukan karakter teks (hapus kode khusus itu (\\u… atau \\x…))"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "control-escape": (
        ("{folder}/rilis.md:5: kesalahan: nilai ini memuat U+0001, yang bukan karakter teks (hapus kode khusus itu (\\u… atau \\x…))"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "control-character": (
        (
            "{folder}/rilis.md:2: peringatan: karakter kendali tak terlihat (U+000B) diganti dengan spasi (karakter ini "
            "sering ikut terbawa dari teks yang ditempel dari pengolah kata; ketik ulang teks di sekitarnya bila ada kata "
            "yang tampak salah)"
        ),
    ),
    "alias-after-bom": (
        (
            "{folder}/rilis.md:6: kesalahan: front-matter memakai alias YAML ('*nama'), yang tidak diterima arsip (tulis "
            "nilainya secara lengkap)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "base-url-quote": (
        (
            "site_config.toml:2: kesalahan: base_url hanya boleh memakai huruf, angka, dan - . _ ~ : / @ % (tanpa tanda "
            "kutip, spasi, pindah baris, '?' atau '#') (tulis mis. base_url = \"https://example.org/arsip/\")"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "base-url-newline": (
        (
            "site_config.toml:2: kesalahan: base_url hanya boleh memakai huruf, angka, dan - . _ ~ : / @ % (tanpa tanda "
            "kutip, spasi, pindah baris, '?' atau '#') (tulis mis. base_url = \"https://example.org/arsip/\")"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "config-control-character": (
        "site_config.toml:1: kesalahan: 'title' memuat U+0001, yang bukan karakter teks (hapus kode khusus itu (\\u…))",
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "rubric-years-reversed": (
        (
            "site_config.toml:9: kesalahan: rubric[0] 'Penilaian Kepatuhan 2022-2024': last_year 2021 lebih awal daripada "
            "first_year 2022 (perbaiki tahunnya, atau tukar keduanya)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "rubric-periods-overlap": (
        (
            "site_config.toml:139: kesalahan: rubric[1] 'Periode Kedua': tahunnya bertumpang tindih dengan tahun 'Penilaian "
            "Kepatuhan 2022-2024' (2022-2024) (akhiri satu periode (last_year) sebelum yang lain dimulai, atau batasi "
            "salah satunya dengan kinds = [...])"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "rubric-bands-overlap": (
        (
            "site_config.toml:9: kesalahan: rubric[0] 'Penilaian Kepatuhan 2022-2024': rentang 'Lainnya' dan 'Kualitas "
            "Tertinggi' bertumpang tindih (90 >= 88) (mulailah setiap rentang tepat di atas rentang di bawahnya, mis.  max "
            "= 87.99  lalu  min = 88)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "rubric-bands-gap": (
        (
            "site_config.toml:9: kesalahan: rubric[0] 'Penilaian Kepatuhan 2022-2024': di antara rentang 'Lainnya' dan "
            "'Kualitas Tertinggi' tidak ada rentang yang memuat nilai di atas 80 (mulailah setiap rentang tepat di atas "
            "rentang di bawahnya, mis.  max = 87.99  lalu  min = 88)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "yaml-tag": (
        (
            "{folder}/rilis.md:5: kesalahan: front-matter memakai tag YAML ('!!...'), yang tidak diterima arsip (tulis "
            "nilainya saja: tanggal, angka, dan true/false dibaca sebagaimana mestinya tanpa tag)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "escape-no-character": (
        (
            "{folder}/rilis.md:5: kesalahan: sebuah nilai memuat kode khusus yang tidak menunjuk karakter apa pun (hapus "
            "kode khusus itu (\\u… atau \\U…))"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "source-broken-address": (
        ("{folder}/rilis.md:5: kesalahan: source 'https://[::1' bukan alamat web (tulis alamat lengkap, diawali https://)"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "slug-too-long": (
        (
            "{folder}/rilis.md:5: kesalahan: slug berisi 300 karakter, lebih dari 120 (tulis  slug: "
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "list-nested-on-one-line": (
        (
            "{folder}/rilis.md:7: kesalahan: baris bersarang 500 tingkat dalam kutipan dan daftar, lebih dari 12 yang "
            "boleh dipakai rilis (pakai lebih sedikit '>', tanda daftar, dan indentasi di awal baris)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "paragraph-too-long": (
        (
            "{folder}/rilis.md:7: kesalahan: paragraf sepanjang 30.799 karakter, lebih dari 20.000 yang boleh dimiliki "
            "satu paragraf (sisakan baris kosong di antara paragraf)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "config-nested-deep": (
        (
            "site_config.toml: kesalahan: daftar atau tabel bersarang ratusan tingkat (tulis setiap nilai di barisnya "
            "sendiri, seperti di berkas contoh)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "registry-nested-deep": (
        (
            "{folder}/institutions.toml: kesalahan: daftar atau tabel bersarang ratusan tingkat (tulis setiap nilai di "
            "barisnya sendiri, seperti di berkas contoh)"
        ),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
    "registry-control-escape": (
        ("{folder}/institutions.toml:1: kesalahan: 'name' memuat U+0007, yang bukan karakter teks (hapus kode khusus itu (\\u…))"),
        "1 kesalahan, 0 peringatan di 1 berkas",
    ),
}
