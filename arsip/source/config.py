"""Site configuration.

Input: `site_config.toml` in the project folder. Output: a frozen `SiteConfig` (title, base_url, language and
translations, permalinks, the rubric, `[redirects] gone`: `config_addresses`; the programme's grades, kinds and
words and geography: `programme`, with the search filters' names: `config_search`) or the problems that stop the build. Unknown keys
are errors: a typo in the configuration must never be silently ignored. Every problem names the
line and says what to write instead; TOML syntax errors are worded by `config_checks.toml_problem`,
the same way for `content/institutions.toml`.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..i18n import Text, tr
from ..problems import BuildFailed, Problem, error, os_reason
from . import config_addresses as addresses
from . import config_checks as checks
from . import programme
from .config_addresses import DEFAULT_PERMALINKS, PERMALINK_FIELDS
from .config_checks import _decimal, _has_type, _type_name, _value_kind, toml_problem
from .config_data import TABLE_HINT as OPEN_DATA_HINT
from .config_data import open_data
from .config_search import TABLE_HINT as SEARCH_HINT
from .config_search import search_keys
from .programme import Grade, Kind, Programme, babel_knows
from .words import did_you_mean, known_keys, one_of

CONFIG_FILE = "site_config.toml"
THEME_DIR = Path(__file__).resolve().parent.parent / "theme"  # the default theme: templates/ and static/ the project may override
CACHE_DIR = ".arsip-cache"  # the project's scratch folder (git-ignored): caches, the preview, the spare output
THEME_LANGUAGES = ("id", "en")  # the languages the default theme has its own words in (arsip/theme/strings.toml)

@dataclass(frozen=True, slots=True)
class Band:
    """One score band of a rubric period: scores from `min` up belong to it."""

    min: Decimal
    max: Decimal
    zone: str | None
    category: str
    letter: str | None = None


@dataclass(frozen=True, slots=True)
class Period:
    """A run of assessment years that share one scale and one set of bands."""

    label: str
    first_year: int
    last_year: int | None
    scale: Decimal
    bands: tuple[Band, ...]
    kinds: tuple[str, ...] = ()

    def covers(self, year: int, kind: str) -> bool:
        in_years = self.first_year <= year and (self.last_year is None or year <= self.last_year)
        return in_years and (not self.kinds or kind in self.kinds)

    @property
    def years_label(self) -> str:
        if self.last_year == self.first_year:
            return str(self.first_year)
        if self.last_year is None:
            return f"{self.first_year}-"
        return f"{self.first_year}-{self.last_year}"


@dataclass(frozen=True, slots=True)
class Options:
    """What the command asked of this build, not what site_config.toml says: drafts shown, the output folder's name."""

    drafts: bool = False
    output_name: str = "output"


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Everything the build needs to know about the site, read once per build."""

    root: Path
    title: str
    description: str
    base_url: str
    language: str
    publisher: str
    home_releases: int
    permalinks: tuple[tuple[str, str], ...]
    rubric: tuple[Period, ...]
    allow_raw_html: bool = False
    addresses: addresses.Addresses = field(default_factory=addresses.Addresses)  # translations, pages taken off on purpose
    options: Options = field(default_factory=Options)  # drafts, output folder: the command's, not the file's
    programme: Programme = field(default_factory=Programme)  # grades, kinds, words, the open data's licence and sources

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def theme_templates_dir(self) -> Path:
        return THEME_DIR / "templates"

    @property
    def theme_static_dir(self) -> Path:
        return THEME_DIR / "static"

    @property
    def output_dir(self) -> Path:
        return self.root / self.options.output_name

    @property
    def cache_dir(self) -> Path:
        return self.root / CACHE_DIR

    @property
    def base_path(self) -> str:
        """The path part of base_url, always ending in `/` (e.g. `/arsip/`)."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def permalink(self, name: str) -> str:
        return dict(self.permalinks)[name]

    @property
    def languages(self) -> tuple[str, ...]:  # its own first (at the root), then each translation (under /<code>/)
        return (self.language, *self.addresses.translations)


TOP_LEVEL_KEYS = {
    "title": str, "description": str, "base_url": str, "language": str, "publisher": str, "home_releases": int,
    "allow_raw_html": bool, "translations": list, "permalinks": dict, "redirects": dict, "rubric": list, "open_data": dict,
    "grade": list, "kind": list, "strings": dict, "search": dict, "geography": list,
}  # fmt: skip
PERIOD_KEYS = {
    "label": str,
    "first_year": int,
    "last_year": int,
    "scale": (int, float),
    "kinds": list,
    "bands": list,
}
BAND_KEYS = {
    "min": (int, float),
    "max": (int, float),
    "zone": str,
    "category": str,
    "letter": str,
}
EXAMPLES = {
    "title": 'title = "Arsip Kepatuhan Pelayanan Publik"',
    "description": 'description = "Hasil penilaian kepatuhan setiap instansi"',
    "base_url": 'base_url = "https://example.org/arsip/"',
    "language": 'language = "id"',
    "publisher": 'publisher = "Ombudsman Republik Indonesia"',
    "home_releases": "home_releases = 10",
    "allow_raw_html": "allow_raw_html = false",
    "translations": addresses.TRANSLATIONS_EXAMPLE,
    "gone": addresses.GONE_EXAMPLE,
    "label": 'label = "Penilaian Kepatuhan 2022-2024"', "first_year": "first_year = 2022", "last_year": "last_year = 2024",
    "scale": "scale = 100", "kinds": 'kinds = ["kepolisian"]', "min": "min = 88", "max": "max = 100", "zone": 'zone = "hijau"',
    "bands": 'bands = [{ min = 88, max = 100, zone = "hijau", category = "Kualitas Tertinggi" }]',
    "category": 'category = "Kualitas Tertinggi"', "letter": 'letter = "A"',
}
MAX_HOME_RELEASES = 1000


def configure(root: Path, *, drafts: bool = False, base_url: str | None = None, output_name: str | None = None) -> SiteConfig:
    """Read site_config.toml; raises BuildFailed when it has problems. The keywords override it (the dev server uses them)."""
    config, problems = load_config(root)
    if config is None:
        raise BuildFailed(problems)
    if base_url:
        config = replace(config, base_url=base_url)
    return replace(config, options=Options(drafts, output_name) if output_name else Options(drafts))


def load_config(root: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """Read and check `root/site_config.toml`; None when it has errors."""
    path = root / CONFIG_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [error(CONFIG_FILE, None, tr("file not found"), tr("create site_config.toml in the project folder"))]
    except OSError as exc:
        reason = tr("cannot read the file: {reason}", reason=os_reason(exc))
        return None, [error(CONFIG_FILE, None, reason, tr("check the file's permissions"))]
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [error(CONFIG_FILE, line, tr("the file is not UTF-8 text"), tr("save it as UTF-8 in your editor"))]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [toml_problem(exc, CONFIG_FILE, text)]
    except RecursionError:
        return None, [error(CONFIG_FILE, None, checks.NESTED_TOO_DEEPLY, checks.NESTED_HINT)]
    return parse_config(root, raw, text)


def parse_config(root: Path, raw: dict[str, Any], text: str) -> tuple[SiteConfig | None, list[Problem]]:
    """Turn parsed TOML into a SiteConfig, collecting every problem."""
    checker = _Checker(text)
    checker.keys(raw, TOP_LEVEL_KEYS, "")
    strings = programme.strings(raw.get("strings"), checker)
    language = raw.get("language", "id")
    known = sorted({*THEME_LANGUAGES, *(code for code, _ in strings)})
    if isinstance(language, str) and (language not in known or not babel_knows(language)):
        checker.fail("language", tr("language '{language}' is not supported", language=language), one_of(known))
    base_url = raw.get("base_url", "/")
    if isinstance(base_url, str) and (reason := checks.base_url_problem(base_url)):
        checker.fail("base_url", tr("base_url {reason}", reason=reason), tr("write e.g. {example}", example=EXAMPLES["base_url"]))
    for key, code in checks.text_flaws(raw):
        checker.fail(key, tr("'{key}' holds {code}, which is not a character of text", key=key, code=code), tr("delete the escape (\\u…)"))
    home_releases = raw.get("home_releases", 10)
    if _has_type(home_releases, int) and not 0 <= home_releases <= MAX_HOME_RELEASES:
        message = tr("home_releases = {value} is outside 0-{limit}", value=home_releases, limit=MAX_HOME_RELEASES)
        checker.fail("home_releases", message, tr("write e.g.  {example}", example=EXAMPLES["home_releases"]))
    permalinks = _permalinks(raw.get("permalinks", {}), checker)
    supported = tuple(code for code in known if babel_knows(code))
    translations, gone = addresses.translations(raw.get("translations", []), language, supported, checker), addresses.gone(raw, checker)
    grades = programme.grades(raw.get("grade"), checker)
    kinds = programme.kinds(raw.get("kind"), checker)
    places = programme.geography(raw.get("geography"), kinds, checker)
    rubric = _rubric(raw.get("rubric"), checker, grades, kinds)
    data, search = open_data(raw.get("open_data"), checker), search_keys(raw.get("search"), checker)
    if checker.problems:
        return None, checker.problems
    config = SiteConfig(
        root=root,
        title=raw.get("title", "Arsip"),
        description=raw.get("description", ""),
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        language=language,
        publisher=raw.get("publisher", ""),
        home_releases=home_releases,
        permalinks=tuple(sorted(permalinks.items())),
        rubric=rubric,
        allow_raw_html=raw.get("allow_raw_html", False),
        addresses=addresses.Addresses(translations, gone),
        programme=Programme(grades, kinds, strings, data, search, places),
    )
    return config, []


def _permalinks(raw: Any, checker: _Checker) -> dict[str, str]:
    result = dict(DEFAULT_PERMALINKS)
    if not isinstance(raw, dict):
        return result
    checker.keys(raw, {name: str for name in DEFAULT_PERMALINKS}, "permalinks")
    for name, pattern in raw.items():
        if name not in DEFAULT_PERMALINKS or not isinstance(pattern, str):
            continue
        problem = checks.permalink_problem(pattern, PERMALINK_FIELDS.get(name))
        if problem:
            message = tr("permalink {name} = '{pattern}': {problem}", name=name, pattern=pattern, problem=problem)
            checker.fail(name, message, tr("write e.g. {example}", example=name + ' = "' + DEFAULT_PERMALINKS[name] + '"'))
        else:
            result[name] = pattern
    return result


def _rubric(raw: Any, checker: _Checker, grades: tuple[Grade, ...], kinds: tuple[Kind, ...]) -> tuple[Period, ...]:
    if raw is None:
        checker.fail("", tr("no [[rubric]] periods"), tr("copy the [[rubric]] tables from the sample site_config.toml"))
        return ()
    if not isinstance(raw, list):
        return ()  # `keys` reported the wrong type
    periods = []
    for index, item in enumerate(raw):
        where = f"rubric[{index}]"
        if not isinstance(item, dict):
            checker.fail("rubric", tr("{where} must be a table", where=where))
            continue
        if not checker.keys(item, PERIOD_KEYS, where, required=("label", "first_year", "scale")):
            continue
        period = _period(item, where, checker, tuple(grade.name for grade in grades), tuple(kind.name for kind in kinds))
        if period:
            for problem, hint in checks.period_problems(period):
                message = tr("{where} '{label}': {problem}", where=where, label=period.label, problem=problem)
                checker.fail_at(checker.table_line("rubric", index), message, hint)
            periods.append(period)
    for index, problem in checks.overlapping_periods(tuple(periods)):
        hint = tr("end one period (last_year) before the other begins, or limit one to some kinds = [...]")
        where = "rubric[" + str(index) + "]"
        message = tr("{where} '{label}': {problem}", where=where, label=periods[index].label, problem=problem)
        checker.fail_at(checker.table_line("rubric", index), message, hint)
    return tuple(periods)


def _period(item: dict[str, Any], where: str, checker: _Checker, zones: tuple[str, ...], known: tuple[str, ...]) -> Period | None:
    kinds = tuple(item.get("kinds", ()))
    for kind in kinds:
        if kind not in known:
            checker.fail("kinds", tr("{where}: kind '{kind}' is unknown", where=where, kind=str(kind)), one_of(known))
    bands = []
    for index, band in enumerate(item.get("bands", ())):
        band_where = f"{where}.bands[{index}]"
        if not isinstance(band, dict) or not checker.keys(band, BAND_KEYS, band_where, required=("min", "max", "category")):
            continue
        zone = band.get("zone")
        if zone is not None and zone not in zones:
            message = tr("{where}: zone '{zone}' is not one of {zones}", where=band_where, zone=str(zone), zones=", ".join(zones))
            checker.fail("zone", message)
            continue
        bands.append(Band(_decimal(band["min"]), _decimal(band["max"]), zone, band["category"], band.get("letter")))
    bands.sort(key=lambda band: band.min, reverse=True)
    return Period(item["label"], item["first_year"], item.get("last_year"), _decimal(item["scale"]), tuple(bands), kinds)


class _Checker:
    """Collects configuration problems, finding the line of each offending key in the text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def line_of(self, key: str) -> int | None:
        if not key:
            return None
        pattern = re.compile(rf"^\s*(\[+\s*)?{re.escape(key)}\b")
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                return number
        return None

    def table_line(self, name: str, index: int) -> int | None:
        """The line of the index-th `[[name]]` header."""
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
        headers = [number for number, line in enumerate(self.lines, start=1) if pattern.match(line)]
        return headers[index] if index < len(headers) else None

    def fail(self, key: str, message: Text, hint: Text | None = None) -> None:
        self.fail_at(self.line_of(key), message, hint)

    def fail_at(self, line: int | None, message: Text, hint: Text | None = None) -> None:
        self.problems.append(error(CONFIG_FILE, line, message, hint))

    def keys(self, table: dict[str, Any], allowed: dict[str, Any], where: str, required: tuple[str, ...] = ()) -> bool:
        """Check names and types of a table's keys; False when it cannot be used."""
        ok = True
        prefix = f"{where}." if where else ""
        for key, value in table.items():
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = did_you_mean(close[0]) if close else known_keys(sorted(allowed))
                self.fail(key, tr("unknown key '{key}'", key=prefix + key), hint)
                ok = False
            elif not _has_type(value, allowed[key]):
                expected, found = _type_name(allowed[key]), _value_kind(value)
                self.fail(key, tr("'{key}' must be {expected}, not {found}", key=prefix + key, expected=expected, found=found), _hint(key))
                ok = False
            elif isinstance(value, float) and not math.isfinite(value):
                self.fail(key, tr("'{key}' must be a finite number, not {value}", key=prefix + key, value=str(value)), _hint(key))
                ok = False
        for key in required:
            if key not in table:
                example = _example(key)
                hint = tr("add  {example}", example=example) if example else None
                self.fail(where.split("[")[0], tr("{where} is missing '{key}'", where=where, key=key), hint)
                ok = False
        return ok


TABLE_HINTS = {
    "permalinks": tr("write a table: a line [permalinks], then lines such as  {example}", example='release = "/rilis/{slug}/"'),
    "rubric": tr("write [[rubric]] tables as in the sample site_config.toml"),
    "open_data": OPEN_DATA_HINT,
    "search": SEARCH_HINT,
}


def _example(key: str) -> str | None:
    if key in DEFAULT_PERMALINKS and key not in EXAMPLES:
        return f'{key} = "{DEFAULT_PERMALINKS[key]}"'
    return EXAMPLES.get(key)


def _hint(key: str) -> Text | None:
    """What to write instead of a wrong value of `key`."""
    if key in TABLE_HINTS:
        return TABLE_HINTS[key]
    example = _example(key)
    return tr("write e.g.  {example}", example=example) if example else None
