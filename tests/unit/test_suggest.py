"""'Did you mean' ranks registered institutions by similarity over names, aliases and place names,
and a name nothing resembles is told how to register it; in English and in Indonesian.

Besides a small registry, a hard one (tests/data/institutions-did-you-mean.toml): real Indonesian
bodies, at least twenty of every kind, with near neighbours on purpose (Kota and Kabupaten Bandung,
Kabupaten Bandung Barat, Sulawesi Tengah and Tenggara, Polda and Polresta Jambi, Kemendag and
Kemendagri), and what an office clerk types for twenty and more names of each kind."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from sitetools import sample_kinds

from arsip.i18n import language
from arsip.model.suggest import CLOSE, ranked, registration_lines, suggestion
from arsip.model.validate import validate_doc
from arsip.source.config import load_config
from arsip.source.frontmatter import parse_doc
from arsip.source.registry import build_directory
from arsip.source.tree import Registry

KINDS = sample_kinds()

ROOT = Path(__file__).resolve().parents[2]
HARD = ROOT / "tests" / "data" / "institutions-did-you-mean.toml"
REGISTRY = """
[[institution]]
name = "Pemerintah Kabupaten Sarolangun"
kind = "kabupaten"
province = "Jambi"
aliases = ["Pemkab Sarolangun", "Kabupaten Sarolangun"]

[[institution]]
name = "Pemerintah Kabupaten Sleman"
kind = "kabupaten"
province = "DI Yogyakarta"
aliases = ["Pemkab Sleman", "Kabupaten Sleman", "Kab. Sleman"]

[[institution]]
name = "Pemerintah Kabupaten Tanjung Jabung Barat"
kind = "kabupaten"
province = "Jambi"
aliases = ["Pemkab Tanjabbar", "Tanjab Barat"]
"""


@pytest.fixture(scope="module")
def directory():
    found, problems = build_directory(Registry("content/institutions.toml", tomllib.loads(REGISTRY), REGISTRY), KINDS, ("province",))
    assert not problems
    return found


@pytest.fixture(scope="module")
def hard():
    text = HARD.read_text(encoding="utf-8")
    found, problems = build_directory(Registry("content/institutions.toml", tomllib.loads(text), text), KINDS, ("province",))
    assert not problems
    return found


@pytest.fixture(scope="module")
def config():
    loaded, problems = load_config(ROOT)
    assert not problems
    return loaded


def lines(config, directory, institution: str) -> tuple[str, str]:
    problems = []
    doc = parse_doc(f"---\ntitle: T\ndate: 2024-12-03\ninstitution: {institution}\n---\nIsi.\n", "content/x.md", "d", problems)
    validate_doc(doc, directory, frozenset(), config, problems)
    (problem,) = problems
    return problem.format(language("en")), problem.format(language("id"))


@pytest.mark.parametrize("typo", ["Pemkab Slemn", "Kabupaten Selman", "Sleman", "Pemerintah Kabupaten Slemaan"])
def test_a_typo_of_the_place_suggests_that_place_first(directory, typo: str) -> None:
    assert suggestion(directory, typo) == "Pemerintah Kabupaten Sleman"


def test_the_warning_names_the_suggestion_in_both_languages(config, directory) -> None:
    english, indonesian = lines(config, directory, "Pemkab Slemn")
    assert english == (
        "content/x.md:4: warning: institution 'Pemkab Slemn' is not in institutions.toml; did you mean"
        " 'Pemerintah Kabupaten Sleman'? (write  institution: Pemerintah Kabupaten Sleman  or add 'Pemkab Slemn' to its aliases;"
        " if it is another institution, register it: add to content/institutions.toml the lines "
        ' [[institution]]  name = "Pemkab Slemn"  kind = "kabupaten"  province = "…")'
    )
    assert indonesian == (
        "content/x.md:4: peringatan: instansi 'Pemkab Slemn' tidak ada di institutions.toml; maksud Anda"
        " 'Pemerintah Kabupaten Sleman'? (tulis  institution: Pemerintah Kabupaten Sleman  atau tambahkan 'Pemkab Slemn' ke aliases-nya;"
        " bila itu instansi lain, daftarkan: tambahkan ke content/institutions.toml baris "
        ' [[institution]]  name = "Pemkab Slemn"  kind = "kabupaten"  province = "…")'
    )


def test_an_alias_typo_suggests_its_institution(config, directory) -> None:
    assert suggestion(directory, "Tanjab Brat") == "Pemerintah Kabupaten Tanjung Jabung Barat"
    english, indonesian = lines(config, directory, "Pemkab Tanjabar")
    assert "did you mean 'Pemerintah Kabupaten Tanjung Jabung Barat'?" in english
    assert "maksud Anda 'Pemerintah Kabupaten Tanjung Jabung Barat'?" in indonesian


def test_a_new_name_is_told_how_to_register(config, directory) -> None:
    assert suggestion(directory, "Pemerintah Kota Pekalongan") is None
    english, indonesian = lines(config, directory, "Pemerintah Kota Pekalongan")
    registration = '[[institution]]  name = "Pemerintah Kota Pekalongan"  kind = "kota"  province = "…"'
    assert english == (
        "content/x.md:4: warning: institution 'Pemerintah Kota Pekalongan' is not in content/institutions.toml"
        f" (register it: add to content/institutions.toml the lines  {registration})"
    )
    assert indonesian == (
        "content/x.md:4: peringatan: instansi 'Pemerintah Kota Pekalongan' tidak ada di content/institutions.toml"
        f" (daftarkan: tambahkan ke content/institutions.toml baris  {registration})"
    )


# What a clerk types for a registered name, by kind: the intended canonical name, then its misspellings
# (a letter dropped, doubled or wrong, two swapped, a vowel changed, a space lost or added, the short
# form mistyped, all in capitals or in lower case).
MISSPELLINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "kementerian": {
        "Kementerian Keuangan": ("Kementrian Keuangan", "Kemenkue", "kementerian keuagan"),
        "Kementerian Luar Negeri": ("Kementerian Luar Negri", "Kemnlu"),
        "Kementerian Agama": ("Kementerian Agma", "Kemeang", "Kemenang"),
        "Kementerian Ketenagakerjaan": ("Kementerian Ketenagakerjan", "Kemnakker"),
        "Kementerian Kesehatan": ("Kementerian Kesehtan", "Kemenkse", "kementrian kesehatan"),
        "Kementerian Dalam Negeri": ("Kementerian Dalam Negri", "Kemendagr"),
        "Kementerian Pertahanan": ("Kementerian Pertahan", "Kementerian Pertahannan"),
        "Kementerian Pertanian": ("Kementerian Pertanain", "Kementrian Pertanian"),
        "Kementerian Perhubungan": ("Kementerian Perhubngan", "Kemnhub"),
        "Kementerian Perindustrian": ("Kementerian Perindustian", "Kemenprin"),
        "Kementerian Perdagangan": ("Kementerian Perdagagan", "Kementerian Perdaganan"),
        "Kementerian Sosial": ("Kementerian Sosail",),
        "Kementerian Pariwisata": ("Kementerian Pariwsata",),
        "Kementerian Kelautan dan Perikanan": ("Kementerian Kelautan dan Perikana", "Kementerian Kelautan & Perikanan"),
        "Kementerian Pekerjaan Umum": ("Kementerian Pekerjaan Umun",),
        "Kementerian Energi dan Sumber Daya Mineral": ("Kementerian Energi dan Sumber Daya Mineal",),
        "Kementerian Lingkungan Hidup": ("Kementerian Lingkungan Hdup",),
        "Kementerian Kehutanan": ("Kementerian Kehutan",),
        "Kementerian Hukum": ("Kementerian Hukm",),
        "Kementerian Hak Asasi Manusia": ("Kementerian Hak Asasi Manisia",),
        "Kementerian Imigrasi dan Pemasyarakatan": ("Kementerian Imigrasi dan Pemasyarakat",),
        "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi": ("KemenPANRB",),
        "Kementerian Badan Usaha Milik Negara": ("Kementrian BUMN",),
        "Kementerian Koperasi": ("Kementerian Koprasi",),
        "Kementerian Komunikasi dan Digital": ("Kementerian Komunikasi dan Digitl",),
        "Kementerian Pendidikan Dasar dan Menengah": ("Kementerian Pendidikan Dasar dan Menegah",),
        "Kementerian Pendidikan Tinggi, Sains, dan Teknologi": ("Kementerian Pendidikan Tinggi, Sains dan Teknologi",),
        "Kementerian Desa dan Pembangunan Daerah Tertinggal": ("Kemendes PDTT",),
        "Kementerian Pemuda dan Olahraga": ("Kementerian Pemuda dan Olahrga",),
        "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak": ("KemenPPA",),
        "Kementerian Sekretariat Negara": ("Kementerian Sekretaris Negara",),
        "Kementerian Pelindungan Pekerja Migran Indonesia": ("Kementerian Perlindungan Pekerja Migran Indonesia",),
    },
    "lembaga": {
        "Badan Pengawas Obat dan Makanan": ("Badan Pengawas Obat dan Makan", "Badan Pengawas Obat & Makanan", "BPOMM"),
        "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah": ("Lembaga Kebijakan Pengadaan Barang Jasa Pemerintah",),
        "Badan Standardisasi Nasional": ("Badan Standarisasi Nasional", "badan standardisasi nasonal"),
        "Badan Pusat Statistik": ("Badan Pusat Statisik", "Badan Pusat Statistic"),
        "Badan Kepegawaian Negara": ("Badan Kepegawain Negara",),
        "Badan Pengawas Tenaga Nuklir": ("Badan Pengawas Tenaga Nulir", "Bapetan"),
        "Badan Meteorologi, Klimatologi, dan Geofisika": ("Badan Meteorologi Klimatologi dan Geofisika",),
        "Badan Nasional Penanggulangan Bencana": ("Badan Nasional Penanggulangan Bencan",),
        "Badan Nasional Penanggulangan Terorisme": ("Badan Nasional Penangulangan Terorisme",),
        "Badan Narkotika Nasional": ("Badan Narkotik Nasional",),
        "Badan Pengawasan Keuangan dan Pembangunan": ("Badan Pengawas Keuangan dan Pembangunan",),
        "Badan Informasi Geospasial": ("Badan Informasi Geospatial",),
        "Badan Riset dan Inovasi Nasional": ("Badan Riset dan Inovasi Nasinal",),
        "Lembaga Administrasi Negara": ("Lembaga Administrasi Negera",),
        "Arsip Nasional Republik Indonesia": ("Arsip Nasinal Republik Indonesia",),
        "Perpustakaan Nasional Republik Indonesia": ("Perpustakan Nasional",),
        "Badan Siber dan Sandi Negara": ("Badan Siber dan Sandi Negra",),
        "Badan Karantina Indonesia": ("Badan Karantina Indoneisa",),
        "Badan Pangan Nasional": ("Badan Pangan Nasioanl",),
        "Badan Gizi Nasional": ("Badan Gizi Nasinal",),
        "Badan Nasional Pencarian dan Pertolongan": ("Badan Nasional Pencarian dan Pertolongn", "Basarnass"),
        "Badan Nasional Pengelola Perbatasan": ("Badan Nasional Pengelolaan Perbatasan",),
        "Badan Kependudukan dan Keluarga Berencana Nasional": ("Badan Kependudukan dan Keluarga Berencana Nasinal",),
        "Badan Keamanan Laut": ("Badan Keamanan Lau",),
        "Badan Pengusahaan Batam": ("Badan Pengusahaan Btam",),
    },
    "provinsi": {
        "Pemerintah Aceh": ("Pemerintah Acceh", "Pemprov Aech"),
        "Pemerintah Daerah Daerah Istimewa Yogyakarta": ("Pemerintah Daerah Istimewa Yogyakarta", "Provinsi DI Yogykarta"),
        "Pemerintah Provinsi Sumatera Utara": ("Pemprov Sumtera Utara", "Provinsi Sumatra Utara"),
        "Pemerintah Provinsi Sumatera Barat": ("Provinsi Sumatra Barat",),
        "Pemerintah Provinsi Sumatera Selatan": ("Pemprov Sumatera Selatn",),
        "Pemerintah Provinsi Riau": ("Pemprov Riua",),
        "Pemerintah Provinsi Kepulauan Riau": ("Provinsi Kepulauan Riou",),
        "Pemerintah Provinsi Jambi": ("Pemprov Jamb",),
        "Pemerintah Provinsi Bengkulu": ("Pemprov Bengkuu",),
        "Pemerintah Provinsi Lampung": ("Provinsi Lampun",),
        "Pemerintah Provinsi Kepulauan Bangka Belitung": ("Pemprov Bangka Belitng",),
        "Pemerintah Provinsi DKI Jakarta": ("Pemprov DKI Jakrta",),
        "Pemerintah Provinsi Jawa Barat": ("Pemprov Jawa Brat", "PEMPROV JAWA BRAT"),
        "Pemerintah Provinsi Jawa Tengah": ("Pemprov Jawa Tenga",),
        "Pemerintah Provinsi Jawa Timur": ("Provinsi Jatin", "pemprov jawa timurr"),
        "Pemerintah Provinsi Banten": ("Pemprov Bantn",),
        "Pemerintah Provinsi Bali": ("Provinsi Balii",),
        "Pemerintah Provinsi Nusa Tenggara Barat": ("Pemprov Nusa Tenggara Brat",),
        "Pemerintah Provinsi Nusa Tenggara Timur": ("Pemprov Nusa Tengara Timur", "Pemprov NTTT"),
        "Pemerintah Provinsi Kalimantan Barat": ("Pemprov Kalimantan Bart",),
        "Pemerintah Provinsi Kalimantan Tengah": ("Provinsi Kalimantan Tenga",),
        "Pemerintah Provinsi Kalimantan Selatan": ("Pemprov Kalimantan Selatn", "Pemprov Kalsl"),
        "Pemerintah Provinsi Kalimantan Timur": ("Pemprov Kalimantan Timr",),
        "Pemerintah Provinsi Kalimantan Utara": ("Pemprov Kalimantan Utra",),
        "Pemerintah Provinsi Sulawesi Utara": ("Pemprov Sulawesi Utra", "Pemprov Sulutt"),
        "Pemerintah Provinsi Sulawesi Tengah": ("Pemprov Sulawesi Tegah",),
        "Pemerintah Provinsi Sulawesi Tenggara": ("Pemprov Sulawesi Tengara", "Pemprov Sulawesi Tenggra"),
        "Pemerintah Provinsi Sulawesi Selatan": ("Pemprov Sulawesi Selaatan",),
        "Pemerintah Provinsi Sulawesi Barat": ("Pemprov Sulawesi Brat",),
        "Pemerintah Provinsi Gorontalo": ("Pemprov Gorontlo",),
        "Pemerintah Provinsi Maluku": ("Pemprov Malukku",),
        "Pemerintah Provinsi Maluku Utara": ("Pemprov Maluku Utar",),
        "Pemerintah Provinsi Papua": ("Pemprov Papau",),
        "Pemerintah Provinsi Papua Barat": ("Pemprov Papua Brat",),
    },
    "kota": {
        "Pemerintah Kota Jambi": ("Pemkot Jamby", "Pemerintah Kota Jamby"),
        "Pemerintah Kota Sungai Penuh": ("Pemkot Sungai Penu",),
        "Pemerintah Kota Banjarbaru": ("Pemkot Banjarbru",),
        "Pemerintah Kota Banjarmasin": ("Pemkot Banjarmasn",),
        "Pemerintah Kota Banjar": ("Kota Banjr",),
        "Pemerintah Kota Bandung": ("Pemkot Bandug",),
        "Pemerintah Kota Bandar Lampung": ("Pemkot Bandar Lampng",),
        "Pemerintah Kota Banda Aceh": ("Pemkot Banda Ach",),
        "Pemerintah Kota Salatiga": ("Pemkot Salatga",),
        "Pemerintah Kota Semarang": ("Pemkot Semarng", "Pemkot Semareng"),
        "Pemerintah Kota Surakarta": ("Pemkot Surakata", "Pemkot Sollo"),
        "Pemerintah Kota Surabaya": ("Pemkot Surabya", "kota surabay"),
        "Pemerintah Kota Sukabumi": ("Pemkot Sukabum",),
        "Pemerintah Kota Bogor": ("Pemkot Bogr",),
        "Pemerintah Kota Bekasi": ("Pemkot Bekas",),
        "Pemerintah Kota Depok": ("Pemkot Depk",),
        "Pemerintah Kota Tangerang": ("Pemkot Tangerng",),
        "Pemerintah Kota Tangerang Selatan": ("Pemkot Tangerang Selatn", "Pemkot Tangsell"),
        "Pemerintah Kota Padang Panjang": ("Pemko Padang Panjng",),
        "Pemerintah Kota Padangsidimpuan": ("Pemko Padangsidempuan",),
        "Pemerintah Kota Palembang": ("Pemkot Palembng",),
        "Pemerintah Kota Pekanbaru": ("Pemko Pekanbar",),
        "Pemerintah Kota Pontianak": ("Pemkot Pontinak",),
        "Pemerintah Kota Palangka Raya": ("Pemkot Palangkaray",),
        "Pemerintah Kota Makassar": ("Pemkot Makasar", "pemkot makasar", "PEMKOT MAKASAR"),
        "Pemerintah Kota Manado": ("Pemkot Menado",),
        "Pemerintah Kota Medan": ("Pemko Medn",),
        "Pemerintah Kota Malang": ("Pemkot Malng",),
        "Pemerintah Kota Madiun": ("Pemkot Madiu",),
        "Pemerintah Kota Magelang": ("Pemkot Magelng",),
        "Pemerintah Kota Mataram": ("Pemkot Mataam",),
        "Pemerintah Kota Kediri": ("Pemkot Kedri",),
        "Pemerintah Kota Blitar": ("Pemkot Blitr",),
        "Pemerintah Kota Batu": ("Pemerintah Kota Batuu",),
        "Pemerintah Kota Yogyakarta": ("Pemkot Yogyakrta", "Pemkot Jogya"),
        "Pemerintah Kota Bukittinggi": ("Pemko Bukittingi",),
        "Pemerintah Kota Sibolga": ("Pemko Sibolg",),
        "Pemerintah Kota Binjai": ("Pemko Binjay",),
        "Pemerintah Kota Tebing Tinggi": ("Pemko Tebing Tingi",),
        "Pemerintah Kota Tanjungpinang": ("Pemkot Tanjung Pinag",),
        "Pemerintah Kota Cirebon": ("Pemkot Cirebn",),
        "Pemerintah Kota Tasikmalaya": ("Pemkot Tasikmalya",),
        "Pemerintah Kota Kupang": ("Pemkot Kupng",),
        "Pemerintah Kota Kendari": ("Pemkot Kendary",),
        "Pemerintah Kota Jayapura": ("Pemkot Jayapur",),
        "Pemerintah Kota Ternate": ("Pemkot Ternat",),
        "Pemerintah Kota Samarinda": ("Pemkot Samarnda",),
        "Pemerintah Kota Balikpapan": ("Pemkot Balikpapn",),
        "Pemerintah Kota Bontang": ("Kota Bontan",),
        "Pemerintah Kota Padang": ("Pemko Padng",),
        "Pemerintah Kota Palu": ("Pemkot Plau",),
    },
    "kabupaten": {
        "Pemerintah Kabupaten Sleman": ("Pemkab Slemn", "Kabupaten Selman", "pemkab slemann", "PemkabSlemn", "Pemkab Slemen"),
        "Pemerintah Kabupaten Kulon Progo": ("Pemkab Kulon Progi",),
        "Pemerintah Kabupaten Gunungkidul": ("Pemkab Gunung Kdul",),
        "Pemerintah Kabupaten Sarolangun": ("Pemkab Sarolangon",),
        "Pemerintah Kabupaten Tanjung Jabung Barat": ("Pemkab Tanjab Barta", "Pemkab Tanjabar"),
        "Pemerintah Kabupaten Tanjung Jabung Timur": ("Pemkab Tanjung Jabung Timr", "Pemkab Tanjabtm"),
        "Pemerintah Kabupaten Muaro Jambi": ("Pemkab Muaro Jmbi",),
        "Pemerintah Kabupaten Kerinci": ("Pemkab Kerinc",),
        "Pemerintah Kabupaten Bungo": ("Pemkab Bung",),
        "Pemerintah Kabupaten Tebo": ("Pemkab Tebbo",),
        "Pemerintah Kabupaten Merangin": ("Pemkab Merangn",),
        "Pemerintah Kabupaten Batang Hari": ("Pemkab Batang Har",),
        "Pemerintah Kabupaten Bandung": ("Pemkab Bandng",),
        "Pemerintah Kabupaten Bandung Barat": ("Pemkab Bandung Brat",),
        "Pemerintah Kabupaten Bogor": ("Pemkab Bogorr",),
        "Pemerintah Kabupaten Bekasi": ("Kab. Bekasii",),
        "Pemerintah Kabupaten Sukabumi": ("Pemkab Sukabmi",),
        "Pemerintah Kabupaten Cirebon": ("Pemkab Cirebn",),
        "Pemerintah Kabupaten Tasikmalaya": ("Pemkab Tasikmalay",),
        "Pemerintah Kabupaten Sumedang": ("Pemkab Sumedag",),
        "Pemerintah Kabupaten Tangerang": ("Pemkab Tangerng",),
        "Pemerintah Kabupaten Semarang": ("Kabupaten Semarag",),
        "Pemerintah Kabupaten Magelang": ("Pemkab Magleang",),
        "Pemerintah Kabupaten Sragen": ("Pemkab Sragn",),
        "Pemerintah Kabupaten Sukoharjo": ("Pemkab Sukoharj",),
        "Pemerintah Kabupaten Malang": ("Pemkab Malag",),
        "Pemerintah Kabupaten Kediri": ("Pemkab Kedirii",),
        "Pemerintah Kabupaten Blitar": ("Pemkab Blita",),
        "Pemerintah Kabupaten Madiun": ("Pemkab Madiunn",),
        "Pemerintah Kabupaten Sidoarjo": ("Pemkab Sidoarja",),
        "Pemerintah Kabupaten Situbondo": ("Pemkab Situbond",),
        "Pemerintah Kabupaten Sampang": ("Pemkab Sampan",),
        "Pemerintah Kabupaten Banjar": ("Pemkab Banjarr",),
        "Pemerintah Kabupaten Tanah Laut": ("Pemkab Tanah Lau",),
        "Pemerintah Kabupaten Tanah Bumbu": ("Pemkab Tanah Bumb",),
        "Pemerintah Kabupaten Hulu Sungai Selatan": ("Pemkab Hulu Sungai Selata",),
        "Pemerintah Kabupaten Hulu Sungai Tengah": ("Pemkab Hulu Sungai Tenga",),
        "Pemerintah Kabupaten Hulu Sungai Utara": ("Pemkab Hulu Sunga Utara",),
        "Pemerintah Kabupaten Kotabaru": ("Pemkab Kotabru",),
        "Pemerintah Kabupaten Kutai Kartanegara": ("Pemkab Kutai Kartanagara", "Pemkab Kukr"),
        "Pemerintah Kabupaten Kutai Timur": ("Pemkab Kutai Timu",),
        "Pemerintah Kabupaten Kutai Barat": ("Pemkab Kutai Bart",),
        "Pemerintah Kabupaten Deli Serdang": ("Pemkab Deli Sedang", "Pemkab Deliserdan"),
        "Pemerintah Kabupaten Serdang Bedagai": ("Pemkab Serdang Begadai", "Pemkab Sergia"),
        "Pemerintah Kabupaten Mandailing Natal": ("Pemkab Mandailing Nata", "Pemkab Madinna"),
        "Pemerintah Kabupaten Musi Banyuasin": ("Pemkab Musi Banyuasn", "Pemkab Mubaa"),
        "Pemerintah Kabupaten Musi Rawas": ("Pemkab Musi Rawass",),
        "Pemerintah Kabupaten Ogan Komering Ilir": ("Pemkab Ogan Komering Ilr", "Pemkab OKII"),
        "Pemerintah Kabupaten Ogan Komering Ulu": ("Pemkab Ogan Komering Ul",),
        "Pemerintah Kabupaten Lima Puluh Kota": ("Pemkab Lima Puluh Koto", "Pemkab Limapuluh Kot"),
    },
    "kepolisian": {
        "Kepolisian Daerah Jambi": ("Polda Jamb",),
        "Kepolisian Resor Kota Jambi": ("Polresta Jambii",),
        "Kepolisian Resor Muaro Jambi": ("Polres Muaro Jamby",),
        "Kepolisian Resor Kerinci": ("Polres Kerinc",),
        "Kepolisian Resor Bungo": ("Polres Bungoo",),
        "Kepolisian Resor Tebo": ("Polres Teboo",),
        "Kepolisian Resor Merangin": ("Polres Merangn",),
        "Kepolisian Resor Sarolangun": ("Polres Sarolangn",),
        "Kepolisian Resor Batanghari": ("Polres Batanghri",),
        "Kepolisian Resor Tanjung Jabung Barat": ("Polres Tanjab Bara", "Polres Tanjabar"),
        "Kepolisian Resor Tanjung Jabung Timur": ("Polres Tanjabtm",),
        "Kepolisian Daerah Daerah Istimewa Yogyakarta": ("Kepolisian Daerah Istimewa Yogyakarta",),
        "Kepolisian Resor Kota Yogyakarta": ("Polresta Yogyakrta",),
        "Kepolisian Resor Kota Sleman": ("Polresta Slemn",),
        "Kepolisian Resor Kulon Progo": ("Polres Kulon Prog",),
        "Kepolisian Resor Gunungkidul": ("Polres Gunung Kidl",),
        "Kepolisian Resor Bantul": ("Polres Bantl",),
        "Kepolisian Daerah Kalimantan Selatan": ("Polda Kalsell",),
        "Kepolisian Resor Kota Banjarmasin": ("Polresta Banjarmasn",),
        "Kepolisian Resor Banjarbaru": ("Polres Banjarbaruu",),
        "Kepolisian Resor Tanah Laut": ("Polres Tanah Lau",),
        "Kepolisian Resor Tanah Bumbu": ("Polres Tanah Bumbuu",),
        "Kepolisian Resor Tabalong": ("Polres Tabalog",),
        "Kepolisian Daerah Jawa Barat": ("Polda Jawa Brat",),
        "Kepolisian Daerah Jawa Tengah": ("Polda Jateg",),
        "Kepolisian Daerah Jawa Timur": ("Polda Jawa Timr", "Polda Jatimm"),
        "Kepolisian Daerah Sumatera Utara": ("Polda Sumatra Utara", "Polda Sumt"),
        "Kepolisian Resor Kota Besar Medan": ("Polrestabes Medn",),
        "Kepolisian Resor Kota Besar Surabaya": ("Polrestabes Surabya",),
        "Kepolisian Resor Kota Besar Semarang": ("Polrestabes Semarng",),
        "Kepolisian Resor Kota Besar Bandung": ("Polrestabes Bandug",),
        "Kepolisian Resor Serdang Bedagai": ("Polres Serdang Bedagei",),
    },
    "kantor-pertanahan": {
        "Kantor Pertanahan Kabupaten Tanah Laut": ("Kantah Tanah Lau", "Kantor Pertanahan Kabupaten Tanah Lau", "Kantah Tlaa"),
        "Kantor Pertanahan Kabupaten Tanah Bumbu": ("Kantah Tanah Bumb",),
        "Kantor Pertanahan Kabupaten Hulu Sungai Utara": ("Kantah Hulu Sungai Utra", "Kantah HSUU"),
        "Kantor Pertanahan Kabupaten Hulu Sungai Selatan": ("Kantah Hulu Sungai Selata",),
        "Kantor Pertanahan Kabupaten Barito Kuala": ("Kantah Barito Kual", "Kantah Batol"),
        "Kantor Pertanahan Kabupaten Balangan": ("Kantah Balangn", "Kantor Pertanahan Balangn"),
        "Kantor Pertanahan Kabupaten Banjar": ("Kantah Banjr",),
        "Kantor Pertanahan Kota Banjarbaru": ("Kantah Banjarbaruu",),
        "Kantor Pertanahan Kota Banjarmasin": ("Kantah Banjarmasn",),
        "Kantor Pertanahan Kabupaten Tabalong": ("Kantah Tabalog",),
        "Kantor Pertanahan Kabupaten Kotabaru": ("Kantah Kotabru",),
        "Kantor Pertanahan Kota Jambi": ("Kantah Kota Jamb",),
        "Kantor Pertanahan Kabupaten Muaro Jambi": ("Kantah Muaro Jmbi",),
        "Kantor Pertanahan Kabupaten Sleman": ("Kantah Kabupaten Slemn",),
        "Kantor Pertanahan Kota Yogyakarta": ("Kantah Kota Yogyakrta",),
        "Kantor Pertanahan Kabupaten Kulon Progo": ("Kantah Kulon Prgo",),
        "Kantor Pertanahan Kota Bandung": ("Kantah Kota Bandug",),
        "Kantor Pertanahan Kabupaten Bandung": ("Kantah Kabupaten Bandng",),
        "Kantor Pertanahan Kabupaten Bandung Barat": ("Kantah Kabupaten Bandung Brat",),
        "Kantor Pertanahan Kota Surabaya I": ("Kantah Kota Surabya I",),
        "Kantor Pertanahan Kota Surabaya II": ("Kantah Kota Surabya II",),
        "Kantor Pertanahan Kabupaten Sidoarjo": ("Kantah Sidoarjoo",),
        "Kantor Pertanahan Kota Medan": ("Kantah Kota Medn",),
        "Kantor Pertanahan Kabupaten Deli Serdang": ("Kantah Deli Serdng",),
        "Kantor Pertanahan Kota Semarang": ("Kantah Kota Semarng",),
        "Kantor Pertanahan Kabupaten Semarang": ("Kantah Kabupaten Semarng",),
        "Kantor Pertanahan Kota Tangerang Selatan": ("Kantah Tangsell", "Kantah Kota Tangerang Selatn"),
    },
    "lainnya": {
        "Mahkamah Agung Republik Indonesia": ("Mahkamah Agug",),
        "Kejaksaan Agung Republik Indonesia": ("Kejaksaan Agng",),
        "Kejaksaan Tinggi Jambi": ("Kejati Jamb", "Kejaksaan Tingi Jambi"),
        "Kejaksaan Negeri Sleman": ("Kejari Slemn",),
        "Pengadilan Negeri Jambi": ("Pengadilan Negri Jambi",),
        "Pengadilan Agama Jambi": ("Pengadilan Agma Jambi",),
        "Pengadilan Negeri Banjarmasin": ("Pengadilan Negeri Banjarmsin",),
        "Kantor Imigrasi Kelas I TPI Jambi": ("Kanim Jamb",),
        "Kantor Imigrasi Kelas I TPI Banjarmasin": ("Kanim Banjarmasn",),
        "Rumah Sakit Umum Daerah Raden Mattaher": ("RSUD Raden Mataher",),
        "Rumah Sakit Umum Daerah Ulin Banjarmasin": ("RSUD Ulin Banjarmsin",),
        "Rumah Sakit Umum Pusat Dr. Sardjito": ("RSUP Dr. Sarjito", "RSUP Sardjit"),
        "Universitas Jambi": ("Universitas Jamby",),
        "Universitas Gadjah Mada": ("Universitas Gajah Mada", "UGMM"),
        "Universitas Lambung Mangkurat": ("Universitas Lambung Mangkurt", "Univ. Lambung Mangkurat"),
        "PT PLN (Persero)": ("PT PLN Persero",),
        "PT Pos Indonesia (Persero)": ("PT Pos Indonesa",),
        "BPJS Kesehatan": ("BPJS Kesehatn", "BPJS Keshatan"),
        "BPJS Ketenagakerjaan": ("BPJS Ketenagakerjan",),
        "Sekretariat Jenderal DPR RI": ("Sekretariat Jendral DPR RI",),
        "DPRD Provinsi Jambi": ("DPRD Provinsi Jamb",),
        "Perumda Air Minum Tirta Mayang": ("PDAM Tirta Mayng",),
        "Satuan Polisi Pamong Praja Kota Jambi": ("Satpol PP Kota Jamb",),
        "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi": ("Disdukcapil Kota Jamby",),
        "Ombudsman Republik Indonesia Perwakilan Jambi": ("Ombusdman Jambi",),
    },
}

CASES = [pytest.param(typo, intended, id=typo) for table in MISSPELLINGS.values() for intended, typos in table.items() for typo in typos]


def test_every_kind_has_at_least_twenty_misspelt_names(hard) -> None:
    assert set(MISSPELLINGS) == {kind.name for kind in KINDS}
    registered = {entry.name: entry.kind for entry in hard.entries}
    for kind, table in MISSPELLINGS.items():
        assert sum(1 for entry in hard.entries if entry.kind == kind) >= 20, kind
        assert len(table) >= 20, kind
        for intended, typos in table.items():
            assert registered.get(intended) == kind, intended
            for typo in typos:
                assert hard.resolve(typo) is None, f"{typo!r} is a registered name, not a misspelling"


@pytest.mark.parametrize(("typo", "intended"), CASES)
def test_a_misspelling_suggests_the_intended_institution_first(config, hard, typo: str, intended: str) -> None:
    found = ranked(hard, typo)
    assert found[0][1] == intended, f"{typo!r} ranks {found[:3]}"
    assert found[0][0] >= CLOSE, f"{typo!r} is not close enough to {intended!r}: {found[:3]}"
    english, indonesian = lines(config, hard, typo)
    assert f"institution '{typo}' is not in institutions.toml; did you mean '{intended}'?" in english
    assert f"instansi '{typo}' tidak ada di institutions.toml; maksud Anda '{intended}'?" in indonesian


@pytest.mark.parametrize(
    ("written", "intended"),
    [
        ("Pemkab Bukittinggi", "Pemerintah Kota Bukittinggi"),  # the press calls a city a regency
        ("Polres Kota Jambi", "Kepolisian Resor Kota Jambi"),  # Polres Kota is Polresta, not Polda Jambi
        ("Polresta Jambii", "Kepolisian Resor Kota Jambi"),
        ("Polda Jamb", "Kepolisian Daerah Jambi"),
        ("Kemendagr", "Kementerian Dalam Negeri"),  # not Kemendag
        ("Kemendga", "Kementerian Perdagangan"),  # not Kemendagri
    ],
)
def test_near_neighbours_are_told_apart(hard, written: str, intended: str) -> None:
    assert suggestion(hard, written) == intended, ranked(hard, written)[:3]


# Real bodies the hard registry does not hold, some a letter or two from one it does; a suggestion
# here would hide the hint that registers them.
NEW = [
    "Pemerintah Kabupaten Bantul",
    "Pemerintah Kabupaten Kendal",
    "Pemerintah Kabupaten Kampar",
    "Pemerintah Kabupaten Banyumas",
    "Pemkab Pekalongan",
    "Pemerintah Kota Pekalongan",
    "Pemerintah Kota Tegal",
    "Pemkot Dumai",
    "Pemerintah Provinsi Papua Tengah",
    "Pemerintah Provinsi Papua Selatan",
    "Kementerian Kebudayaan",
    "Kementerian Investasi dan Hilirisasi",
    "Badan Pengawas Pemilihan Umum",
    "Kepolisian Resor Kutai Timur",
    "Kantor Pertanahan Kabupaten Bantul",
    "Kantor Pertanahan Kota Bekasi",
]


@pytest.mark.parametrize("name", NEW)
def test_a_new_name_in_a_full_registry_is_told_how_to_register(config, hard, name: str) -> None:
    assert suggestion(hard, name) is None, ranked(hard, name)[:3]
    english, indonesian = lines(config, hard, name)
    registration = registration_lines(name, KINDS, ("province",))
    assert english == (
        f"content/x.md:4: warning: institution '{name}' is not in content/institutions.toml"
        f" (register it: add to content/institutions.toml the lines  {registration})"
    )
    assert indonesian == (
        f"content/x.md:4: peringatan: instansi '{name}' tidak ada di content/institutions.toml"
        f" (daftarkan: tambahkan ke content/institutions.toml baris  {registration})"
    )
