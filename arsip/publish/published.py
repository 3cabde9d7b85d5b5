"""Published addresses stay: no page the last publication held disappears without a redirect.

Input: the addresses of the pages the last publication held (kept in the build database; when it does not
know them, the pages found in output/), the pages planned now, the configuration (`[redirects] gone`: the
addresses taken off on purpose) and the records of the last build (which release file each old page
showed). Output: the addresses of the site's pages (`addresses`, kept once it is published) and a problem
for each published page that would disappear, neither made nor redirected nor listed as gone, with what
to write: `aliases:` for a release whose slug changed, `former` for a renamed institution, `gone` for a
page taken off on purpose. Further pages of a list that got shorter (`/linimasa/2024/2/`) may go: they
are places in a list, not pages of their own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..builddb import Recorded
from ..i18n import tr, trn
from ..problems import Problem, error
from ..site.routes import Page, in_language, output_file
from ..source.config import SiteConfig

MOST_SHOWN = 30  # problems named one by one; the rest are counted in one more line
NOT_PAGES = frozenset({"pagefind", "static", "media"})  # folders of output/ that hold no page of the site
LATER_PAGE = re.compile(r"(?P<list>.*/)(?P<number>[0-9]+)/")


def addresses(pages: Iterable[Page]) -> tuple[str, ...]:
    """The addresses of the site's pages: each HTML page with a folder address of its own, redirects included."""
    return tuple(sorted(page.url for page in pages if page.url.endswith("/") and page.make is None))


def on_disk(output_dir: Path) -> tuple[str, ...]:
    """The pages output/ holds: each folder with an index.html (none without output/)."""
    found = []
    for top, folders, files in os.walk(output_dir):
        relative = Path(top).relative_to(output_dir).as_posix()
        if relative == ".":
            folders[:] = [folder for folder in folders if folder not in NOT_PAGES]
        if "index.html" in files:
            found.append("/" if relative == "." else f"/{relative}/")
    return tuple(sorted(found))


def disappearing(
    before: Iterable[str], pages: Iterable[Page], config: SiteConfig, recorded: Mapping[str, Recorded]
) -> list[Problem]:
    """A problem for each page of `before` that the planned `pages` would neither make nor redirect, unless gone."""
    now = {page.url: page for page in pages}
    missing = [url for url in before if url not in now and not _gone(url, config) and not _later_page(url, now)]
    if not missing:
        return []
    left = set(missing)
    shown = [url for url in missing if (own := _own(url, config)) == url or own not in left]  # said once for all languages
    releases = {page.context["release"].path: page.context["release"] for page in now.values() if page.template == "release.html"}
    problems = [_problem(url, config, recorded, releases) for url in shown[:MOST_SHOWN]]
    if len(shown) > MOST_SHOWN:
        more = len(shown) - MOST_SHOWN
        problems.append(
            error(
                "site_config.toml",
                None,
                trn("and {count} more published page would disappear", "and {count} more published pages would disappear", more),
                tr("to take off every page under a folder, list the folder, e.g. {example}", example='gone = ["/en/"]'),
            )
        )
    return problems


def _gone(url: str, config: SiteConfig) -> bool:
    """Listed under `[redirects] gone`, itself or a folder it is in, in any language of the site."""
    own = _own(url, config)
    return any(address in (url, own) or (address.endswith("/") and (url.startswith(address) or own.startswith(address)))
               for address in config.addresses.gone)


def _own(url: str, config: SiteConfig) -> str:
    """The address of the page in the site's own language (`/en/rilis/x/` -> `/rilis/x/`)."""
    return in_language(url, config.language, config.languages)


def _later_page(url: str, now: Mapping[str, Page]) -> bool:
    """A further page of a list the site still has (`/linimasa/2024/2/` of /linimasa/2024/)."""
    found = LATER_PAGE.fullmatch(url)
    first = now.get(found["list"]) if found and found["number"] != "1" else None
    return first is not None and "pager" in first.context


def _problem(url: str, config: SiteConfig, recorded: Mapping[str, Recorded], releases: Mapping[str, object]) -> Problem:
    own = _own(url, config)
    gone = tr("if it was taken off on purpose, add it to  gone = [\"{url}\"]  under [redirects] in site_config.toml", url=own)
    slug = _slug_in(own, config.permalink("release"))
    if slug is not None:
        shown_from = _shown_from(url, recorded)
        if shown_from in releases:  # the same release file, under another slug now
            return error(
                shown_from,
                None,
                tr("the release's published address {url} would disappear without a redirect", url=url),
                tr("its slug changed: add  aliases: [{slug}]  to its front-matter", slug=slug),
            )
        hint = tr("if the release's slug changed, add  aliases: [{slug}]  to its front-matter; {gone}", slug=slug, gone=gone)
    elif (slug := _slug_in(own, config.permalink("institution"))) is not None:
        renamed = tr("if the institution was renamed, add  former = [\"{slug}\"]  to it in content/institutions.toml", slug=slug)
        hint = tr("{renamed}; {gone}", renamed=renamed, gone=gone)
    else:
        hint = gone
    return error(f"output/{output_file(url)}", None, tr("the published page {url} would disappear without a redirect", url=url), hint)


def _slug_in(url: str, pattern: str) -> str | None:
    """The slug of `url` when it is an address of the permalink `pattern` (`/rilis/{slug}/`)."""
    if "{slug}" not in pattern:
        return None
    found = re.fullmatch(re.escape(pattern).replace(re.escape("{slug}"), "(?P<slug>[^/]+)"), url)
    return found["slug"] if found else None


def _shown_from(url: str, recorded: Mapping[str, Recorded]) -> str | None:
    """The one release file the page at `url` showed when it was last made, if its record says so."""
    record = recorded.get(output_file(url))
    bodies = [name[5:] for name, _ in record.reads if name.startswith("body:")] if record else []
    return bodies[0] if len(bodies) == 1 else None
