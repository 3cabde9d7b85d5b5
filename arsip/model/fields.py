"""Reading typed values out of a release's front-matter, one field at a time.

Input: a `SourceDoc`, one mapping of its front-matter (the release's own fields, or one award's
under `awards.N.`) and the list problems go to. Output: typed values (text on one line, dates,
assessment years, Decimal scores as written, normalised zones, true/false, tags) or None, with a
problem at the line of the offending key and a hint of what to write. Numbers and dates are matched
with ASCII-only patterns, and wrong values are quoted on one line, shortened to `SHOWN_MAX` characters.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from decimal import Decimal
from typing import Any

from ..i18n import Text, tr
from ..problems import Problem, error, warning
from ..source.frontmatter import SourceDoc
from ..source.programme import Grade, grade_word, grade_words

SCORE_PATTERN = re.compile(r"[0-9]{1,3}(?:[.,][0-9]+)?")
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
YEAR_PATTERN = re.compile(r"\s*[0-9]{1,9}\s*")
FIRST_YEAR = 2000
SHOWN_MAX = 60  # characters of a wrong value quoted in a message

YES_NO = {"yes": True, "ya": True, "on": True, "no": False, "tidak": False, "off": False}


def this_year() -> int:
    """The year a date may not run more than one year past: SOURCE_DATE_EPOCH's, for reproducible builds, else today's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).year
    return dt.date.today().year


class _Fields:
    """Reads typed values out of one mapping, reporting problems at the key's line."""

    def __init__(self, doc: SourceDoc, meta: dict[str, Any], prefix: str, problems: list[Problem]) -> None:
        self.doc, self.meta, self.prefix, self.problems = doc, meta, prefix, problems
        self.failed = False

    def line(self, key: str) -> int:
        return self.doc.line(self.prefix + key)

    def fail(self, key: str, message: Text, hint: Text | None = None) -> None:
        self.failed = True
        self.problems.append(error(self.doc.path, self.line(key), message, hint))

    def warn(self, key: str, message: Text, hint: Text | None = None) -> None:
        self.problems.append(warning(self.doc.path, self.line(key), message, hint))

    def unknown_keys(self, known: tuple[str, ...], what: Text) -> None:
        for key in self.meta:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                hint = (
                    tr("did you mean '{name}'?", name=close[0])
                    if close
                    else tr("{what} fields are: {fields}", what=what, fields=", ".join(known))
                )
                self.warn(str(key), tr("unknown field {field} is ignored", field=_shown(key)), hint)

    def text(self, key: str, *, required: bool = False, example: str = "") -> str | None:
        value = self.meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                message = (
                    tr("required field '{key}' is empty", key=key) if key in self.meta else tr("required field '{key}' is missing", key=key)
                )
                self.fail(key, message, tr("add a line such as  {key}: {example}", key=key, example=example))
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            hint = (
                tr("write it on one line, e.g.  {key}: {example}", key=key, example=example)
                if example
                else tr("write it as text on one line")
            )
            self.fail(key, tr("'{key}' must be text, not {value}", key=key, value=_yaml_type(value)), hint)
            return None
        return re.sub(r"\s+", " ", str(value)).strip()

    def date(self, key: str) -> dt.date | None:
        raw = self.text(key, required=True, example="2024-12-03")
        if raw is None:
            return None
        if not DATE_PATTERN.fullmatch(raw):
            self.fail(key, tr("date {date} is not written as YYYY-MM-DD", date=_shown(raw)), tr("write e.g.  date: 2024-12-03"))
            return None
        try:
            date = dt.date.fromisoformat(raw)
        except ValueError:
            self.fail(key, tr("date '{date}' does not exist in the calendar", date=raw), tr("check the day and the month"))
            return None
        hint = tr("write the day the release was published, e.g.  date: 2024-12-03")
        if date.year < FIRST_YEAR:
            self.fail(key, tr("date '{date}' is before {first}, where the archive begins", date=raw, first=str(FIRST_YEAR)), hint)
            return None
        if date.year > this_year() + 1:
            self.fail(key, tr("date '{date}' is more than a year ahead", date=raw), hint)
            return None
        return date

    def year(self, key: str, published: dt.date | None) -> int | None:
        value = self.meta.get(key)
        if value is None:
            return published.year if published else None
        if isinstance(value, str) and YEAR_PATTERN.fullmatch(value):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, tr("year must be a four-digit year, not {value}", value=_yaml_type(value)), tr("write e.g.  year: 2024"))
            return None
        latest = published.year + 1 if published else 9999
        if not FIRST_YEAR <= value <= latest:
            self.fail(
                key,
                tr("assessment year {year} is outside {first}-{latest}", year=str(value), first=str(FIRST_YEAR), latest=str(latest)),
                tr("the year the result is for, at most a year after the release's date"),
            )
            return None
        return value

    def score(self, key: str) -> Decimal | None:
        value = self.meta.get(key)
        if value is None or value == "":
            return None
        text = str(value).strip() if not isinstance(value, bool) else ""
        if text.startswith("-") and SCORE_PATTERN.fullmatch(text[1:]):
            self.fail(key, tr("score {score} is negative", score=text), tr("scores run from 0 upwards, e.g.  score: 93,68"))
            return None
        if not SCORE_PATTERN.fullmatch(text):
            self.fail(key, tr("score {score} is not a number", score=_shown(value)), tr("write e.g.  score: 93,68  or  score: 93.68"))
            return None
        return Decimal(text.replace(",", "."))

    def zone(self, key: str, grades: tuple[Grade, ...]) -> str | None:
        """A grade, written as its name, a synonym or a label (`hijau`, `green`, `Zona Hijau` when configured so)."""
        raw = self.text(key)
        if raw is None:
            return None
        found = grade_word(raw, grades)
        if found:
            return found
        words = grade_words(grades)
        close = difflib.get_close_matches(" ".join(raw.casefold().split()), list(words), n=1, cutoff=0.5)
        hint = tr("did you mean '{name}'?", name=words[close[0]]) if close else None
        zones = ", ".join(grade.name for grade in grades)
        self.fail(key, tr("zone {zone} is not one of {zones}", zone=_shown(raw), zones=zones), hint)
        return None

    def boolean(self, key: str) -> bool:
        value = self.meta.get(key, False)
        if isinstance(value, str) and value.strip().casefold() in YES_NO:
            return YES_NO[value.strip().casefold()]  # a field that is yes or no: the words mean what they say
        if not isinstance(value, bool):
            self.fail(key, tr("'{key}' must be true or false", key=key), tr("write  {key}: true", key=key))
            return False
        return value

    def tags(self, key: str) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(tag, str | int) and not isinstance(tag, bool) for tag in value):
            self.fail(key, tr("tags must be a list of words"), tr("write e.g.  tags: [zona hijau, jambi]"))
            return ()
        return tuple(dict.fromkeys(str(tag).strip() for tag in value if str(tag).strip()))


def _shown(value: object) -> str:
    """A wrong value as a message quotes it: on one line, at most SHOWN_MAX characters."""
    text = re.sub(r"\s+", " ", str(value))
    return f"'{_shorter(text)}'"


def _shorter(text: str) -> str:
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


def _yaml_type(value: object) -> Text | str:
    if isinstance(value, list):
        return tr("a list")
    if isinstance(value, dict):
        return tr("a group of fields")
    if isinstance(value, bool):
        return tr("true/false")
    return _shown(value)
