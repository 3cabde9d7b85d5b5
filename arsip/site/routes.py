"""Where everything lives: the only module that knows URLs.

Input: the `Archive` and the `SiteConfig` (its permalink patterns, base_url, languages). Output: one
`Page` per HTML page to render (URL, template, what it shows, its language), the `Urls` helper that
templates and exports use for every link (a translation's pages under `/<code>/`, e.g. `/en/rilis/x/`;
files such as feeds, data and static files are the same for every language), each page's counterparts
in the other languages (`alternates`), and problems such as two releases claiming one URL.
"""

from __future__ import annotations

import functools
import zlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any
from urllib.parse import quote

from babel import Locale

from ..i18n import Text, tr
from ..model.types import Archive
from ..problems import Problem, error
from ..source.config import SiteConfig


@dataclass(frozen=True, slots=True)
class Page:
    """A file of the site to produce: its site-relative URL, the values it shows, and either the template
    that renders it or the function that makes its bytes (`make(values, urls, config)`)."""

    url: str
    template: str | None
    context: MappingProxyType[str, Any]
    make: Callable[[Mapping[str, Any], Urls, Any], bytes] | None = None
    language: str | None = None  # a translation's code (its pages are under /<code>/); None: the site's own language
    file: str = field(init=False, compare=False)  # the file under output/ that serves `url`

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", output_file(self.url))


@dataclass(frozen=True, slots=True)
class Urls:
    """Turns names of things into URLs; site-relative (`/rilis/x/`) or as links (with base path)."""

    permalinks: MappingProxyType[str, str]
    base_path: str
    base_url: str
    prefix: str = ""  # a translation's pages are under it (`/en`); the site's own language has none

    @classmethod
    def of(cls, config: SiteConfig, language: str | None = None) -> Urls:
        """The URLs of the pages in `language` (a translation's code; None or the site's own: at the root)."""
        prefix = "" if language is None or language == config.language else "/" + language
        return cls(MappingProxyType(dict(config.permalinks)), config.base_path, config.base_url, prefix)

    def path(self, name: str, value: object = None) -> str:
        """The site-relative URL of a page (`release`, `institution`, ...) or file (`static`, `media`, `data`)."""
        if name in ("static", "media", "data", "file"):
            prefix = "" if name == "file" else f"{name}/"
            return "/" + prefix + quote(str(value))
        if name in FEEDS:  # one file for every language, under the page of the site's own language
            page, file = FEEDS[name]
            return (replace(self, prefix="") if self.prefix else self).path(page, value) + file
        if name == "zone_year":
            zone, year = value  # type: ignore[misc]
            return self.path("zone", zone) + f"{year}/"
        pattern = self.permalinks[name]
        return self.prefix + (pattern.format(slug=value, year=value, zone=value) if "{" in pattern else pattern)

    def link(self, name: str, value: object = None) -> str:
        """The URL to put in an href: site-relative URL under the site's base path."""
        return self.base_path + self.path(name, value)[1:]

    def absolute(self, path: str) -> str:
        return self.base_url + path[1:]


@dataclass(frozen=True, slots=True)
class Alternate:
    """A page's counterpart in one language: the code (`id`), the language's name in itself, the site-relative URL."""

    code: str
    name: str
    url: str


LANGUAGE_NAMES = MappingProxyType({"id": "Bahasa Indonesia", "en": "English"})  # each in its own words, as switches show them


def in_language(url: str, language: str, languages: tuple[str, ...]) -> str:
    """The site-relative URL of the page `url` (of any of `languages`, the site's own first) in `language`."""
    own = url
    for code in languages[1:]:
        if url.startswith(f"/{code}/"):
            own = url[len(code) + 1 :]
            break
    return own if language == languages[0] else f"/{language}{own}"


def alternates(url: str, languages: tuple[str, ...]) -> tuple[Alternate, ...]:
    """The page `url` in each of the site's languages (the site's own first); none for a site in one language."""
    if len(languages) < 2:
        return ()
    return tuple(Alternate(code, LANGUAGE_NAMES.get(code) or _own_name(code), in_language(url, code, languages)) for code in languages)


@functools.lru_cache(maxsize=16)
def _own_name(code: str) -> str:
    """A language's name in itself, as Babel knows it (`fr`: Français); the code when Babel has none."""
    name = Locale.parse(code, sep="-").get_display_name(code) or code
    return name[:1].upper() + name[1:]


# Files that live under a page's URL: (the page, the file name). Each feed comes as Atom, RSS 2.0 and JSON Feed.
FEEDS = {
    "feed": ("home", "feed.xml"),
    "feed_rss": ("home", "rss.xml"),
    "feed_json": ("home", "feed.json"),
    "institution_feed": ("institution", "feed.xml"),
    "institution_feed_rss": ("institution", "rss.xml"),
    "institution_feed_json": ("institution", "feed.json"),
    "zone_feed": ("zone", "feed.xml"),
    "zone_feed_rss": ("zone", "rss.xml"),
    "zone_feed_json": ("zone", "feed.json"),
    "badge": ("institution", "badge.svg"),
    "card": ("home", "card.png"),  # the picture a shared link shows (og:image)
    "release_card": ("release", "card.png"),
    "institution_card": ("institution", "card.png"),
}


@dataclass(frozen=True, slots=True)
class Neighbour:
    """The release before or after another in the timeline, as its page links to it."""

    slug: str
    title: str


def output_file(url: str) -> str:
    """The file under output/ that serves a site-relative URL."""
    relative = url.lstrip("/")
    return relative + "index.html" if url.endswith("/") else relative


SEARCH_BUNDLE = "pagefind"  # the search bundle's folder: institution pages, and the one the search page loads first


BUNDLE_PAGES = 1000  # a year with more releases is split: an edit re-indexes one part (Pagefind, ~2 ms a page), not the year


def search_bundles(archive: Archive) -> tuple[str, ...]:
    """The folders of the search index: one bundle, plus one per assessment year that has releases
    (several for a year of more than `BUNDLE_PAGES` releases).

    A release is indexed in its year's bundle, so an edit re-indexes that year alone; the search page
    merges them all (Pagefind's `mergeIndex`).
    """
    counts = Counter(release.year for release in archive.releases)
    folders = [SEARCH_BUNDLE]
    for year in sorted(counts):
        parts = -(-counts[year] // BUNDLE_PAGES)
        folders += [_year_bundle(year, part, parts) for part in range(parts)]
    return tuple(folders)


def search_bundle_of(page: Page, bundles: tuple[str, ...]) -> str:
    """The bundle a page is indexed in: its release's year (the part its slug falls in, for a split year), else the first."""
    release = page.context.get("release") if "body" in page.context else None
    if release is None:
        return SEARCH_BUNDLE
    parts = _parts_of_year(bundles, release.year)
    folder = _year_bundle(release.year, zlib.crc32(release.slug.encode("utf-8")) % parts, parts) if parts else SEARCH_BUNDLE
    return folder if folder in bundles else SEARCH_BUNDLE


def _year_bundle(year: int, part: int, parts: int) -> str:
    return f"{SEARCH_BUNDLE}/{year}" if parts == 1 else f"{SEARCH_BUNDLE}/{year}-{part + 1}"


@functools.lru_cache(maxsize=64)
def _parts_of_year(bundles: tuple[str, ...], year: int) -> int:
    single = f"{SEARCH_BUNDLE}/{year}"
    return sum(1 for folder in bundles if folder == single or folder.startswith(single + "-"))


PAGE_SIZE = 100  # releases per page in long lists (a year's timeline, an institution's releases)


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a page stands in a list split over several pages; `links` are site-relative URLs."""

    number: int
    links: tuple[str, ...]

    @property
    def here(self) -> str:
        return self.links[self.number - 1]

    @property
    def previous(self) -> str | None:
        return self.links[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.links[self.number] if self.number < len(self.links) else None


def paginate(first_url: str, items: tuple[Any, ...], size: int = PAGE_SIZE) -> list[tuple[Pager, tuple[Any, ...]]]:
    """Split `items` into pages: the first at `first_url`, the next at `first_url` + `2/`, `3/`, …"""
    chunks = [items[start : start + size] for start in range(0, len(items), size)] or [()]
    links = tuple(first_url if number == 1 else f"{first_url}{number}/" for number in range(1, len(chunks) + 1))
    return [(Pager(number, links), chunk) for number, chunk in enumerate(chunks, start=1)]


MOVED_HINT = tr("an address leads to one page only: take it out of aliases or former")


def collisions(pages: list[Page]) -> list[Problem]:
    """Two pages with one URL: the later would silently replace the earlier."""
    problems = []
    owners: dict[str, Page] = {}
    for page in pages:
        key = page.file
        first = owners.setdefault(key, page)
        if first is not page:
            moved = "target" in page.context  # a redirect from a former address (`table._redirect_files`)
            hint = MOVED_HINT if moved else tr("give this release its own  slug:")
            message = tr("'{url}' is also the address of {other}", url=page.url, other=_describe(first))
            problems.append(error(_source(page), None, message, hint))
    return problems


def _source(page: Page) -> str:
    release = page.context.get("release")
    return release.path if release else page.context.get("source", "site_config.toml")


def _describe(page: Page) -> Text | str:
    release = page.context.get("release")
    return release.path if release else tr("the {name} page", name=page.template.removesuffix(".html"))
