"""Everything besides the HTML pages.

Input: the `Archive`, the planned `Page`s, the copied `Asset`s and the `SiteConfig`. Output:
`Output`s for the sitemap, robots.txt, the open data (`data/awards.json`, `data/awards.csv`) and the
asset files. To add an output, add one function here and list it in `build_all`.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from xml.etree import ElementTree as ET

from .config import SiteConfig
from .load import Asset
from .model import Archive, Award
from .render import Output
from .routes import Page, Urls
from .validate import Release

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
CSV_COLUMNS = ("year", "institution", "slug", "kind", "province", "score", "zone", "category", "rank", "date", "release_url")


def build_all(archive: Archive, pages: tuple[Page, ...], assets: tuple[Asset, ...], config: SiteConfig) -> list[Output]:
    urls = Urls.of(config)
    return [
        sitemap(pages, urls),
        robots(urls),
        awards_json(archive, urls),
        awards_csv(archive, urls),
        *(Output(asset.path, asset.data) for asset in assets),
    ]


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
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
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
