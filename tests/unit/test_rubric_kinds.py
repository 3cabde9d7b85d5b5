"""A rubric period limited to some kinds (`kinds = [...]`) names kinds of the programme's `[[kind]]` tables:
an unknown one is reported at its line with the kinds to choose from."""

from __future__ import annotations

import tomllib
from pathlib import Path

from arsip.source.config import parse_config

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "site_config.toml").read_text(encoding="utf-8")


def test_a_period_for_an_unknown_kind_is_an_error_at_its_line() -> None:
    text = SAMPLE.replace('kinds = ["kepolisian"]', 'kinds = ["polisi"]')
    config, problems = parse_config(ROOT, tomllib.loads(text), text)
    line = text.splitlines().index('kinds = ["polisi"]') + 1
    assert config is None and [(p.line, str(p.message)) for p in problems] == [(line, "rubric[1]: kind 'polisi' is unknown")]
    assert "kepolisian" in str(problems[0].hint)


def test_the_sample_periods_keep_their_kinds() -> None:
    config, problems = parse_config(ROOT, tomllib.loads(SAMPLE), SAMPLE)
    assert problems == [] and [period.kinds for period in config.rubric if period.kinds] == [("kepolisian",)]
