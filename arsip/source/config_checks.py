"""Checking and wording the values of the project's TOML files.

Input: a value read from `site_config.toml` or `content/institutions.toml` (or the `TOMLDecodeError`
tomllib raised for the file's text). Output: a judgement or the editor's words for it: a TOML
syntax error as a `Problem` at its line (`toml_problem`), whether a value has the type a key
expects and what it is instead (`_has_type`, `_value_kind`, `_type_name`), whether a base_url is
an http(s) URL without a character that could break an attribute or a line (`base_url_problem`),
texts holding characters XML may not hold (`text_flaws`), rubric periods that make no sense
(`period_problems`, `overlapping_periods`), and a TOML number as a `Decimal`. `config` uses them to check the configuration;
nothing here knows its keys.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from ..problems import Problem, error
from .frontmatter import NOT_TEXT


def toml_problem(exc: tomllib.TOMLDecodeError, path: str, text: str) -> Problem:
    """A TOML syntax error at its line (tomllib's `(at line 3, column 9)` moved into the location)."""
    message = str(exc)
    line = None
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match:
        line = int(match.group(1))
        message = f"{message[: match.start()]} at column {match.group(2)}"
    elif message.endswith("(at end of document)"):
        line = max(1, len(text.splitlines()))
        message = message.removesuffix(" (at end of document)") + " at the end of the file"
    return error(
        path, line, f"invalid TOML: {message}", "check the quotes, brackets and '=' on this line; text is written in \"double quotes\""
    )


def _has_type(value: Any, expected: Any) -> bool:
    if isinstance(value, bool) and expected is not bool:
        return False
    return isinstance(value, expected)


def _value_kind(value: Any) -> str:
    """What a TOML value is, in an editor's words."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return "a date or time"


def _type_name(expected: Any) -> str:
    names = {str: "text", int: "a whole number", bool: "true or false", dict: "a table", list: "a list"}
    if isinstance(expected, tuple):
        return "a number"
    return names.get(expected, expected.__name__)


def _valid_base_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _decimal(value: float) -> Decimal:
    return Decimal(str(value))


NESTED_TOO_DEEPLY = "lists or tables are nested hundreds deep"
NESTED_HINT = "write each value on its own line, as in the sample file"
BASE_URL_CHARACTERS = re.compile(r"[A-Za-z0-9._~:/@%+,;=!$&*-]+")  # no quote, bracket, space or line break
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_SCALE = 1000
BANDS_MEET = "let each band begin just above the one below it, e.g.  max = 87.99  then  min = 88"
SCORE_STEP = Decimal("0.01")  # scores are published with two decimals: bands meet at most this far apart


def base_url_problem(url: str) -> str | None:
    """Why a base_url is refused: it reaches attributes, robots.txt, feeds and the sitemap as it is written."""
    if not BASE_URL_CHARACTERS.fullmatch(url):
        return "may use only letters, digits and - . _ ~ : / @ % (no quotes, spaces, line breaks, '?' or '#')"
    if not _valid_base_url(url):
        return "is not an http(s) URL"
    return None


def text_flaws(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(key, code) for each text in a TOML value holding a character XML may not hold, e.g. `\\u0001`."""
    if isinstance(value, str):
        if found := NOT_TEXT.search(value):
            yield key, f"U+{ord(found.group()):04X}"
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from text_flaws(item, str(name))
    elif isinstance(value, list):
        for item in value:
            yield from text_flaws(item, key)


def period_problems(period: Any) -> Iterator[tuple[str, str]]:
    """(message, hint) for what makes no sense in one rubric period: its years, its scale, bands that overlap, leave
    gaps or pass the scale."""
    last = period.last_year if period.last_year is not None else period.first_year
    if not FIRST_YEAR <= period.first_year <= LAST_YEAR or not FIRST_YEAR <= last <= LAST_YEAR:
        yield f"its years must lie within {FIRST_YEAR}-{LAST_YEAR}", "write years such as  first_year = 2022"
    if last < period.first_year:
        yield f"last_year {last} comes before first_year {period.first_year}", "correct the year, or swap the two"
    if not 0 < period.scale <= MAX_SCALE:
        yield f"scale must be more than 0 and at most {MAX_SCALE}", "write e.g.  scale = 100"
    for band in period.bands:
        if not 0 <= band.min <= band.max <= period.scale:
            yield f"band '{band.category}' must run from min to max within 0-{period.scale}", "check this band's min and max"
    for higher, lower in zip(period.bands, period.bands[1:], strict=False):  # bands are sorted, highest first
        if lower.max >= higher.min:
            yield f"bands '{lower.category}' and '{higher.category}' overlap ({lower.max} >= {higher.min})", BANDS_MEET
        elif higher.min - lower.max > SCORE_STEP:
            yield f"between bands '{lower.category}' and '{higher.category}' no band holds the scores above {lower.max}", BANDS_MEET
    if period.bands and period.bands[0].max != period.scale:
        yield f"the highest band must end at the scale, {period.scale}", f"write  max = {period.scale}  in the highest band"


def overlapping_periods(periods: tuple[Any, ...]) -> Iterator[tuple[int, str]]:
    """(index, message) for a period whose years overlap an earlier one's for the same institutions."""
    for later, period in enumerate(periods):
        for earlier in periods[:later]:
            same_kinds = set(period.kinds) & set(earlier.kinds) if period.kinds and earlier.kinds else not (period.kinds or earlier.kinds)
            if same_kinds and _years_meet(period, earlier):
                yield later, f"its years overlap those of '{earlier.label}' ({earlier.years_label})"


def _years_meet(one: Any, other: Any) -> bool:
    one_last = LAST_YEAR if one.last_year is None else one.last_year
    other_last = LAST_YEAR if other.last_year is None else other.last_year
    return one.first_year <= other_last and other.first_year <= one_last
