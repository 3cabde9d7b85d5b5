"""The words of the interface: the default theme's, under the site's own.

Input: `arsip/theme/strings.toml` (the theme's words in the languages it knows, read once as package data) and a
site's `[strings.<language>]` from its configuration. Output: the table of words for the site's language. Content
(titles, bodies, institution names) is never translated; grade and kind labels come from `[[grade]]` and `[[kind]]`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

THEME_STRINGS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        language: MappingProxyType(table)
        for language, table in tomllib.loads((Path(__file__).resolve().parent.parent / "theme" / "strings.toml").read_text("utf-8")).items()
    }
)


def site_strings(language: str, own: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]) -> dict[str, str]:
    """The theme's words in `language` (English when the theme does not know it), with the site's own over them."""
    theme = THEME_STRINGS.get(language) or THEME_STRINGS["en"]
    return {**theme, **dict(dict(own).get(language, ()))}
