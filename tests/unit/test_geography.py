"""`geography` in site_config.toml: the sample site has provinces (the default), a site with regencies and cities
within them writes `geography = ["province", "regency"]`, a national programme `geography = []`; a level the engine
does not know, a regency without its province before it, or a kind that belongs to a place without one is an error
at its line, in English and Indonesian."""

from __future__ import annotations

import tomllib
from pathlib import Path

from arsip.i18n import ENGLISH, language
from arsip.source.config import parse_config

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "site_config.toml").read_text(encoding="utf-8")
NATIONAL = SAMPLE.replace("regional = true\n", "").replace('geography = ["province"]', "geography = []")


def parsed(text: str):
    return parse_config(ROOT, tomllib.loads(text), text)


def test_the_sample_site_has_provinces_which_is_the_default() -> None:
    config, problems = parsed(SAMPLE)
    assert problems == [] and config.programme.geography == ("province",)
    config, problems = parsed(SAMPLE.replace('geography = ["province"]', ""))  # the default
    assert problems == [] and config.programme.geography == ("province",)


def test_a_national_programme_has_no_geography() -> None:
    config, problems = parsed(NATIONAL)
    assert problems == [] and config.programme.geography == ()


def test_an_unknown_level_is_an_error_at_its_line() -> None:
    text = NATIONAL.replace("geography = []", 'geography = ["kabupaten"]')
    config, problems = parsed(text)
    assert config is None and len(problems) == 1
    assert text.splitlines()[problems[0].line - 1].startswith('geography = ["kabupaten"]')
    assert ENGLISH(problems[0].message) == "geography: 'kabupaten' is not a level of place, or is written twice"
    assert language("id")(problems[0].message) == "geography: 'kabupaten' bukan tingkat wilayah, atau ditulis dua kali"


def test_a_kind_of_a_place_needs_a_geography() -> None:
    text = SAMPLE.replace('geography = ["province"]', "geography = []")
    config, problems = parsed(text)
    assert config is None
    assert {ENGLISH(problem.message) for problem in problems} == {
        f"kind '{kind}' belongs to a place (regional = true), but geography = [] has none"
        for kind in ("provinsi", "kota", "kabupaten", "kepolisian", "kantor-pertanahan")
    }
    assert all(text.splitlines()[problem.line - 1] == "regional = true" for problem in problems)


def test_regencies_and_cities_lie_within_provinces() -> None:
    config, problems = parsed(SAMPLE.replace('geography = ["province"]', 'geography = ["province", "regency"]'))
    assert problems == [] and config.programme.geography == ("province", "regency")
    for written in ('geography = ["regency"]', 'geography = ["regency", "province"]'):
        text = SAMPLE.replace('geography = ["province"]', written)
        config, problems = parsed(text)
        assert config is None and len(problems) == 1, written
        assert text.splitlines()[problems[0].line - 1].startswith(written)
        assert ENGLISH(problems[0].message) == "geography: 'regency' lies within 'province', which must come before it"
        assert language("id")(problems[0].message) == "geography: 'regency' berada di dalam 'province', yang harus ditulis lebih dulu"
