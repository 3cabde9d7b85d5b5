"""Every file of the site that a function makes rather than a template: feeds, sitemap, open data, `_redirects`.

Input: the `Archive`, the planned pages, the copied `Asset`s. Output: a `Page` per file with the
function that makes it (`make(values, urls, config)`: bytes), and the asset files as they are. The
functions read the configuration through the recording view, so what they read is recorded too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

from ..model.types import Award
from ..model.validate import Release
from ..publish.files import File, Output
from ..render.strings import STRINGS
from ..render.templates import Formatter
from ..source.tree import Asset
from .routes import Urls

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
CSV_COLUMNS = ("year", "institution", "slug", "kind", "province", "score", "zone", "category", "rank", "date", "release_url")


def asset_files(assets: tuple[Asset, ...]) -> list[File]:
    """Images and static files, copied as they are."""
    return [Output(asset.path, asset.data) for asset in assets]


def sitemap(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    root = ET.Element("urlset", xmlns=SITEMAP_NS)
    for url in values["urls"]:
        ET.SubElement(ET.SubElement(root, "url"), "loc").text = urls.absolute(url)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def redirects(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    """`_redirects` as Netlify and Cloudflare Pages read it: `/old/path/ /new/path/ 301`, one moved address a line."""
    lines = ["# Alamat lama situs ini dan alamat barunya (Netlify, Cloudflare Pages). Old addresses and where they moved."]
    lines += [f"{urls.base_path}{old[1:]} {urls.base_path}{new[1:]} 301" for old, new in values["moves"]]
    return ("\n".join(lines) + "\n").encode()


def robots(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute('/sitemap.xml')}\n".encode()


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


def awards_json(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
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
            for institution in values["institutions"]
        ],
        "releases": [_release_record(release, urls) for release in values["releases"]],
    }
    # One record per line: readable and diffable, and each line is encoded by the json module's fast C encoder
    # (`indent` would send the whole archive through its slow pure-Python one, a third of a second per preview rebuild).
    records = ",\n".join(f"  {json.dumps(key, ensure_ascii=False)}: {_json_list(items)}" for key, items in data.items())
    text = "{\n" + records + "\n}\n"
    # Still the same JSON, but safe to paste inside an HTML page: no raw <, > or & can end a script element.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.encode("utf-8")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list for CSV injection


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (nor one behind a leading TAB or carriage return)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def awards_csv(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for institution in values["institutions"]:
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
            writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50


def feed(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    """An Atom feed of the newest releases: the whole archive's, an institution's (`label`) or a zone's (`zone`)."""
    title = config.title
    if values["label"]:
        title = f"{values['label']} · {title}"
    elif values["zone"]:
        title = f"{STRINGS[config.language]['zone_' + values['zone']]} · {title}"
    return _feed(values["url"], title, values["releases"], urls, config)


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _feed(path: str, title: str, releases: tuple[Release, ...], urls: Urls, config: Any) -> bytes:
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
    return data


def _entry_summary(release: Release, config: Any) -> str:
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
