"""A release's address and its former ones (`aliases:`): each leads to one release only.

Input: the front-matter of one release (through `fields._Fields`) and its slug; then every release that is
built, with its slug, aliases and `SourceDoc`. Output: the aliases as slugs (`2024-12-03-judul-lama`), with a
problem at the line of each one that is not a slug (the hint gives the slug of an old address pasted whole),
and the problems of two releases with one slug, of an alias that is another release's slug, and of an alias
of two releases: an old address redirects to one release only.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..i18n import tr
from ..problems import Problem, error
from ..source.frontmatter import SourceDoc
from ..source.registry import SLUG_PATTERN, make_slug
from .fields import _Fields, _shown

SLUG_GIVEN_MAX = 120  # characters of a slug written in the front-matter
ALIASES_HINT = tr("write e.g.  aliases: [2024-12-03-judul-lama]")
ONE_RELEASE_HINT = tr("an old address can lead to one release only: remove it from one of them")


def read_aliases(fields: _Fields, slug: str | None) -> tuple[str, ...]:
    """The slugs the release had before, each as it appears in its old address (`2024-12-03-judul-lama`)."""
    value = fields.meta.get("aliases")
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        fields.fail("aliases", tr("'aliases' must be a list of the slugs this release had before"), ALIASES_HINT)
        return ()
    found: list[str] = []
    for index, item in enumerate(value):
        text = item.strip() if isinstance(item, str) else None
        if text is None or not SLUG_PATTERN.match(text) or len(text) > SLUG_GIVEN_MAX:
            fields.fail(
                f"aliases.{index}",
                tr("alias {alias} is not a slug: it may use only a-z, 0-9 and single '-'", alias=_shown(item)),
                tr("write the last part of the old address, e.g.  aliases: [{slug}]", slug=alias_suggestion(item)),
            )
        elif text == slug:
            fields.warn(f"aliases.{index}", tr("alias '{alias}' is this release's own slug", alias=text), tr("remove it from aliases"))
        elif text not in found:
            found.append(text)
    return tuple(found)


def alias_suggestion(item: object) -> str:
    """The slug in an old address pasted whole (`https://…/rilis/x/` -> `x`), else a slug made from the text."""
    text = str(item).strip()
    if "/" in text:
        text = next((part for part in reversed(urlsplit(text).path.split("/")) if part), text)
    return make_slug(text, SLUG_GIVEN_MAX) or "judul-lama"


def alias_problems(included: list[tuple[str, tuple[str, ...], SourceDoc]], owners: dict[str, tuple[SourceDoc, int]]) -> list[Problem]:
    """An alias that is another release's slug, or an alias of two releases: an old address leads to one release only."""
    problems = []
    claimed: dict[str, tuple[SourceDoc, int]] = {}
    for slug, aliases, doc in included:
        for index, alias in enumerate(aliases):
            line = doc.line(f"aliases.{index}")
            owner = owners.get(alias) if alias != slug else None
            other = owner or claimed.setdefault(alias, (doc, line))
            if other[0] is not doc:
                where = f"{other[0].path}:{other[1]}"
                message = (
                    tr("alias '{alias}' is the slug of {first}", alias=alias, first=where)
                    if owner
                    else tr("alias '{alias}' is also an alias of {first}", alias=alias, first=where)
                )
                problems.append(error(doc.path, line, message, ONE_RELEASE_HINT))
    return problems


def duplicate_slug(slug: str, doc: SourceDoc, line: int, owner: tuple[SourceDoc, int]) -> Problem:
    """Two releases, one address: the later file (in path order) is reported, pointing at the first."""
    first = f"{owner[0].path}:{owner[1]}"
    if "slug" in doc.meta:
        return error(
            doc.path,
            line,
            tr("slug '{slug}' is also the slug of {first}", slug=slug, first=first),
            tr("give this release its own, e.g.  slug: {slug}-2", slug=slug),
        )
    return error(
        doc.path,
        line,
        tr("the slug '{slug}' made from the date and title is also the slug of {first}", slug=slug, first=first),
        tr("change the title or add a line such as  slug: {slug}-2", slug=slug),
    )
