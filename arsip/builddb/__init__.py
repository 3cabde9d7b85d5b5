"""The build database: what one build leaves for the next, in one SQLite file.

Input: the path of the database (`.arsip-cache/build-<output folder>.db`) and what a build produced.
Output: `BuildDB`, which gives back, for every file of the site, the inputs it read with their
digests, the status of the file as written and the digest of what Pagefind reads of it; converted
Markdown by (settings, library versions, body digest); the search bundles with the pages they hold;
the no-op stamp of the last good build; and the addresses of the pages the last publication held
(`published`: a fact about output/, not a cache, so it outlives a change of versions).

Nothing in it is executed or deserialised into objects: rows hold text, numbers and bytes. The versions of Python,
Arsip and every library that shapes output are kept with it: when any differs, everything it holds
is forgotten, so every output is produced again. A file that is damaged, foreign, locked by another
program or of another schema is set aside (`<name>.set-aside`) with one line of notice, and the
build goes on from scratch.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..i18n import Text, tr
from ..publish.files import FileStatus
from ..publish.safety import scratch_dir
from .versions import versions_digest

SCHEMA = 3
APPLICATION_ID = 0x41525350  # "ARSP": a database of another program is not ours, whatever its tables
LOCK_WAIT_S = 2.0
TABLES = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE outputs (path TEXT PRIMARY KEY, reads TEXT NOT NULL, status TEXT, indexed BLOB, written BLOB)",
    "CREATE TABLE markdown (key BLOB PRIMARY KEY, html TEXT NOT NULL)",
    "CREATE TABLE bundles (folder TEXT PRIMARY KEY, entries BLOB NOT NULL, files TEXT NOT NULL)",
    "CREATE TABLE docs (path TEXT PRIMARY KEY, digest TEXT NOT NULL, doc TEXT NOT NULL)",
)
LEFTOVERS = ("build-cache", "build-cache.bin", "last-build.json")  # the cache files and stamp of earlier versions


@dataclass(frozen=True, slots=True)
class Recorded:
    """One file of the site as the last build left it: each input it read with that input's digest,
    the status of the file as written (None: unknown), the digest of what Pagefind read of it, and the
    digest of the bytes written (`publish.files.content_digest`)."""

    reads: tuple[tuple[str, bytes], ...]
    status: FileStatus | None
    indexed: bytes | None
    written: bytes | None


@dataclass(frozen=True, slots=True)
class Saved:
    """What a good build leaves for the next: records and bundles that changed (and those that went), the digest
    the plan was made from, and the paths of the release files it read."""

    changed: Mapping[str, Recorded]
    removed: frozenset[str]
    bundles: Mapping[str, Bundle]
    bundles_before: Mapping[str, Bundle]
    plan: bytes | None
    sources: Iterable[str]


@dataclass(frozen=True, slots=True)
class Bundle:
    """A search bundle: the (page, indexed digest) entries it was built from and its files with their status."""

    entries: bytes
    files: tuple[tuple[str, FileStatus], ...]


def _texts(*values: object) -> bool:
    return all(isinstance(value, str) for value in values)


def database_path(output_dir: Path) -> Path:
    """`.arsip-cache/build-output.db` for output/, `.arsip-cache/build-preview.db` for the preview's folder."""
    return scratch_dir(output_dir) / f"build-{output_dir.name}.db"


class _Unusable(Exception):
    """The file cannot be used; `reason` says why, in one line."""

    def __init__(self, reason: Text) -> None:
        super().__init__(str(reason))
        self.reason = reason


class BuildDB:
    """An open build database. `notice` is the one line to show when an unusable file was set aside; `versions` is the
    digest of the versions of Python, Arsip and the libraries, read once when it was opened: the code this process
    runs, which cannot change under it (Markdown keys and the no-op stamp take it from here). Pagefind, a program
    of its own, is the one exception: upgraded while the preview runs, it counts from the preview's next start."""

    def __init__(self, connection: sqlite3.Connection, notice: Text | None, versions: str, path: Path | None = None) -> None:
        self.connection = connection
        self.notice = notice
        self.versions = versions
        self.path = path
        self.new_docs: dict[str, tuple[str, str]] = {}  # parsed releases to keep, saved with the build
        self.stored_docs: dict[str, tuple[str, str]] | None = None  # path: (digest, JSON) of those kept by earlier builds

    def doc(self, path: str, digest: str) -> str | None:
        """A release parsed from the same bytes by an earlier build, as JSON text."""
        if self.stored_docs is not None:
            found = self.stored_docs.pop(path, None)  # let go once asked for
            return found[1] if found is not None and found[0] == digest else None
        try:
            row = self.connection.execute("SELECT doc FROM docs WHERE path = ? AND digest = ?", (path, digest)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row and isinstance(row[0], str) else None

    def read_docs(self, every: bool) -> None:
        """`every`: the releases kept by earlier builds are about to be asked for one by one (a process's first build):
        read them all in one query. False: back to a query per release asked for."""
        self.stored_docs = None
        if every:
            try:
                rows = self.connection.execute("SELECT path, digest, doc FROM docs").fetchall()
            except sqlite3.Error:
                return
            self.stored_docs = {path: (digest, doc) for path, digest, doc in rows if _texts(path, digest, doc)}

    def put_doc(self, path: str, digest: str, text: str) -> None:
        self.new_docs[path] = (digest, text)

    @classmethod
    def open(cls, path: Path | None) -> BuildDB:
        """The database at `path` (made when missing), or one in memory for None."""
        versions = versions_digest()
        if path is None:
            return cls(_fresh(":memory:", versions), None, versions)
        path.parent.mkdir(parents=True, exist_ok=True)
        for name in LEFTOVERS:
            _remove(path.parent / name)
        try:
            return cls(_existing(path, versions), None, versions, path)
        except _Unusable as reason:
            _set_aside(path)
            notice = tr("{name}: {reason}; set aside as {name}.set-aside, building from scratch", name=path.name, reason=reason.reason)
            try:
                return cls(_fresh(str(path), versions), notice, versions, path)
            except sqlite3.Error:  # the folder refuses a database: this build keeps nothing for the next
                return cls(_fresh(":memory:", versions), notice, versions)

    def close(self) -> None:
        self.connection.close()

    def outputs(self) -> dict[str, Recorded]:
        try:
            rows = self.connection.execute("SELECT path, reads, status, indexed, written FROM outputs").fetchall()
        except sqlite3.Error:
            return {}  # unreadable records: every file is produced again
        return {
            path: Recorded(_decode_reads(reads), FileStatus.decode(status or ""), indexed, written)
            for path, reads, status, indexed, written in rows
        }

    def bundles(self) -> dict[str, Bundle]:
        found = {}
        try:
            rows = self.connection.execute("SELECT folder, entries, files FROM bundles").fetchall()
            for folder, entries, files in rows:
                statuses = tuple((str(path), FileStatus.decode(str(status))) for path, status in json.loads(files))
                if all(status is not None for _, status in statuses):
                    found[folder] = Bundle(entries, statuses)  # type: ignore[arg-type]
        except (sqlite3.Error, ValueError, TypeError):
            return {}
        return found

    def markdown(self, keys: Iterable[bytes]) -> dict[bytes, str]:
        """The converted bodies known for these keys."""
        found: dict[bytes, str] = {}
        wanted = list(keys)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            query = f"SELECT key, html FROM markdown WHERE key IN ({','.join('?' * len(chunk))})"
            try:
                found.update(self.connection.execute(query, chunk).fetchall())
            except sqlite3.Error:
                return {}
        return found

    def stamp(self) -> dict[str, object] | None:
        try:
            row = self.connection.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
            value = json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError, TypeError):
            return None
        return value if isinstance(value, dict) else None

    def forget_stamp(self) -> None:
        self._write("DELETE FROM meta WHERE key = 'stamp'")

    def save_stamp(self, stamp: Mapping[str, object]) -> None:
        self._write("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (json.dumps(stamp),))

    def save_markdown(self, converted: Mapping[bytes, str]) -> None:
        if converted:
            self._write("INSERT OR REPLACE INTO markdown VALUES (?, ?)", many=converted.items())

    def _write(self, statement: str, values: tuple[object, ...] = (), many: Iterable[object] | None = None) -> None:
        try:
            with self.connection:
                if many is not None:
                    self.connection.executemany(statement, many)  # type: ignore[arg-type]
                else:
                    self.connection.execute(statement, values)
        except sqlite3.Error:
            self._broken()

    def _broken(self) -> None:
        """The database failed under us: the next build starts from scratch (this one's output/ is right)."""
        if self.path is not None:
            self.notice = tr(
                "{name}: could not be written (locked or damaged); set aside, the next build starts from scratch", name=self.path.name
            )
        self.connection.close()
        if self.path is not None:
            _set_aside(self.path)
        self.connection = _fresh(":memory:", self.versions)

    def published(self) -> tuple[str, ...] | None:
        """The addresses of the pages the last publication held (None: not known)."""
        try:
            row = self.connection.execute("SELECT value FROM meta WHERE key = 'published'").fetchone()
        except sqlite3.Error:
            return None
        return _addresses(row[0]) if row else None

    def save_published(self, addresses: Iterable[str]) -> None:
        """The addresses of the pages of the site just published (see `publish.published`)."""
        self._write("INSERT OR REPLACE INTO meta VALUES ('published', ?)", (json.dumps(sorted(addresses), ensure_ascii=False),))

    def plan_key(self) -> bytes | None:
        """The digest of what the plan of the build that left the records was made from (see `produce.Inputs`)."""
        try:
            row = self.connection.execute("SELECT value FROM meta WHERE key = 'plan'").fetchone()
            return bytes.fromhex(row[0]) if row else None
        except (sqlite3.Error, ValueError, TypeError):
            return None

    def save_build(self, saved: Saved) -> None:
        """After output/ was written: the records of the files that changed or went, the bundles that changed or
        went, the digest the plan was made from, and the releases parsed anew (those of files gone forgotten)."""
        rows = [
            (path, _encode_reads(record.reads), _status(record), record.indexed, record.written) for path, record in saved.changed.items()
        ]
        docs, self.new_docs = self.new_docs, {}
        try:
            with self.connection:
                self.connection.executemany("DELETE FROM outputs WHERE path = ?", ((path,) for path in saved.removed))
                self.connection.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?)", rows)
                self._save_bundles(saved.bundles, saved.bundles_before)
                self.connection.execute("DELETE FROM meta WHERE key = 'plan'")
                if saved.plan is not None:
                    self.connection.execute("INSERT INTO meta VALUES ('plan', ?)", (saved.plan.hex(),))
                self._save_docs(docs, saved.sources)
        except sqlite3.Error:
            self._broken()

    def _save_docs(self, docs: Mapping[str, tuple[str, str]], sources: Iterable[str]) -> None:
        self.connection.executemany("INSERT OR REPLACE INTO docs VALUES (?, ?, ?)", ((p, d, t) for p, (d, t) in docs.items()))
        gone = {path for (path,) in self.connection.execute("SELECT path FROM docs")} - set(sources)
        self.connection.executemany("DELETE FROM docs WHERE path = ?", ((path,) for path in gone))

    def _save_bundles(self, bundles: Mapping[str, Bundle], before: Mapping[str, Bundle]) -> None:
        self.connection.executemany("DELETE FROM bundles WHERE folder = ?", ((folder,) for folder in before if folder not in bundles))
        changed = ((folder, bundle) for folder, bundle in bundles.items() if before.get(folder) != bundle)
        self.connection.executemany(
            "INSERT OR REPLACE INTO bundles VALUES (?, ?, ?)",
            ((folder, b.entries, json.dumps([[path, s.encode()] for path, s in b.files])) for folder, b in changed),
        )


def _status(recorded: Recorded) -> str | None:
    return recorded.status.encode() if recorded.status else None


def _encode_reads(reads: tuple[tuple[str, bytes], ...]) -> str:
    return json.dumps([[name, digest.hex()] for name, digest in reads], ensure_ascii=False)


def _decode_reads(text: str) -> tuple[tuple[str, bytes], ...]:
    try:
        return tuple((name, bytes.fromhex(digest)) for name, digest in json.loads(text))
    except (ValueError, TypeError):
        return (("unreadable", b""),)  # never matches: the output is produced again


def _connect(target: str) -> sqlite3.Connection:
    connection = sqlite3.connect(target, timeout=LOCK_WAIT_S, isolation_level=None, check_same_thread=False)
    connection.isolation_level = "DEFERRED"
    connection.execute("PRAGMA trusted_schema = OFF")
    return connection


def _existing(path: Path, versions: str) -> sqlite3.Connection:
    if not path.exists():
        return _fresh(str(path), versions)
    connection = None
    try:
        connection = _connect(str(path))
        application, schema = (connection.execute(f"PRAGMA {pragma}").fetchone()[0] for pragma in ("application_id", "user_version"))
        if application != APPLICATION_ID:
            raise _Unusable(tr("not a build database of Arsip"))
        if schema != SCHEMA:
            raise _Unusable(
                tr("a build database of another version (schema {schema}, this Arsip uses {ours})", schema=str(schema), ours=str(SCHEMA))
            )
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("BEGIN IMMEDIATE")  # another program writing it (or holding it) is found now, not at the end
        connection.execute("ROLLBACK")
        found = connection.execute("SELECT value FROM meta WHERE key = 'versions'").fetchone()
        if found is None or found[0] != versions:
            _forget_all(connection, versions)
        return connection
    except sqlite3.OperationalError as exc:
        if connection is not None:
            connection.close()
        reason = tr("locked by another program") if "locked" in str(exc) else tr("damaged")
        raise _Unusable(reason) from exc
    except sqlite3.DatabaseError as exc:
        if connection is not None:
            connection.close()
        raise _Unusable(tr("damaged or not a database")) from exc
    except _Unusable:
        if connection is not None:
            connection.close()
        raise


def _fresh(target: str, versions: str) -> sqlite3.Connection:
    connection = _connect(target)
    if target != ":memory:":
        connection.execute("PRAGMA journal_mode = WAL")
    with connection:
        for statement in TABLES:
            connection.execute(statement)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA}")
        connection.execute("INSERT INTO meta VALUES ('versions', ?)", (versions,))
    return connection


def _forget_all(connection: sqlite3.Connection, versions: str) -> None:
    """Another Python, Arsip or library made what the database holds: none of it counts (but for what was published,
    which says what output/ held, not what some code made of it)."""
    with connection:
        for table in ("outputs", "markdown", "bundles", "docs"):
            connection.execute(f"DELETE FROM {table}")
        connection.execute("DELETE FROM meta WHERE key != 'published'")
        connection.execute("INSERT INTO meta VALUES ('versions', ?)", (versions,))


def published(path: Path) -> tuple[str, ...] | None:
    """The addresses the last publication held, read without changing the database (None: not known)."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=LOCK_WAIT_S)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'published'").fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return _addresses(row[0]) if row else None


def _addresses(text: object) -> tuple[str, ...] | None:
    try:
        value = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None
    return tuple(value)


def _set_aside(path: Path) -> None:
    aside = path.with_name(path.name + ".set-aside")
    _remove(aside)
    try:
        os.replace(path, aside)
    except OSError:
        _remove(path)
    for suffix in ("-wal", "-shm", "-journal"):
        _remove(path.with_name(path.name + suffix))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except IsADirectoryError:
            shutil.rmtree(path, ignore_errors=True)
