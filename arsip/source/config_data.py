"""The `[open_data]` table of site_config.toml: the licence and sources of the site's open data.

Input: the table as parsed TOML and the configuration's problem collector. Output: a frozen `OpenData`
(licence name, title and URL; the sources, each a title and a URL), which data/datapackage.json and the
data page show; unknown keys and malformed URLs become problems at their line, as elsewhere in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from ..i18n import Text, tr

OPEN_DATA_KEYS = {"license": str, "license_title": str, "license_url": str, "sources": list}
SOURCE_KEYS = {"title": str, "path": str}
EXAMPLES = {
    "license": 'license = "CC-BY-4.0"',
    "license_title": 'license_title = "Creative Commons Attribution 4.0 International"',
    "license_url": 'license_url = "https://creativecommons.org/licenses/by/4.0/"',
    "sources": 'sources = [{ title = "Ombudsman Republik Indonesia", path = "https://ombudsman.go.id/" }]',
}
TABLE_HINT = tr("write a table: a line [open_data], then lines such as  {example}", example=EXAMPLES["license"])


@dataclass(frozen=True, slots=True)
class Source:
    """Where the data come from: a title and a web address."""

    title: str
    path: str


@dataclass(frozen=True, slots=True)
class OpenData:
    """The licence of the open data (an SPDX-style name such as CC-BY-4.0, its title and URL) and their sources."""

    license: str | None = None
    license_title: str | None = None
    license_url: str | None = None
    sources: tuple[Source, ...] = ()


class Checker(Protocol):
    def keys(self, table: dict[str, Any], allowed: dict[str, Any], where: str, required: tuple[str, ...] = ()) -> bool: ...

    def fail(self, key: str, message: Text, hint: Text | None = None) -> None: ...


def open_data(raw: Any, checker: Checker) -> OpenData:
    """The `[open_data]` table checked; an empty `OpenData` when it is absent or unusable (its problems are collected)."""
    if not isinstance(raw, dict):
        return OpenData()
    checker.keys(raw, OPEN_DATA_KEYS, "open_data")  # every problem is collected; a value of the wrong type is left out
    raw = {key: value for key, value in raw.items() if key in OPEN_DATA_KEYS and isinstance(value, OPEN_DATA_KEYS[key])}
    if "license_url" in raw and not _is_web_address(raw["license_url"]):
        message = _not_web("open_data.license_url", raw["license_url"])
        checker.fail("license_url", message, tr("write e.g.  {example}", example=EXAMPLES["license_url"]))
    if ("license_title" in raw or "license_url" in raw) and "license" not in raw:
        checker.fail("license_title" if "license_title" in raw else "license_url", tr("[open_data] has no 'license'"),
                     tr("add  {example}", example=EXAMPLES["license"]))
    sources = []
    for index, item in enumerate(raw.get("sources", ())):
        where = f"open_data.sources[{index}]"
        if not isinstance(item, dict):
            checker.fail("sources", tr("{where} must be a table", where=where), tr("write e.g.  {example}", example=EXAMPLES["sources"]))
            continue
        if not checker.keys(item, SOURCE_KEYS, where, required=("title", "path")):
            continue
        if not _is_web_address(item["path"]):
            checker.fail("sources", _not_web(f"{where}.path", item["path"]), tr("write e.g.  {example}", example=EXAMPLES["sources"]))
            continue
        sources.append(Source(item["title"], item["path"]))
    return OpenData(raw.get("license"), raw.get("license_title"), raw.get("license_url"), tuple(sources))


def _is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in value)


def _not_web(key: str, value: str) -> Text:
    return tr("'{key}' = '{value}' is not a web address (http:// or https://)", key=key, value=value)
