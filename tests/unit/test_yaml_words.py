"""Broken front-matter and broken TOML in plain words: the line to look at, what is wrong and what to write,
in English and in Indonesian, never in the parser's own words."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from sitetools import sample_kinds

from arsip.i18n import language
from arsip.model.validate import validate_doc
from arsip.source import assets
from arsip.source.config import load_config
from arsip.source.config_checks import toml_problem
from arsip.source.frontmatter import parse_doc
from arsip.source.registry import build_directory

KINDS = sample_kinds()

ROOT = Path(__file__).resolve().parents[2]
ID = language("id")
PARSER_WORDS = (
    "could not find expected",
    "mapping values are not allowed",
    "found character",
    "cannot start any token",
    "while scanning",
    "while parsing",
    "end of stream",
    "expected <block end>",
    "invalid YAML",
    "scalar",
    "Illegal character",
    "Invalid value",
    "Unterminated string",
    "at column",
    "invalid TOML",
)
HEAD = "---\ntitle: Rilis Uji\ndate: 2024-12-03\n"  # lines 1-3; the broken line is line 4 unless said otherwise


def problems_of(front_matter: str) -> list:
    problems: list = []
    assert parse_doc(HEAD + front_matter + "---\n\nIsi.\n", "content/rilis.md", "d", problems) is None
    return problems


def assert_plain(lines: list[str]) -> None:
    for line in lines:
        for words in PARSER_WORDS:
            assert words not in line, line


@pytest.mark.parametrize(
    ("front_matter", "english", "indonesian"),
    [
        pytest.param(
            "institution Pemerintah Kota Jambi\nscore: 91\n",
            "content/rilis.md:4: error: no colon after the field name 'institution' "
            "(write a colon and a space after the name: institution: Pemerintah Kota Jambi)",
            "content/rilis.md:4: kesalahan: tidak ada titik dua setelah nama isian 'institution' "
            "(tulis titik dua dan spasi setelah nama isian: institution: Pemerintah Kota Jambi)",
            id="missing-colon",
        ),
        pytest.param(
            "institution: Pemerintah Kota Jambi\nscore 91\n",
            "content/rilis.md:5: error: no colon after the field name 'score' (write a colon and a space after the name: score: 91)",
            "content/rilis.md:5: kesalahan: tidak ada titik dua setelah nama isian 'score' "
            "(tulis titik dua dan spasi setelah nama isian: score: 91)",
            id="missing-colon-last-line",
        ),
        pytest.param(
            "awards:\n\t- institution: Pemerintah Kota Jambi\n",
            "content/rilis.md:5: error: a tab indents this line, and front-matter is indented with spaces only "
            "(replace the tab at the start of the line with spaces)",
            "content/rilis.md:5: kesalahan: baris ini diindentasi dengan tab, padahal front-matter hanya diindentasi dengan spasi "
            "(ganti tab di awal baris dengan spasi)",
            id="tab",
        ),
        pytest.param(
            'summary: "Pemkot Jambi meraih Zona Hijau\ninstitution: Pemerintah Kota Jambi\n',
            "content/rilis.md:4: error: the quote opened on this line is never closed "
            '(end the value with the same quote: summary: "Pemkot Jambi meraih Zona Hijau")',
            "content/rilis.md:4: kesalahan: tanda kutip yang dibuka di baris ini tidak pernah ditutup "
            '(akhiri nilainya dengan tanda kutip yang sama: summary: "Pemkot Jambi meraih Zona Hijau")',
            id="unclosed-quote",
        ),
        pytest.param(
            "summary: 'Nilai 93\n",
            "content/rilis.md:4: error: the quote opened on this line is never closed "
            "(end the value with the same quote: summary: 'Nilai 93')",
            "content/rilis.md:4: kesalahan: tanda kutip yang dibuka di baris ini tidak pernah ditutup "
            "(akhiri nilainya dengan tanda kutip yang sama: summary: 'Nilai 93')",
            id="unclosed-single-quote",
        ),
        pytest.param(
            'summary: "Kota "terbaik" se-Jambi"\n',
            "content/rilis.md:4: error: the quoted value of 'summary' ends before the line does "
            "(put the whole value in quotes of the other kind: summary: 'Kota \"terbaik\" se-Jambi')",
            "content/rilis.md:4: kesalahan: nilai 'summary' yang bertanda kutip berakhir sebelum barisnya berakhir "
            "(letakkan seluruh nilai di antara tanda kutip jenis lain: summary: 'Kota \"terbaik\" se-Jambi')",
            id="quote-inside-quotes",
        ),
        pytest.param(
            "summary: Nilai: 93,68\n",
            "content/rilis.md:4: error: the value of 'summary' holds ': ', which front-matter reads as the start of another field "
            '(put the value in quotes: summary: "Nilai: 93,68")',
            "content/rilis.md:4: kesalahan: nilai 'summary' memuat ': ', yang dibaca front-matter sebagai awal isian lain "
            '(letakkan nilainya di antara tanda kutip: summary: "Nilai: 93,68")',
            id="second-colon",
        ),
        pytest.param(
            "score: 91\n- 92\n",
            "content/rilis.md:5: error: a list item under 'score', which already has its value "
            "(a field holds one value: keep score: 91 and delete the list item)",
            "content/rilis.md:5: kesalahan: butir daftar di bawah 'score', yang sudah punya nilai "
            "(satu isian memuat satu nilai: pertahankan score: 91 dan hapus butir daftar itu)",
            id="list-item-under-a-value",
        ),
        pytest.param(
            "institution: [Pemkot Jambi, Pemkab Muaro Jambi\nscore: 91\n",
            "content/rilis.md:4: error: the '[' opened on this line is never closed "
            "(close it with ']' on the same line, or write the value without brackets)",
            "content/rilis.md:4: kesalahan: '[' yang dibuka di baris ini tidak pernah ditutup "
            "(tutup dengan ']' di baris yang sama, atau tulis nilainya tanpa kurung)",
            id="unclosed-bracket",
        ),
        pytest.param(
            "institution: Pemerintah Kota Jambi\n  score: 91\n",
            "content/rilis.md:5: error: this line is indented under 'institution', which already has its value "
            "(start the line where 'institution' starts: score: 91)",
            "content/rilis.md:5: kesalahan: baris ini diindentasi di bawah 'institution', yang sudah punya nilai "
            "(mulai baris ini sejajar dengan 'institution': score: 91)",
            id="indented-under-a-value",
        ),
        pytest.param(
            "source: @ombudsman\n",
            "content/rilis.md:4: error: a value cannot start with '@' (put the value in quotes: source: \"@ombudsman\")",
            "content/rilis.md:4: kesalahan: nilai tidak boleh diawali '@' "
            '(letakkan nilainya di antara tanda kutip: source: "@ombudsman")',
            id="reserved-character",
        ),
        pytest.param(
            'summary: "C:\\Users\\arsip"\n',
            "content/rilis.md:4: error: a backslash in double quotes starts an escape such as \\n, and this one is not "
            "(put the value in single quotes: summary: 'C:\\Users\\arsip')",
            "content/rilis.md:4: kesalahan: garis miring terbalik di dalam tanda kutip ganda memulai kode khusus seperti \\n, "
            "dan yang ini bukan kode khusus (letakkan nilainya di antara tanda kutip tunggal: summary: 'C:\\Users\\arsip')",
            id="backslash-in-double-quotes",
        ),
        pytest.param(
            "%YAML 1.1\n",
            "content/rilis.md:4: error: this line cannot be read as a front-matter field "
            "(write each field as 'key: value' on its own line)",
            "content/rilis.md:4: kesalahan: baris ini tidak dapat dibaca sebagai isian front-matter "
            "(tulis setiap isian sebagai 'kunci: nilai' di barisnya sendiri)",
            id="anything-else",
        ),
    ],
)
def test_broken_front_matter_in_plain_words(front_matter: str, english: str, indonesian: str) -> None:
    problems = problems_of(front_matter)
    assert [p.format() for p in problems] == [english]
    assert [p.format(ID) for p in problems] == [indonesian]
    assert_plain([english, indonesian])


@pytest.fixture(scope="module")
def config():
    loaded, problems = load_config(ROOT)
    assert not problems
    return loaded


@pytest.mark.parametrize(
    ("front_matter", "english"),
    [
        pytest.param(
            "institution: Pemerintah Kota Jambi\nscore:\n  - 91\n  - 92\n",
            "content/rilis.md:5: error: score '[91, 92]' is not a number (write e.g.  score: 93,68  or  score: 93.68)",
            id="a-list-under-score",
        ),
        pytest.param(
            "institution: [Pemerintah Kota Jambi, Pemerintah Kabupaten Muaro Jambi]\nscore: 91\n",
            "content/rilis.md:4: error: 'institution' must be text, not a list "
            "(write it on one line, e.g.  institution: Pemerintah Kota Jambi)",
            id="a-list-as-the-institution",
        ),
    ],
)
def test_a_list_where_one_value_is_expected_is_said_by_the_validator(config, front_matter: str, english: str) -> None:
    """Valid YAML, so no syntax problem: the field's check says what the field takes, at the field's line."""
    problems: list = []
    doc = parse_doc(HEAD + front_matter + "---\n\nIsi.\n", "content/rilis.md", "d", problems)
    assert doc is not None and problems == []
    directory, _ = build_directory(None, KINDS, ("province",))
    validate_doc(doc, directory, frozenset(), config, problems)
    assert [p.format() for p in problems] == [english]
    assert_plain([english])


@pytest.mark.parametrize(
    ("text", "english", "indonesian"),
    [
        pytest.param(
            '[[institution]]\nname = "Pemerintah Kota Jambi\n',
            "content/institutions.toml:2: error: the text opened with a quote on this line is never closed "
            '(end the text with the same quote on the same line: name = "Pemerintah Kota Jambi")',
            "content/institutions.toml:2: kesalahan: teks yang dibuka dengan tanda kutip di baris ini tidak pernah ditutup "
            '(akhiri teks dengan tanda kutip yang sama di baris yang sama: name = "Pemerintah Kota Jambi")',
            id="unclosed-quote",
        ),
        pytest.param(
            "[[institution]]\nname = Pemerintah Kota Jambi\n",
            "content/institutions.toml:2: error: the value of 'name' is not text in quotes, a number, true/false, a list or a table "
            '(write text in double quotes: name = "Pemerintah Kota Jambi")',
            "content/institutions.toml:2: kesalahan: nilai 'name' bukan teks bertanda kutip, angka, true/false, daftar, atau tabel "
            '(tulis teks di antara tanda kutip ganda: name = "Pemerintah Kota Jambi")',
            id="text-without-quotes",
        ),
        pytest.param(
            '[[institution]]\nname "Pemerintah Kota Jambi"\n',
            "content/institutions.toml:2: error: no '=' after the key 'name' (write the key, '=' and the value: name = ...)",
            "content/institutions.toml:2: kesalahan: tidak ada '=' setelah kunci 'name' (tulis kunci, '=', lalu nilainya: name = ...)",
            id="missing-equals",
        ),
        pytest.param(
            '[[institution]]\naliases = ["Pemkot Jambi", "Kota Jambi"\n',
            "content/institutions.toml:2: error: the '[' opened on this line is never closed (close it with ']' on the same line)",
            "content/institutions.toml:2: kesalahan: '[' yang dibuka di baris ini tidak pernah ditutup "
            "(tutup dengan ']' di baris yang sama)",
            id="unclosed-list",
        ),
        pytest.param(
            '[[institution]]\nname = "A"\nname = "B"\n',
            "content/institutions.toml:3: error: this key or table is already written above "
            "(keep one of the two, or give this one another name)",
            "content/institutions.toml:3: kesalahan: kunci atau tabel ini sudah ditulis di atas "
            "(pertahankan salah satunya, atau beri yang ini nama lain)",
            id="written-twice",
        ),
    ],
)
def test_broken_toml_in_plain_words(text: str, english: str, indonesian: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(text)
    problem = toml_problem(raised.value, "content/institutions.toml", text)
    assert problem.format() == english
    assert problem.format(ID) == indonesian
    assert_plain([english, indonesian])


def test_source_messages_read_in_indonesian() -> None:
    problems: list = []
    parse_doc("", "content/kosong.md", "d", problems)
    parse_doc("Hanya teks\n", "content/teks.md", "d", problems)
    parse_doc("---\ntitle: A\n", "content/terbuka.md", "d", problems)
    parse_doc("---\ntitle: A\nscore: 80\nscore: 90\n---\n", "content/dua.md", "d", problems)
    assert [p.format(ID) for p in problems] == [
        "content/kosong.md: kesalahan: berkas ini kosong (tulis front-matter, title:, date: dan institution: di antara dua baris "
        "'---', lalu teksnya; atau hapus berkas ini)",
        "content/teks.md:1: kesalahan: tidak ada front-matter "
        "(awali berkas dengan baris '---', lalu title:, date:, institution:, lalu '---' lagi)",
        "content/terbuka.md:1: kesalahan: front-matter tidak ditutup (tambahkan baris '---' setelah isian front-matter terakhir)",
        "content/dua.md:4: kesalahan: 'score' ditulis dua kali, di baris 3 dan 4 (pertahankan salah satu dari kedua baris itu)",
    ]


def test_long_values_are_counted_as_the_reader_writes_numbers() -> None:
    problems = problems_of("summary: " + "a" * 6000 + "\n")
    assert [p.format() for p in problems] == [
        "content/rilis.md:4: error: a value of 6,000 characters, more than the 5,000 a field may hold "
        "(put long text below the front-matter, in the body of the release)"
    ]
    assert [p.format(ID) for p in problems] == [
        "content/rilis.md:4: kesalahan: nilai sepanjang 6.000 karakter, lebih dari 5.000 yang boleh dimuat satu isian "
        "(letakkan teks panjang di bawah front-matter, di badan rilis)"
    ]


def test_sizes_are_written_as_the_reader_writes_numbers() -> None:
    problem = assets.refused("content/foto.jpg", "foto.jpg", int(26.5 * 1024 * 1024))
    assert problem is not None
    assert problem.format() == (
        "content/foto.jpg: error: the file is 26.5 MB, more than the 25 MB a picture or document may have "
        "(make the picture smaller (e.g. 2000 pixels wide) or compress the PDF)"
    )
    assert problem.format(ID) == (
        "content/foto.jpg: kesalahan: berkas ini berukuran 26,5 MB, lebih dari 25 MB yang boleh dimiliki gambar atau dokumen "
        "(perkecil gambarnya (mis. lebar 2000 piksel) atau mampatkan PDF-nya)"
    )
