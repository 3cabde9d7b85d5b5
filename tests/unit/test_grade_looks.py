"""A grade's looks in site_config.toml: colours in each colour scheme, the marker beside its label and the pattern of its
chart band; what is left out follows from the grade's place, and a mistake is reported at its line with the choices."""

from __future__ import annotations

import tomllib
from pathlib import Path

from arsip.i18n import ENGLISH, language
from arsip.source.config import parse_config
from arsip.source.programme import Colours

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "site_config.toml").read_text(encoding="utf-8")
STARTER = (ROOT / "arsip/starter/site_config.toml").read_text(encoding="utf-8")


def parsed(text: str):
    return parse_config(ROOT, tomllib.loads(text), text)


def test_the_sample_zones_look_as_configured() -> None:
    config, problems = parsed(SAMPLE)
    assert problems == []
    yellow = config.programme.grades[1]
    assert (yellow.name, yellow.marker, yellow.pattern) == ("kuning", "triangle", "lines")
    assert yellow.light == Colours("#7a5200", "#fff1c7", "#d9ae3f")
    assert yellow.dark == Colours("#f3cd6a", "#3a2d07", "#7d6321")


def test_left_out_looks_follow_the_grade_place_and_the_light_colours() -> None:
    config, problems = parsed(STARTER)
    assert problems == []
    looks = [(grade.marker, grade.pattern) for grade in config.programme.grades]
    assert looks == [("circle", "plain"), ("triangle", "lines"), ("square", "crossed")]
    good = config.programme.grades[0]
    assert good.dark == good.light == Colours("#1b6e2d", "#e3f3e6", "#1b6e2d")  # the pattern in the text's colour


def test_a_wrong_marker_pattern_or_dark_colour_is_reported_at_its_line() -> None:
    text = SAMPLE.replace('marker = "triangle"', 'marker = "bintang"').replace('pattern = "crossed"', 'pattern = "kotak"')
    text = text.replace('dark = { colour = "#8ddb99"', 'dark = { colour = "hijau muda"')
    config, problems = parsed(text)
    assert config is None
    lines = text.splitlines()
    problems.sort(key=lambda problem: problem.line)
    shown = [(lines[problem.line - 1].split("=")[0].strip(), ENGLISH(problem.message), ENGLISH(problem.hint)) for problem in problems]
    assert shown == [
        ("dark", "grade[0].dark: colour 'hijau muda' is not a colour like #1b6e2d", ""),
        ("marker", "grade[1]: marker 'bintang' is not one of the known ones", "write one of: circle, triangle, square, diamond, ring"),
        ("pattern", "grade[2]: pattern 'kotak' is not one of the known ones", "write one of: plain, lines, crossed, dotted, back-lines"),
    ]
    assert language("id")(problems[1].message) == "grade[1]: marker 'bintang' bukan salah satu yang dikenal"


def test_a_dark_colour_of_its_own_brings_the_pattern_along() -> None:
    text = (ROOT / "examples/keterbukaan-informasi/site_config.toml").read_text(encoding="utf-8")
    config, problems = parsed(text)
    assert problems == []
    towards = config.programme.grades[1]
    assert towards.pattern == "lines" and towards.light.pattern == "#2f5f8a"
    assert towards.dark == Colours("#9cc8f0", "#15304a", "#9cc8f0")  # light hatching on a dark band
