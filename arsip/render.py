"""Turning pages into HTML.

Input: planned `Page`s, the `Archive`, the `SiteConfig`. Output: one `Output` (file path under
output/, bytes) per page, and problems pointing at the template file and line that failed.
Markdown bodies go through Python-Markdown, then nh3's allow-list; dates and numbers are written
the Indonesian way (or English) with Babel, never with the machine's locale.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import re
import traceback
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import jinja2
import markdown
import nh3
from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol
from markupsafe import Markup

from .cache import BuildCache, FileStatus, Fingerprinter, text_digest
from .chart import score_chart
from .config import SiteConfig
from .problems import Problem, error
from .registry import make_slug
from .routes import Page, Urls, output_file
from .search import indexed_digest
from .strings import STRINGS
from .validate import Release
from .workers import cores, forked_pool

if TYPE_CHECKING:
    from .write import Staging

MARKDOWN_EXTENSIONS = ("extra", "sane_lists")
ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "scope", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
}


@dataclass(frozen=True, slots=True)
class Output:
    """A file of the finished site: path relative to output/, and its bytes."""

    path: str
    data: bytes


class _FileOnDisk:
    """A file of the site whose bytes stay on disk, recognised by the status it had when it was found or written."""

    __slots__ = ()
    path: str
    file: Path
    status: FileStatus

    def untouched(self) -> bool:
        return FileStatus.of(self.file) == self.status

    @property
    def data(self) -> bytes:
        """The file's bytes; an OSError if the file was changed since it was found unchanged (build again)."""
        data = self.file.read_bytes()
        if not self.untouched():
            raise OSError(errno.ESTALE, "changed by someone else during the build; build again", str(self.file))
        return data


@dataclass(frozen=True, slots=True)
class Kept(_FileOnDisk):
    """A page whose inputs are unchanged since the last build and whose file in output/ is untouched
    since that build wrote it: its bytes stay on disk, read only if something needs them (the search
    index of a year that changed); the writer keeps the file as it is without reading it."""

    path: str
    file: Path
    status: FileStatus

    @classmethod
    def if_untouched(cls, path: str, output_dir: Path, status: FileStatus) -> Kept | None:
        """The file `path` in output/ when it still has the status a build saved for it."""
        kept = cls(path, output_dir / path, status)
        return kept if kept.untouched() else None


@dataclass(frozen=True, slots=True)
class Staged(_FileOnDisk):
    """A page rendered by a worker process straight to disk, so that its bytes never travel or wait in memory:
    written into the spare folder the next site is assembled in, or, when its bytes are those output/
    already holds, that very file in output/ (`file`, with the `status` it had). `indexed` is the digest
    of what Pagefind reads of it (None: not indexed)."""

    path: str
    file: Path
    status: FileStatus
    indexed: bytes | None


def status_as_written(path: str, made: bytes | Written, output_dir: Path) -> FileStatus | None:
    """The status of a file of the site just after output/ was written, for the next build to recognise it."""
    return made.status if isinstance(made, Kept) else FileStatus.of(output_dir / path)


Written = Output | Kept | Staged  # a file of the finished site: made now (in memory or on disk), or kept from the last build


class Formatter:
    """Dates, numbers and labels in the site's language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.strings = STRINGS[language]
        self.decimal = get_decimal_symbol(language)

    def t(self, key: str, **values: object) -> str:
        text = self.strings[key]
        return text.format(**values) if values else text

    def score(self, value: Decimal | None) -> str:
        """A score with its published precision: 93,68 / 92,5 / 74."""
        return "—" if value is None else str(value).replace(".", self.decimal)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.language)

    def date_long(self, value: dt.date) -> str:
        return format_date(value, "EEEE, d MMMM y", locale=self.language)

    def date_medium(self, value: dt.date) -> str:
        return format_date(value, "d MMMM y", locale=self.language)

    def month_year(self, value: dt.date) -> str:
        return format_date(value, "MMMM y", locale=self.language)

    def zone(self, zone: str | None) -> str:
        return self.t(f"zone_{zone}") if zone else "—"

    def kind(self, kind: str) -> str:
        return self.t(f"kind_{kind}")


class Markdown:
    """Markdown to safe HTML; one converter reused for every body, results kept in the build cache."""

    def __init__(self, allow_raw_html: bool, cache: dict[str, str], table_label: str, media_base: str) -> None:
        self.converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
        self.allow_raw_html = allow_raw_html
        self.cache = cache
        self.table_label = table_label
        self.media_base = media_base

    def __call__(self, text: str, source: str = "content/") -> Markup:
        """`source`: the Markdown file's path, so that `![x](foto.jpg)` beside it finds the copied image."""
        key, folder = self.key(text, source)
        if key not in self.cache:
            self.cache[key] = self._convert(text, folder)
        return Markup(self.cache[key])

    def key(self, text: str, source: str) -> tuple[str, str]:
        folder = PurePosixPath(source).parent.as_posix().removeprefix("content").strip("/")
        return f"{'raw' if self.allow_raw_html else 'clean'}:{self.table_label}:{self.media_base}:{folder}:{text_digest(text)}", folder

    def convert_many(self, bodies: list[tuple[str, str]]) -> None:
        """Convert every (text, source) not yet in the cache; in a process per core when there are many."""
        missing = {}
        for text, source in bodies:
            key, folder = self.key(text, source)
            if key not in self.cache:
                missing[key] = (text, folder)
        if len(missing) < PARALLEL_FROM:
            for key, (text, folder) in missing.items():
                self.cache[key] = self._convert(text, folder)
            return
        settings = (self.allow_raw_html, self.table_label, self.media_base)
        items = list(missing.items())
        size = max(1, len(items) // (cores() * 4))
        chunks = [(settings, items[start : start + size]) for start in range(0, len(items), size)]
        with forked_pool() as pool:
            for converted in pool.map(_convert_chunk, chunks):
                self.cache.update(converted)

    def _convert(self, text: str, folder: str) -> str:
        html = self.converter.reset().convert(text)
        if not self.allow_raw_html:
            html = self._sanitise(html)
        html = self._resolve_relative(html, self.media_base + (folder + "/" if folder else ""))
        # A wide table scrolls inside its own box instead of pushing the page sideways on a phone.
        return html.replace(
            "<table>", f'<div class="table-scroll" role="region" tabindex="0" aria-label="{self.table_label}"><table>'
        ).replace("</table>", "</table></div>")

    def _resolve_relative(self, html: str, base: str) -> str:
        """Links and images written relative to the Markdown file point at the copies under /media/."""

        def resolve(match: re.Match[str]) -> str:
            attribute, value = match.group(1), match.group(2)
            if not value or value.startswith(("/", "#", "?")) or urlsplit(value).scheme:
                return match.group(0)
            target = urljoin(base, value)
            return f'{attribute}="{target}"' if target.startswith(self.media_base) else match.group(0)

        return re.sub(r'\b(src|href)="([^"]*)"', resolve, html)

    @staticmethod
    def _sanitise(html: str) -> str:
        return nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )


PARALLEL_FROM = 300  # below this many new bodies, starting worker processes costs more than it saves


def _convert_chunk(task: tuple[tuple[bool, str, str], list[tuple[str, tuple[str, str]]]]) -> list[tuple[str, str]]:
    """In a worker process: convert a share of the bodies with a converter of its own."""
    (allow_raw_html, table_label, media_base), items = task
    converter = Markdown(allow_raw_html, {}, table_label, media_base)
    return [(key, converter._convert(text, folder)) for key, (text, folder) in items]


def environment(config: SiteConfig, cache: BuildCache) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(config.templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    fmt = Formatter(config.language)
    urls = Urls.of(config)
    env.filters.update(
        score=fmt.score,
        number=fmt.number,
        date_long=fmt.date_long,
        date_medium=fmt.date_medium,
        month_year=fmt.month_year,
        zone_label=fmt.zone,
        kind_label=fmt.kind,
        slug=make_slug,
        markdown=Markdown(config.allow_raw_html, cache.markdown, fmt.t("table"), urls.link("file", "media/")),
    )
    env.globals.update(
        site=config,
        t=fmt.t,
        url=urls.link,
        absolute=urls.absolute,
        permalink=lambda name, value=None: urls.absolute(urls.path(name, value)),
        chart=lambda institution: score_chart(institution.awards, config.rubric),
    )
    return env


@dataclass(frozen=True, slots=True)
class RenderReport:
    outputs: list[Written]
    problems: list[Problem]
    rendered: int


def render_all(
    pages: tuple[Page, ...],
    config: SiteConfig,
    cache: BuildCache,
    progress: Callable[[int, int], None] | None = None,
    on_page: Callable[[Page, Written], None] | None = None,
    staging: Staging | None = None,
    recalled: Mapping[str, bytes] | None = None,
) -> RenderReport:
    """Render every page whose inputs (values shown, templates, configuration) changed since the cache was filled.

    Many pages to render (a first build, a template edit) are shared among a process per core; with
    `staging` (a CLI build), those processes write the pages straight into the folder the next site is
    assembled in, and only the files' names and status come back. `recalled`: the fingerprint of a
    page's values by URL, known without digesting them again (an earlier run planned the same site).
    """
    fingerprint = Fingerprinter(cache.digests)
    shared = _templates_digest(config.templates_dir) + fingerprint(config)
    env = _environment_of(config, cache, shared)
    keys = [_key_of(page, shared, fingerprint, cache.page_objects, recalled or {}) for page in pages]
    cache.page_objects = {page.url: (page, key) for page, key in zip(pages, keys, strict=True)}
    cache.digests = fingerprint.lasting((Release,))
    known: dict[int, bytes | Kept] = {}
    for index, (page, key) in enumerate(zip(pages, keys, strict=True)):
        kept = cache.pages.get(page.url)
        if kept and kept[0] == key and (isinstance(kept[1], bytes) or (isinstance(kept[1], Kept) and kept[1].untouched())):
            known[index] = kept[1]
        elif (on_disk := _written_before(page.url, key, cache, config.output_dir)) is not None:
            known[index] = on_disk
    todo = [index for index in range(len(pages)) if index not in known]
    bodies = [(pages[index].context["body"], pages[index].context["release"].path) for index in todo if "body" in pages[index].context]
    env.filters["markdown"].convert_many(bodies)
    fresh_html = _render_many(env, pages, todo, config, cache, staging)
    outputs: list[Written] = []
    problems: list[Problem] = []
    failed_templates: set[str] = set()
    fresh: dict[str, tuple[bytes, bytes | Kept | Staged]] = {}
    for index, page in enumerate(pages):
        if progress:
            progress(index + 1, len(pages))
        html = known.get(index)
        result = next(fresh_html) if html is None else html  # taken for every page to render, to stay in step
        if page.template in failed_templates:
            continue
        if html is None:
            if isinstance(result, Problem):
                problems.append(result)  # the first failure of a template stands for the rest of its pages
                failed_templates.add(page.template)
                continue
            html = result
        fresh[page.url] = (keys[index], html)
        outputs.append(html if isinstance(html, Kept | Staged) else Output(output_file(page.url), html))
        if on_page and not problems:
            on_page(page, outputs[-1])  # e.g. the search index, which sorts pages into its bundles
    if not problems:
        cache.pages = fresh
    return RenderReport(outputs, problems, len(todo) if not problems else 0)


def _environment_of(config: SiteConfig, cache: BuildCache, inputs: bytes) -> jinja2.Environment:
    """The Jinja environment of the last build, with its compiled templates, when the templates and the
    configuration are the same (the dev server keeps it); a new one otherwise."""
    if cache.environment is not None and cache.environment[0] == inputs:
        return cache.environment[1]
    env = environment(config, cache)
    cache.environment = (inputs, env)
    return env


def _key_of(
    page: Page, shared: bytes, fingerprint: Fingerprinter, last: dict[str, tuple[Page, bytes]], recalled: Mapping[str, bytes]
) -> bytes:
    """What the page's HTML is made from: templates, configuration and the page's values.

    The very Page object the last build rendered (the dev server reuses its plan after a body edit)
    under the same templates and configuration has the key it had.
    """
    before = last.get(page.url)
    if before is not None and before[0] is page and before[1].startswith(shared):
        return before[1]
    values = recalled.get(page.url)
    return shared + page.template.encode() + (values if values is not None else fingerprint(page.context))


def values_print(key: bytes) -> bytes:
    """The fingerprint of a page's values, the last part of the key `_key_of` makes (digests are 16 bytes)."""
    return key[-16:]


PARALLEL_RENDER_FROM = 400  # below this many pages to render, worker processes cost more than they save


def _render_many(
    env: jinja2.Environment, pages: tuple[Page, ...], todo: list[int], config: SiteConfig, cache: BuildCache, staging: Staging | None
) -> Iterator[bytes | Staged | Problem]:
    """The HTML (or the problem) of each page in `todo`, in order; in a process per core when there are many,
    which then write the pages to the `staging` folder (if any) instead of sending their bytes back."""
    if len(todo) < PARALLEL_RENDER_FROM or cores() < 2:
        yield from (_render_one(env, pages[index], config) for index in todo)
        return
    size = max(1, len(todo) // (cores() * 8))
    chunks = [todo[start : start + size] for start in range(0, len(todo), size)]
    if staging is not None and not staging.make_folders(output_file(pages[index].url) for index in todo):
        staging = None  # the pages come back as bytes; the writer deals with them (and reports the disk's refusal)
    with forked_pool(_start_worker, (pages, config, cache, staging)) as pool:  # the workers inherit the planned pages
        for rendered in pool.map(_render_chunk, chunks):
            yield from rendered


def _render_one(env: jinja2.Environment, page: Page, config: SiteConfig) -> bytes | Problem:
    try:
        return env.get_template(page.template).render(page=page, **page.context).encode("utf-8")
    except Exception as exc:  # every template failure becomes a reported problem
        return template_problem(exc, page.template, config.templates_dir, config.root)


@dataclass(frozen=True, slots=True)
class _Worker:
    env: jinja2.Environment
    pages: tuple[Page, ...]
    config: SiteConfig
    staging: Staging | None
    writers: ThreadPoolExecutor | None  # files are created while the next pages render (creating one may wait on the disk)

    def render_chunk(self, indexes: list[int]) -> list[bytes | Staged | Problem]:
        done: list[bytes | Staged | Problem | Future[bytes | Staged]] = []
        for index in indexes:
            page = self.pages[index]
            html = _render_one(self.env, page, self.config)
            if self.writers is None or self.staging is None or not isinstance(html, bytes):
                done.append(html)
            else:
                done.append(self.writers.submit(self.staging.put, output_file(page.url), html, indexed_digest(html)))
        return [item.result() if isinstance(item, Future) else item for item in done]


_worker: list[_Worker] = []  # set once in each worker process by _start_worker; the main process never uses it


def _start_worker(pages: tuple[Page, ...], config: SiteConfig, cache: BuildCache, staging: Staging | None) -> None:
    writers = ThreadPoolExecutor(max_workers=WRITER_THREADS) if staging is not None else None
    _worker.append(_Worker(environment(config, cache), pages, config, staging, writers))


WRITER_THREADS = 4


def _render_chunk(indexes: list[int]) -> list[bytes | Staged | Problem]:
    return _worker[0].render_chunk(indexes)


def _written_before(url: str, key: bytes, cache: BuildCache, output_dir: Path) -> Kept | None:
    """The page as the last build wrote it to output/, when its inputs are unchanged and its file untouched since."""
    saved = cache.page_keys.get(url)
    if saved is None or saved[0] != key:
        return None
    return Kept.if_untouched(output_file(url), output_dir, saved[1])


def remember_written(cache: BuildCache, output_dir: Path) -> None:
    """After output/ was written: each page's fingerprint with its file's status, for the next run's `_written_before`."""
    page_keys: dict[str, tuple[bytes, FileStatus]] = {}
    for url, (key, html) in cache.pages.items():
        status = status_as_written(output_file(url), html, output_dir)
        if status is not None:
            page_keys[url] = (key, status)
    cache.page_keys = page_keys


def _templates_digest(folder: Path) -> bytes:
    """One digest over every template file: a template edit may change any page."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "static" not in path.relative_to(folder).parts:
            hasher.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return hasher.digest()


def template_problem(exc: Exception, template: str, templates_dir: Path, root: Path) -> Problem:
    """Point at the template line that failed, not at Python."""
    prefix = templates_dir.relative_to(root).as_posix()
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.name:
        return error(f"{prefix}/{exc.name}", exc.lineno, f"template syntax error: {exc.message}")
    if isinstance(exc, jinja2.TemplateNotFound):
        where, line = _template_frame(exc, templates_dir, prefix, template)
        return error(where, line, f"template '{exc.name}' not found", f"create {prefix}/{exc.name} or fix the name")
    where, line = _template_frame(exc, templates_dir, prefix, template)
    message = exc.message if isinstance(exc, jinja2.UndefinedError) and exc.message else f"{type(exc).__name__}: {exc}"
    hint = "check the variable's name; templates/ lists what each page receives" if isinstance(exc, jinja2.UndefinedError) else None
    return error(where, line, f"template error: {message}", hint)


def _template_frame(exc: Exception, templates_dir: Path, prefix: str, template: str) -> tuple[str, int | None]:
    folder = str(templates_dir.resolve())
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        filename = str(Path(frame.filename).resolve()) if frame.filename and not frame.filename.startswith("<") else ""
        if filename.startswith(folder):
            return f"{prefix}/{Path(filename).relative_to(folder).as_posix()}", frame.lineno
    return f"{prefix}/{template}", None
