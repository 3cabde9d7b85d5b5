"""The table of what the site is made of: one row per kind of output.

Input: the `Archive` and the `SiteConfig`. Output: one `Page` per file of the site (its URL, the values
it shows, the template that renders it or the function that makes it) and the problems of planning,
such as two pages claiming one address. Each row says its route (a name of `[permalinks]` or a file
route of `routes.Urls`), what it iterates over, what each file shows, and its template or function.
To add an output, add a row here (and its template or function): what it reads is recorded. The
search index is the last row (`SEARCH_INDEX`): its bundles are made from the pages the others make.
Every row of HTML pages is planned once per language of the site (`SiteConfig.languages`): the site's
own at the root, each translation under `/<code>/`. The last rows are the redirects: a page at each
old address (a release's `aliases`, an institution's `former` names) and `_redirects` for hosts that
read one (Netlify, Cloudflare Pages), made from the files the rows above planned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from ..model.rubric import period_for
from ..model.types import Archive, Month
from ..model.validate import Release
from ..problems import Problem
from ..source.config import SiteConfig
from ..source.tree import REGISTRY_FILE
from . import cards, lastmod, makers, opendata, workbook
from .routes import Neighbour, Page, Urls, collisions, paginate, search_bundle_of, search_bundles

Values = Mapping[str, Any]
FEED_ENTRIES = 50  # the newest releases a feed holds, each with its whole body
FIRST_DAY = dt.date(2000, 1, 1)  # the date of a feed of an archive with no release at all
Files = Iterator[tuple[str, Values]]  # (site-relative URL, values) of each file a row makes


@dataclass(frozen=True, slots=True)
class Site:
    """What a row plans from: the archive, the URLs, the configuration, and the pages of the rows above it."""

    archive: Archive
    urls: Urls
    config: SiteConfig
    pages: list[Page]


@dataclass(frozen=True, slots=True)
class Row:
    """One kind of output: its route, what it iterates over (`over`, one item per file or group of files),
    the files each item makes (`files`: URL and values), and the template or function that makes them."""

    route: str
    over: Callable[[Archive], Iterable[Any]]
    files: Callable[[Any, Site], Files]
    template: str | None = None
    make: Callable[[Mapping[str, Any], Urls, Any], bytes] | None = None

    @property
    def mirrored(self) -> bool:
        """An HTML page is made in each language of the site; a file (a feed, data, a badge) once."""
        return self.template is not None and self.template.endswith(".html")


def _one(archive: Archive) -> tuple[Archive]:
    return (archive,)


def _placed(files: Callable[[Any, Site], Files]) -> Callable[[Any, Site], Files]:
    """The files of a listing of places: none for a national programme (geography = [])."""

    def placed(item: Any, site: Site) -> Files:
        if "province" in site.config.programme.geography:
            yield from files(item, site)

    return placed


def _single(route: str, values: Callable[[Archive, Urls, SiteConfig], dict[str, Any]]) -> Callable[[Any, Site], Files]:
    def files(_: Any, site: Site) -> Files:
        yield site.urls.path(route), values(site.archive, site.urls, site.config)

    return files


def _file(url: str, values: Callable[[Archive], dict[str, Any]]) -> Callable[[Any, Site], Files]:
    def files(_: Any, site: Site) -> Files:
        yield site.urls.prefix + url, values(site.archive)  # a translation's own (404.html) under its folder

    return files


def _home(archive: Archive, urls: Urls, config: SiteConfig) -> dict[str, Any]:
    latest, years = archive.latest_zoned_year, [results.year for results in archive.years]
    return {
        "newest": archive.releases[: config.home_releases],
        "latest": (latest.year, latest.zone_counts) if latest else None,
        "assessment_years": (min(years), max(years)) if years else None,  # what the open data covers
    }


def _timeline(archive: Archive, urls: Urls, config: SiteConfig) -> dict[str, Any]:
    return {"year_counts": tuple((year.year, year.count) for year in archive.timeline), "release_count": len(archive.releases)}


def _institutions(archive: Archive, urls: Urls, config: SiteConfig) -> dict[str, Any]:
    groups = tuple((kind, tuple((i.ref, i.latest) for i in members)) for kind, members in archive.by_kind())
    return {"groups": groups, "institution_count": len(archive.institutions)}


def _years(archive: Archive, urls: Urls, config: SiteConfig) -> dict[str, Any]:
    return {"years": archive.years, "gaps": _gaps(archive, config)}


def _zones(archive: Archive, urls: Urls, config: SiteConfig) -> dict[str, Any]:
    return {"zone_counts": tuple((z.zone, z.count, z.institution_count) for z in archive.zones)}


def _provinces(archive: Archive, urls: Urls, config: SiteConfig) -> dict[str, Any]:
    return {"provinces": tuple((p.slug, p.name, len(p.institutions)) for p in archive.provinces)}


def _search(archive: Archive, urls: Urls, config: SiteConfig) -> dict[str, Any]:
    return {
        "years_nav": tuple(r.year for r in archive.years),
        "zones": tuple(z.zone for z in archive.zones),
        "categories": _categories(archive, config),
        "kinds": tuple(kind for kind, _ in archive.by_kind()),
        "provinces": tuple((p.slug, p.name) for p in archive.provinces),
        "regencies": tuple((r.slug, r.name) for r in archive.regencies),
        "search_base": urls.link("file", ""),
        "search_pages": urls.link("file", "")[:-1] + urls.prefix + "/",  # where this language's pages are: results lead there
        "search_merged": tuple(urls.link("file", folder + "/") for folder in SEARCH_INDEX.over(archive)[1:]),
    }


def _open_data_page(archive: Archive, urls: Urls, config: SiteConfig) -> dict[str, Any]:
    """The data page: the files of data/, each column described, how many rows the tables have."""
    rows = sum(len(institution.awards) for institution in archive.institutions)
    return {"columns": opendata.columns(archive.geography), "row_count": rows, "institution_count": len(archive.institutions)}


def _compare(archive: Archive, urls: Urls, config: SiteConfig) -> dict[str, Any]:
    """The comparison page: every institution by kind (links that work without JavaScript); the script reads awards.json."""
    groups = tuple((kind, tuple(institution.ref for institution in members)) for kind, members in archive.by_kind())
    return {"groups": groups, "data_file": urls.link("data", opendata.JSON_FILE)}


def _awards(archive: Archive) -> dict[str, Any]:
    """What the tables of the open data read: each institution's reference and awards (a release's title is not in them)."""
    histories = tuple((institution.ref, institution.awards) for institution in archive.institutions)
    return {"histories": histories, "levels": archive.geography}


def _release_files(archive: Archive, site: Site) -> Files:
    releases, urls = archive.releases, site.urls
    for index, release in enumerate(releases):
        newer = _neighbour(releases[index - 1]) if index > 0 else None
        older = _neighbour(releases[index + 1]) if index + 1 < len(releases) else None
        values = {"release": release, "body": release.body, "newer": newer, "older": older}
        yield urls.path("release", release.slug), values | {"other_awards": archive.other_awards(release)}


def _timeline_year_files(year: Any, site: Site) -> Files:
    urls, years_nav = site.urls, tuple(item.year for item in site.archive.timeline)
    releases = tuple(release for month in year.months for release in month.releases)
    for pager, chunk in paginate(urls.path("timeline_year", year.year), releases):
        yield pager.here, {"timeline_year": year, "months": _months(chunk), "pager": pager, "years_nav": years_nav}


def _institution_files(first: bool) -> Callable[[Any, Site], Files]:
    def files(institution: Any, site: Site) -> Files:
        for pager, chunk in paginate(site.urls.path("institution", institution.slug), institution.entries):
            if (pager.number == 1) == first:
                yield pager.here, {"institution": institution, "entries": chunk, "pager": pager}

    return files


def _badge_files(institution: Any, site: Site) -> Files:
    yield site.urls.path("badge", institution.slug), {"institution": institution.ref, "latest": institution.latest}


def _year_files(results: Any, site: Site) -> Files:
    yield site.urls.path("year", results.year), {"results": results, "years_nav": tuple(r.year for r in site.archive.years)}


def _zone_files(zone_list: Any, site: Site) -> Files:
    """A zone's page shows its newest year; each year has a page of its own, so no page grows without end."""
    archive, urls = site.archive, site.urls
    counts = tuple((zone_year.year, len(zone_year.awards)) for zone_year in zone_list.years)
    zones_nav = tuple(item.zone for item in archive.zones)
    totals = {"total": zone_list.count, "institution_total": zone_list.institution_count}  # results, institutions
    shared = {"zone": zone_list.zone, "year_counts": counts, "zones_nav": zones_nav} | totals
    newest = zone_list.years[0] if zone_list.years else None
    yield urls.path("zone", zone_list.zone), shared | {"zone_year": newest, "on_year_page": False}
    for zone_year in zone_list.years:
        yield urls.path("zone_year", (zone_list.zone, zone_year.year)), shared | {"zone_year": zone_year, "on_year_page": True}


def _province_files(province: Any, site: Site) -> Files:
    yield site.urls.path("province", province.slug), {"province": province}


def _regency_files(regency: Any, site: Site) -> Files:
    yield site.urls.path("regency", regency.slug), {"regency": regency}


def _sitemap_files(_: Any, site: Site) -> Files:
    """Every page of the rows above with an address of its own (a folder URL), with the date of the newest release it
    shows (pages that show none, such as the timeline's counts, the archive's newest)."""
    releases = site.archive.releases
    fallback = releases[0].date if releases else None
    pages = ((page.url, lastmod.newest(page.context) or fallback) for page in site.pages if page.url.endswith("/"))
    yield "/sitemap.xml", {"urls": tuple(sorted(pages, key=lambda entry: entry[0]))}


def _feed_files(suffix: str) -> Callable[[Any, Site], Files]:
    """Every feed in one format (`suffix`: "" Atom, "_rss", "_json"): the site's, each institution's, each zone's."""

    def files(_: Any, site: Site) -> Files:
        archive, urls = site.archive, site.urls
        updated = archive.releases[0].date if archive.releases else FIRST_DAY
        for route, value, home, releases, label, zone in _all_feeds(archive, urls):
            url = urls.path(route + suffix, value)
            yield url, {"items": releases[:FEED_ENTRIES], "home": home, "label": label, "zone": zone, "updated": updated}

    return files


def _all_feeds(archive: Archive, urls: Urls) -> Iterator[tuple[str, Any, str, tuple[Release, ...], str | None, str | None]]:
    """(route, its value, the page the feed follows, its releases newest first, institution name, zone)."""
    yield "feed", None, urls.path("home"), archive.releases, None, None
    for institution in archive.institutions:
        slug, name = institution.slug, institution.ref.name
        yield "institution_feed", slug, urls.path("institution", slug), institution.releases, name, None
    for zone_list in archive.zones:
        slugs = {award.release for year in zone_list.years for award in year.awards}
        releases = tuple(r for r in archive.releases if r.slug in slugs or r.zone == zone_list.zone)
        yield "zone_feed", zone_list.zone, urls.path("zone", zone_list.zone), releases, None, zone_list.zone


def _release_card_files(release: Release, site: Site) -> Files:
    yield site.urls.path("release_card", release.slug), {"release": release}


def _institution_card_files(institution: Any, site: Site) -> Files:
    yield site.urls.path("institution_card", institution.slug), {"institution": institution.ref, "latest": institution.latest}


def _moves(archive: Archive, urls: Urls) -> Iterator[tuple[str, str, str, str]]:
    """(old folder, new folder, what moved, the file that says so) for each former address of a release or institution."""
    for release in archive.releases:
        for alias in release.aliases:
            yield urls.path("release", alias), urls.path("release", release.slug), release.title, release.path
    for institution in archive.institutions:
        new = urls.path("institution", institution.slug)
        for slug in institution.ref.former_slugs:
            yield urls.path("institution", slug), new, institution.ref.name, f"content/{REGISTRY_FILE}"


def _moved(site: Site) -> Iterator[tuple[Page, str, str, str]]:
    """Each file the rows above planned in a folder that moved (in the language of `site.urls`), with its old address."""
    moves: dict[str, list[tuple[str, str, str]]] = {}
    for old, new, label, source in _moves(site.archive, site.urls):
        moves.setdefault(new, []).append((old, label, source))
    if not moves:
        return
    for page in tuple(site.pages):
        for folder in _folders(page.url):
            for old, label, source in moves.get(folder, ()):
                yield page, old + page.url[len(folder) :], label, source


def _folders(url: str) -> Iterator[str]:
    """The folders an address is in, deepest first: `/rilis/x/2/` is in /rilis/x/2/, /rilis/x/, /rilis/ and /."""
    end = len(url) if url.endswith("/") else url.rfind("/") + 1
    while end > 0:
        yield url[:end]
        end = url.rfind("/", 0, end - 1) + 1


def _redirect_files(_: Any, site: Site) -> Files:
    """A page at each old address of a page that moved: it sends the reader on to the new one."""
    for page, old, label, source in _moved(site):
        if page.url.endswith("/") and page.make is None:
            yield old, {"target": page.url, "label": label, "source": source}


def _redirects_file(_: Any, site: Site) -> Files:
    """`_redirects`: every old address of every language and file (feeds and badges too), `old new 301` a line."""
    moved = []
    for language in site.config.languages:
        here = replace(site, urls=Urls.of(site.config, language))
        moved += [(old, page.url) for page, old, _, _ in _moved(here) if page.template != "redirect.html"]
    yield "/_redirects", {"moves": tuple(sorted(set(moved)))}


def _open_data(archive: Archive) -> dict[str, Any]:
    return {"institutions": archive.institutions, "releases": archive.releases, "levels": archive.geography}


TABLE: tuple[Row, ...] = (
    Row("home", _one, _single("home", _home), "home.html"),
    Row("timeline", _one, _single("timeline", _timeline), "timeline.html"),
    Row("institutions", _one, _single("institutions", _institutions), "institutions.html"),
    Row("years", _one, _single("years", _years), "years.html"),
    Row("zones", _one, _single("zones", _zones), "zones.html"),
    Row("provinces", _one, _placed(_single("provinces", _provinces)), "provinces.html"),
    Row("search", _one, _single("search", _search), "search.html"),
    Row("open_data", _one, _single("open_data", _open_data_page), "data.html"),
    Row("compare", _one, _single("compare", _compare), "compare.html"),
    Row("not_found", _one, _file("/404.html", lambda archive: {}), "404.html"),
    Row("release", _one, _release_files, "release.html"),
    Row("timeline_year", lambda archive: archive.timeline, _timeline_year_files, "timeline_year.html"),
    Row("institution", lambda archive: archive.institutions, _institution_files(first=True), "institution.html"),
    Row("institution", lambda archive: archive.institutions, _institution_files(first=False), "institution_releases.html"),
    Row("badge", lambda archive: archive.institutions, _badge_files, "badge.svg"),
    Row("year", lambda archive: archive.years, _year_files, "year.html"),
    Row("zone", lambda archive: archive.zones, _zone_files, "zone.html"),
    Row("province", lambda archive: archive.provinces, _province_files, "province.html"),
    Row("regency", lambda archive: archive.regencies, _regency_files, "regency.html"),
    Row("sitemap", _one, _sitemap_files, make=makers.sitemap),
    Row("robots", _one, _file("/robots.txt", lambda archive: {}), make=makers.robots),
    Row("grades", _one, _file("/static/grades.css", lambda archive: {}), "grades.css"),  # each grade's colours, marker, pattern
    Row("data", _one, _file("/data/awards.json", _open_data), make=makers.awards_json),
    Row("data", _one, _file("/data/" + opendata.CSV_FILE, _awards), make=opendata.awards_csv),
    Row("data", _one, _file("/data/" + opendata.XLSX_FILE, _awards), make=workbook.awards_xlsx),
    Row("data", _one, _file("/data/datapackage.json", lambda archive: {"levels": archive.geography}), make=opendata.datapackage),
    Row("feed", _one, _feed_files(""), "atom.xml"),
    Row("feed", _one, _feed_files("_rss"), "rss.xml"),
    Row("feed", _one, _feed_files("_json"), "feed.json"),
    Row("card", _one, _file("/card.png", lambda archive: {}), make=cards.site_card),
    Row("release_card", lambda archive: archive.releases, _release_card_files, make=cards.release_card),
    Row("institution_card", lambda archive: archive.institutions, _institution_card_files, make=cards.institution_card),
    Row("redirect", _one, _redirect_files, "redirect.html"),  # after every page that can move, and out of the sitemap
    Row("redirects", _one, _redirects_file, make=makers.redirects),
)


@dataclass(frozen=True, slots=True)
class IndexRow:
    """The search index's row: its folders under output/ (`over`: one bundle for institution and other pages, one
    per assessment year), the bundle each page of the rows above goes into, and what makes them: Pagefind, over
    those pages' HTML (`publish.pagefind`), after the pages are made."""

    route: str
    over: Callable[[Archive], tuple[str, ...]]
    bundle_of: Callable[[Page, tuple[str, ...]], str]


SEARCH_INDEX = IndexRow("search_bundle", search_bundles, search_bundle_of)


def plan(archive: Archive, config: SiteConfig) -> tuple[tuple[Page, ...], list[Problem]]:
    """Every file of the site, row by row, and the problems of two files claiming one address."""
    site = Site(archive, Urls.of(config), config, [])
    for row in TABLE:
        for language in config.languages if row.mirrored else config.languages[:1]:
            code = language if language != config.language else None
            here = replace(site, urls=Urls.of(config, language)) if code else site  # the same list of pages
            for item in row.over(archive):
                here.pages.extend(
                    Page(url, row.template, MappingProxyType(dict(values)), row.make, code) for url, values in row.files(item, here)
                )
    return tuple(site.pages), collisions(site.pages)


def _categories(archive: Archive, config: SiteConfig) -> tuple[str, ...]:
    """Every category awarded: those of the rubric's bands first (newest period first), then the others by name."""
    awarded = {award.category for institution in archive.institutions for award in institution.awards if award.category}
    periods = sorted(config.rubric, key=lambda period: -period.first_year)
    banded = [category for category in dict.fromkeys(band.category for period in periods for band in period.bands) if category in awarded]
    return (*banded, *sorted(awarded - set(banded)))


def _months(releases: tuple[Release, ...]) -> tuple[Month, ...]:
    months: dict[Any, list[Release]] = {}
    for release in releases:
        months.setdefault(release.date.replace(day=1), []).append(release)
    return tuple(Month(first_day, tuple(items)) for first_day, items in months.items())


def _gaps(archive: Archive, config: SiteConfig) -> tuple[int, ...]:
    """Years between the rubric's periods with no assessment at all (2020), newest first."""
    if not archive.years or not config.rubric:
        return ()
    first = min(period.first_year for period in config.rubric)
    last = max(results.year for results in archive.years)
    return tuple(year for year in range(last, first - 1, -1) if period_for(config.rubric, year, "") is None)


def _neighbour(release: Release) -> Neighbour:
    return Neighbour(release.slug, release.title)
