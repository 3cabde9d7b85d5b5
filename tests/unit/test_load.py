"""Reading files: front-matter split by python-frontmatter, key lines from the YAML nodes."""

from __future__ import annotations

from arsip.i18n import language
from arsip.source.frontmatter import parse_doc


def parse(text: str):
    problems = []
    return parse_doc(text, "content/x.md", "d", problems), problems


def test_key_lines_are_file_lines() -> None:
    doc, _ = parse("---\ntitle: A\ndate: 2024-12-03\nawards:\n  - institution: B\n    score: 1\n---\nBody\n")
    assert doc.key_lines["title"] == 2
    assert doc.key_lines["awards.0.score"] == 6
    assert doc.line("awards.0.zone") == 5
    assert doc.body == "Body\n"


def test_leading_blank_lines_keep_line_numbers() -> None:
    doc, _ = parse("\n\n---\ntitle: A\n---\nBody\n")
    assert doc.key_lines["title"] == 4


def test_dates_and_decimals_stay_as_written() -> None:
    doc, _ = parse("---\ndate: 2024-12-03\nscore: 90.20\nyear: 2024\n---\n")
    assert doc.meta == {"date": "2024-12-03", "score": "90.20", "year": 2024}


def test_no_front_matter() -> None:
    doc, problems = parse("Just text\n")
    assert doc is None and [(p.line, str(p.message)) for p in problems] == [(1, "no front-matter")]


def test_front_matter_that_is_a_list() -> None:
    doc, problems = parse("---\n- a\n- b\n---\n")
    assert doc is None and str(problems[0].message) == "the front-matter is a list, not a list of fields"
    assert problems[0].format(language("id")) == (
        "content/x.md:1: kesalahan: front-matter berupa daftar, bukan deretan isian "
        "(tulis satu 'kunci: nilai' per baris, mis. 'title: ...')"
    )


def test_unclosed_front_matter() -> None:
    doc, problems = parse("---\ntitle: A\n")
    assert doc is None and str(problems[0].message) == "the front-matter is not closed"


def test_numbers_and_words_mean_what_the_editor_wrote() -> None:
    doc, problems = parse("---\nscore: 075\ntime: 1:30\nhex: 0x1F\nbig: 1_000\nsays: no\nflag: true\nrank: -3\n---\n")
    assert problems == []
    assert doc.meta == {"score": "075", "time": "1:30", "hex": "0x1F", "big": "1_000", "says": "no", "flag": True, "rank": -3}


def test_a_key_written_twice_is_an_error_naming_both_lines() -> None:
    doc, problems = parse("---\ntitle: A\nscore: 80\nawards:\n  - institution: B\n    zone: hijau\n    zone: merah\nscore: 90\n---\n")
    assert doc is None
    assert [(p.line, str(p.message)) for p in problems] == [
        (7, "'awards.0.zone' is written twice, on lines 6 and 7"),
        (8, "'score' is written twice, on lines 3 and 8"),
    ]


def test_a_key_written_twice_reads_in_indonesian() -> None:
    _, problems = parse("---\ntitle: A\ntitle: B\n---\n")
    assert [p.format(language("id")) for p in problems] == [
        "content/x.md:3: kesalahan: 'title' ditulis dua kali, di baris 2 dan 3 (pertahankan salah satu dari kedua baris itu)"
    ]
