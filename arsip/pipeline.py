"""The build, read top to bottom: content in, site out.

Input: a project folder (or a `SiteConfig`). Output: a `BuildResult` after output/ was brought up to
date, or `BuildFailed` carrying every problem of the run, with output/ left exactly as it was.
Stages never print; nothing is written before every release was read and checked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from . import extras, load, model, registry, render, routes, validate, write
from .config import SiteConfig, load_config
from .problems import BuildFailed, Problem, promote_warnings, sorted_unique


@dataclass(frozen=True, slots=True)
class BuildResult:
    problems: tuple[Problem, ...]
    releases: int
    pages: int
    files: int
    report: write.WriteReport | None


def configure(root: Path, *, drafts: bool = False, base_url: str | None = None) -> SiteConfig:
    """Read site_config.toml; raises BuildFailed when it has problems."""
    config, problems = load_config(root)
    if config is None:
        raise BuildFailed(problems)
    if base_url:
        config = replace(config, base_url=base_url)
    return replace(config, drafts=drafts)


def build(config: SiteConfig, *, write_output: bool = True, strict: bool = False) -> BuildResult:
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
    final = sorted_unique(promote_warnings(problems) if strict else problems)
    if any(problem.is_error for problem in final):
        raise BuildFailed(final)
    report = write.sync(outputs, config.output_dir) if write_output else None
    return BuildResult(final, len(published), len(pages), len(outputs), report)
