"""Producing again exactly the files whose recorded inputs changed, and keeping the others.

Input: the planned `Page`s (rendered from a template or made by a function), the records the build
database holds for the files of the last build, the current sources. Output: `Produced`: every
file of the site (made now, or kept on disk untouched) with its record (each input it read and
that input's digest now), how many were made, and the problems of templates that failed.

A file is produced again if and only if it is new, its file in output/ is not the one the last
build wrote, or one of the inputs it read last time has another digest now (`Inputs.digest`).
Reads are recorded while it is produced (see `record`), so nobody lists what a page depends on.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Container, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

import jinja2

from ..builddb import Recorded
from ..builddb.readers import Readers
from ..i18n import tr
from ..problems import Problem, error
from ..publish.files import File, OnDisk, Output, content_digest
from ..publish.pagefind import indexed_digest
from ..publish.write import Staging
from ..site.routes import Page, Urls
from ..source.config import SiteConfig
from ..timings import Timings
from ..workers import cores, forked_pool
from .record import ConfigView, Fingerprinter, digest_of_bytes, recording
from .templates import compile_all, render_page

MISSING = b"missing"
GLOBAL = b"global"  # a helper of the environment: what it does is Arsip's code (a version) and what it reads is recorded
PARALLEL_RENDER_FROM = 400  # below this many pages to render, worker processes cost more than they save
WRITER_THREADS = 4


@dataclass(frozen=True, slots=True)
class Sources:
    """The current release bodies (read through `record.Body`) and each release file's digest."""

    bodies: Mapping[str, str]
    digests: Mapping[str, str]


class Inputs:
    """The digest each input has now; the same name always gives the same digest within a build."""

    def __init__(
        self,
        config: SiteConfig,
        env: jinja2.Environment,
        sources: Sources,
        fingerprint: Fingerprinter,
        same_plan: Mapping[str, Recorded] | None = None,
    ) -> None:
        self.config = config
        # The plan (every page's values) is a function of the configuration and the releases alone: made from the same
        # as the plan the records were checked against (`same_plan`, those records), each page is given the values it
        # was given then, whose digests the records hold.
        self.same_plan = same_plan
        self.env = env
        self.sources = sources
        self.fingerprint = fingerprint
        self.known: dict[str, bytes] = {}
        self.values: dict[tuple[str, str], bytes] = {}  # (page, name): the digest of a value the page was given
        self.given: dict[str, dict[str, bytes]] = {}  # page: what its record says of what it read

    def digest(self, name: str, page: Page) -> bytes:
        if name.startswith("name:"):
            known = self.values.get((page.url, name))
            if known is None:
                known = self.values[(page.url, name)] = self._recorded(name, page) or self._value(name[5:], page)
            return known
        return self.now(name)

    def now(self, name: str) -> bytes:
        """The digest of an input that is the same for every page (a template, the configuration, a body)."""
        known = self.known.get(name)
        if known is None:
            known = self.known[name] = self._shared(name)
        return known

    def _recorded(self, name: str, page: Page) -> bytes | None:
        if self.same_plan is None:
            return None
        known = self.given.get(page.url)
        if known is None:
            before = self.same_plan.get(page.file)
            known = self.given[page.url] = dict(before.reads) if before is not None else {}
        return known.get(name)

    def _value(self, key: str, page: Page) -> bytes:
        if key in page.context:
            return self._fingerprint(page.context[key])
        if key == "page":
            return self.fingerprint(page.url)
        return GLOBAL if key in self.env.globals else MISSING

    def _fingerprint(self, value: object) -> bytes:
        """The value's digest; one Arsip cannot digest is taken as changed every time (made again, never kept stale)."""
        try:
            return self.fingerprint(value)
        except TypeError:
            return os.urandom(16)

    def _portable(self, value: object) -> object:
        """A folder of the project as a path from the project's root: `--root site` and `--root /home/x/site` (or a
        moved project) read the same templates, so they must not make every output again."""
        if isinstance(value, PurePath) and value.is_relative_to(self.config.root):
            return value.relative_to(self.config.root).as_posix()
        return value

    def _shared(self, name: str) -> bytes:
        kind, _, key = name.partition(":")
        if kind == "config":
            if key == "*":
                return self._fingerprint(dataclasses.replace(self.config, root=PurePath()))
            return self._fingerprint(self._portable(getattr(self.config, key))) if hasattr(self.config, key) else MISSING
        if kind == "template":
            try:
                source = self.env.loader.get_source(self.env, key)[0]  # type: ignore[union-attr]
            except (jinja2.TemplateNotFound, OSError, UnicodeDecodeError):
                return MISSING
            return digest_of_bytes(source.encode("utf-8", "surrogatepass"))
        if kind == "body":
            found = self.sources.digests.get(key)
            return found.encode() if found is not None else MISSING
        return MISSING

    def record(self, reads: frozenset[str], page: Page) -> tuple[tuple[str, bytes], ...]:
        """Each read with its digest now (a template's: of the text it was compiled from); the values a page was given
        last, as they cost most to digest (`unchanged`)."""
        compiled = getattr(self.env.loader, "compiled", {})
        return tuple(
            (name, compiled.get(name[9:]) or self.digest(name, page) if name.startswith("template:") else self.digest(name, page))
            for name in sorted(reads, key=_cheap_first)
        )

    def unchanged(self, recorded: Recorded, page: Page) -> bool:
        known, same_plan = self.known, self.same_plan is not None
        for name, digest in recorded.reads:  # the values a page was given come last (`record`)
            if name.startswith("name:"):
                if same_plan:
                    return True
            elif known.get(name) == digest:  # the common case, looked up without a call (it runs 100,000 times)
                continue
            if self.digest(name, page) != digest:
                return False
        return True


Reads = tuple[tuple[str, bytes], ...]


@dataclass(frozen=True, slots=True)
class Job:
    """What rendering needs, handed to worker processes by forking."""

    envs: Mapping[str | None, jinja2.Environment]  # by a page's language (None: the site's own)
    view: ConfigView
    inputs: Inputs
    shared_reads: frozenset[str]  # what making the environments read: every page read it
    staging: Staging | None

    @property
    def env(self) -> jinja2.Environment:
        """The environment of the site's own language."""
        return self.envs[None]

    @property
    def config(self) -> SiteConfig:
        return self.inputs.config

    def make(self, page: Page) -> tuple[Output | Problem, Reads]:
        """The file (or the problem that stopped it) and each input it read with that input's digest."""
        made, reads = self._make(page)
        if isinstance(made, Problem):
            return made, ()
        return Output(page.file, made, content_digest(made)), self.inputs.record(reads, page)

    def _make(self, page: Page) -> tuple[bytes | Problem, frozenset[str]]:
        with recording(self.inputs.sources.bodies) as recorder:
            if page.make is not None:
                recorder.reads.update("name:" + key for key in page.context)
                made = _made(page, self.view, self.config)
            else:
                made = render_page(self.envs[page.language], page.template, page.url, page.context, self.config)
        return made, frozenset(recorder.reads) | self.shared_reads

    def put(self, made: Output) -> File:
        """The file, written into the spare folder when there is one (by a worker process), else in memory."""
        return self.staging.put(made, indexed_digest(made.data)) if self.staging is not None else made


def _cheap_first(name: str) -> tuple[bool, str]:
    return name.startswith("name:"), name


def _made(page: Page, view: ConfigView, config: SiteConfig) -> bytes | Problem:
    try:
        return page.make(page.context, Urls.of(view), view)  # type: ignore[misc]
    except Exception as exc:
        failure = f"{type(exc).__name__}: {exc}"
        return error(f"output/{page.file}", None, tr("could not be made: {error}", error=failure))


@dataclass(frozen=True, slots=True)
class Produced:
    """Each file of the site with its page and the digest of what Pagefind reads of it (None: not indexed),
    the record of each file by path (a kept file's as the last build left it; a made file's without the status
    it gets once written), the problems of templates that failed, and how many files were made."""

    entries: list[tuple[Page, File, bytes | None]]
    records: dict[str, Recorded]
    problems: list[Problem]
    made: int


def produce(
    pages: tuple[Page, ...],
    job: Job,
    recorded: Mapping[str, Recorded],
    output_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    prepare: Callable[[list[Page]], None] | None = None,
    trusted: Container[str] = (),
    readers: Readers | None = None,
    timings: Timings | None = None,
    kept_before: dict[str, tuple[Recorded, OnDisk]] | None = None,
) -> Produced:
    """Every file of the site: kept when untouched and nothing it read changed, else made again.
    `prepare` sees the pages to make before they are made (to convert their Markdown all at once); `trusted` holds the
    files that need not be looked at on disk (the preview's, which its session wrote itself); `readers`, the records turned
    around, finds the files whose inputs changed without going through every record (the values pages were given are
    not in it: it serves only when the plan is the same). `kept_before` (the preview's, filled by `remember_kept`) hands
    back the very file a record gave last time, for the very same record: thousands are kept at each edit."""
    slots: list[tuple[Page, File, bytes | None] | None] = [None] * len(pages)  # each file in the order of `pages`
    records: dict[str, Recorded] = {}
    todo: list[int] = []
    folder = os.fspath(output_dir)
    stale = readers.stale(job.inputs.now) if readers is not None and job.inputs.same_plan is not None else None
    for index, page in enumerate(pages):
        path = page.file
        before = recorded.get(path)
        if before is None or before.status is None:
            todo.append(index)
            continue
        if (path not in stale) if stale is not None else job.inputs.unchanged(before, page):
            known = kept_before.get(path) if kept_before is not None else None
            on_disk = known[1] if known is not None and known[0] is before else kept_file(folder, path, before)
            if path in trusted or on_disk.untouched():  # kept: its record stays what it was (reads, status, digests)
                slots[index] = (page, on_disk, on_disk.indexed)
                records[path] = before
                continue
        todo.append(index)
    if prepare is not None:
        prepare([pages[index] for index in todo])
    problems: list[Problem] = []
    failed_templates: set[str] = set()
    made = _make_many(job, pages, todo, timings or Timings())
    done = len(pages) - len(todo)
    if progress and done:
        progress(done, len(pages))
    for index in todo:
        page = pages[index]
        path = page.file
        result, reads = next(made)
        done += 1
        if progress:
            progress(done, len(pages))
        if isinstance(result, Problem):
            if (page.template or path) not in failed_templates:
                problems.append(result)  # the first failure of a template stands for the rest of its pages
            failed_templates.add(page.template or path)
            continue
        searchable = page.template is not None and path.endswith(".html")  # not a feed that quotes a body's words
        digest = result.indexed if isinstance(result, OnDisk) else indexed_digest(result.data) if searchable else None
        slots[index] = (page, result, digest)
        records[path] = Recorded(reads, None, digest, result.digest)  # its status is known once it is written
    next(made, None)  # the workers are done: let them end now (and say when they were ready)
    entries = [slot for slot in slots if slot is not None]  # a page whose template failed has none
    return Produced(entries, records, problems, len(todo))


def kept_file(folder: str, path: str, record: Recorded) -> OnDisk:
    """The file the record says the last build left at `path` in `folder` (a record with a status)."""
    return OnDisk(path, f"{folder}/{path}", record.status, record.indexed, record.written)  # type: ignore[arg-type]


def remember_kept(kept_before: dict[str, tuple[Recorded, OnDisk]], folder: str, records: Mapping[str, Recorded]) -> None:
    """In place, after publishing: the file of each record, for `produce` to hand back at the next build (found now, after
    the reload, rather than at the next edit); a record made anew brings a file made anew."""
    for path in kept_before.keys() - records.keys():
        del kept_before[path]
    for path, record in records.items():
        known = kept_before.get(path)
        if (known is None or known[0] is not record) and record.status is not None:
            kept_before[path] = (record, kept_file(folder, path, record))


def _make_many(job: Job, pages: tuple[Page, ...], todo: list[int], timings: Timings) -> Iterator[tuple[File | Problem, Reads]]:
    """Each page of `todo` made, in order; in a process per core when there are many, which then write the
    pages into the spare folder (if any) instead of sending their bytes back. `timings` learns when the last
    worker was ready."""
    if len(todo) < PARALLEL_RENDER_FROM or cores() < 2:
        for index in todo:
            yield job.make(pages[index])
        return
    for env in job.envs.values():  # before forking: every worker has them, and so has this process for the next edit
        compile_all(env)
    size = max(1, len(todo) // (cores() * 32))  # small shares: the heavy pages (years, institutions) come last
    chunks = [todo[start : start + size] for start in range(0, len(todo), size)]
    if job.staging is not None and not job.staging.make_folders(pages[index].file for index in todo):
        job = Job(job.envs, job.view, job.inputs, job.shared_reads, None)
    created, ready = time.monotonic(), 0.0
    with forked_pool(_start_worker, (job, pages)) as pool:  # the workers inherit the planned pages
        for started, chunk in pool.map(_make_chunk, chunks):
            ready = max(ready, started)
            yield from chunk
    timings.add(tr("start of the render workers (the last one ready)"), ready - created)


@dataclass(frozen=True, slots=True)
class _Worker:
    job: Job
    pages: tuple[Page, ...]
    writers: ThreadPoolExecutor | None  # files are created while the next pages render (creating one may wait on the disk)
    started: float  # time.monotonic() when the worker was ready (the clock is the machine's, not the process's)

    def make_chunk(self, indexes: list[int]) -> list[tuple[File | Problem, Reads]]:
        done: list[tuple[File | Problem | Future[File], Reads]] = []
        for index in indexes:
            made, reads = self.job.make(self.pages[index])
            if isinstance(made, Problem) or self.writers is None:
                done.append((made, reads))
            else:
                done.append((self.writers.submit(self.job.put, made), reads))
        return [(item.result() if isinstance(item, Future) else item, reads) for item, reads in done]


_worker: list[_Worker] = []  # in each worker process only: set once by _start_worker (the main process never uses it)


def _start_worker(job: Job, pages: tuple[Page, ...]) -> None:
    writers = ThreadPoolExecutor(max_workers=WRITER_THREADS) if job.staging is not None else None
    _worker.append(_Worker(job, pages, writers, time.monotonic()))


def _make_chunk(indexes: list[int]) -> tuple[float, list[tuple[File | Problem, Reads]]]:
    return _worker[0].started, _worker[0].make_chunk(indexes)


def environment_reads(make_env: Callable[[], Any], bodies: Mapping[str, str]) -> tuple[Any, frozenset[str]]:
    """The environments, with what making them read (the configuration their helpers captured)."""
    with recording(bodies) as recorder:
        env = make_env()
    return env, frozenset(recorder.reads)
