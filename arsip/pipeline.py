"""The build, read top to bottom: content in, site out.

Input: a `SiteConfig` (and the `Session` of the process, if it runs several builds). Output: a
`BuildResult` after output/ was brought up to date, or `BuildFailed` carrying every problem of the
run, with output/ left exactly as it was. Stages never print; nothing is written before every
release was read and checked; a file is produced again only if something it read changed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from . import stages
from .problems import BuildFailed, Problem, promote_warnings, sorted_unique
from .publish import write
from .publish.safety import WriteReport
from .session import Session
from .source.config import SiteConfig
from .source.config import configure as configure  # the commands' way to read site_config.toml
from .stages import Progress


@dataclass(frozen=True, slots=True)
class BuildResult:
    problems: tuple[Problem, ...]
    releases: int
    pages: int
    files: int
    report: WriteReport | None
    release_urls: tuple[tuple[str, str], ...] = ()
    rendered: int = 0


def build(
    config: SiteConfig,
    *,
    strict: bool = False,
    session: Session | None = None,
    progress: Progress | None = None,
    search: bool = True,
    keep_published: bool = False,
    published: Callable[[tuple[tuple[str, str], ...]], None] | None = None,
) -> BuildResult:
    """Read, check, model, plan; then produce what changed and publish it (the whole site swapped in at once).
    `keep_published` (the `build` command): a page the last publication held may not disappear without a redirect
    (`publish.published`), and this build's pages are what it holds next (unless it shows drafts). `published` is told as soon as
    the files are in place, with each release's URL (the preview reloads the browser then)."""
    session = session or Session.open(config.output_dir)
    tree, problems = stages.read(config, session)  # files -> parsed releases, registry, assets
    releases, found = stages.check(tree, config, session)  # -> checked releases
    plan, more = stages.plan(releases, config, session)  # -> the archive and every file of the site
    problems += found + more
    if keep_published and not any(problem.is_error for problem in problems):  # a release left out by an error is no removal
        problems += stages.disappearing(plan, config, session)  # published pages neither made nor redirected
    if any(problem.is_error for problem in problems):  # the templates' problems are reported too, but nothing is written
        problems += stages.produce(plan, tree, config, session, None, None).problems
    final = _final(problems, strict)  # BuildFailed here: output/ keeps the last good site
    spare: AbstractContextManager[write.Staging | None] = nullcontext() if session.in_place else write.staging(config.output_dir)
    with spare as staging:
        produced = stages.produce(plan, tree, config, session, staging, progress)  # only what read something that changed
        _final(produced.problems, strict)
        links_later = session.in_place and not strict  # the preview: the edited page first (its files stay where they are)
        if not links_later:
            final = _final([*final, *stages.broken_links(produced, tree, plan, config, session)], strict)  # those release bodies wrote
        indexing = stages.index_search(produced, plan, config, session, search)  # Pagefind works while pages are placed
        urls = tuple((release.path, plan.urls.link("release", release.slug)) for release in releases)
        told = functools.partial(published, urls) if published is not None else None
        report = stages.publish(produced, indexing, tree, config, session, staging, told)  # -> output/, then the database
    if links_later:  # the links release bodies wrote are warnings unless --strict: they cannot undo what was published
        final = _warnings_only([*final, *stages.broken_links(produced, tree, plan, config, session)])
    if keep_published and not config.options.drafts:
        stages.remember_published(plan, session)  # what the next build may not lose
    return BuildResult(final, len(releases), len(plan.pages), len(produced.entries), report, urls, produced.made)


def check(
    config: SiteConfig, *, strict: bool = False, external: bool = False, keep_published: bool = False, session: Session | None = None
) -> BuildResult:
    """Every stage but writing, plus a link check of the generated site (`external`: of outside links too) and, with
    `keep_published`, the published pages that would disappear."""
    session = session or Session.in_memory()
    tree, problems = stages.read(config, session)
    releases, found = stages.check(tree, config, session)
    plan, more = stages.plan(releases, config, session)
    problems += found + more
    if keep_published and not any(problem.is_error for problem in problems):
        problems += stages.disappearing(plan, config, session)
    produced = stages.produce(plan, tree, config, session, None, None)
    problems += produced.problems
    files = [file for _, file, _ in produced.entries] + stages.assets(tree)
    if not any(problem.is_error for problem in problems):
        files += stages.index_search(produced, plan, config, session, True).files()
        problems += stages.broken_links(produced, tree, plan, config, session, files, external)
    return BuildResult(_final(problems, strict), len(releases), len(plan.pages), len(files), None)


def _warnings_only(problems: list[Problem]) -> tuple[Problem, ...]:
    """The problems of a site already published: none may be an error (the checks made after publishing give warnings)."""
    if any(problem.is_error for problem in problems):
        raise AssertionError("an error found after output/ was published")  # a mistake in Arsip, not in a site
    return sorted_unique(problems)


def _final(problems: list[Problem], strict: bool) -> tuple[Problem, ...]:
    final = sorted_unique(promote_warnings(problems) if strict else problems)
    if any(problem.is_error for problem in final):
        raise BuildFailed(final)
    return final
