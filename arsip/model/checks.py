"""Extra checks: links in the generated site, reported where they are written, and likely duplicate institutions.

Input: the pages of the site (`Rendered`: a page's path under output/, its HTML when asked, the release
bodies and templates it was made from), what a body and a project file say (`Sources`), the `Urls`; or
the `Release`s. Output: problems, e.g. an internal `href` that leads nowhere, reported at the line of the
Markdown file that holds it (front-matter lines counted) when a release's body wrote it, at the line of
the template when the template holds it as written, else at the page in output/ naming its template; or
`Pemkot Jambi` and `Pemerintah Kota Jambi` used side by side without being aliases of one institution.

A link on a page comes from a body when that body, converted, holds it too (Markdown keeps no line
numbers: its line is found by searching the file for the link as written, or as written before a
relative link was turned into its copy under /media/; the first line of the body when it is not found).
Outside links (`http(s)://` elsewhere) are handed back as `Link`s for `publish.external` to ask about.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from posixpath import normpath
from urllib.parse import unquote, urljoin, urlsplit

from ..i18n import Text, tr
from ..problems import Problem, Severity, warning
from ..site.routes import Urls
from ..source.programme import Kind
from ..source.registry import core_name, infer_kind
from .validate import Release

# What a body must hold to link anywhere: an inline or reference link or image, a footnote, raw HTML.
_MARKDOWN_LINK = re.compile(r"\]\s*[(\[:]|\[\^")
_HTML_LINK = re.compile(r"\b(?:href|src)\s*=", re.IGNORECASE)
_ENDS = " \t\"'()<>[]"  # what stands around a link written in Markdown or HTML


def may_link(body: str) -> bool:
    """Whether a body's Markdown could hold a link at all (most bodies do not: they are not converted to look)."""
    if "]" in body and _MARKDOWN_LINK.search(body):  # the plain `in` first: most bodies are prose alone
        return True
    return "=" in body and _HTML_LINK.search(body) is not None


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            elif (name == "id" or (name == "name" and tag == "a")) and value:
                self.ids.add(value)


def _collect(text: str) -> _LinkCollector:
    collector = _LinkCollector()
    collector.feed(text)
    collector.close()
    return collector


@dataclass(frozen=True, slots=True)
class Rendered:
    """A page of the site as the link check sees it."""

    path: str  # under output/, e.g. rilis/x/index.html
    text: Callable[[], str | None]  # its HTML, read when needed (None: unreadable)
    bodies: tuple[str, ...] = ()  # the release bodies it shows (content/…md)
    templates: tuple[str, ...] = ()  # the templates it was made from, its own first


@dataclass(frozen=True, slots=True)
class Sources:
    """What the check may read: a release's body (Markdown), that body converted, a project file's text."""

    body: Callable[[str], str | None]
    html: Callable[[str], str | None]
    read: Callable[[str], str | None]  # a file by its project-relative path (content/x.md, templates/base.html)
    media: str  # the link of the media folder, e.g. /media/ (relative links in a body are turned into links under it)
    templates: str = "templates"  # the templates' folder, relative to the project
    output: str = "output"


@dataclass(frozen=True, slots=True)
class Link:
    """One link on one page: from a body (`body`, the `nth` time that body links to `href`) or from a template."""

    href: str
    page: Rendered
    body: str | None = None
    nth: int = 0


@dataclass(frozen=True, slots=True)
class Place:
    """Where a link is written: the file and line to report, the link as written there, and what to do."""

    path: str
    line: int | None
    written: str
    hint: Text


def links(pages: Iterable[Rendered], sources: Sources, *, templates: bool) -> Iterator[Link]:
    """The links on `pages` that their bodies wrote, and with `templates` also every other link of every page
    (those the templates wrote). A page whose bodies hold no link is not read at all without `templates`."""
    for page in pages:
        written = list(_body_links(page, sources))
        if not written and not templates:
            continue
        text = page.text()
        if text is None:
            continue
        on_page = _collect(text).links
        available = Counter(on_page)
        claimed: Counter[str] = Counter()
        for link in written:  # a body's link that the page does not show (a shortened body) is not the page's
            if available[link.href] > claimed[link.href]:
                claimed[link.href] += 1
                yield link
        if templates:
            for href in on_page:
                if claimed[href]:
                    claimed[href] -= 1
                else:
                    yield Link(href, page)


def _body_links(page: Rendered, sources: Sources) -> Iterator[Link]:
    for source in page.bodies:
        text = sources.body(source)
        if not text or not may_link(text):
            continue
        converted = sources.html(source)
        if converted is None:
            continue
        seen: Counter[str] = Counter()
        for href in _collect(converted).links:
            yield Link(href, page, source, seen[href])
            seen[href] += 1


@dataclass(frozen=True, slots=True)
class Target:
    """Where an internal link leads: a file of the site (under output/) and an anchor in it."""

    file: str
    anchor: str


def target(href: str, page: str, urls: Urls) -> Target | str | None:
    """The file and anchor an internal link points at; the URL of an outside link (http or https); None for what
    is not checked (mailto:, tel:, data:, ...). A link to the site's own address (`base_url`) is internal."""
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("", "http", "https") or not parts.netloc:
            return None
        site = urlsplit(urls.base_url)
        if parts.netloc.lower() == site.netloc.lower() and parts.path.startswith(urls.base_path):
            parts = parts._replace(scheme="", netloc="")
        else:
            return parts._replace(scheme=parts.scheme or "https").geturl()
    path = unquote(parts.path)
    if not path:
        return Target(page, parts.fragment)
    if path.startswith("/"):
        if not path.startswith(urls.base_path):
            return Target("<outside the site's base path>" + path, "")
        relative = path[len(urls.base_path) :]
    else:
        folder = page.rpartition("/")[0]
        joined = normpath(f"{folder}/{path}" if folder else path)
        relative = "" if joined == "." else joined + ("/" if path.endswith("/") else "")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return Target(relative, parts.fragment)


@dataclass
class Locator:
    """Finds where a link is written: the line of the Markdown file (found by searching it), or of the template."""

    sources: Sources
    bodies: dict[str, tuple[list[str], int] | None] = field(default_factory=dict)  # source: its lines, its body's first line
    found: dict[tuple[str, str], list[tuple[int, str]]] = field(default_factory=dict)

    def place(self, link: Link) -> Place:
        if link.body is not None:
            return self._in_body(link, link.body)
        return self._in_template(link)

    def _in_body(self, link: Link, source: str) -> Place:
        hint = tr("fix the link on this line")
        lines = self._lines(source)
        if lines is None:
            return Place(source, None, link.href, hint)
        text, first = lines
        key = (source, link.href)
        if key not in self.found:
            self.found[key] = list(self._search(link.href, source, text, first))
        matches = self.found[key]
        if not matches:
            return Place(source, first, link.href, hint)
        line, written = matches[min(link.nth, len(matches) - 1)]
        return Place(source, line, written, hint)

    def _lines(self, source: str) -> tuple[list[str], int] | None:
        if source not in self.bodies:
            self.bodies[source] = _body_lines(self.sources.read(source), self.sources.body(source))
        return self.bodies[source]

    def _search(self, href: str, source: str, lines: list[str], first: int) -> Iterator[tuple[int, str]]:
        """Each place in the body where `href` is written (in order), with the link as written there."""
        folder = source.rpartition("/")[0].removeprefix("content").strip("/")
        base = self.sources.media + (folder + "/" if folder else "")
        wanted = [href]
        if href.startswith(base):  # written relative to the Markdown file: `foto.jpg`, `./foto.jpg`, `../2024/foto.jpg`
            wanted.append(href[len(base) :] or href)
        footnote = re.fullmatch(r"#fn(?:ref)?:(.+)", href)
        for number in range(first - 1, len(lines)):
            line = lines[number]
            if footnote and f"[^{footnote.group(1)}]" in line:
                yield number + 1, f"[^{footnote.group(1)}]"
                continue
            for candidate in wanted:
                start = line.find(candidate)
                found = False
                while start >= 0:
                    written = _token(line, start, start + len(candidate))
                    if written in (href, html.escape(href)) or _relative(written, base) == href:
                        yield number + 1, written
                        found = True
                    start = line.find(candidate, start + 1)
                if found:
                    break

    def _in_template(self, link: Link) -> Place:
        page = link.page
        for name in page.templates:
            path = f"{self.sources.templates}/{name}"
            key = (path, link.href)
            if key not in self.found:
                self.found[key] = list(_in_template_text(self.sources.read(path), link.href))
            if self.found[key]:
                return Place(path, self.found[key][0][0], link.href, tr("fix the link in the template"))
        named = f"{self.sources.templates}/{page.templates[0]}" if page.templates else self.sources.templates
        return Place(f"{self.sources.output}/{page.path}", None, link.href, tr("fix the link in the template {template}", template=named))


def _body_lines(text: str | None, body: str | None) -> tuple[list[str], int] | None:
    """The lines of a release file and the line its body starts on (the first line after the front-matter when the
    body is not found as it was read)."""
    if text is None:
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    stripped = (body or "").strip()
    at = text.rfind(stripped) if stripped else -1
    if at >= 0:
        return lines, text.count("\n", 0, at) + 1
    fences = [number for number, line in enumerate(lines) if re.fullmatch(r"-{3,}\s*", line)]
    return lines, (fences[1] + 2 if len(fences) > 1 else 1)


def _token(line: str, start: int, end: int) -> str:
    """The whole link around line[start:end]: up to the brackets, quotes or spaces around it."""
    while start > 0 and line[start - 1] not in _ENDS:
        start -= 1
    while end < len(line) and line[end] not in _ENDS:
        end += 1
    return line[start:end]


def _relative(written: str, base: str) -> str | None:
    """A relative link as the Markdown conversion turns it into its copy under the media folder."""
    if not written or written.startswith(("/", "#", "?")) or urlsplit(written).scheme:
        return None
    return urljoin(base, written)


def _in_template_text(text: str | None, href: str) -> Iterator[tuple[int, str]]:
    if text is None:
        return
    forms = {href, html.escape(href, quote=True), html.escape(href, quote=False)}
    quoted = [quote + form + quote for form in forms for quote in ('"', "'")]
    for number, line in enumerate(text.split("\n"), start=1):
        if any(form in line for form in quoted):
            yield number, href


@dataclass
class Pages:
    """The ids of each page (what an anchor may point at), read when first asked."""

    text_of: Callable[[str], str | None]  # a page's HTML by its path under output/ (None: no such page, unreadable)
    ids: dict[str, frozenset[str] | None] = field(default_factory=dict)

    def ids_of(self, path: str) -> frozenset[str] | None:
        if path not in self.ids:
            text = self.text_of(path)
            self.ids[path] = frozenset(_collect(text).ids) if text is not None else None
        return self.ids[path]


def broken_links(
    found: Iterable[Link],
    pages: Pages,
    exists: Callable[[str], bool],
    urls: Urls,
    locator: Locator,
    severity: Severity = "error",
) -> tuple[list[Problem], list[tuple[str, Link]]]:
    """Every internal href/src (pages, anchors, images, CSS, JS) must lead to a file of the site, and an anchor to
    an id in it. Returns the problems, and the outside links with their URLs (for `check --external`)."""
    problems: list[Problem] = []
    outside: list[tuple[str, Link]] = []
    for link in found:
        where = target(link.href, link.page.path, urls)
        if where is None:
            continue
        if isinstance(where, str):
            outside.append((where, link))
            continue
        if not exists(where.file):
            message = tr("broken link '{link}': no such page or file", link=_shown(link, locator))
        elif where.anchor and where.anchor not in (pages.ids_of(where.file) or {where.anchor}):
            message = tr("broken link '{link}': no element with id '{anchor}'", link=_shown(link, locator), anchor=where.anchor)
        else:
            continue
        place = locator.place(link)
        problems.append(Problem(place.path, place.line, message, severity, place.hint))
    return problems, outside


def _shown(link: Link, locator: Locator) -> str:
    return locator.place(link).written


def duplicate_institutions(releases: Iterable[Release], kinds: tuple[Kind, ...]) -> list[Problem]:
    """Unregistered names that differ only by their prefix form (Pemkot X / Pemerintah Kota X)."""
    groups: dict[tuple[str, str], dict[str, tuple[str, int]]] = defaultdict(dict)
    for release in releases:
        for claim_ref, path, line in _names(release):
            if claim_ref.registered:
                continue
            key = (infer_kind(claim_ref.name, kinds), core_name(claim_ref.name, kinds))
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
                    tr("'{name}' and '{first}' look like the same institution", name=name, first=first_name),
                    tr("add one [[institution]] to content/institutions.toml with the other name among its aliases"),
                )
            )
    return problems


def _names(release: Release):
    yield release.institution, release.path, release.institution_line
    for claim in release.claims:
        yield claim.institution, claim.path, claim.line
