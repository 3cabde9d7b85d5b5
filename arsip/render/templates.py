"""Turning a page into HTML.

Input: a template name, the page's URL and values, and the recording view of the `SiteConfig`.
Output: the page's bytes, or a problem pointing at the template file and line that failed. The
environment records each template it loads and each name a template resolves (see `record`); a failure
becomes a problem at its template line (`template_problems`). A translation's pages have an environment of
their own: its words, dates, numbers and links (`lang`, `t`, `url`).
Markdown bodies go through Python-Markdown (text that would convert in more than linear time is refused
first, see `source.markdown_guard`), then nh3's allow-list; dates and numbers are written
the Indonesian way (or English) with Babel, never with the machine's locale.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
import markdown
import nh3
from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol
from markupsafe import Markup

from ..problems import Problem
from ..site.routes import Urls, alternates
from ..source.config import SiteConfig
from ..source.markdown_guard import check_body
from ..source.registry import make_slug
from ..workers import cores, forked_pool
from . import sharing
from .chart import score_chart
from .compiled import CompiledTemplates
from .record import Body, ConfigView, capture, digest_of_bytes, note
from .strings import site_strings
from .template_problems import MarkdownRefused, template_problem

MARKDOWN_EXTENSIONS = ("extra", "sane_lists")
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
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


class Formatter:
    """Dates, numbers and labels in one language of the site; grade and kind labels read from `config` (the recording
    view) when a page shows one, so only the pages that show a grade depend on the grades."""

    def __init__(self, config: Any, language: str = "") -> None:
        self.config = config
        language = self.language = language or config.language
        self.strings = site_strings(language, config.programme.strings)
        self.decimal = get_decimal_symbol(language)
        self.dates: dict[tuple[str, dt.date], str] = {}  # the same few thousand dates are shown on many pages

    def t(self, key: str, **values: object) -> str:
        text = self.strings[key]
        return text.format(**values) if values else text

    def score(self, value: Decimal | None) -> str:
        """A score with its published precision: 93,68 / 92,5 / 74."""
        return "—" if value is None else str(value).replace(".", self.decimal)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.language)

    def date_long(self, value: dt.date) -> str:
        return self._date(value, "EEEE, d MMMM y")

    def date_medium(self, value: dt.date) -> str:
        return self._date(value, "d MMMM y")

    def month_year(self, value: dt.date) -> str:
        return self._date(value, "MMMM y")

    def _date(self, value: dt.date, pattern: str) -> str:
        if type(value) is not dt.date:  # a date and time, or anything else, is formatted afresh
            return format_date(value, pattern, locale=self.language)
        key = (pattern, value)
        found = self.dates.get(key)
        if found is None:
            found = self.dates[key] = format_date(value, pattern, locale=self.language)
        return found

    def zone(self, zone: str | None) -> str:
        grade = next((grade for grade in self.config.programme.grades if grade.name == zone), None) if zone else None
        return grade.label(self.language) if grade else zone or "—"

    def kind(self, kind: str) -> str:
        found = next((known for known in self.config.programme.kinds if known.name == kind), None)
        return found.label(self.language) if found else kind


class Markdown:
    """Markdown to safe HTML; one converter reused for every body.

    Results are kept by a key of the settings, the library versions and the text's digest: `known`
    holds what the build database had, `fresh` what this process converted (saved after the build).
    """

    def __init__(
        self, allow_raw_html: bool, table_label: str, media_base: str, *, versions: str, known: Mapping[bytes, str] | None = None
    ) -> None:
        self.converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
        self.allow_raw_html = allow_raw_html
        self.table_label = table_label
        self.media_base = media_base
        self.versions = versions
        self.known: dict[bytes, str] = dict(known) if known is not None else {}
        self.fresh: dict[bytes, str] = {}
        self.keys: dict[tuple[str, str], tuple[bytes, str]] = {}  # a text's hash is kept by the text: found again at once
        self.settings = f"{MARKDOWN_EXTENSIONS}|{allow_raw_html}|{table_label}|{media_base}|{versions}".encode()

    def __call__(self, text: str | Body, source: str = "content/") -> Markup:
        """`source`: the Markdown file's path, so that `![x](foto.jpg)` beside it finds the copied image."""
        text = text.text if isinstance(text, Body) else str(text)
        key, folder = self.key(text, source)
        html = self.known.get(key) or self.fresh.get(key)
        if html is None:
            refused = check_body(source, text, 1)  # a release's body was checked when read; any other text is here
            if refused:
                raise MarkdownRefused(refused[0].message, refused[0].hint)
            html = self.fresh[key] = self._convert(text, folder)
        return Markup(html)

    def keep_fresh(self) -> dict[bytes, str]:
        """What was converted since the last call (to be saved), from now on known."""
        fresh, self.fresh = self.fresh, {}
        self.known.update(fresh)
        return fresh

    def key(self, text: str, source: str) -> tuple[bytes, str]:
        found = self.keys.get((text, source))
        if found is None:
            folder = PurePosixPath(source).parent.as_posix().removeprefix("content").strip("/")
            hasher = hashlib.blake2b(self.settings, digest_size=16)
            hasher.update(b"\0" + folder.encode("utf-8", "surrogatepass") + b"\0" + text.encode("utf-8", "surrogatepass"))
            found = self.keys[(text, source)] = (hasher.digest(), folder)
        return found

    def convert_many(self, bodies: list[tuple[str, str]], known: Callable[[list[bytes]], Mapping[bytes, str]]) -> None:
        """Make sure every (text, source) is converted: taken from `known` (the build database) or converted
        now, in a process per core when there are many."""
        wanted = {}
        for text, source in bodies:
            key, folder = self.key(text, source)
            if key not in self.fresh and key not in self.known:
                wanted[key] = (text, folder)
        found = dict(known(list(wanted))) if wanted else {}
        self.known.update(found)
        missing = {key: item for key, item in wanted.items() if key not in found}
        if len(missing) < PARALLEL_FROM:
            for key, (text, folder) in missing.items():
                self.fresh[key] = self._convert(text, folder)
            return
        settings = (self.allow_raw_html, self.table_label, self.media_base, self.versions)
        items = list(missing.items())
        first, (text, folder) = items.pop(0)  # converted here: this process's converter is ready for the next edit
        self.fresh[first] = self._convert(text, folder)
        size = max(1, len(items) // (cores() * 4))
        chunks = [(settings, items[start : start + size]) for start in range(0, len(items), size)]
        with forked_pool() as pool:
            for converted in pool.map(_convert_chunk, chunks):
                self.fresh.update(converted)

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


def _convert_chunk(task: tuple[tuple[bool, str, str, str], list[tuple[bytes, tuple[str, str]]]]) -> list[tuple[bytes, str]]:
    """In a worker process: convert a share of the bodies with a converter of its own."""
    (allow_raw_html, table_label, media_base, versions), items = task
    converter = Markdown(allow_raw_html, table_label, media_base, versions=versions)
    return [(key, converter._convert(text, folder)) for key, (text, folder) in items]


def compile_all(env: jinja2.Environment) -> None:
    """Compile every template (not the static files) now, so that it is compiled once in this process rather than in
    each page's worker. Nothing is recorded: a page records the templates it loads when it loads them."""
    for name in env.list_templates(filter_func=lambda name: not name.startswith("static/")):
        with contextlib.suppress(Exception):  # a template that fails is reported by each page that uses it
            env.get_template(name)


class RecordingEnvironment(jinja2.Environment):
    """A Jinja environment that records every template file it loads (extends, include, import included)."""

    def _load_template(self, name: str, globals: Any) -> jinja2.Template:
        note("template:" + name)
        return super()._load_template(name, globals)


class RecordingTemplate(jinja2.Template):
    """A template whose imported module (`{% import %}`, `{% from %}`) is kept with the reads made while making it,
    and every page handed that module records those reads again: Jinja keeps the first module it makes, so they
    would otherwise count for the first page only. (The module is made from the environment's globals alone, and
    the environment is made again when any template or the configuration changes.)"""

    def _get_default_module(self, ctx: Any = None) -> Any:
        if ctx is not None:
            keys = ctx.globals_keys - self.globals.keys()
            if keys:
                return self.make_module({key: ctx.parent[key] for key in keys})
        made = self.__dict__.get("_module_with_reads")
        if made is None:
            with capture() as reads:
                module = self.make_module()
            made = self.__dict__["_module_with_reads"] = (module, frozenset(reads))
        for name in made[1]:
            note(name)
        return made[0]


class RecordingLoader(jinja2.FileSystemLoader):
    """Loads templates from the project's templates/, then the theme's (a project overrides the theme file by file),
    and keeps the digest of the very text each was compiled from (`compiled`): what a page is recorded to have read
    is what it was made from, even when the file is saved again (or an override added or removed) meanwhile."""

    def __init__(self, searchpath: list[str]) -> None:
        super().__init__(searchpath, followlinks=True)
        self.compiled: dict[str, bytes] = {}

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        self.compiled[template] = digest_of_bytes(source.encode("utf-8", "surrogatepass"))
        return source, filename, uptodate


class RecordingContext(jinja2.runtime.Context):
    """A template context that records each name a template resolves (`name:release`, `name:site`, ...)."""

    def resolve_or_missing(self, key: str) -> Any:
        note("name:" + key)
        return super().resolve_or_missing(key)


RecordingEnvironment.context_class = RecordingContext
RecordingEnvironment.template_class = RecordingTemplate


def environment(
    config: ConfigView,
    known_markdown: Mapping[bytes, str] | None = None,
    *,
    versions: str,
    language: str = "",
    loader: RecordingLoader | None = None,
    compiled: CompiledTemplates | None = None,
) -> jinja2.Environment:
    """The Jinja environment of the pages in `language` (default: the site's). `config` is the recording view: whatever
    the helpers read of it while they are made is recorded by the caller's recorder, and whatever they read later by
    the page's. Environments of several languages share one `loader` and the templates they have `compiled`;
    `versions` (the build database's) is part of every Markdown key."""
    language = language or config.language
    env = RecordingEnvironment(
        loader=loader or RecordingLoader([str(config.templates_dir), str(config.theme_templates_dir)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=compiled,
    )
    fmt = Formatter(config, language)
    urls = Urls.of(config, language)
    env.filters.update(
        score=fmt.score,
        number=fmt.number,
        date_long=fmt.date_long,
        date_medium=fmt.date_medium,
        month_year=fmt.month_year,
        zone_label=fmt.zone,
        kind_label=fmt.kind,
        slug=make_slug,
        markdown=Markdown(config.allow_raw_html, fmt.t("table"), urls.link("file", "media/"), versions=versions, known=known_markdown),
        **sharing.filters(ALLOWED_TAGS, ALLOWED_ATTRIBUTES),  # feed_html, rfc3339, rfc822: what feeds need
    )
    env.globals.update(
        site=config,
        lang=language,
        t=fmt.t,
        url=urls.link,
        link=lambda path: urls.base_path + path[1:],  # a site-relative address (/rilis/x/) as an href
        alternates=lambda url: alternates(url, config.languages),
        absolute=urls.absolute,
        permalink=lambda name, value=None: urls.absolute(urls.path(name, value)),
        chart=lambda institution: score_chart(institution.awards, config.rubric),
    )
    return env


def render_page(env: jinja2.Environment, template: str, url: str, values: Mapping[str, Any], config: SiteConfig) -> bytes | Problem:
    """One page's bytes, or the problem at the template line that failed."""
    try:
        return env.get_template(template).render(page=PageRef(url), **values).encode("utf-8")
    except Exception as exc:  # every template failure becomes a reported problem
        return template_problem(exc, template, config.templates_dir, config.root)


@dataclass(frozen=True, slots=True)
class PageRef:
    """What a template knows of the page it renders: its site-relative URL."""

    url: str
