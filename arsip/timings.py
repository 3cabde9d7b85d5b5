"""Where a build's time goes: `build.py build --timings`.

Input: the spans a build measures as it runs: each stage (`Timings.stage`, a context manager), and
spans measured elsewhere (`Timings.add`: each Pagefind run, the start-up of the render workers). Output:
a `Timings` holding them in the order they ended, and `lines()`: a table of wall time and processor time
per span, this process's and its children's (workers and Pagefind, counted once they have ended).
A `Timings` belongs to one session; when it is off (the default), measuring costs two clock readings.
"""

from __future__ import annotations

import resource
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from babel.numbers import format_decimal

from .i18n import Language, Text, tr


@dataclass(frozen=True, slots=True)
class Span:
    """One measured stretch: its name, wall seconds, and processor seconds (None: not measured apart)."""

    name: Text
    wall: float
    cpu: float | None
    children_cpu: float | None
    nested: bool = False  # a part of the stage around it (a Pagefind run, the workers' start)


@dataclass
class Timings:
    enabled: bool = False
    spans: list[Span] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @contextmanager
    def stage(self, name: Text) -> Iterator[None]:
        """Measure the stage run inside the `with`: wall, this process's processor time, its children's."""
        if not self.enabled:
            yield
            return
        wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
        try:
            yield
        finally:
            span = Span(name, time.perf_counter() - wall, time.process_time() - cpu, _children_cpu() - children)
            with self._lock:
                self.spans.append(span)

    def add(self, name: Text, wall: float, cpu: float | None = None) -> None:
        """A part measured where it ran (a Pagefind run on its own thread, the workers' start-up)."""
        if self.enabled:
            with self._lock:
                self.spans.append(Span(name, wall, None, cpu, nested=True))

    def lines(self, language: Language) -> list[str]:
        """The table, in `language`: one line per span, parts indented under the stage they belong to."""
        header = (tr("stage"), tr("wall, s"), tr("CPU, s"), tr("CPU of workers, s"))
        rows = [tuple(language(cell) for cell in header)]
        for span in self.spans:
            name = ("  " if span.nested else "") + language(span.name)
            rows.append((name, *(_seconds(value, language) for value in (span.wall, span.cpu, span.children_cpu))))
        stages = [span for span in self.spans if not span.nested]
        totals = (sum(s.wall for s in stages), sum(s.cpu or 0.0 for s in stages), sum(s.children_cpu or 0.0 for s in stages))
        rows.append((language(tr("all stages")), *(_seconds(value, language) for value in totals)))
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        return [" ".join([row[0].ljust(widths[0]), *(row[c].rjust(widths[c] + 1) for c in (1, 2, 3))]) for row in rows]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _seconds(value: float | None, language: Language) -> str:
    return "—" if value is None else format_decimal(value, format="0.000", locale=language.code)
