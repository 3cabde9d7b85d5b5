"""The awards programme as configuration: its grades, its kinds of institution and its own words.

Input: the `[[grade]]`, `[[kind]]` and `[strings.<language>]` tables and `geography` of `site_config.toml`, and a checker
that collects problems at their lines. Output: frozen `Grade` and `Kind` values and the site's strings per
language; and, from the kinds, what a name's prefix says (`infer_kind`, `core_name`, `place_name`). No
programme's words live here: the Ombudsman archive's zones and its eight kinds are in its site_config.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from babel import Locale, UnknownLocaleError

from ..i18n import Text, tr
from .config_data import OpenData
from .config_search import SearchKeys
from .words import one_of

COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


MARKERS = ("circle", "triangle", "square", "diamond", "ring")  # the shape beside a grade's label, so no reader needs the colour
PATTERNS = ("plain", "lines", "crossed", "dotted", "back-lines")  # how a chart's band and legend show it without colour


@dataclass(frozen=True, slots=True)
class Colours:
    """A grade's colours in one colour scheme: text, background, and the lines or dots of its pattern."""

    text: str
    background: str
    pattern: str


@dataclass(frozen=True, slots=True)
class Grade:
    """One grade a result can have (a zone, a predicate): its name in front-matter and URLs, its label per language,
    its colours (text and background, always shown with the label beside them; `dark`: in a dark colour scheme),
    its marker and pattern (told apart without colour) and the other words editors write."""

    name: str
    labels: tuple[tuple[str, str], ...]
    light: Colours
    dark: Colours
    synonyms: tuple[str, ...] = ()
    marker: str = "circle"
    pattern: str = "plain"

    @property
    def colour(self) -> str:
        return self.light.text

    @property
    def background(self) -> str:
        return self.light.background

    def label(self, language: str) -> str:
        labels = dict(self.labels)
        return labels.get(language) or labels.get("en") or next(iter(labels.values()), self.name)


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of institution: its label per language, the prefixes (regular expressions, matched at the start of a
    lower-case name without punctuation) that recognise it, whether it belongs to a place of the geography
    (`regional`), its `family` (kinds of one family are easily mistaken for each other: a city and a regency), and the
    kinds whose prefix may follow its own (`named_after`: a land office is named after its local government)."""

    name: str
    labels: tuple[tuple[str, str], ...]
    prefixes: tuple[str, ...] = ()
    regional: bool = False
    family: str | None = None
    named_after: tuple[str, ...] = ()

    def label(self, language: str) -> str:
        labels = dict(self.labels)
        return labels.get(language) or labels.get("en") or next(iter(labels.values()), self.name)


@dataclass(frozen=True, slots=True)
class Programme:
    """The programme: its grades (best first), its kinds (in the order pages list them) and its own words per
    language (`[strings.<language>]`, over the theme's), with its open data's licence and sources (`[open_data]`) and the
    names of its search filters (`[search]`); `geography`: the levels of place an institution belongs to, largest
    first (`province`, then `regency`: the registry's `province` and `regency`, a page per place and a search filter
    each), none for a national programme."""

    grades: tuple[Grade, ...] = ()
    kinds: tuple[Kind, ...] = (Kind("other", ()),)
    strings: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    open_data: OpenData = field(default_factory=OpenData)
    search: SearchKeys = field(default_factory=SearchKeys)
    geography: tuple[str, ...] = ("province",)


class Checker(Protocol):
    def keys(self, table: dict[str, Any], allowed: dict[str, Any], where: str, required: tuple[str, ...] = ()) -> bool: ...
    def fail(self, key: str, message: Text, hint: Text | None = None) -> None: ...


GRADE_KEYS = {
    "name": str, "label": dict, "colour": str, "background": str, "pattern_colour": str, "dark": dict, "marker": str, "pattern": str,
    "synonyms": list,
}  # fmt: skip
DARK_KEYS = {"colour": str, "background": str, "pattern_colour": str}
KIND_KEYS = {"name": str, "label": dict, "prefixes": list, "regional": bool, "family": str, "named_after": list}
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def grades(raw: Any, checker: Checker) -> tuple[Grade, ...]:
    """The `[[grade]]` tables, best first; none is allowed (a programme that publishes scores only)."""
    found: list[Grade] = []
    for index, item in enumerate(raw if isinstance(raw, list) else ()):
        where = f"grade[{index}]"
        if not isinstance(item, dict) or not checker.keys(item, GRADE_KEYS, where, required=("name", "label")):
            continue
        name = item["name"]
        if not NAME.match(name):
            checker.fail("name", tr("{where}: name '{name}' must use only a-z, 0-9 and '-'", where=where, name=name))
            continue
        light = _colours(item, Colours("#333333", "#eeeeee", ""), where, checker)
        dark_table = item.get("dark", {})
        readable = checker.keys(dark_table, DARK_KEYS, f"{where}.dark")
        dark = _colours(dark_table, light, f"{where}.dark", checker, at="dark") if readable else light
        marker = _choice(item, "marker", MARKERS[len(found) % len(MARKERS)], MARKERS, where, checker)
        pattern = _choice(item, "pattern", PATTERNS[len(found) % len(PATTERNS)], PATTERNS, where, checker)
        labels = _labels(item["label"], where, checker)
        found.append(Grade(name, labels, light, dark, _words(item, "synonyms"), marker, pattern))
    return tuple(found)


def _colours(table: dict[str, Any], default: Colours, where: str, checker: Checker, at: str | None = None) -> Colours:
    """Text, background and pattern colours (`colour`, `background`, `pattern_colour`: the text's when not given); a
    problem is shown at the line of its key, or of the key `at` (the inline table `dark`)."""
    values = {key: table.get(key, fallback) for key, fallback in (("colour", default.text), ("background", default.background))}
    own = "colour" in table and COLOUR.fullmatch(values["colour"])  # a text colour of its own: the pattern follows it
    values["pattern_colour"] = table.get("pattern_colour", values["colour"] if own else default.pattern or default.text)
    for key, value in values.items():
        if not COLOUR.fullmatch(value):
            checker.fail(at or key, tr("{where}: {key} '{value}' is not a colour like #1b6e2d", where=where, key=key, value=value))
    return Colours(values["colour"], values["background"], values["pattern_colour"])


def _choice(item: dict[str, Any], key: str, default: str, allowed: tuple[str, ...], where: str, checker: Checker) -> str:
    value = item.get(key, default)
    if value not in allowed:
        checker.fail(key, tr("{where}: {key} '{value}' is not one of the known ones", where=where, key=key, value=value), one_of(allowed))
        return default
    return value


def kinds(raw: Any, checker: Checker) -> tuple[Kind, ...]:
    """The `[[kind]]` tables in the order pages list them; without any, every institution is of one kind."""
    found: list[Kind] = []
    for index, item in enumerate(raw if isinstance(raw, list) else ()):
        where = f"kind[{index}]"
        if not isinstance(item, dict) or not checker.keys(item, KIND_KEYS, where, required=("name", "label")):
            continue
        name = item["name"]
        if not NAME.match(name):
            checker.fail("name", tr("{where}: name '{name}' must use only a-z, 0-9 and '-'", where=where, name=name))
            continue
        prefixes = _words(item, "prefixes")
        for prefix in prefixes:
            try:
                re.compile(prefix)
            except re.error as exc:
                reason = str(exc)
                message = tr("{where}: prefix '{prefix}' is not a regular expression: {reason}", where=where, prefix=prefix, reason=reason)
                checker.fail("prefixes", message)
        labels = _labels(item["label"], where, checker)
        found.append(Kind(name, labels, prefixes, item.get("regional", False), item.get("family"), _words(item, "named_after")))
    names = [kind.name for kind in found]
    for kind in found:
        for other in kind.named_after:
            if other not in names:
                message = tr("kind '{kind}' is named after an unknown kind '{other}'", kind=kind.name, other=other)
                checker.fail("named_after", message, one_of(names))
    return tuple(found) or (Kind("other", (), ()),)


GEOGRAPHY_LEVELS = ("province", "regency")  # the levels of place the engine knows, largest first


def geography(raw: Any, kinds: tuple[Kind, ...], checker: Checker) -> tuple[str, ...]:
    """`geography = ["province"]` (the default), `["province", "regency"]` (a regency or city within its province too)
    or `[]`: the levels of place institutions belong to, largest first; none for a national programme, whose kinds
    then may not be `regional`."""
    if not isinstance(raw, list):
        return GEOGRAPHY_LEVELS[:1]  # absent, or not a list (which the top level's check reported)
    levels: list[str] = []
    for level in raw:
        if level not in GEOGRAPHY_LEVELS or level in levels:
            message = tr("geography: '{level}' is not a level of place, or is written twice", level=str(level))
            hint = tr('write  geography = ["province"],  geography = ["province", "regency"]  or  geography = []')
            checker.fail("geography", message, hint)
        else:
            larger = GEOGRAPHY_LEVELS[max(0, GEOGRAPHY_LEVELS.index(level) - 1)]
            if larger != level and larger not in levels:  # a regency or city lies within a province, written first
                message = tr("geography: '{level}' lies within '{larger}', which must come before it", level=level, larger=larger)
                checker.fail("geography", message, tr('write  geography = ["province", "regency"]'))
            levels.append(level)
    for kind in kinds if not levels else ():
        if kind.regional:
            message = tr("kind '{kind}' belongs to a place (regional = true), but geography = [] has none", kind=kind.name)
            checker.fail("regional", message, tr("delete  regional = true, or write  geography = [\"province\"]"))
    return tuple(levels)


def strings(raw: Any, checker: Checker) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """`[strings.<language>]`: the site's own words per language, over the theme's."""
    if not isinstance(raw, dict):
        return ()
    found = []
    for language, table in sorted(raw.items()):
        if not isinstance(table, dict) or not all(isinstance(text, str) for text in table.values()):
            checker.fail("strings", tr("[strings.{language}] must hold lines such as  footer = \"…\"", language=language))
            continue
        found.append((language, tuple(sorted(table.items()))))
    return tuple(found)


def babel_knows(language: str) -> bool:
    """Whether Babel has the locale (dates and numbers are written with it)."""
    try:
        Locale.parse(language, sep="-")
    except (ValueError, UnknownLocaleError):
        return False
    return True


def _labels(raw: dict[str, Any], where: str, checker: Checker) -> tuple[tuple[str, str], ...]:
    if not all(isinstance(text, str) for text in raw.values()):
        checker.fail("label", tr("{where}: label must be a table of texts, e.g.  label = {{ id = \"…\", en = \"…\" }}", where=where))
        return ()
    return tuple(sorted(raw.items()))


def _words(item: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(word for word in item.get(key, ()) if isinstance(word, str))


def grade_word(raw: str, grades: tuple[Grade, ...]) -> str | None:
    """The grade an editor's word means: its name, a synonym or a label in any language, case and spaces ignored."""
    return grade_words(grades).get(" ".join(raw.casefold().split()))


def grade_words(grades: tuple[Grade, ...]) -> dict[str, str]:
    words: dict[str, str] = {}
    for grade in grades:
        for word in (grade.name, *grade.synonyms, *(label for _, label in grade.labels)):
            words.setdefault(" ".join(word.casefold().split()), grade.name)
    return words


def _plain(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[().,]", " ", name.casefold())).strip()


def _prefixed(kinds: tuple[Kind, ...], words: str) -> tuple[Kind, re.Match[str]] | None:
    for kind in kinds:
        if kind.prefixes:
            match = re.match(rf"^(?:{'|'.join(kind.prefixes)})\b\s*(.*)$", words)
            if match:
                return kind, match
    return None


def fallback_kind(kinds: tuple[Kind, ...]) -> str:
    """The kind of a name no prefix recognises: the last kind without prefixes (or the last kind)."""
    plain = [kind.name for kind in kinds if not kind.prefixes]
    return plain[-1] if plain else kinds[-1].name


def infer_kind(name: str, kinds: tuple[Kind, ...]) -> str:
    """The kind a name's prefix suggests (`Pemkot X` is a city government when the kinds say so)."""
    found = _prefixed(kinds, _plain(name))
    return found[0].name if found else fallback_kind(kinds)


def core_name(name: str, kinds: tuple[Kind, ...]) -> str:
    """The name without its kind's prefix, as a key: `Pemerintah Kota Jambi` -> `jambi`."""
    words = _plain(name)
    found = _prefixed(kinds, words)
    return _key(found[1].group(1)) if found and found[1].group(1) else _key(words)


def place_name(name: str, kinds: tuple[Kind, ...]) -> str | None:
    """The place or subject written after a kind's prefix, as a key; None when no prefix stands apart from it."""
    words = _plain(name)
    found = _prefixed(kinds, words)
    if not found:
        return None
    kind, match = found
    rest = match.group(1)
    if not rest or words[match.start(1) - 1] != " ":
        return None
    after = [other for other in kinds if other.name in kind.named_after and other.prefixes]
    if after:
        rest = re.sub(rf"^(?:{'|'.join(p for other in after for p in other.prefixes)})\s+", "", rest)
    return _key(rest) or None


def _key(name: str) -> str:
    return re.sub(r"[\s.]+", "", name.casefold())
