"""The records of a build turned around: for each input and the digest it had, the files that read it.

Input: the records (`Recorded`) of the files of a build, and later the records that changed. Output:
`Readers`, which says which files read an input whose digest is now another, in time proportional
to the number of distinct inputs rather than to the number of files times their reads. The values
a page was given (`name:` reads) are not held: they are checked page by page when the plan changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from . import Recorded

Read = tuple[str, bytes]


@dataclass
class Readers:
    """For each (input, digest it had when read), the paths of the files whose record holds that read."""

    by_read: dict[Read, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, records: Mapping[str, Recorded]) -> Readers:
        readers = cls()
        for path, record in records.items():
            readers.add(path, record)
        return readers

    def add(self, path: str, record: Recorded) -> None:
        for read in _shared(record):
            self.by_read.setdefault(read, set()).add(path)

    def remove(self, path: str, record: Recorded) -> None:
        for read in _shared(record):
            paths = self.by_read.get(read)
            if paths is not None:
                paths.discard(path)
                if not paths:
                    del self.by_read[read]

    def update(self, before: Mapping[str, Recorded], changed: Mapping[str, Recorded], removed: Iterable[str]) -> None:
        """From the records `before` to the next: `changed` holds each new or different record, `removed` the paths gone."""
        for path in removed:
            self.remove(path, before[path])
        for path, record in changed.items():
            if path in before:
                self.remove(path, before[path])
            self.add(path, record)

    def stale(self, digest_now: Callable[[str], bytes]) -> set[str]:
        """The files that read an input whose digest is now another (each input's digest asked once)."""
        stale: set[str] = set()
        for (name, digest), paths in self.by_read.items():
            if digest_now(name) != digest:
                stale.update(paths)
        return stale


def _shared(record: Recorded) -> list[Read]:
    return [read for read in record.reads if not read[0].startswith("name:")]
