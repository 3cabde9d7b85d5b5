"""Where everything lives: the only module that knows URLs.

Input: the `Archive` and the `SiteConfig` (its permalink patterns and base_url). Output: one `Page`
per HTML page to render (URL, template, what it shows), the `Urls` helper that templates and
exports use for every link, and problems such as two releases claiming one URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any
from urllib.parse import quote

from .config import SiteConfig
from .model import Archive
from .problems import Problem, error


@dataclass(frozen=True, slots=True)
class Page:
    """An HTML page to render: its site-relative URL, template and the values it shows."""

    url: str
    template: str
    context: MappingProxyType[str, Any]


@dataclass(frozen=True, slots=True)
class Urls:
    """Turns names of things into URLs; site-relative (`/rilis/x/`) or as links (with base path)."""

    permalinks: MappingProxyType[str, str]
    base_path: str
    base_url: str

    @classmethod
    def of(cls, config: SiteConfig) -> Urls:
        return cls(MappingProxyType(dict(config.permalinks)), config.base_path, config.base_url)

    def path(self, name: str, value: object = None) -> str:
        """The site-relative URL of a page (`release`, `institution`, ...) or file (`static`, `media`, `data`)."""
        if name in ("static", "media", "data", "file"):
            prefix = "" if name == "file" else f"{name}/"
            return "/" + prefix + quote(str(value))
        pattern = self.permalinks[name]
        return pattern.format(slug=value, year=value, zone=value) if "{" in pattern else pattern

    def link(self, name: str, value: object = None) -> str:
        """The URL to put in an href: site-relative URL under the site's base path."""
        return self.base_path + self.path(name, value)[1:]

    def absolute(self, path: str) -> str:
        return self.base_url + path[1:]


def output_file(url: str) -> str:
    """The file under output/ that serves a site-relative URL."""
    relative = url.lstrip("/")
    return relative + "index.html" if url.endswith("/") else relative


def plan(archive: Archive, config: SiteConfig) -> tuple[tuple[Page, ...], list[Problem]]:
    urls = Urls.of(config)
    pages: list[Page] = [
        Page(urls.path("home"), "home.html", _ctx()),
        Page(urls.path("timeline"), "timeline.html", _ctx()),
        Page(urls.path("institutions"), "institutions.html", _ctx()),
        Page(urls.path("years"), "years.html", _ctx()),
        Page(urls.path("zones"), "zones.html", _ctx()),
        Page("/404.html", "404.html", _ctx()),
    ]
    releases = archive.releases
    for index, release in enumerate(releases):
        newer = releases[index - 1] if index > 0 else None
        older = releases[index + 1] if index + 1 < len(releases) else None
        pages.append(Page(urls.path("release", release.slug), "release.html", _ctx(release=release, newer=newer, older=older)))
    for position, year in enumerate(archive.timeline):
        pages.append(Page(urls.path("timeline_year", year.year), "timeline_year.html", _ctx(timeline_year=year, position=position)))
    for institution in archive.institutions:
        pages.append(Page(urls.path("institution", institution.slug), "institution.html", _ctx(institution=institution)))
    for results in archive.years:
        pages.append(Page(urls.path("year", results.year), "year.html", _ctx(results=results)))
    for zone_list in archive.zones:
        pages.append(Page(urls.path("zone", zone_list.zone), "zone.html", _ctx(zone_list=zone_list)))
    return tuple(pages), _collisions(pages)


def _ctx(**values: Any) -> MappingProxyType[str, Any]:
    return MappingProxyType(values)


def _collisions(pages: list[Page]) -> list[Problem]:
    """Two pages with one URL: the later would silently replace the earlier."""
    problems = []
    owners: dict[str, Page] = {}
    for page in pages:
        key = output_file(page.url)
        first = owners.setdefault(key, page)
        if first is not page:
            problems.append(
                error(
                    _source(page),
                    None,
                    f"'{page.url}' is also the address of {_describe(first)}",
                    "give this release its own  slug:",
                )
            )
    return problems


def _source(page: Page) -> str:
    release = page.context.get("release")
    return release.path if release else "site_config.toml"


def _describe(page: Page) -> str:
    release = page.context.get("release")
    return release.path if release else f"the {page.template.removesuffix('.html')} page"
