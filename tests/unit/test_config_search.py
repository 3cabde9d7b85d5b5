"""The `[search]` table of site_config.toml: the sample site's filter names are read, a site without the table gets plain
defaults, and every wrong name is reported at its line in the table, in English and Indonesian, all at once."""

from __future__ import annotations

import tomllib
from pathlib import Path

from arsip.i18n import ENGLISH, language
from arsip.source.config import parse_config
from arsip.source.config_search import SearchKeys

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "site_config.toml").read_text(encoding="utf-8")


def parsed(text: str):
    return parse_config(ROOT, tomllib.loads(text), text)


def test_the_sample_site_names_its_filters_in_its_own_words() -> None:
    config, problems = parsed(SAMPLE)
    assert problems == []
    words = ("tahun", "zona", "kategori", "jenis", "provinsi", "instansi", "nilai", "terakhir", "kabupaten-kota")
    assert config.programme.search == SearchKeys(*words)
    assert (config.programme.search.year_grade, config.programme.search.year_category) == ("tahun_zona", "tahun_kategori")


def test_without_the_table_the_names_are_plain_defaults() -> None:
    start, end = SAMPLE.index("[search]"), SAMPLE.index("# Published addresses")
    config, problems = parsed(SAMPLE[:start] + SAMPLE[end:])
    assert problems == [] and config.programme.search == SearchKeys()


def test_every_wrong_name_is_reported_at_its_line_in_the_table() -> None:
    text = (
        SAMPLE.replace('grade = "zona"', 'grade = "Zona Hijau"')
        .replace('kind = "jenis"', 'kind = ""')
        .replace('province = "provinsi"', 'provinsi = "provinsi"')
        .replace('institution = "instansi"', 'institution = "q"')
        .replace('score = "nilai"', 'score = "kategori"')
    )
    config, problems = parsed(text)
    assert config is None
    lines = text.splitlines()
    problems.sort(key=lambda problem: problem.line)  # as the command shows them
    table = lines.index("[search]") + 1
    assert all(problem.line > table for problem in problems)  # not the permalink `year = ...` nor a [[grade]] above
    shown = [(lines[problem.line - 1], ENGLISH(problem.message), problem.hint and ENGLISH(problem.hint)) for problem in problems]
    assert shown == [
        (
            'grade = "Zona Hijau"',
            "[search] grade = 'Zona Hijau' may use only a-z, 0-9, '-' and '_', starting with a letter",
            'write e.g.  grade = "grade"',
        ),
        ('kind = ""', '[search] kind must be a name in quotes, not empty: e.g.  kind = "kind"', None),
        ('provinsi = "provinsi"', "unknown key 'search.provinsi'", "did you mean 'province'?"),
        (
            'institution = "q"',
            "[search] institution = 'q' is a name the search page uses itself",
            "choose a name other than q, title, image, image_alt, url, length, item",
        ),
        ('score = "kategori"', "[search] 'category' and 'score' have the same name 'kategori'", "give each filter a name of its own"),
    ]
    indonesian = language("id")
    assert indonesian(problems[0].message) == "[search] grade = 'Zona Hijau' hanya boleh memakai a-z, 0-9, '-' dan '_', diawali huruf"
    assert indonesian(problems[4].message) == "[search] 'category' dan 'score' bernama sama, 'kategori'"


def test_a_name_may_not_be_that_of_a_year_paired_with_a_grade() -> None:
    text = SAMPLE.replace('kind = "jenis"', 'kind = "tahun_zona"')
    config, problems = parsed(text)
    assert config is None
    assert [ENGLISH(problem.message) for problem in problems] == ["[search] 'kind' and 'year_grade' have the same name 'tahun_zona'"]
    assert text.splitlines()[problems[0].line - 1] == 'kind = "tahun_zona"'


def test_the_table_must_be_a_table() -> None:
    start, end = SAMPLE.index("[search]"), SAMPLE.index("# Published addresses")
    text = 'search = "tahun"\n' + SAMPLE[:start] + SAMPLE[end:]
    config, problems = parsed(text)
    assert config is None and len(problems) == 1 and problems[0].line == 1
    assert ENGLISH(problems[0].hint) == 'write a table: a line [search], then lines such as  year = "tahun"'
