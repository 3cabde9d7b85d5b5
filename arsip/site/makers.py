"""Every file of the site that a function makes rather than a template: sitemap, robots.txt, `_redirects`, the JSON
open data (the tables, CSV, workbook and Data Package, are made by `opendata` and `workbook`).

Input: the `Archive`, the planned pages, the copied `Asset`s. Output: a `Page` per file with the
function that makes it (`make(values, urls, config)`: bytes), and the asset files as they are. The
functions read the configuration through the recording view, so what they read is recorded too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

from ..model.types import Award
from ..model.validate import Release
from ..publish.files import File, Output
from ..source.tree import Asset
from .opendata import decimals
from .routes import Urls

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def asset_files(assets: tuple[Asset, ...]) -> list[File]:
    """Images and static files, copied as they are."""
    return [Output(asset.path, asset.data) for asset in assets]


def sitemap(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    """Every page's address with its `lastmod`: the date of the newest release it shows (never the build's time)."""
    root = ET.Element("urlset", xmlns=SITEMAP_NS)
    for url, lastmod in values["urls"]:
        entry = ET.SubElement(root, "url")
        ET.SubElement(entry, "loc").text = urls.absolute(url)
        if lastmod is not None:
            ET.SubElement(entry, "lastmod").text = lastmod.isoformat()
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
        "decimals": decimals(award.score),
        "period": award.period.label if award.period else None,
        "comparable": award.comparable,
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
    levels = values["levels"]  # a level of place the site does not have is no key at all
    data = {
        "institutions": [
            {"slug": institution.slug, "name": institution.ref.name, "kind": institution.ref.kind}
            | {level: getattr(institution.ref, level) for level in levels}
            | {"url": urls.path("institution", institution.slug), "awards": [_award_record(award, urls) for award in institution.awards]}
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


