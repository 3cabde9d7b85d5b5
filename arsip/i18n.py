"""What an editor reads, in the editor's language: Indonesian first, English second.

Input: English message templates marked in the code with `tr("…")` (and `trn("…", "…", count)` where a
number decides the form), and the Indonesian catalogue `arsip/locale/id/LC_MESSAGES/arsip.po`, kept
with Babel (`make messages` runs `pybabel extract` and `update`; the set-up runs `pybabel compile`).
Output: `Text` values, which say nothing until a `Language` renders them. A problem found in a worker
or kept in the build database is therefore rendered only at the edge (the terminal, the preview's
overlay), in the language of whoever reads it.

Which language: `--lang`, else the environment variable `ARSIP_LANG`, else `language` in
`site_config.toml`, else Indonesian (`chosen`).
"""

from __future__ import annotations

import gettext
import io
import os
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGUAGES = ("id", "en")
DEFAULT = "id"
DOMAIN = "arsip"
LOCALE_DIR = Path(__file__).parent / "locale"
ENVIRONMENT = "ARSIP_LANG"

Param = Union[str, int, "Text"]


@dataclass(frozen=True, slots=True)
class Text:
    """A message not yet in any language: its English template, the values of its `{names}`, and,
    for a message about a number of things, the plural template and that number (`{count}`)."""

    message: str
    params: tuple[tuple[str, Param], ...] = ()
    plural: str | None = None
    count: int | None = None

    def __str__(self) -> str:
        return ENGLISH(self)


def tr(message: str, /, **params: Param) -> Text:
    """A message to translate; `{name}` in it is replaced by the value given as `name=`."""
    return Text(message, tuple(sorted(params.items())))


def trn(singular: str, plural: str, count: int, /, **params: Param) -> Text:
    """A message whose form follows `count` (`{count}` in it is the number, written as the language writes numbers)."""
    return Text(singular, tuple(sorted(params.items())), plural, count)


@dataclass(frozen=True, slots=True)
class Language:
    """A language an editor reads: renders `Text` with its catalogue (English needs none)."""

    code: str
    catalogue: gettext.NullTranslations

    def __call__(self, text: Text | str | None) -> str:
        if text is None:
            return ""
        if isinstance(text, str):
            return text
        if text.plural is None:
            template = self.catalogue.gettext(text.message)
        else:
            template = self.catalogue.ngettext(text.message, text.plural, text.count or 0)
        values = {name: self(value) if isinstance(value, Text) else value for name, value in text.params}
        if text.count is not None:
            values["count"] = format_decimal(text.count, locale=self.code)
        return template.format(**values)


ENGLISH = Language("en", gettext.NullTranslations())


def language(code: str) -> Language:
    """The language `code` (one of LANGUAGES) with its catalogue."""
    if code == "en":
        return ENGLISH
    if code not in LANGUAGES:
        raise ValueError(f"no catalogue for language {code!r}")
    return Language(code, _catalogue(LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"))


def _catalogue(po: Path) -> gettext.GNUTranslations:
    """The compiled catalogue next to `po`, or `po` compiled in memory when that is missing or older
    (a checkout where `make` has not run since the last `git pull`)."""
    mo = po.with_suffix(".mo")
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    compiled = io.BytesIO()
    with po.open("rb") as stream:
        write_mo(compiled, read_po(stream))
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def chosen(option: str | None, root: Path) -> Language:
    """The editor's language: `--lang`, else $ARSIP_LANG, else the site's `language`, else Indonesian.
    An unknown code falls through to the next source rather than failing the command."""
    for code in (option, os.environ.get(ENVIRONMENT), site_language(root)):
        if code in LANGUAGES:
            return language(code)
    return language(DEFAULT)


def site_language(root: Path) -> str | None:
    """`language` in the project's site_config.toml, read leniently: the build reports a broken file."""
    try:
        raw = tomllib.loads((root / "site_config.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    value = raw.get("language")
    return value if isinstance(value, str) else None


def placeholders(template: str) -> frozenset[str]:
    """The `{names}` a template uses (what a translation must keep)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)
