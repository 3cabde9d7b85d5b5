"""The build, read top to bottom: content in, site out.

Input: a project folder (or a `SiteConfig`). Output: a `BuildResult` after output/ was brought up to
date, or `BuildFailed` carrying every problem of the run, with output/ left exactly as it was.
Stages never print; nothing is written before every release was read and checked.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from . import checks, extras, load, model, registry, render, routes, validate, write
from .cache import BuildCache, Fingerprinter
from .config import SiteConfig, load_config
from .problems import BuildFailed, Problem, error, promote_warnings, sorted_unique
from .search import SearchIndexError

Progress = Callable[[int, int], None]  # (pages done, pages in all), called while rendering


@dataclass(frozen=True, slots=True)
class BuildResult:
    problems: tuple[Problem, ...]
    releases: int
    pages: int
    files: int
    report: write.WriteReport | None
    release_urls: tuple[tuple[str, str], ...] = ()
    rendered: int = 0


def configure(root: Path, *, drafts: bool = False, base_url: str | None = None, output_name: str | None = None) -> SiteConfig:
    """Read site_config.toml; raises BuildFailed when it has problems. The keywords override it (the dev server uses them)."""
    config, problems = load_config(root)
    if config is None:
        raise BuildFailed(problems)
    if base_url:
        config = replace(config, base_url=base_url)
    if output_name:
        config = replace(config, output_name=output_name)
    return replace(config, drafts=drafts)


@dataclass(frozen=True, slots=True)
class _Site:
    """Everything a build produced, before anything is written; the search index may still be in the making."""

    releases: tuple[validate.Release, ...]
    pages: tuple[routes.Page, ...]
    outputs: list[render.Written]
    problems: list[Problem]
    rendered: int
    search: extras.SearchIndex | None = None

    def index_in_background(self) -> _Indexing:
        """Start Pagefind on a thread of its own, so that the caller can go on (writing the pages)."""
        runner = ThreadPoolExecutor(max_workers=1)
        pending = runner.submit(self.search.finish) if self.search else None
        runner.shutdown(wait=False)  # the thread ends with Pagefind
        return _Indexing(pending)


@dataclass(frozen=True, slots=True)
class _Indexing:
    pending: Future[list[render.Output]] | None

    def files(self) -> list[render.Output]:
        """The search index's files, once Pagefind is done; BuildFailed if it failed."""
        try:
            return self.pending.result() if self.pending else []
        except SearchIndexError as failure:
            raise BuildFailed([error("output/pagefind", None, f"the search index could not be built: {failure}")]) from failure

    def wait(self) -> None:
        """Let Pagefind finish, whatever happened meanwhile (it also fills the cache)."""
        if self.pending:
            wait([self.pending])


def _produce(
    config: SiteConfig,
    cache: BuildCache,
    progress: Progress | None = None,
    *,
    with_search: bool = True,
    staging: write.Staging | None = None,
) -> _Site:
    """Read, check and render (into `staging`, if any); the search index is then built in the background (`_Site.search`)."""
    if cache.docs is None:
        cache.docs = load.DocMemo()
    if cache.checked is None:
        cache.checked = validate.ValidationMemo()
    content, problems = load.load_content(config, memo=cache.docs)
    directory, found = _directory(content.registry, cache)
    problems += found
    releases, found = validate.validate_all(content.docs, directory, content.assets, config, cache.checked)
    problems += found
    published = tuple(r for r in releases if config.drafts or not r.draft)
    _recall_release_digests(cache, published)
    shape = Fingerprinter(cache.digests)((config, published))  # a release's fingerprint leaves out its body
    last = cache.planned
    if isinstance(last, _Planned) and last.shape == shape:
        cache.planned = last.with_bodies_of(published, routes.Urls.of(config))
    else:
        cache.planned = _plan(shape, published, config, cache)
    planned: _Planned = cache.planned
    problems += planned.problems
    search = None if _has_errors(problems) or not with_search else extras.SearchIndex(config, cache, planned.search_bundles)
    staging = None if _has_errors(problems) else staging  # nothing is written for a build that fails anyway
    recalled = _recalled_values(cache, shape, published, config)
    rendered = render.render_all(
        planned.pages, config, cache, progress, on_page=search.page if search else None, staging=staging, recalled=recalled
    )
    problems += rendered.problems
    outputs = rendered.outputs + list(planned.files) + extras.asset_files(content.assets)
    _remember_release_digests(cache, published)
    if not with_search and isinstance(cache.search, dict):
        outputs += [out for _, files in cache.search.values() for out in files]  # the dev server refreshes the index right after
    return _Site(published, planned.pages, outputs, problems, rendered.rendered, None if _has_errors(problems) else search)


@dataclass(frozen=True, slots=True)
class _Planned:
    """The pages planned from the releases and the files made from the whole archive (feeds, data, sitemap).

    They depend on the releases' front-matter, not on their bodies: the dev server keeps them, and
    when only bodies changed (the commonest edit) the next build swaps the new bodies into their
    release pages instead of aggregating, planning and fingerprinting every page again.
    """

    shape: bytes  # fingerprint of the configuration and of every release but its body
    releases: tuple[validate.Release, ...]
    pages: tuple[routes.Page, ...]
    files: tuple[render.Written, ...]
    problems: tuple[Problem, ...]
    search_bundles: tuple[str, ...]

    def with_bodies_of(self, releases: tuple[validate.Release, ...], urls: routes.Urls) -> _Planned:
        """The same plan, with the release pages of `releases` whose body changed made anew."""
        changed = {urls.path("release", new.slug): new for old, new in zip(self.releases, releases, strict=True) if new is not old}
        if not changed:
            return self
        pages = tuple(_with_body(page, changed[page.url]) if page.url in changed else page for page in self.pages)
        return replace(self, releases=releases, pages=pages)


def _with_body(page: routes.Page, release: validate.Release) -> routes.Page:
    return replace(page, context=MappingProxyType({**page.context, "release": release, "body": release.body_md}))


def _plan(shape: bytes, published: tuple[validate.Release, ...], config: SiteConfig, cache: BuildCache) -> _Planned:
    archive, problems = model.aggregate(published, config)
    problems += checks.duplicate_institutions(published)
    pages, found = routes.plan(archive, config)
    problems += found
    files = tuple(extras.build_all(archive, pages, config, cache))
    return _Planned(shape, published, pages, files, tuple(problems), routes.search_bundles(archive))


def _recalled_values(cache: BuildCache, shape: bytes, releases: tuple[validate.Release, ...], config: SiteConfig) -> dict[str, bytes]:
    """The fingerprint of each page's values as the build that wrote output/ saved it (`BuildCache.page_keys`), when
    that build planned the same site (same configuration and front-matter): a page's values then differ only in the
    body of a release page whose file changed, so every other page's fingerprint need not be worked out again (0.5 s
    at 10,000 releases)."""
    if cache.written_from is None or cache.written_from[0] != shape or not cache.page_keys:
        return {}
    files = cache.written_from[1]
    urls = routes.Urls.of(config)
    edited = {urls.path("release", r.slug) for r in releases if files.get(r.path) != r.digest}
    return {url: render.values_print(key) for url, (key, _) in cache.page_keys.items() if url not in edited}


def _recall_release_digests(cache: BuildCache, releases: tuple[validate.Release, ...]) -> None:
    """Fingerprints of releases checked from the same file in the same context by an earlier run (saved by the CLI)."""
    context = cache.checked.context if cache.checked else b""
    for release in releases:
        digest = cache.release_digests.get((release.path, release.digest, context))
        if digest is not None and id(release) not in cache.digests:
            cache.digests[id(release)] = (release, digest)


def _remember_release_digests(cache: BuildCache, releases: tuple[validate.Release, ...]) -> None:
    context = cache.checked.context if cache.checked else b""
    known = ((release, cache.digests.get(id(release))) for release in releases)
    cache.release_digests = {(r.path, r.digest, context): entry[1] for r, entry in known if entry is not None and entry[0] is r}


def _directory(found: load.Registry | None, cache: BuildCache) -> tuple[registry.Directory, list[Problem]]:
    """The institution registry, checked again only when its file changed."""
    key = (found.path, found.text) if found else None
    if cache.directory is None or cache.directory[0] != key:
        cache.directory = (key, *registry.build_directory(found))
    return cache.directory[1], list(cache.directory[2])


def _has_errors(problems: list[Problem]) -> bool:
    return any(problem.is_error for problem in problems)


def _final(problems: list[Problem], strict: bool) -> tuple[Problem, ...]:
    final = sorted_unique(promote_warnings(problems) if strict else problems)
    if any(problem.is_error for problem in final):
        raise BuildFailed(final)
    return final


def build(
    config: SiteConfig,
    *,
    strict: bool = False,
    cache: BuildCache | None = None,
    progress: Progress | None = None,
    search: bool = True,
) -> BuildResult:
    """Read, check, render, then write output/; raises BuildFailed before writing anything.

    With a cache from an earlier build (the dev server keeps one), only pages whose inputs changed are rendered again.
    A cache with `on_disk` set (the dev server's) writes changed files in place instead of swapping the whole site.
    """
    cache = cache or BuildCache()
    swapping = cache.on_disk is None  # the dev server's cache says where its preview is, written file by file
    spare: AbstractContextManager[write.Staging | None] = write.staging(config.output_dir) if swapping else nullcontext()
    with spare as staging:
        site = _produce(config, cache, progress, with_search=search, staging=staging)
        final = _final(site.problems, strict)
        indexing = site.index_in_background()
        try:
            if swapping:  # the pages are put in place while Pagefind works
                report = write.sync(site.outputs, config.output_dir, later=indexing.files, staged_by=staging)
                render.remember_written(cache, config.output_dir)
                cache.written_from = (cache.planned.shape, {release.path: release.digest for release in site.releases})
                extras.remember_feeds(cache, config.output_dir)
                extras.remember_search(cache, config.output_dir)
            else:
                report = write.sync_in_place(site.outputs + indexing.files(), config.output_dir, cache.on_disk)
        finally:
            indexing.wait()
    urls = routes.Urls.of(config)
    release_urls = tuple((release.path, urls.link("release", release.slug)) for release in site.releases)
    return BuildResult(final, len(site.releases), len(site.pages), len(site.outputs), report, release_urls, site.rendered)


def check(config: SiteConfig, *, strict: bool = False) -> BuildResult:
    """Every stage but writing, plus a link check of the generated site and duplicate-name warnings."""
    site = _produce(config, BuildCache())
    outputs = site.outputs + site.index_in_background().files()
    problems = site.problems + checks.broken_links(outputs, routes.Urls.of(config))
    final = _final(problems, strict)
    return BuildResult(final, len(site.releases), len(site.pages), len(site.outputs), None)
