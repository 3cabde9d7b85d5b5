"""The site's languages, its addresses and the published addresses taken off on purpose, as `site_config.toml` gives them.

Input: the values of `translations` (a list of language codes) and of the `[redirects]` table (`gone`, a list
of site-relative addresses such as /rilis/x/), with the checker of `config` that reports problems at their
lines. Output: `Addresses`: the translations (each supported; the site's own language and repeats left out)
and the gone addresses (each a path of this site, starting with one '/', sorted, each once); a full
address or a path without its '/' is refused with the path to write instead. `DEFAULT_PERMALINKS`: the address
of each kind of page unless `[permalinks]` says otherwise, with the field each must hold (`PERMALINK_FIELDS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from ..i18n import Text, tr
from .words import one_of

DEFAULT_PERMALINKS = {
    "home": "/",
    "release": "/rilis/{slug}/",
    "timeline": "/linimasa/",
    "timeline_year": "/linimasa/{year}/",
    "institutions": "/instansi/",
    "institution": "/instansi/{slug}/",
    "years": "/penilaian/",
    "year": "/penilaian/{year}/",
    "zones": "/zona/",
    "zone": "/zona/{zone}/",
    "provinces": "/provinsi/",
    "province": "/provinsi/{slug}/",
    "regency": "/kabupaten-kota/{slug}/",  # a regency or city (geography = ["province", "regency"])
    "search": "/cari/",
    "open_data": "/data/",
    "compare": "/bandingkan/",
}
PERMALINK_FIELDS = {
    "release": "{slug}",
    "institution": "{slug}",
    "timeline_year": "{year}",
    "year": "{year}",
    "zone": "{zone}",
    "province": "{slug}",
    "regency": "{slug}",
}
REDIRECTS_KEYS = {"gone": list}
GONE_MAX = 300  # characters of one address under [redirects] gone
TRANSLATIONS_EXAMPLE = 'translations = ["en"]'
GONE_EXAMPLE = 'gone = ["/rilis/2021-10-15-judul-lama/"]'


@dataclass(frozen=True, slots=True)
class Addresses:
    """Where the site's pages are besides its permalinks: each translation's mirror under /<code>/ (`translations`),
    and the published addresses taken off on purpose, for which no redirect is asked (`gone`)."""

    translations: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()


class Checker(Protocol):
    """What `config._Checker` does for these keys: report at a key's line, check a table's keys."""

    def fail(self, key: str, message: Text, hint: Text | None = None) -> None: ...

    def keys(self, table: dict[str, Any], allowed: dict[str, Any], where: str, required: tuple[str, ...] = ()) -> bool: ...


def translations(raw: Any, language: Any, languages: tuple[str, ...], checker: Checker) -> tuple[str, ...]:
    """The other languages the site is mirrored in: each supported, each once; the site's own is no translation, so
    switching `language` to "en" leaves `translations = ["en"]` a site in English alone."""
    if not isinstance(raw, list):
        return ()  # `keys` reported the wrong type
    found: list[str] = []
    for code in raw:
        if not isinstance(code, str) or code not in languages:
            checker.fail("translations", tr("translation '{language}' is not supported", language=str(code)), one_of(languages))
        elif code != language and code not in found:  # the site's own language is at the root already
            found.append(code)
    return tuple(found)


def gone(config: dict[str, Any], checker: Checker) -> tuple[str, ...]:
    """The addresses under `[redirects] gone`: site-relative paths such as /rilis/x/, each once."""
    raw = config.get("redirects", {})
    if not isinstance(raw, dict):
        return ()  # `keys` reported the wrong type
    checker.keys(raw, REDIRECTS_KEYS, "redirects")
    addresses = raw.get("gone", [])
    if not isinstance(addresses, list):
        return ()
    found: list[str] = []
    for address in addresses:
        reason = _address_problem(address)
        if reason is not None:
            shown = str(address)[:GONE_MAX]
            checker.fail("gone", tr("gone: {address} {reason}", address=repr(shown), reason=reason), _gone_hint(address))
        elif address not in found:
            found.append(address)
    return tuple(sorted(found))


def _address_problem(address: Any) -> Text | None:
    if not isinstance(address, str):
        return tr("is not text")
    if not address.startswith("/") or address.startswith("//"):
        return tr("does not start with a single '/'")
    if len(address) > GONE_MAX or re.search(r"[\s?#\\\x00-\x1f\x7f]", address) or "/../" in address + "/" or "/./" in address + "/":
        return tr("is not the path of an address of this site")
    return None


def _gone_hint(address: Any) -> Text:
    """The path to write for a full address or a path without its leading '/'."""
    if isinstance(address, str):
        parts = urlsplit(address.strip())
        path = parts.path if parts.scheme in ("http", "https") else "/" + address.strip().lstrip("/")
        if path and not re.search(r"[\s?#\\]", path) and path != "/" and path != address:
            return tr("write the path alone, e.g. {example}", example=f'gone = ["{path}"]')
    return tr("write the path of the removed page, e.g. {example}", example=GONE_EXAMPLE)
