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

from ..i18n import Text, tr
from ..problems import Problem, error
from .decoding import NOT_TEXT


def toml_problem(exc: tomllib.TOMLDecodeError, path: str, text: str) -> Problem:
    """A TOML syntax error at its line, said in plain words with what to write instead: tomllib's message (in
    English, naming the parser's terms) only tells the cases apart and never reaches the editor."""
    found = re.search(r"^(?P<what>.*?) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$", str(exc), re.DOTALL)
    what = found["what"] if found else str(exc)
    lines = text.split("\n")  # as tomllib counts them
    written_lines = [number for number, written in enumerate(lines, start=1) if written.strip()]
    line = int(found["line"]) if found and found["line"] else max(written_lines, default=1)
    line = max(1, min(line, len(lines)))
    written = lines[line - 1].strip()
    key, equals, value = written.partition("=")
    key, value = key.strip(), value.strip()
    message, hint = _toml_words(what, key if equals else "", value, written)
    return error(path, line, message, hint)


TOML_HINT = tr("check the quotes, brackets and '=' on this line; text is written in \"double quotes\"")


def _toml_words(what: str, key: str, value: str, written: str) -> tuple[Text, Text]:
    """(message, hint) for tomllib's `what` about the line `written` (`key = value`)."""
    if what in ("Unterminated string", "Illegal character '\\n'") and value[:1] in "\"'":
        return (
            tr("the text opened with a quote on this line is never closed"),
            tr("end the text with the same quote on the same line: {example}", example=written + value[:1]),
        )
    if what.startswith("Illegal character"):
        return tr("the text holds a character that cannot be written in it (a tab or control character)"), tr(
            "delete it, or retype the text"
        )
    if what == "Invalid value" and key:
        return (
            tr("the value of '{key}' is not text in quotes, a number, true/false, a list or a table", key=key),
            tr("write text in double quotes: {example}", example=key + ' = "' + (value.strip("\"'") or "...") + '"'),
        )
    if what == "Expected '=' after a key in a key/value pair":
        name = written.split()[0] if written.split() else "key"
        return tr("no '=' after the key '{key}'", key=name), tr("write the key, '=' and the value: {example}", example=name + " = ...")
    if what.startswith(("Cannot declare", "Cannot overwrite", "Cannot redefine", "Cannot mutate", "Duplicate")):
        return tr("this key or table is already written above"), tr("keep one of the two, or give this one another name")
    if what in ("Unclosed array", "Unclosed inline table"):
        bracket = "[" if what == "Unclosed array" else "{"
        return (
            tr("the '{bracket}' opened on this line is never closed", bracket=bracket),
            tr("close it with '{closing}' on the same line", closing=_CLOSING[bracket]),
        )
    if what.startswith("Expected ']"):
        return tr("the table's name is not closed with ']'"), tr("write the line as [name] or [[name]]")
    if what in ("Unescaped '\\' in a string", "Invalid hex value", "Escaped character is not a Unicode scalar value"):
        return (
            tr("a backslash in double quotes starts an escape such as \\n, and this one is not"),
            tr("write \\\\ for a backslash, or put the text in 'single quotes'"),
        )
    if what == "Invalid date or datetime":
        return tr("this date cannot be read"), tr('write a date as YYYY-MM-DD, e.g. 2024-12-03, or write text in "double quotes"')
    return tr("this line cannot be read as a setting"), TOML_HINT


_CLOSING = {"[": "]", "{": "}"}


def _has_type(value: Any, expected: Any) -> bool:
    if isinstance(value, bool) and expected is not bool:
        return False
    return isinstance(value, expected)


def _value_kind(value: Any) -> Text:
    """What a TOML value is, in an editor's words."""
    if isinstance(value, bool):
        return tr("true/false")
    if isinstance(value, str):
        return tr("text")
    if isinstance(value, int):
        return tr("a whole number")
    if isinstance(value, float):
        return tr("a decimal number")
    if isinstance(value, dict):
        return tr("a table")
    if isinstance(value, list):
        return tr("a list")
    return tr("a date or time")


def _type_name(expected: Any) -> Text | str:
    names = {str: tr("text"), int: tr("a whole number"), bool: tr("true or false"), dict: tr("a table"), list: tr("a list")}
    if isinstance(expected, tuple):
        return tr("a number")
    return names.get(expected, expected.__name__)


def _valid_base_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _decimal(value: float) -> Decimal:
    return Decimal(str(value))


NESTED_TOO_DEEPLY = tr("lists or tables are nested hundreds deep")
NESTED_HINT = tr("write each value on its own line, as in the sample file")
PERMALINK_CHARACTERS = re.compile(r"[A-Za-z0-9/_.{}-]+")
BASE_URL_CHARACTERS = re.compile(r"[A-Za-z0-9._~:/@%+,;=!$&*-]+")  # no quote, bracket, space or line break
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_SCALE = 1000
BANDS_MEET = tr("let each band begin just above the one below it, e.g.  max = 87.99  then  min = 88")
SCORE_STEP = Decimal("0.01")  # scores are published with two decimals: bands meet at most this far apart


def base_url_problem(url: str) -> Text | None:
    """Why a base_url is refused: it reaches attributes, robots.txt, feeds and the sitemap as it is written."""
    if not BASE_URL_CHARACTERS.fullmatch(url):
        return tr("may use only letters, digits and - . _ ~ : / @ % (no quotes, spaces, line breaks, '?' or '#')")
    if not _valid_base_url(url):
        return tr("is not an http(s) URL")
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


def permalink_problem(pattern: str, placeholder: str | None) -> Text | None:
    """Why a permalink pattern is refused: every page it names must stay a plain folder under output/. `placeholder`
    is the one it must hold (`{slug}`), if any."""
    if not (pattern.startswith("/") and pattern.endswith("/")):
        return tr("must start and end with '/'")
    if ".." in pattern or "\\" in pattern or "//" in pattern or "/./" in pattern:
        return tr("must not contain '..', '\\', '//' or '/./'")
    if not PERMALINK_CHARACTERS.fullmatch(pattern):
        return tr("may use only a-z, A-Z, 0-9, '-', '_', '.', '/' and its placeholder")
    found = re.findall(r"\{[^}]*\}", pattern)
    expected = [placeholder] if placeholder else []
    if found != expected:
        return tr("must contain {placeholder} once", placeholder=placeholder) if placeholder else tr("takes no placeholder")
    rest = pattern.replace(placeholder, "", 1) if placeholder else pattern
    if "{" in rest or "}" in rest:
        return tr("has a '{{' or '}}' outside {placeholder}", placeholder=placeholder) if placeholder else tr("takes no placeholder")
    return None


def period_problems(period: Any) -> Iterator[tuple[Text, Text]]:
    """(message, hint) for what makes no sense in one rubric period: its years, its scale, bands that overlap, leave
    gaps or pass the scale."""
    last = period.last_year if period.last_year is not None else period.first_year
    if not FIRST_YEAR <= period.first_year <= LAST_YEAR or not FIRST_YEAR <= last <= LAST_YEAR:
        yield tr("its years must lie within {first}-{last}", first=FIRST_YEAR, last=LAST_YEAR), tr("write years such as  first_year = 2022")
    if last < period.first_year:
        message = tr("last_year {last} comes before first_year {first}", last=last, first=period.first_year)
        yield message, tr("correct the year, or swap the two")
    if not 0 < period.scale <= MAX_SCALE:
        yield tr("scale must be more than 0 and at most {limit}", limit=MAX_SCALE), tr("write e.g.  scale = 100")
    for band in period.bands:
        if not 0 <= band.min <= band.max <= period.scale:
            message = tr("band '{category}' must run from min to max within 0-{scale}", category=band.category, scale=str(period.scale))
            yield message, tr("check this band's min and max")
    for higher, lower in zip(period.bands, period.bands[1:], strict=False):  # bands are sorted, highest first
        if lower.max >= higher.min:
            message = tr(
                "bands '{lower}' and '{higher}' overlap ({max} >= {min})",
                lower=lower.category,
                higher=higher.category,
                max=str(lower.max),
                min=str(higher.min),
            )
            yield message, BANDS_MEET
        elif higher.min - lower.max > SCORE_STEP:
            message = tr(
                "between bands '{lower}' and '{higher}' no band holds the scores above {max}",
                lower=lower.category,
                higher=higher.category,
                max=str(lower.max),
            )
            yield message, BANDS_MEET
    if period.bands and period.bands[0].max != period.scale:
        scale = str(period.scale)
        yield (
            tr("the highest band must end at the scale, {scale}", scale=scale),
            tr("write  max = {scale}  in the highest band", scale=scale),
        )


def overlapping_periods(periods: tuple[Any, ...]) -> Iterator[tuple[int, Text]]:
    """(index, message) for a period whose years overlap an earlier one's for the same institutions."""
    for later, period in enumerate(periods):
        for earlier in periods[:later]:
            same_kinds = set(period.kinds) & set(earlier.kinds) if period.kinds and earlier.kinds else not (period.kinds or earlier.kinds)
            if same_kinds and _years_meet(period, earlier):
                yield later, tr("its years overlap those of '{label}' ({years})", label=earlier.label, years=earlier.years_label)


def _years_meet(one: Any, other: Any) -> bool:
    one_last = LAST_YEAR if one.last_year is None else one.last_year
    other_last = LAST_YEAR if other.last_year is None else other.last_year
    return one.first_year <= other_last and other.first_year <= one_last
