"""The build, read top to bottom: content in, site out.

Input: a project folder (or a `SiteConfig`). Output: a `BuildResult` after output/ was brought up to
date, or `BuildFailed` carrying every problem of the run, with output/ left exactly as it was.
Stages never print; nothing is written before every release was read and checked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from . import checks, extras, load, model, registry, render, routes, validate, write
from .config import SiteConfig, load_config
from .problems import BuildFailed, Problem, promote_warnings, sorted_unique


@dataclass(frozen=True, slots=True)
class BuildResult:
    problems: tuple[Problem, ...]
    releases: int
    pages: int
    files: int
    report: write.WriteReport | None
    release_urls: tuple[tuple[str, str], ...] = ()


def configure(root: Path, *, drafts: bool = False, base_url: str | None = None) -> SiteConfig:
    """Read site_config.toml; raises BuildFailed when it has problems."""
    config, problems = load_config(root)
    if config is None:
        raise BuildFailed(problems)
    if base_url:
        config = replace(config, base_url=base_url)
    return replace(config, drafts=drafts)


@dataclass(frozen=True, slots=True)
class _Site:
    """Everything a build produced, before anything is written."""

    releases: tuple[validate.Release, ...]
    pages: tuple[routes.Page, ...]
    outputs: list[render.Output]
    problems: list[Problem]


def _produce(config: SiteConfig) -> _Site:
    content, problems = load.load_content(config)
    directory, found = registry.build_directory(content.registry)
    problems += found
    releases, found = validate.validate_all(content.docs, directory, content.assets, config)
    problems += found
    published = tuple(r for r in releases if config.drafts or not r.draft)
    archive, found = model.aggregate(published, config)
    problems += found
    pages, found = routes.plan(archive, config)
    problems += found
    outputs, found = render.render_all(pages, archive, config)
    problems += found
    outputs += extras.build_all(archive, pages, content.assets, config)
    return _Site(published, pages, outputs, problems)


def _final(problems: list[Problem], strict: bool) -> tuple[Problem, ...]:
    final = sorted_unique(promote_warnings(problems) if strict else problems)
    if any(problem.is_error for problem in final):
        raise BuildFailed(final)
    return final


def build(config: SiteConfig, *, strict: bool = False) -> BuildResult:
    """Read, check, render, then write output/; raises BuildFailed before writing anything."""
    site = _produce(config)
    final = _final(site.problems, strict)
    report = write.sync(site.outputs, config.output_dir)
    urls = routes.Urls.of(config)
    release_urls = tuple((release.path, urls.link("release", release.slug)) for release in site.releases)
    return BuildResult(final, len(site.releases), len(site.pages), len(site.outputs), report, release_urls)


def check(config: SiteConfig, *, strict: bool = False) -> BuildResult:
    """Every stage but writing, plus a link check of the generated site and duplicate-name warnings."""
    site = _produce(config)
    problems = site.problems + checks.broken_links(site.outputs, routes.Urls.of(config))
    problems += checks.duplicate_institutions(site.releases)
    final = _final(problems, strict)
    return BuildResult(final, len(site.releases), len(site.pages), len(site.outputs), None)
