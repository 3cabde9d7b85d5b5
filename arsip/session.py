"""What one process keeps between the builds it runs: the build database and what is cheap to keep in memory.

Input: the site configuration (where output/ and the scratch folder are). Output: a `Session`: the
open `BuildDB`, the records of the files of the last build, and memos that hand back the very same
values for the very same inputs (parsed and checked releases by file digest, the model and plan by
the digest of everything they are made from, the Jinja environment by its templates and settings).
A memo can only return what its inputs would make anyway: no memo decides what an output depends on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .builddb import BuildDB, Bundle, Recorded, Saved, database_path
from .builddb.readers import Readers
from .model.validate import ValidationMemo
from .publish.bundles import Indexed
from .publish.files import OnDisk
from .render.compiled import CompiledTemplates
from .source.tree import DocMemo
from .timings import Timings


@dataclass
class Memo:
    """One value kept with the digest of what it was made from."""

    key: bytes | None = None
    value: Any = None

    def get(self, key: bytes, make: Callable[[], Any]) -> Any:
        if self.key != key:
            self.key, self.value = None, make()  # a failure in `make` leaves nothing behind
            self.key = key
        return self.value


@dataclass
class Memos:
    """Values kept by the digest of what they are made from, the digests of values kept alive by them, and (in place)
    values kept by the very objects they were made from."""

    directory: Memo = field(default_factory=Memo)  # the registry, checked, by its text
    plan: Memo = field(default_factory=Memo)  # the archive and its pages, by the configuration and releases
    environment: Memo = field(default_factory=Memo)  # the Jinja environment, by its templates and the configuration
    compiled: CompiledTemplates = field(default_factory=CompiledTemplates)  # each template's code, by its text and settings
    fingerprints: dict[int, tuple[Any, bytes]] = field(default_factory=dict)  # kept while the plan is
    # In place (the preview), values kept by the very object they were made from:
    kept_files: dict[str, dict[str, tuple[Recorded, OnDisk]]] = field(default_factory=dict)  # by folder: `produce`'s, by record
    kept_bundles: tuple[dict[str, Bundle], Indexed] | None = None  # the bundles on disk, by the saved bundles


@dataclass
class Session:
    db: BuildDB
    in_place: bool = False  # the preview: files are replaced one by one in its folder, not swapped in
    docs: DocMemo = field(default_factory=DocMemo)
    checked: ValidationMemo = field(default_factory=ValidationMemo)
    memos: Memos = field(default_factory=Memos)
    records: dict[str, Recorded] | None = None  # the files of the last build, as the database holds them
    bundles: dict[str, Bundle] | None = None
    on_disk: dict[str, bytes] = field(default_factory=dict)  # in place: the digest of each file this session wrote
    readers: Readers | None = None  # in place: the records turned around, kept in step with them
    timings: Timings = field(default_factory=Timings)  # `--timings`: where each build's time went

    @classmethod
    def open(cls, output_dir: Path, *, in_place: bool = False, compiled: CompiledTemplates | None = None) -> Session:
        """The session of builds into `output_dir`; sessions of one process may share the templates they `compiled`
        (kept by their text: no session learns anything about a site from another)."""
        return cls.around(BuildDB.open(database_path(output_dir)), in_place=in_place, compiled=compiled)

    @classmethod
    def around(
        cls, db: BuildDB, *, in_place: bool = False, compiled: CompiledTemplates | None = None, timings: Timings | None = None
    ) -> Session:
        """The session of an open build database (`build` opens it first, to find out whether anything changed)."""
        memos = Memos(compiled=compiled or CompiledTemplates())
        return cls(db, in_place, DocMemo(store=db), memos=memos, timings=timings or Timings())

    @classmethod
    def in_memory(cls, *, compiled: CompiledTemplates | None = None) -> Session:
        """A session that leaves nothing behind (`check`)."""
        return cls(BuildDB.open(None), memos=Memos(compiled=compiled or CompiledTemplates()))

    def recorded(self) -> dict[str, Recorded]:
        if self.records is None:
            self.records = self.db.outputs()
        return self.records

    def saved_bundles(self) -> dict[str, Bundle]:
        if self.bundles is None:
            self.bundles = self.db.bundles()
        return self.bundles

    def remember(self, records: dict[str, Recorded], bundles: dict[str, Bundle], sources: Iterable[str]) -> None:
        before, bundles_before = self.recorded(), self.saved_bundles()
        changed = {path: record for path, record in records.items() if before.get(path) is not record and before.get(path) != record}
        removed = frozenset(before.keys() - records.keys())
        self.db.save_build(Saved(changed, removed, bundles, bundles_before, self.memos.plan.key, sources))
        if self.in_place:  # the preview rebuilds often: it finds what an edit touched without going through every record
            if self.readers is None:
                self.readers = Readers.of(records)
            else:
                self.readers.update(before, changed, removed)
        self.records, self.bundles = records, bundles

    def wrote(self, path: str) -> bool:
        """In place, a file this session wrote itself and still knows: the preview's folder is its own between rebuilds."""
        return self.in_place and path in self.on_disk


    def close(self) -> None:
        self.db.close()
