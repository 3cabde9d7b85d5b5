"""Pagefind's search bundles, built again only where what they index changed.

Input: each indexed page (its file, and the digest of what Pagefind reads of it), the bundle each
belongs to (`table.SEARCH_INDEX.bundle_of`), and the bundles the build database holds. Output: the
files of every bundle (made now by Pagefind, or kept on disk untouched) and what to record of them.

The index is split by assessment year: an edit re-indexes its year alone; the search page merges
the bundles in the browser. A bundle is built again when the pages it holds, or what Pagefind reads
of them, changed, or when one of its files in output/ is not the one the last build wrote.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..builddb import Bundle
from ..i18n import tr
from ..problems import BuildFailed, error, os_reason
from ..timings import Timings
from .files import File, FileStatus, OnDisk, Output
from .pagefind import IndexedPage, build_index

_PAGEFIND_UI = re.compile(r"pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$")


@dataclass(frozen=True, slots=True)
class Indexed:
    """The bundles of this build: each folder's entries digest and its files."""

    files: dict[str, tuple[bytes, tuple[File, ...]]]

    def all_files(self) -> list[File]:
        return [file for _, files in self.files.values() for file in files]

    def records(self, output_dir: Path) -> dict[str, Bundle]:
        """After output/ was written: each bundle with its files' status, for the next build."""
        saved = {}
        for folder, (entries, files) in self.files.items():
            statuses = tuple((file.path, _status(file, output_dir)) for file in files)
            if all(status is not None for _, status in statuses):
                saved[folder] = Bundle(entries, statuses)  # type: ignore[arg-type]
        return saved


def _status(file: File, output_dir: Path) -> FileStatus | None:
    """A file on disk keeps its status through the swap; one written from memory is looked at."""
    return file.status if isinstance(file, OnDisk) else FileStatus.of(output_dir / file.path)


class SearchIndex:
    """Collects the indexed pages by bundle while the site is produced; `finish` runs Pagefind where needed."""

    def __init__(
        self,
        language: str,
        folders: tuple[str, ...],
        previous: dict[str, Bundle],
        output_dir: Path,
        trusted: Callable[[str], bool] = lambda path: False,
        timings: Timings | None = None,
    ) -> None:
        self.trusted = trusted
        self.timings = timings or Timings()
        self.language = language
        self.folders = folders
        self.previous = previous
        self.output_dir = output_dir
        self.pages: dict[str, list[tuple[File, bytes]]] = {folder: [] for folder in folders}

    def add(self, folder: str, file: File, indexed: bytes) -> None:
        self.pages[folder].append((file, indexed))

    def finish(self) -> Indexed:
        entries = {folder: _entries_digest(self.pages[folder]) for folder in self.folders}
        kept = {folder: self._kept(folder, entries[folder]) for folder in self.folders}
        stale = [folder for folder in self.folders if kept[folder] is None]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # each thread drives a Pagefind process
            built = dict(zip(stale, pool.map(self._index, stale), strict=True))
        return Indexed({folder: (entries[folder], built.get(folder) or kept[folder] or ()) for folder in self.folders})

    def as_before(self) -> Indexed:
        """The bundles of the last build, as they are on disk (the preview indexes right after showing the pages)."""
        kept = {}
        for folder, before in self.previous.items():
            files = tuple(self._on_disk(path, status) for path, status in before.files)
            if all(files):
                kept[folder] = (before.entries, files)
        return Indexed(kept)  # type: ignore[arg-type]

    def _kept(self, folder: str, entries: bytes) -> tuple[File, ...] | None:
        before = self.previous.get(folder)
        if before is None or before.entries != entries:
            return None
        files = tuple(self._on_disk(path, status) for path, status in before.files)
        return files if all(files) else None  # type: ignore[return-value]

    def _on_disk(self, path: str, status: FileStatus) -> OnDisk | None:
        if self.trusted(path):
            return OnDisk(path, f"{self.output_dir}/{path}", status)
        return OnDisk.if_untouched(path, self.output_dir, status)

    def _index(self, folder: str) -> tuple[File, ...]:
        started = time.perf_counter()
        pages = (IndexedPage(_page_url(file.path), _read(file).decode("utf-8")) for file, _ in self.pages[folder])
        files = build_index(pages, self.language)
        name = tr("Pagefind, bundle {folder} ({count} pages)", folder=folder or "/", count=len(self.pages[folder]))
        self.timings.add(name, time.perf_counter() - started)
        if folder != self.folders[0]:  # a merged bundle is only searched: Pagefind's ready-made UI files are not needed twice
            files = [(path, data) for path, data in files if not _PAGEFIND_UI.match(path)]
        return tuple(Output(f"{folder}/{path}", data) for path, data in files)


def _entries_digest(pages: list[tuple[File, bytes]]) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for file, indexed in pages:
        hasher.update(file.path.encode("utf-8", "surrogatepass") + b"\0" + indexed)
    return hasher.digest()


def _read(file: File) -> bytes:
    """The page's bytes; a page kept from the last build that someone changed meanwhile is a reported problem."""
    try:
        return file.data
    except OSError as exc:
        message = tr("cannot read the page kept from the last build: {reason}", reason=os_reason(exc))
        hint = tr("build again; another build may have been writing output/ at the same time")
        raise BuildFailed([error(f"output/{file.path}", None, message, hint)]) from exc


def _page_url(path: str) -> str:
    """The page's URL relative to the site root; Pagefind adds the site's base path (where its bundle lives)."""
    return "/" + (path.removesuffix("index.html") if path.endswith("index.html") else path)
