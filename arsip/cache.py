"""What one build keeps for the next, so that a rebuild only redoes what its inputs changed.

Input: the values a page is rendered from, and Markdown texts. Output: fingerprints of those values
(a digest over their content, so equal inputs give equal fingerprints across runs), and the
`BuildCache` that maps fingerprints to converted Markdown, rendered pages and the search bundle.
The dev server keeps one cache in memory between rebuilds; `build` saves the lasting parts in
`.arsip-cache/build-cache/` (each file checksummed and versioned: a damaged or foreign file makes the
whole cache ignored, never trusted).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import pickle
import re
import stat
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any


@dataclass
class BuildCache:
    """Converted Markdown by text digest, and rendered pages by URL with the fingerprint of their inputs."""

    markdown: dict[str, str] = field(default_factory=dict)
    pages: dict[str, tuple[bytes, Any]] = field(default_factory=dict)  # URL -> (fingerprint, its HTML: bytes or a render.Kept file)
    search: dict[str, tuple[tuple[tuple[str, bytes], ...], tuple[Any, ...]]] | None = None  # search bundle folder -> (pages, files)
    docs: Any = None  # load.DocMemo: parsed releases by file digest
    checked: Any = None  # validate.ValidationMemo: checked releases by file digest
    on_disk: dict[str, bytes] | None = None  # the preview's files as last written (dev server only)
    digests: dict[int, tuple[Any, bytes]] = field(default_factory=dict)  # Fingerprinter memo of lasting values
    feeds: dict[bytes, Any] = field(default_factory=dict)  # render.Output of each Atom feed by fingerprint (in memory)
    directory: tuple[Any, ...] | None = None  # (registry text, its Directory, problems) of the last build (in memory)
    environment: tuple[bytes, Any] | None = None  # (digest of templates and configuration, jinja2.Environment) (in memory)
    planned: Any = None  # pipeline._Planned: the last build's pages and archive-wide files (in memory)
    page_objects: dict[str, tuple[Any, bytes]] = field(default_factory=dict)  # URL -> (routes.Page, fingerprint) last rendered (in memory)
    page_keys: dict[str, tuple[bytes, FileStatus]] = field(default_factory=dict)  # saved: URL -> (fingerprint, its file as written)
    feed_files: dict[bytes, tuple[str, FileStatus]] = field(default_factory=dict)  # saved: feed fingerprint -> (path, its file as written)
    release_digests: dict[tuple[str, str, bytes], bytes] = field(default_factory=dict)  # saved: (path, file digest, checks) -> fingerprint
    search_files: dict[str, tuple[Any, tuple[tuple[str, FileStatus], ...]]] = field(default_factory=dict)  # saved: bundle -> (pages, files)
    # saved: what the build that wrote output/ (and `page_keys`) was made from: the fingerprint of the configuration
    # and front-matter, and each release file's digest
    written_from: tuple[bytes, dict[str, str]] | None = None
    saved_shards: dict[str, frozenset[Any]] = field(default_factory=dict)  # the keys in each shard file as last loaded or saved


@dataclass(frozen=True, slots=True)
class FileStatus:
    """What says a file in output/ is still the one a build wrote: it is never rewritten in place, only
    replaced, so a different inode or modification time (or size) means someone else touched it."""

    size: int
    mtime_ns: int
    inode: int
    device: int

    @classmethod
    def of(cls, path: Path) -> FileStatus | None:
        """The status of a regular file (not a link); None when there is none."""
        try:
            info = path.lstat()
        except OSError:
            return None
        return cls.of_stat(info) if stat.S_ISREG(info.st_mode) else None

    @classmethod
    def of_stat(cls, info: os.stat_result) -> FileStatus:
        return cls(info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)


class Fingerprinter:
    """Digests values; each dataclass instance is digested once (values are shared by many pages).

    `memo` may be kept from an earlier build: an entry counts only while its object is the very same
    one (`is`), which holds for values a cache hands back unchanged, such as checked releases.
    """

    def __init__(self, memo: dict[int, tuple[Any, bytes]] | None = None) -> None:
        self._memo: dict[int, tuple[Any, bytes]] = memo if memo is not None else {}
        self._fields: dict[type, tuple[str, ...]] = {}

    def __call__(self, value: Any) -> bytes:
        hasher = hashlib.blake2b(digest_size=16)
        self._feed(hasher, value)
        return hasher.digest()

    def lasting(self, kinds: tuple[type, ...]) -> dict[int, tuple[Any, bytes]]:
        """The memo entries of objects of these types, to hand to the next build's Fingerprinter."""
        return {key: entry for key, entry in self._memo.items() if isinstance(entry[0], kinds)}

    def _feed(self, hasher: Any, value: Any) -> None:
        kind = type(value)
        if kind is str:
            data = value.encode("utf-8")
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
        known = self._memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        kind = type(value)
        names = self._fields.get(kind)
        if names is None:
            names = tuple(item.name for item in dataclasses.fields(value) if item.metadata.get("fingerprint", True))
            self._fields[kind] = names
        hasher = hashlib.blake2b(digest_size=16)
        hasher.update(kind.__qualname__.encode())
        for name in names:
            hasher.update(name.encode())
            self._feed(hasher, getattr(value, name))
        digest = hasher.digest()
        self._memo[id(value)] = (value, digest)
        return digest


_SCALARS = frozenset({bool, int, float, Decimal, dt.date, dt.datetime})


def text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


CACHE_FOLDER = "build-cache"  # in .arsip-cache/: one index file and shards of parsed releases and converted Markdown
INDEX_FILE = "index.bin"
SHARDS = 64
MAGIC = b"ARSIP-CACHE\n"


def _format_version() -> bytes:
    """Anything that changes how cached values are made invalidates the cache."""
    import sys

    import markdown
    import nh3

    from . import __version__

    code = hashlib.blake2b(digest_size=8)
    for source in sorted(Path(__file__).parent.glob("*.py")):  # a changed program may parse or check differently
        code.update(source.name.encode() + b"\0" + source.read_bytes())
    versions = f"arsip {__version__} {code.hexdigest()}|python {sys.version_info[:3]}|markdown {markdown.__version__}|nh3 {nh3.__version__}"
    return f"4|{versions}\n".encode()


class _Unusable(Exception):
    """A cache file that cannot be trusted; the message says why (the whole cache is then ignored)."""


def load_cache(folder: Path) -> tuple[BuildCache, str | None]:
    """The cache saved by the last build, or an empty one with the reason it was not used."""
    place = folder / CACHE_FOLDER
    try:
        names = sorted(name for name in os.listdir(place) if name == INDEX_FILE or _SHARD_NAME.fullmatch(name))
    except FileNotFoundError:
        return BuildCache(), None
    except OSError as exc:
        return BuildCache(), f"cannot read {CACHE_FOLDER}: {exc.strerror or exc}"
    header = MAGIC + _format_version()
    try:
        if INDEX_FILE not in names:
            raise _Unusable("the cache is damaged; rebuilding it")
        parts = {name: _read_part(place / name, header) for name in names}
        page_keys, feed_files, release_digests, search_files, doc_stats, written_from = parts.pop(INDEX_FILE)
        if not all(isinstance(entries, dict) for entries in parts.values()):
            raise _Unusable("the cache is damaged; rebuilding it")
    except _Unusable as reason:
        return BuildCache(), str(reason)
    except (TypeError, ValueError):  # a checksummed file of another layout
        return BuildCache(), "the cache is damaged; rebuilding it"
    docs: dict[Any, Any] = {}
    markdown_cache: dict[str, str] = {}
    for name, entries in parts.items():
        (docs if name.startswith("docs-") else markdown_cache).update(entries)
    from .load import DocMemo  # load imports this module

    saved = BuildCache(
        markdown_cache,
        docs=DocMemo(previous=docs, stats=doc_stats),
        page_keys=page_keys,
        feed_files=feed_files,
        release_digests=release_digests,
        search_files=search_files,
        written_from=written_from,
        saved_shards={name: frozenset(entries) for name, entries in parts.items()},
    )
    return saved, None


def save_cache(cache: BuildCache, folder: Path) -> None:
    """Keep for the next build: parsed releases, converted Markdown, each page's, feed's and search file's
    fingerprint with the status of its file as written (the file itself is in output/).

    Parsed releases and converted Markdown are kept in shards by file name and by text digest; only the
    shards whose entries changed are written again, so that a one-release edit rewrites a few megabytes.
    Checked releases are not kept: checking them again costs less than reading them back.
    """
    place = folder / CACHE_FOLDER
    place.mkdir(parents=True, exist_ok=True)
    header = MAGIC + _format_version()
    docs = (cache.docs.current or cache.docs.previous) if cache.docs is not None else {}
    shards: dict[str, dict[Any, Any]] = {}
    for key, value in docs.items():
        shards.setdefault(f"docs-{_shard(key[0])}.bin", {})[key] = value
    for key, value in cache.markdown.items():
        shards.setdefault(f"markdown-{_shard(key)}.bin", {})[key] = value
    for name, entries in sorted(shards.items()):
        if cache.saved_shards.get(name) != entries.keys():  # an entry's key says what it holds: same keys, same shard
            _write_part(place / name, entries, header)
    for name in sorted(os.listdir(place)):
        if _SHARD_NAME.fullmatch(name) and name not in shards:  # also one the last load could not use
            (place / name).unlink(missing_ok=True)
    stats = cache.docs.stats if cache.docs is not None else {}
    index = (cache.page_keys, cache.feed_files, cache.release_digests, cache.search_files, stats, cache.written_from)
    _write_part(place / INDEX_FILE, index, header)
    cache.saved_shards = {name: frozenset(entries) for name, entries in shards.items()}
    (folder / "build-cache.bin").unlink(missing_ok=True)  # the single file of earlier versions


_SHARD_NAME = re.compile(r"(docs|markdown)-[0-9a-f]{2}\.bin")


def _shard(key: str) -> str:
    return f"{zlib.crc32(key.encode('utf-8')) % SHARDS:02x}"


def _read_part(path: Path, header: bytes) -> Any:
    try:
        data = memoryview(path.read_bytes())  # slices of a view are not copies
    except OSError as exc:
        raise _Unusable(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    if data[: len(header)] != header or len(data) < len(header) + 32:
        raise _Unusable("the cache was written by another version; rebuilding it")
    digest, payload = data[len(header) : len(header) + 32], data[len(header) + 32 :]
    if hashlib.sha256(payload).digest() != digest:
        raise _Unusable("the cache is damaged; rebuilding it")
    try:
        return pickle.loads(payload)  # a checksummed file this program wrote
    except Exception as exc:  # a damaged file that still matched its checksum is ignored the same way
        raise _Unusable("the cache is damaged; rebuilding it") from exc


def _write_part(path: Path, value: Any, header: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w+b") as stream:
        stream.write(header)
        checksum_at = stream.tell()
        stream.write(bytes(32))  # the checksum, once the payload is written
        hashing = _HashingWriter(stream)
        pickle.dump(value, hashing, protocol=pickle.HIGHEST_PROTOCOL)  # streamed: the payload is never whole in memory
        stream.seek(checksum_at)
        stream.write(hashing.digest.digest())
    temporary.replace(path)


class _HashingWriter:
    """A file to write to that also digests what passes through it."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.stream.write(data)
