"""Recording what an output reads, and digesting what it read.

Input: the reads made while one output is produced: each name a template resolves (`name:release`),
each configuration field read through `site` or by a helper (`config:title`), each template file
Jinja loads (`template:base.html`), each release body (`body:content/x.md`). Output: a `Recorder`
holding those names, and `Fingerprinter`, which digests values (equal values, equal digests,
across runs), so that the build database can keep each read with the digest it had.

A release's body is not a field of `Release`: it is a `Body`, whose text can only be read while an
output is being recorded, and the read is then recorded. So no template, filter or output function
can show a body without the build knowing, and digests of releases never need to leave a field out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any


class Recorder:
    """The names of the inputs one output read, and the current bodies it may read them from."""

    __slots__ = ("bodies", "reads")

    def __init__(self, bodies: Mapping[str, str]) -> None:
        self.reads: set[str] = set()
        self.bodies = bodies


_active: ContextVar[Recorder | None] = ContextVar("arsip_recorder", default=None)


@contextmanager
def recording(bodies: Mapping[str, str]) -> Iterator[Recorder]:
    """Record every read made inside the block (on this thread or task) into a new Recorder."""
    recorder = Recorder(bodies)
    token = _active.set(recorder)
    try:
        yield recorder
    finally:
        _active.reset(token)


@contextmanager
def capture() -> Iterator[set[str]]:
    """The reads made inside the block, collected apart (and also kept by the active recorder, if any)."""
    outer = _active.get()
    recorder = Recorder(outer.bodies if outer is not None else {})
    token = _active.set(recorder)
    try:
        yield recorder.reads
    finally:
        _active.reset(token)
        if outer is not None:
            outer.reads.update(recorder.reads)


def note(name: str) -> None:
    """Record a read into the active recorder, if any (reads outside an output change no output)."""
    recorder = _active.get()
    if recorder is not None:
        recorder.reads.add(name)


class BodyReadOutsideOutput(RuntimeError):
    """A body was read where no output is being recorded (e.g. while aggregating): a bug in Arsip."""


@dataclass(frozen=True, slots=True)
class Body:
    """A release's Markdown body. Its digest is its path alone; reading `text` records `body:<path>` and
    gives the current text of that file, so a body shown anywhere makes that output depend on it."""

    path: str

    @property
    def text(self) -> str:
        recorder = _active.get()
        if recorder is None:
            raise BodyReadOutsideOutput(f"the body of {self.path} was read outside of an output")
        recorder.reads.add("body:" + self.path)
        return recorder.bodies[self.path]

    def __str__(self) -> str:
        return self.text


class ConfigView:
    """The site configuration as templates and helpers see it: each field read is recorded (`config:<field>`);
    calling one of its methods records the whole configuration (`config:*`). The configuration itself is held in a
    closure, not an attribute, so no template can reach it without being recorded."""

    __slots__ = ("__weakref__",)

    def __new__(cls, config: Any) -> ConfigView:
        def read(name: str) -> Any:
            if name.startswith("_"):
                raise AttributeError(name)
            value = getattr(config, name)
            note("config:*" if callable(value) else "config:" + name)
            return value

        view = type("ConfigView", (cls,), {"__slots__": (), "__getattr__": lambda self, name: read(name)})
        return object.__new__(view)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("the configuration cannot be changed while the site is made")


def digest_of_bytes(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class Fingerprinter:
    """Digests values; each dataclass instance is digested once (values are shared by many pages).

    `memo` may be kept from an earlier build: an entry counts only while its object is the very same
    one (`is`), which holds for values a build hands back unchanged. Every field of a dataclass is
    digested: nothing is left out (what must not be digested, a body, is not a field).
    """

    def __init__(self, memo: dict[int, tuple[Any, bytes]] | None = None) -> None:
        self.memo: dict[int, tuple[Any, bytes]] = memo if memo is not None else {}
        self._fields: dict[type, tuple[str, ...]] = {}

    def __call__(self, value: Any) -> bytes:
        hasher = hashlib.blake2b(digest_size=16)
        self._feed(hasher, value)
        return hasher.digest()

    def _feed(self, hasher: Any, value: Any) -> None:
        kind = type(value)
        if kind is str:
            data = value.encode("utf-8", "surrogatepass")
            hasher.update(b"s%d:" % len(data) + data)
        elif kind in _SCALARS or value is None:
            hasher.update(f"{kind.__name__}:{value!r};".encode())
        elif kind is tuple or kind is list:
            hasher.update(b"[%d" % len(value))
            for item in value:
                self._feed(hasher, item)
            hasher.update(b"]")
        elif kind in self._fields or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
            hasher.update(self._dataclass(value))
        elif isinstance(value, bool | int | float | Decimal | dt.date | Path):
            hasher.update(f"{kind.__name__}:{value!r};".encode())
        elif isinstance(value, Mapping):
            hasher.update(b"{%d" % len(value))
            for key in sorted(value, key=repr):
                self._feed(hasher, key)
                self._feed(hasher, value[key])
            hasher.update(b"}")
        elif isinstance(value, tuple | list | frozenset | set):
            items = sorted(value, key=repr) if isinstance(value, frozenset | set) else value
            hasher.update(b"[%d" % len(items))
            for item in items:
                self._feed(hasher, item)
            hasher.update(b"]")
        else:
            raise TypeError(f"cannot fingerprint {kind.__name__}")

    def _dataclass(self, value: Any) -> bytes:
        known = self.memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        kind = type(value)
        names = self._fields.get(kind)
        if names is None:
            names = tuple(item.name for item in dataclasses.fields(value))
            self._fields[kind] = names
        hasher = hashlib.blake2b(digest_size=16)
        hasher.update(kind.__qualname__.encode())
        for name in names:
            hasher.update(name.encode())
            self._feed(hasher, getattr(value, name))
        digest = hasher.digest()
        self.memo[id(value)] = (value, digest)
        return digest


_SCALARS = frozenset({bool, int, float, Decimal, dt.date, dt.datetime})
