"""The `[search]` table of site_config.toml: the names of the search page's filters and of the facts it shows.

Input: the table as parsed TOML and the configuration's problem collector. Output: a frozen `SearchKeys` (part of the
`Programme`, so a page that shows one records `config:programme`, as it does for the grades' labels): the name
of each filter (assessment year, grade, category, kind of institution, province, regency or city) and of each fact a result shows
(institution, score, latest year). The theme writes them into the pages' Pagefind filters and metadata and into the
search page's address (`/cari/?tahun=2022&zona=hijau`), so they are the programme's own words, chosen once for the
whole site: every language of a site shares one search index. A name must be a plain word of a-z, 0-9, '-' and '_'
(starting with a letter), not one the search page uses itself, and unlike every other name, the paired ones
included (a year with a grade is one filter, `<year>_<grade>`). A problem is shown at its line in the table.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields
from typing import Any, Protocol

from ..i18n import Text, tr
from .words import did_you_mean, known_keys

KEY = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*")
RESERVED = ("q", "title", "image", "image_alt", "url", "length", "item")  # the query; what Pagefind keeps per page; form.elements
TABLE_HINT = tr("write a table: a line [search], then lines such as  {example}", example='year = "tahun"')


@dataclass(frozen=True, slots=True)
class SearchKeys:
    """The name of each search filter (in the address and the index) and of each fact a result shows; the defaults
    are plain English words, a site chooses its own (`[search]`)."""

    year: str = "year"
    grade: str = "grade"
    category: str = "category"
    kind: str = "kind"
    province: str = "province"
    institution: str = "institution"
    score: str = "score"
    latest: str = "latest"
    regency: str = "regency"  # the filter of a regency or city (geography = ["province", "regency"])

    @property
    def year_grade(self) -> str:
        """The filter of a year and a grade together ("2021:kuning"): an institution yellow in 2021 and green in 2022
        is not found for green 2021."""
        return f"{self.year}_{self.grade}"

    @property
    def year_category(self) -> str:
        return f"{self.year}_{self.category}"


NAMES = tuple(item.name for item in fields(SearchKeys))


class Checker(Protocol):
    lines: list[str]

    def fail_at(self, line: int | None, message: Text, hint: Text | None = None) -> None: ...


def search_keys(raw: Any, checker: Checker) -> SearchKeys:
    """The `[search]` table checked; the defaults when it is absent or has problems (which are collected)."""
    if not isinstance(raw, dict):
        return SearchKeys()  # absent, or not a table (which the top level's check reported)
    chosen: dict[str, str] = {}
    for key, value in raw.items():
        line, example = _line(checker.lines, key), f'{key} = "{_example(key)}"'
        if key not in NAMES:
            close = difflib.get_close_matches(key, NAMES, n=1)
            checker.fail_at(line, tr("unknown key '{key}'", key="search." + key), did_you_mean(close[0]) if close else known_keys(NAMES))
        elif not isinstance(value, str) or not value:
            message = tr("[search] {key} must be a name in quotes, not empty: e.g.  {example}", key=key, example=example)
            checker.fail_at(line, message)
        elif not KEY.fullmatch(value):
            message = tr("[search] {key} = '{value}' may use only a-z, 0-9, '-' and '_', starting with a letter", key=key, value=value)
            checker.fail_at(line, message, tr("write e.g.  {example}", example=example))
        elif value in RESERVED:
            message = tr("[search] {key} = '{value}' is a name the search page uses itself", key=key, value=value)
            checker.fail_at(line, message, tr("choose a name other than {names}", names=", ".join(RESERVED)))
        else:
            chosen[key] = value
    keys = SearchKeys(**chosen)
    taken: dict[str, str] = {}
    for name in (*NAMES, "year_grade", "year_category"):
        value = getattr(keys, name)
        if value in taken:
            shown = name if name in raw else taken[value]  # the line the editor wrote last of the two
            message = tr("[search] '{key}' and '{other}' have the same name '{value}'", key=taken[value], other=name, value=value)
            checker.fail_at(_line(checker.lines, shown), message, tr("give each filter a name of its own"))
        taken.setdefault(value, name)
    return keys


def _example(key: str) -> str:
    return getattr(SearchKeys(), key, key)


def _line(lines: list[str], key: str) -> int | None:
    """The line of `key` in the `[search]` table (or of the table's header, or of `search = {...}`)."""
    header = re.compile(r"^\s*\[\s*search\s*\]")
    start = next((number for number, line in enumerate(lines, start=1) if header.match(line)), None)
    if start is None:
        inline = re.compile(r"^\s*search\s*=")
        return next((number for number, line in enumerate(lines, start=1) if inline.match(line)), None)
    written = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]
        if line.lstrip().startswith("["):
            break
        if written.match(line):
            return number
    return start
