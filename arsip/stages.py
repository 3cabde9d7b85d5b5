"""The stages `pipeline` runs, each a small function from the values of the last to those of the next.

Input and output per stage: `read` (files -> `Tree`: parsed releases, registry, assets, bodies),
`check` (-> checked `Release`s), `plan` (-> `Plan`: the archive's pages and made files, search
bundles), `disappearing` (-> the published pages the plan would lose),
`produce` (-> `produce.Produced`: what changed made again, the rest kept), `index_search`
(-> the Pagefind bundles, on a thread of their own), `publish` (-> output/ and the build database).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .builddb import Recorded, database_path
from .builddb import published as published_before
from .i18n import tr
from .model import archive as model
from .model import checks, validate
from .model.validate import Release
from .problems import BuildFailed, Problem, error
from .publish import in_place, links, published, write
from .publish.bundles import Indexed, SearchIndex
from .publish.files import File, OnDisk, status_as_written
from .publish.pagefind import SearchIndexError
from .publish.safety import WriteReport
from .render import templates as render
from .render.compiled import CompiledTemplates
from .render.produce import Inputs, Job, Produced, Sources, environment_reads, remember_kept
from .render.produce import produce as produce_files
from .render.record import ConfigView, Fingerprinter
from .session import Session
from .site import makers as extras
from .site import routes, table
from .source import registry
from .source import tree as load
from .source.config import SiteConfig

Progress = Callable[[int, int], None]  # (files done, files in all), called while producing


@dataclass(frozen=True, slots=True)
class Tree:
    """The project's files as read: parsed releases, the registry, assets, and the sources of bodies."""

    content: load.Content
    sources: Sources


def read(config: SiteConfig, session: Session) -> tuple[Tree, list[Problem]]:
    with session.timings.stage(tr("read content/")):
        content, problems = load.load_content(config, memo=session.docs)
    sources = Sources({doc.path: doc.body for doc in content.docs}, {doc.path: doc.digest for doc in content.docs})
    return Tree(content, sources), problems


def check(tree: Tree, config: SiteConfig, session: Session) -> tuple[tuple[Release, ...], list[Problem]]:
    found_registry, kinds, places = tree.content.registry, config.programme.kinds, config.programme.geography
    key = hashlib.blake2b(
        repr(((found_registry.path, found_registry.text) if found_registry else None, kinds, places)).encode(), digest_size=16
    ).digest()
    with session.timings.stage(tr("check releases and registry")):
        directory, checked = session.memos.directory.get(key, lambda: registry.build_directory(found_registry, kinds, places))
        problems = list(checked)
        releases, found = validate.validate_all(tree.content.docs, directory, tree.content.assets, config, session.checked)
    return tuple(r for r in releases if config.options.drafts or not r.draft), problems + found


@dataclass(frozen=True, slots=True)
class Plan:
    """Every file of the site to produce (pages and made files), the search bundles, the problems planning found."""

    pages: tuple[routes.Page, ...]
    files: tuple[routes.Page, ...]
    bundles: tuple[str, ...]
    problems: tuple[Problem, ...]
    urls: routes.Urls


def plan(releases: tuple[Release, ...], config: SiteConfig, session: Session) -> tuple[Plan, list[Problem]]:
    """The archive and its files; the same plan as last time when the configuration and releases are the same
    (a body is not part of a release: pages that show one read it while they are made)."""
    memos = session.memos
    with session.timings.stage(tr("model the archive, plan the files")):
        memo = memos.fingerprints if memos.plan.key is not None else {}
        key = Fingerprinter(memo)((config, releases))
        if memos.plan.key != key:
            memos.fingerprints = {k: entry for k, entry in memo.items() if isinstance(entry[0], Release)}
        made = memos.plan.get(key, lambda: _plan(releases, config))
    return made, list(made.problems)


def _plan(releases: tuple[Release, ...], config: SiteConfig) -> Plan:
    archive, problems = model.aggregate(releases, config)
    problems += checks.duplicate_institutions(releases, config.programme.kinds)
    files, found = table.plan(archive, config)
    pages = tuple(file for file in files if file.make is None)
    made = tuple(file for file in files if file.make is not None)
    return Plan(pages, made, table.SEARCH_INDEX.over(archive), tuple(problems + found), routes.Urls.of(config))


def produce(
    plan: Plan, tree: Tree, config: SiteConfig, session: Session, staging: write.Staging | None, progress: Progress | None
) -> Produced:
    view = ConfigView(config)
    make_envs = functools.partial(_environments, view, session.memos.compiled, session.db.versions)
    envs, env_reads = session.memos.environment.get(_environment_key(config), lambda: environment_reads(make_envs, tree.sources.bodies))
    same_plan = session.memos.plan.key is not None and session.memos.plan.key == session.db.plan_key()
    inputs = Inputs(config, envs[None], tree.sources, Fingerprinter(session.memos.fingerprints), session.recorded() if same_plan else None)
    job = Job(envs, view, inputs, env_reads, staging)

    def prepare(todo: list[routes.Page]) -> None:  # convert the bodies of release pages and feeds to make now (most need one)
        for language, env in envs.items():
            here = [p for p in todo if p.language == language]
            shown = {r.path for p in here for r in ((p.context["release"],) if "release" in p.context else p.context.get("items", ()))}
            env.filters["markdown"].convert_many([(tree.sources.bodies[path], path) for path in sorted(shown)], session.db.markdown)

    recorded = session.recorded()
    with session.timings.stage(tr("make what changed (Markdown, pages, files)")):
        produced = produce_files(
            plan.pages + plan.files,
            job,
            recorded,
            config.output_dir,
            progress,
            prepare,
            session.on_disk if session.in_place else (),  # in place, the files this session wrote are where it left them
            session.readers,
            session.timings,
            session.memos.kept_files.setdefault(os.fspath(config.output_dir), {}) if session.in_place else None,
        )
        session.db.save_markdown({key: html for env in envs.values() for key, html in env.filters["markdown"].keep_fresh().items()})
    return produced


def _environments(view: ConfigView, compiled: CompiledTemplates, versions: str) -> dict[str | None, Any]:
    """A Jinja environment per language of the site, by a page's `language` (None: the site's own), sharing one loader
    and the templates compiled (in this session: a template is compiled again when its text changed)."""
    loader = render.RecordingLoader([str(view.templates_dir), str(view.theme_templates_dir)])  # the project's, then the theme's
    envs: dict[str | None, Any] = {None: render.environment(view, versions=versions, loader=loader, compiled=compiled)}
    for code in view.languages[1:]:
        envs[code] = render.environment(view, versions=versions, language=code, loader=loader, compiled=compiled)
    return envs


def _environment_key(config: SiteConfig) -> bytes:
    """Every file Jinja could load (links followed) and the configuration: an environment made from the same is the
    same (its compiled templates included)."""
    hasher = hashlib.blake2b(Fingerprinter()(config), digest_size=16)
    seen: set[tuple[int, int]] = set()
    for top, folders, files in _walk_both(config.templates_dir, config.theme_templates_dir):
        info = os.stat(top)
        if (info.st_dev, info.st_ino) in seen:  # a link leading back up: walked once
            folders.clear()
            continue
        seen.add((info.st_dev, info.st_ino))
        folders.sort()
        for name in sorted(files):
            path = os.path.join(top, name)
            with contextlib.suppress(OSError):
                hasher.update(path.encode("utf-8", "surrogateescape") + b"\0" + Path(path).read_bytes())
    return hasher.digest()


def _walk_both(own: Path, theme: Path) -> Iterator[tuple[str, list[str], list[str]]]:
    """The project's templates, then the theme's: every file the loader chain could load."""
    yield from os.walk(own, followlinks=True)
    yield from os.walk(theme, followlinks=True)


@dataclass(frozen=True, slots=True)
class Indexing:
    """The search bundles in the making (Pagefind on a thread of its own), or those of the last build."""

    pending: Future[Indexed] | None
    kept: Indexed | None

    def result(self) -> Indexed:
        try:
            return self.pending.result() if self.pending else self.kept or Indexed({})
        except SearchIndexError as failure:
            raise BuildFailed(
                [error("output/pagefind", None, tr("the search index could not be built: {reason}", reason=failure.reason))]
            ) from failure

    def files(self) -> list[File]:
        return self.result().all_files()


def index_search(produced: Produced, plan: Plan, config: SiteConfig, session: Session, search: bool) -> Indexing:
    """Start Pagefind where a bundle's pages changed; without `search`, the bundles of the last build stay as they are."""
    index = SearchIndex(config.language, plan.bundles, session.saved_bundles(), config.output_dir, session.wrote, session.timings)
    if not search:
        return Indexing(None, _bundles_as_before(index, session))
    for page, file, indexed in produced.entries:
        if indexed is not None and page.language is None:  # a translation shows the same content: indexed once
            index.add(table.SEARCH_INDEX.bundle_of(page, plan.bundles), file, indexed)
    runner = ThreadPoolExecutor(max_workers=1)
    pending = runner.submit(index.finish)
    runner.shutdown(wait=False)  # the thread ends with Pagefind
    return Indexing(pending, None)


def _bundles_as_before(index: SearchIndex, session: Session) -> Indexed:
    """The last build's bundles as on disk; in place, the very same as last time while the saved bundles are the very
    same and every file of them is one this session wrote (it would find each where it left it, as it did then)."""
    saved, known = session.saved_bundles(), session.memos.kept_bundles
    if known is not None and known[0] is saved and len(known[1].files) == len(saved) and _all_wrote(known[1], session):
        return known[1]
    indexed = index.as_before()
    session.memos.kept_bundles = (saved, indexed) if session.in_place else None
    return indexed


def _all_wrote(indexed: Indexed, session: Session) -> bool:
    return all(file.path in session.on_disk for file in indexed.all_files())


def publish(
    produced: Produced,
    indexing: Indexing,
    tree: Tree,
    config: SiteConfig,
    session: Session,
    staging: write.Staging | None,
    published: Callable[[], None] | None = None,
) -> WriteReport:
    """Put the site in output/ (swapped in whole, or in place for the preview), tell `published`, then record what each
    file read."""
    files = [file for _, file, _ in produced.entries] + assets(tree)
    with session.timings.stage(tr("publish output/ (search index awaited)")):
        report = _sync(files, indexing, config, session, staging)
    if published is not None:
        published()
    with session.timings.stage(tr("save the build database")):
        made, output_dir = {file.path: file for _, file, _ in produced.entries}, config.output_dir
        records = {path: _as_written(record, made[path], output_dir) for path, record in produced.records.items()}
        bundles = indexing.result().records(config.output_dir) if indexing.pending else session.saved_bundles()
        session.remember(records, bundles, tree.sources.digests)
    if session.in_place:  # found now, after the reload, rather than at the next edit
        folder = os.fspath(config.output_dir)
        remember_kept(session.memos.kept_files.setdefault(folder, {}), folder, records)
        if indexing.pending is not None:
            _bundles_as_before(SearchIndex(config.language, (), bundles, config.output_dir, session.wrote), session)
    return report


def _sync(files: list[File], indexing: Indexing, config: SiteConfig, session: Session, staging: write.Staging | None) -> WriteReport:
    try:
        if session.in_place:
            report = in_place.sync_in_place(files + indexing.files(), config.output_dir, session.on_disk)
        else:
            report = write.sync(files, config.output_dir, later=indexing.files, staged_by=staging)
    finally:
        if indexing.pending is not None:
            indexing.pending.exception()  # let Pagefind finish, whatever happened meanwhile
    return report


def _as_written(record: Recorded, file: File, output_dir: Path) -> Recorded:
    """The record with the status of the file as written: a file on disk keeps its status through the swap (the same
    file, linked or renamed), one written from memory is looked at."""
    status = file.status if isinstance(file, OnDisk) else status_as_written(file.path, output_dir)
    return record if record.status == status else Recorded(record.reads, status, record.indexed, record.written)


def disappearing(plan: Plan, config: SiteConfig, session: Session) -> list[Problem]:
    """The pages the last publication held that this site would neither make nor redirect (`publish.published`): known
    by the build database (read-only for `check`), else the pages found in output/."""
    before = session.db.published() if session.db.path is not None else published_before(database_path(config.output_dir))
    if before is None:
        before = published.on_disk(config.output_dir)
    return published.disappearing(before, plan.pages, config, session.recorded())


def remember_published(plan: Plan, session: Session) -> None:
    session.db.save_published(published.addresses(plan.pages))


def assets(tree: Tree) -> list[File]:
    return extras.asset_files(tree.content.assets)


def broken_links(
    produced: Produced,
    tree: Tree,
    plan: Plan,
    config: SiteConfig,
    session: Session,
    files: list[File] | None = None,
    external: bool = False,
) -> list[Problem]:
    """Broken links where they are written (`publish.links`): in a build (no `files`) those of release bodies, as warnings."""
    env = session.memos.environment.value[0][None] if session.memos.environment.value else None
    store = None if files is not None else session.db.markdown
    with session.timings.stage(tr("check links")):
        return links.check_links(produced, tree.sources.bodies, plan.urls, config, env, store, files=files, external=external)
