"""Everything besides the HTML pages.

Input: the `Archive`, the planned `Page`s, the copied `Asset`s and the `SiteConfig`. Output:
`Output`s for the sitemap, robots.txt, the open data (`data/awards.json`, `data/awards.csv`) and the
asset files. To add an output, add one function here and list it in `build_all`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

from .cache import BuildCache, FileStatus, Fingerprinter
from .config import SiteConfig
from .load import Asset
from .model import Archive, Award
from .problems import BuildFailed, error
from .render import Formatter, Kept, Output, Staged, Written, status_as_written
from .routes import Page, Urls, search_bundle_of
from .search import IndexedPage, build_index, indexed_digest
from .strings import STRINGS
from .validate import Release

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
CSV_COLUMNS = ("year", "institution", "slug", "kind", "province", "score", "zone", "category", "rank", "date", "release_url")


def asset_files(assets: tuple[Asset, ...]) -> list[Written]:
    """Images and static files, copied as they are."""
    return [Output(asset.path, asset.data) for asset in assets]


def build_all(archive: Archive, pages: tuple[Page, ...], config: SiteConfig, cache: BuildCache | None = None) -> list[Written]:
    """Every file of the site that is neither a page nor an asset; with a cache, feeds whose entries did not change are reused."""
    urls = Urls.of(config)
    if cache:
        kept = FeedMemo(cache.feeds, Fingerprinter(cache.digests), written=cache.feed_files, output_dir=config.output_dir)
    else:
        kept = FeedMemo({}, Fingerprinter())
    outputs = [
        sitemap(pages, urls),
        robots(urls),
        awards_json(archive, urls),
        awards_csv(archive, urls),
        *feeds(archive, urls, config, kept),
    ]
    if cache:
        cache.feeds = kept.fresh
    return outputs


@dataclass
class FeedMemo:
    """Feeds by a fingerprint of what they show, from the last build (`previous`) and this one (`fresh`)."""

    previous: dict[bytes, Written]
    fingerprint: Fingerprinter
    fresh: dict[bytes, Written] = field(default_factory=dict)
    written: dict[bytes, tuple[str, FileStatus]] = field(default_factory=dict)  # as the last build left them in output/
    output_dir: Path | None = None

    def on_disk(self, key: bytes, path: str) -> Kept | None:
        """The feed as the last build wrote it, when what it shows is unchanged and its file untouched since."""
        saved = self.written.get(key)
        if saved is None or saved[0] != path or self.output_dir is None:
            return None
        return Kept.if_untouched(path, self.output_dir, saved[1])


def remember_feeds(cache: BuildCache, output_dir: Path) -> None:
    """After output/ was written: each feed's fingerprint with its file's status, for the next run's `FeedMemo.on_disk`."""
    written: dict[bytes, tuple[str, FileStatus]] = {}
    for key, out in cache.feeds.items():
        status = status_as_written(out.path, out, output_dir)
        if status is not None:
            written[key] = (out.path, status)
    cache.feed_files = written


def sitemap(pages: tuple[Page, ...], urls: Urls) -> Output:
    root = ET.Element("urlset", xmlns=SITEMAP_NS)
    for page in sorted(pages, key=lambda p: p.url):
        if page.url.endswith("/"):
            ET.SubElement(ET.SubElement(root, "url"), "loc").text = urls.absolute(page.url)
    ET.indent(root)
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
    return Output("sitemap.xml", data)


def robots(urls: Urls) -> Output:
    text = f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute('/sitemap.xml')}\n"
    return Output("robots.txt", text.encode("utf-8"))


def _number(score: Decimal | None) -> float | int | None:
    if score is None:
        return None
    return int(score) if score == score.to_integral_value() and score.as_tuple().exponent == 0 else float(score)


def _json_list(items: object) -> str:
    if not isinstance(items, list):
        return json.dumps(items, ensure_ascii=False)
    return "[\n" + ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in items) + "\n  ]" if items else "[]"


def _award_record(award: Award, urls: Urls) -> dict[str, object]:
    return {
        "year": award.year,
        "score": _number(award.score),
        "zone": award.zone,
        "category": award.category,
        "rank": award.rank,
        "date": award.date.isoformat(),
        "release_url": urls.path("release", award.release),
    }


def _release_record(release: Release, urls: Urls) -> dict[str, object]:
    return {
        "slug": release.slug,
        "title": release.title,
        "date": release.date.isoformat(),
        "url": urls.path("release", release.slug),
        "institution": release.institution.slug,
        "year": release.year,
        "score": _number(release.score),
        "zone": release.zone,
        "source": release.source,
    }


def awards_json(archive: Archive, urls: Urls) -> Output:
    data = {
        "institutions": [
            {
                "slug": institution.slug,
                "name": institution.ref.name,
                "kind": institution.ref.kind,
                "province": institution.ref.province,
                "url": urls.path("institution", institution.slug),
                "awards": [_award_record(award, urls) for award in institution.awards],
            }
            for institution in archive.institutions
        ],
        "releases": [_release_record(release, urls) for release in archive.releases],
    }
    # One record per line: readable and diffable, and each line is encoded by the json module's fast C encoder
    # (`indent` would send the whole archive through its slow pure-Python one, a third of a second per preview rebuild).
    records = ",\n".join(f"  {json.dumps(key, ensure_ascii=False)}: {_json_list(items)}" for key, items in data.items())
    text = "{\n" + records + "\n}\n"
    # Still the same JSON, but safe to paste inside an HTML page: no raw <, > or & can end a script element.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Output("data/awards.json", text.encode("utf-8"))


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def awards_csv(archive: Archive, urls: Urls) -> Output:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for institution in archive.institutions:
        ref = institution.ref
        for award in institution.awards:
            row = (
                award.year,
                ref.name,
                ref.slug,
                ref.kind,
                ref.province,
                award.score,
                award.zone,
                award.category,
                award.rank,
                award.date.isoformat(),
                urls.path("release", award.release),
            )
            writer.writerow([_cell(value) for value in row])
    return Output("data/awards.csv", buffer.getvalue().encode("utf-8"))


ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50


def feeds(archive: Archive, urls: Urls, config: SiteConfig, memo: FeedMemo | None = None) -> list[Written]:
    """Atom feeds: the whole archive, each institution and each zone (newest releases first)."""
    strings = STRINGS[config.language]
    memo = memo or FeedMemo({}, Fingerprinter())
    result = [_kept_feed(memo, urls.path("feed"), config.title, archive.releases, urls, config)]
    for institution in archive.institutions:
        title = f"{institution.ref.name} · {config.title}"
        result.append(_kept_feed(memo, urls.path("institution_feed", institution.slug), title, institution.releases, urls, config))
    for zone_list in archive.zones:
        slugs = {award.release for year in zone_list.years for award in year.awards}
        releases = tuple(r for r in archive.releases if r.slug in slugs or r.zone == zone_list.zone)
        title = f"{strings['zone_' + zone_list.zone]} · {config.title}"
        result.append(_kept_feed(memo, urls.path("zone_feed", zone_list.zone), title, releases, urls, config))
    return result


def _kept_feed(memo: FeedMemo, path: str, title: str, releases: tuple[Release, ...], urls: Urls, config: SiteConfig) -> Written:
    key = memo.fingerprint((path, title, releases[:FEED_ENTRIES], config))
    out = memo.previous.get(key) or memo.fresh.get(key) or memo.on_disk(key, path.lstrip("/")) or _feed(path, title, releases, urls, config)
    memo.fresh[key] = out
    return out


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _feed(path: str, title: str, releases: tuple[Release, ...], urls: Urls, config: SiteConfig) -> Output:
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": config.language})
    ET.SubElement(root, "id").text = urls.absolute(path)
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "updated").text = _timestamp(releases[0].date if releases else dt.date(2000, 1, 1))
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": urls.absolute(path)})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": urls.absolute(path.rpartition("/")[0] + "/")})
    ET.SubElement(ET.SubElement(root, "author"), "name").text = config.publisher or config.title
    for release in releases[:FEED_ENTRIES]:
        entry = ET.SubElement(root, "entry")
        link = urls.absolute(urls.path("release", release.slug))
        ET.SubElement(entry, "id").text = link
        ET.SubElement(entry, "title").text = release.title
        ET.SubElement(entry, "updated").text = _timestamp(release.date)
        ET.SubElement(entry, "published").text = _timestamp(release.date)
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": link})
        ET.SubElement(entry, "category", {"term": release.institution.slug, "label": release.institution.name})
        ET.SubElement(entry, "summary").text = _entry_summary(release, config)
    ET.indent(root)
    data = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
    return Output(path.lstrip("/"), data)


def _entry_summary(release: Release, config: SiteConfig) -> str:
    """The release's summary, or its institution and result in words."""
    if release.summary:
        return release.summary
    formatter = Formatter(config.language)
    parts = [release.institution.name, formatter.date_long(release.date)]
    if release.score is not None:
        parts.append(f"{formatter.t('score')} {formatter.score(release.score)}")
    if release.zone:
        parts.append(formatter.zone(release.zone))
    return " · ".join(parts)


class SearchIndex:
    """Pagefind's search bundles for release and institution pages, built in memory.

    The index is split by assessment year (`routes.search_bundles`): a bundle is built again only
    when one of its pages changed what Pagefind reads, otherwise the cache's copy is reused; bundles
    that changed are built after rendering, one Pagefind process per core, each holding one year.
    """

    def __init__(self, config: SiteConfig, cache: BuildCache, bundles: tuple[str, ...]) -> None:
        self.language = config.language
        self.cache = cache
        self.previous: dict[str, tuple[tuple[tuple[str, bytes], ...], tuple[Written, ...]]] = (
            cache.search if isinstance(cache.search, dict) else _bundles_on_disk(cache, config.output_dir)
        )
        self.bundles = bundles
        self.seen: dict[str, list[tuple[Written, tuple[str, bytes]]]] = {folder: [] for folder in bundles}
        self.indexed_before: dict[str, bytes] | None = None

    def page(self, page: Page, out: Written) -> None:
        entry = self._kept_entry(out) if isinstance(out, Kept) else None
        if entry is None:
            digest = out.indexed if isinstance(out, Staged) else indexed_digest(_read(out))
            if digest is None:
                return
            entry = (out.path, digest)
        self.seen[search_bundle_of(page, self.bundles)].append((out, entry))

    def _kept_entry(self, out: Kept) -> tuple[str, bytes] | None:
        """A page kept unchanged in output/ has the entry it had in the last index, found without reading it."""
        if self.indexed_before is None:
            self.indexed_before = {path: digest for entries, _ in self.previous.values() for path, digest in entries}
        digest = self.indexed_before.get(out.path)
        return None if digest is None else (out.path, digest)

    def finish(self) -> list[Output]:
        entries = {folder: tuple(entry for _, entry in seen) for folder, seen in self.seen.items()}
        stale = [folder for folder in self.bundles if folder not in self.previous or self.previous[folder][0] != entries[folder]]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # each thread drives a Pagefind process
            built = dict(zip(stale, pool.map(self._index, stale), strict=True))
        bundles = {folder: (entries[folder], built[folder] if folder in built else self.previous[folder][1]) for folder in self.bundles}
        self.cache.search = bundles
        return [out for folder in self.bundles for out in bundles[folder][1]]

    def _index(self, folder: str) -> tuple[Output, ...]:
        pages = (IndexedPage(_page_url(out.path), out.data.decode("utf-8")) for out, _ in self.seen[folder])
        files = build_index(pages, self.language)
        if folder != self.bundles[0]:  # a merged bundle is only searched: Pagefind's ready-made UI files are not needed twice
            files = [(path, data) for path, data in files if not _PAGEFIND_UI.match(path)]
        return tuple(Output(f"{folder}/{path}", data) for path, data in files)


def _bundles_on_disk(cache: BuildCache, output_dir: Path) -> dict[str, tuple[tuple[tuple[str, bytes], ...], tuple[Written, ...]]]:
    """The search bundles an earlier run saved, each with its files as kept in output/ (a bundle with a file
    touched since is left out, so it is built again)."""
    bundles = {}
    for folder, (entries, files) in cache.search_files.items():
        kept = tuple(Kept.if_untouched(path, output_dir, status) for path, status in files)
        if all(kept):
            bundles[folder] = (entries, kept)
    return bundles


def remember_search(cache: BuildCache, output_dir: Path) -> None:
    """After output/ was written: each search bundle's pages and its files' status, for the next run's `_bundles_on_disk`."""
    saved = {}
    for folder, (entries, files) in (cache.search or {}).items():
        statuses = tuple((out.path, status_as_written(out.path, out, output_dir)) for out in files)
        if all(status for _, status in statuses):
            saved[folder] = (entries, statuses)
    cache.search_files = saved


def _read(out: Written) -> bytes:
    """The page's bytes; a page kept from the last build that someone changed meanwhile is a reported problem."""
    try:
        return out.data
    except OSError as exc:
        message = f"cannot read the page kept from the last build: {exc.strerror or exc}"
        hint = "build again; another build may have been writing output/ at the same time"
        raise BuildFailed([error(f"output/{out.path}", None, message, hint)]) from exc


_PAGEFIND_UI = re.compile(r"pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$")


def _page_url(path: str) -> str:
    """The page's URL relative to the site root; Pagefind adds the site's base path (where its bundle lives)."""
    return "/" + (path.removesuffix("index.html") if path.endswith("index.html") else path)
