"""Front-matter rules: each rule one test, problems at the right line with a hint."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sitetools import sample_kinds

from arsip.i18n import language
from arsip.model.validate import validate_doc
from arsip.source.config import load_config
from arsip.source.frontmatter import parse_doc
from arsip.source.registry import build_directory

KINDS = sample_kinds()

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def config():
    loaded, problems = load_config(ROOT)
    assert not problems
    return loaded


def check(config, front_matter: str, body: str = "Isi."):
    problems = []
    doc = parse_doc(f"---\n{front_matter}---\n{body}\n", "content/x.md", "digest", problems)
    directory, _ = build_directory(None, KINDS, ("province",))
    release = validate_doc(doc, directory, frozenset(), config, problems) if doc else None
    return release, problems


BASE = "title: T\ndate: 2024-12-03\ninstitution: Pemerintah Kota Jambi\n"


@pytest.mark.parametrize("written", ["93.68", "93,68", '"93,68"', "'93.68'"])
def test_score_forms(config, written: str) -> None:
    release, problems = check(config, BASE + f"score: {written}\n")
    assert not problems and release.score == Decimal("93.68")


def test_published_precision_is_kept(config) -> None:
    release, _ = check(config, BASE + "score: 90.20\n")
    assert str(release.score) == "90.20"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("abc", "score 'abc' is not a number"),
        (".nan", "score '.nan' is not a number"),
        ("-3", "score -3 is negative"),
        ("120", "score 120 is above the scale of 100 used for 2022-2024"),
        ("[1, 2]", "score '[1, 2]' is not a number"),
    ],
)
def test_bad_scores(config, written: str, message: str) -> None:
    release, problems = check(config, BASE + f"score: {written}\n")
    assert release is None
    assert [(p.line, str(p.message)) for p in problems] == [(5, message)]


@pytest.mark.parametrize("written", ["hijau", "Hijau", "HIJAU", "Zona Hijau", "green"])
def test_zone_words_are_normalised(config, written: str) -> None:
    release, problems = check(config, BASE + f"zone: {written}\n")
    assert not problems and release.zone == "hijau"


def test_zone_and_category_are_derived_from_score_and_year(config) -> None:
    release, _ = check(config, BASE + "score: 80\n")
    assert (release.zone, release.category, release.letter) == ("hijau", "Kualitas Tinggi", "B")
    release, _ = check(config, BASE + "year: 2021\nscore: 80\n")
    assert (release.zone, release.category, release.letter) == ("kuning", "Kepatuhan Sedang", None)


def test_category_alone_gives_the_zone(config) -> None:
    release, problems = check(config, BASE.replace("2024-12-03", "2024-01-31") + "year: 2023\ncategory: Kualitas Tertinggi\n")
    assert not problems and (release.zone, release.letter) == ("hijau", "A")


def test_2025_has_no_zone(config) -> None:
    release, problems = check(config, BASE.replace("2024-12-03", "2026-01-29") + "year: 2025\nscore: 65,98\n")
    assert not problems and release.zone is None and release.score == Decimal("65.98")


def test_year_2020_had_no_assessment(config) -> None:
    _, problems = check(config, BASE.replace("2024-12-03", "2021-01-10") + "year: 2020\nscore: 80\n")
    assert [str(p.message) for p in problems] == ["no rubric period covers assessment year 2020"]


def test_news_item_has_no_award(config) -> None:
    release, problems = check(config, BASE)
    assert not problems and release.is_news and release.claims == ()


def test_year_defaults_to_the_date(config) -> None:
    release, _ = check(config, BASE)
    assert release.year == 2024


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("date: 2024-02-30\n", "date '2024-02-30' does not exist in the calendar"),
        ("date: 3 Desember 2024\n", "date '3 Desember 2024' is not written as YYYY-MM-DD"),
    ],
)
def test_bad_dates(config, line: str, message: str) -> None:
    _, problems = check(config, "title: T\n" + line + "institution: Pemkot Jambi\n")
    assert [(p.line, str(p.message)) for p in problems] == [(3, message)]


def test_missing_fields_point_at_the_first_line(config) -> None:
    _, problems = check(config, "date: 2024-12-03\n")
    assert [(p.line, str(p.message)) for p in problems] == [
        (1, "required field 'title' is missing"),
        (1, "required field 'institution' is missing"),
    ]


def test_title_must_be_text(config) -> None:
    _, problems = check(config, "title: [a, b]\ndate: 2024-12-03\ninstitution: Pemkot Jambi\n")
    assert [(p.line, str(p.message)) for p in problems] == [(2, "'title' must be text, not a list")]


def test_slug_rules(config) -> None:
    release, _ = check(config, BASE)
    assert release.slug == "2024-12-03-t"
    _, problems = check(config, BASE + "slug: ../etc\n")
    assert [str(p.message) for p in problems] == ["slug '../etc' may use only a-z, 0-9 and single '-'"]
    assert str(problems[0].hint) == "write  slug: etc"


def test_award_items_point_at_their_own_lines(config) -> None:
    awards = "awards:\n  - institution: Pemkab Sarolangun\n    score: 90,53\n  - score: 80\n  - institution: Pemkab Bungo\n    zone: ungu\n"
    text = BASE + "score: 93,68\n" + awards
    _, problems = check(config, text)
    assert [(p.line, str(p.message)) for p in problems] == [
        (9, "required field 'institution' is missing"),
        (11, "zone 'ungu' is not one of hijau, kuning, merah"),
    ]


def test_awards_must_be_a_list(config) -> None:
    _, problems = check(config, BASE + "awards: Pemkab Bungo\n")
    assert [(p.line, str(p.message)) for p in problems] == [(5, "'awards' must be a list")]


def test_unsafe_source_is_refused(config) -> None:
    _, problems = check(config, BASE + "source: javascript:alert(1)\n")
    assert [str(p.message) for p in problems] == ["source 'javascript:alert(1)' is not a web address"]


def test_zone_for_a_year_without_zones_warns(config) -> None:
    release, problems = check(config, BASE.replace("2024-12-03", "2026-01-29") + "year: 2025\nzone: hijau\n")
    assert release is not None
    assert [(p.severity, p.line, str(p.message)) for p in problems] == [
        ("warning", 6, "no zones were published for 2025 (Opini Ombudsman (sejak 2025)); zone 'hijau' is shown as written")
    ]


def test_category_contradicting_the_score_warns(config) -> None:
    _, problems = check(config, BASE + "score: 74\ncategory: Kualitas Tertinggi\n")
    assert [(p.severity, p.line) for p in problems] == [("warning", 6)]
    assert str(problems[0].hint) == "write  category: Kualitas Sedang  or check the score"


def test_a_wrong_zone_is_reported_even_when_the_year_is_wrong(config) -> None:
    _, problems = check(config, BASE + "year: 2030\nzone: hijo\n")
    assert sorted(p.line for p in problems if p.is_error) == [5, 6]


def test_aliases_are_former_slugs(config) -> None:
    release, problems = check(config, BASE + "aliases: [2024-12-03-judul-lama, 2024-12-03-judul-lama]\n")
    assert problems == [] and release.aliases == ("2024-12-03-judul-lama",)
    release, problems = check(config, BASE + "aliases: 2024-12-03-judul-lama\n")
    assert problems == [] and release.aliases == ("2024-12-03-judul-lama",)


def test_an_alias_that_is_no_slug_points_at_its_line_with_the_slug_to_write(config) -> None:
    aliases = "aliases:\n  - 2024-12-03-baik\n  - https://arsip.example.org/rilis/2024-12-03-Judul-Lama/\n  - 2024-12-03-t\n"
    _, problems = check(config, BASE + aliases)
    assert [(p.line, p.severity, str(p.message), str(p.hint)) for p in problems] == [
        (7, "error", "alias 'https://arsip.example.org/rilis/2024-12-03-Judul-Lama/' is not a slug: it may use only a-z, 0-9 "
         "and single '-'",
         "write the last part of the old address, e.g.  aliases: [2024-12-03-judul-lama]"),
        (8, "warning", "alias '2024-12-03-t' is this release's own slug", "remove it from aliases"),
    ]
    _, problems = check(config, BASE + "aliases: {a: b}\n")
    assert [(p.line, str(p.message)) for p in problems] == [(5, "'aliases' must be a list of the slugs this release had before")]


def test_an_old_address_leads_to_one_release_only(config) -> None:
    from arsip.model.validate import validate_all

    texts = {
        "content/a.md": "title: A\ndate: 2024-12-03\ninstitution: Pemkot Jambi\naliases: [2024-12-03-b]\n",
        "content/b.md": "title: B\ndate: 2024-12-03\ninstitution: Pemkot Jambi\n",
        "content/c.md": "title: C\ndate: 2024-12-03\ninstitution: Pemkot Jambi\naliases: [lama, 2024-12-03-lain]\n",
        "content/d.md": "title: D\ndate: 2024-12-03\ninstitution: Pemkot Jambi\naliases:\n  - lama\n",
    }
    docs = tuple(parse_doc(f"---\n{text}---\nIsi.\n", path, "digest", []) for path, text in texts.items())
    releases, problems = validate_all(docs, build_directory(None, KINDS, ("province",))[0], (), config)
    assert len(releases) == 4
    assert [p.format(language("id")) for p in problems if p.is_error] == [
        "content/a.md:5: kesalahan: alias '2024-12-03-b' adalah slug dari content/b.md:2 "
        "(satu alamat lama hanya bisa mengarah ke satu rilis: hapus dari salah satunya)",
        "content/d.md:6: kesalahan: alias 'lama' juga alias dari content/c.md:5 "
        "(satu alamat lama hanya bisa mengarah ke satu rilis: hapus dari salah satunya)",
    ]
