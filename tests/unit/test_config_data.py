"""The `[open_data]` table of site_config.toml: the sample's licence is read, and every mistake in the table is
reported at its line with a hint, in English and Indonesian, all at once."""

from __future__ import annotations

import tomllib
from pathlib import Path

from arsip.i18n import ENGLISH, language
from arsip.source.config import parse_config
from arsip.source.config_data import OpenData, Source

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "site_config.toml").read_text(encoding="utf-8")


def parsed(text: str):
    return parse_config(ROOT, tomllib.loads(text), text)


def test_the_sample_licence_and_source_are_read() -> None:
    config, problems = parsed(SAMPLE)
    assert problems == []
    assert config.programme.open_data == OpenData(
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
        (Source("Ombudsman Republik Indonesia", "https://ombudsman.go.id/"),),
    )


def test_without_the_table_there_is_no_licence() -> None:
    start, end = SAMPLE.index("[open_data]"), SAMPLE.index("# The rubric")
    config, problems = parsed(SAMPLE[:start] + SAMPLE[end:])
    assert problems == [] and config.programme.open_data == OpenData()


def test_every_mistake_in_the_table_is_reported_at_its_line() -> None:
    text = (
        SAMPLE.replace('license = "CC-BY-4.0"', 'licence = "CC-BY-4.0"')
        .replace('license_url = "https://creativecommons.org/licenses/by/4.0/"', 'license_url = "creativecommons.org"')
        .replace('path = "https://ombudsman.go.id/"', 'path = "ombudsman.go.id"')
    )
    config, problems = parsed(text)
    assert config is None
    lines = text.splitlines()
    problems.sort(key=lambda problem: problem.line)  # as the command shows them
    shown = [(lines[problem.line - 1].split("=")[0].strip(), ENGLISH(problem.message), ENGLISH(problem.hint)) for problem in problems]
    assert shown == [
        ("licence", "unknown key 'open_data.licence'", "did you mean 'license'?"),
        ("license_title", "[open_data] has no 'license'", 'add  license = "CC-BY-4.0"'),
        (
            "license_url",
            "'open_data.license_url' = 'creativecommons.org' is not a web address (http:// or https://)",
            'write e.g.  license_url = "https://creativecommons.org/licenses/by/4.0/"',
        ),
        (
            "sources",
            "'open_data.sources[0].path' = 'ombudsman.go.id' is not a web address (http:// or https://)",
            'write e.g.  sources = [{ title = "Ombudsman Republik Indonesia", path = "https://ombudsman.go.id/" }]',
        ),
    ]
    indonesian = language("id")
    assert indonesian(problems[2].message) == "'open_data.license_url' = 'creativecommons.org' bukan alamat web (http:// atau https://)"
