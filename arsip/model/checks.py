"""Extra checks run by `build.py check`: links in the generated site and likely duplicate institutions.

Input: the rendered `Output`s (or the `Release`s) and the `SiteConfig`. Output: problems, e.g. an
internal `href` that leads nowhere, or `Pemkot Jambi` and `Pemerintah Kota Jambi` used side by side
without being aliases of one registered institution.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from html.parser import HTMLParser
from posixpath import normpath
from urllib.parse import unquote, urlsplit

from ..problems import Problem, error, warning
from ..publish.files import File as Output
from ..site.routes import Urls
from ..source.registry import core_name, infer_kind
from .validate import Release


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            elif name == "id" and value:
                self.ids.add(value)


def broken_links(outputs: Iterable[Output], urls: Urls) -> list[Problem]:
    """Every internal href/src (pages, anchors, images, CSS, JS) must lead to a file of the site."""
    outputs = list(outputs)
    files = {out.path for out in outputs}
    pages = {out.path: _collect(out) for out in outputs if out.path.endswith(".html")}
    problems = []
    for path, collected in sorted(pages.items()):
        for link in collected.links:
            target = _target(link, path, urls.base_path)
            if target is None:
                continue
            file, anchor = target
            if file not in files:
                problems.append(
                    error(f"output/{path}", None, f"broken link '{link}': no such page or file", "fix the link in the template or content")
                )
            elif anchor and file in pages and anchor not in pages[file].ids:
                problems.append(error(f"output/{path}", None, f"broken link '{link}': no element with id '{anchor}'"))
    return problems


def _collect(out: Output) -> _LinkCollector:
    collector = _LinkCollector()
    collector.feed(out.data.decode("utf-8", errors="replace"))
    return collector


def _target(link: str, page: str, base_path: str) -> tuple[str, str] | None:
    """The output file and anchor an internal link points at; None for external links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:", "data:")):
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    if path.startswith("/"):
        if not path.startswith(base_path):
            return ("<outside the site's base path>" + path, "")
        relative = path[len(base_path) :]
    else:
        folder = page.rpartition("/")[0]
        relative = normpath(f"{folder}/{path}" if folder else path) + ("/" if path.endswith("/") else "")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return relative, parts.fragment


def duplicate_institutions(releases: Iterable[Release]) -> list[Problem]:
    """Unregistered names that differ only by their prefix form (Pemkot X / Pemerintah Kota X)."""
    groups: dict[tuple[str, str], dict[str, tuple[str, int]]] = defaultdict(dict)
    for release in releases:
        for claim_ref, path, line in _names(release):
            if claim_ref.registered:
                continue
            key = (infer_kind(claim_ref.name), core_name(claim_ref.name))
            groups[key].setdefault(claim_ref.name, (path, line))
    problems = []
    for names in groups.values():
        if len(names) < 2:
            continue
        ordered = sorted(names.items(), key=lambda item: item[1])
        first_name = ordered[0][0]
        for name, (path, line) in ordered[1:]:
            problems.append(
                warning(
                    path,
                    line,
                    f"'{name}' and '{first_name}' look like the same institution",
                    "add one [[institution]] to content/institutions.toml with the other name among its aliases",
                )
            )
    return problems


def _names(release: Release):
    yield release.institution, release.path, release.institution_line
    for claim in release.claims:
        yield claim.institution, claim.path, claim.line
