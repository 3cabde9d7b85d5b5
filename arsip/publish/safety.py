"""Rules every writer of the site keeps: which paths may be written, the project lock, the status of files.

Input: paths relative to output/ and files of the site. Output: the checked map of files to write
(refusing any path that would leave output/ or clash with a folder), the lock builds of one project
take turns on, and the small helpers that write a new file or replace one atomically. Nothing here
follows a link out of output/.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Container, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..i18n import Text, tr
from ..problems import BuildFailed, Problem, error, os_reason
from ..source.config import CACHE_DIR
from .files import File, FileStatus, OnDisk

FILE_MODE = 0o644


class UnsafePath(ValueError):
    """An output path that would leave the output folder."""


Stored = bytes | OnDisk  # a file of the new site: its bytes, or a file on disk with its status


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


def unsafe_reason(relative: str) -> Text | None:
    """Why `relative` cannot be a file under output/, or None when it can."""
    if not relative or relative.endswith("/"):
        return tr("it names no file")
    if relative.startswith("/"):
        return tr("it is an absolute path")
    if "\\" in relative or "\x00" in relative:
        return tr("it contains a backslash or a NUL character")
    if any(part in ("..", ".", "") for part in relative.split("/")):
        return tr("it contains '..', '.' or an empty folder name")
    return None


def safe_target(output_dir: Path, relative: str) -> Path:
    """The file for `relative` inside output_dir, refusing anything that would escape it."""
    if unsafe_reason(relative):
        raise UnsafePath(relative)
    target = output_dir.joinpath(*PurePosixPath(relative).parts)
    if not target.resolve().is_relative_to(output_dir.resolve()):
        raise UnsafePath(relative)
    return target


def scratch_dir(output_dir: Path) -> Path:
    """The project's scratch folder beside output/ (`.arsip-cache/`), or the folder output/ is in, if that is it."""
    parent = output_dir.parent
    return parent if parent.name == CACHE_DIR else parent / CACHE_DIR


def spare_dir(output_dir: Path) -> Path:
    """Where the next site is prepared: `.arsip-cache/output-previous` for output/."""
    return scratch_dir(output_dir) / f"{output_dir.name}-previous"


def checked(outputs: Iterable[File], beside: dict[str, Stored] | None = None, known: Container[str] = ()) -> dict[str, Stored]:
    """Every output by its path (its bytes, or the kept file), after refusing paths that leave output/, come twice or clash with a
    folder, also of the outputs already checked `beside` them (which are not checked again). Paths in `known` were
    checked together by an earlier call and are taken as safe (and as clashing with none of them)."""
    wanted: dict[str, Stored] = {}
    problems: list[Problem] = []
    for out in outputs:
        reason = None if out.path in known else unsafe_reason(out.path)
        if reason:
            hint = tr("check the slugs, the image paths and [permalinks] in site_config.toml")
            problems.append(error("output", None, tr("refused to write '{path}': {reason}", path=out.path, reason=reason), hint))
        elif out.path in wanted:
            hint = tr("a file in content/ or templates/static/ has the address of a page; rename it, or check [permalinks]")
            problems.append(error("output", None, tr("two files of the site would be written to '{path}'", path=out.path), hint))
        else:
            wanted[out.path] = out if isinstance(out, OnDisk) else out.data
    every = wanted if beside is None else beside | wanted
    if not (known and all(path in known for path in every)):  # with no new path, none can clash: none did when checked
        problems += _clashes(every)
    if problems:
        raise BuildFailed(problems)
    return wanted


def _clashes(every: dict[str, Stored]) -> list[Problem]:
    """Each path that would be both a file and a folder of the site."""
    problems = []
    for relative in sorted(parent_folders(every) & set(every)):
        hint = tr("two addresses clash; check [permalinks] in site_config.toml")
        problems.append(error("output", None, tr("'{path}' would be both a file and a folder of the site", path=relative), hint))
    return problems


def parent_folders(wanted: Iterable[str]) -> set[str]:
    folders: set[str] = set()
    for relative in wanted:
        cut = relative.rfind("/")
        while cut > 0 and relative[:cut] not in folders:  # a folder already known brings its parents with it
            folders.add(relative[:cut])
            cut = relative.rfind("/", 0, cut)
    return folders


@contextmanager
def project_lock(folder: Path) -> Iterator[None]:
    """Let one build at a time write (an advisory lock on the project folder; none where unsupported)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with suppress(OSError):  # a file system without locks: builds are then not kept from overlapping
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def existing_folder(output_dir: Path) -> bool:
    """True when output/ is a real folder, False when it does not exist; BuildFailed otherwise."""
    try:
        mode = output_dir.lstat().st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISDIR(mode):
        return True
    name = output_dir.name
    hint = tr("move {name} out of the project folder; the next build creates {name}/ anew", name=name)
    message = (
        tr("{name} is a link, not a folder; the build writes only into a folder of its own", name=name)
        if stat.S_ISLNK(mode)
        else tr("{name} is a file, not a folder; the build writes only into a folder of its own", name=name)
    )
    raise BuildFailed([error(name, None, message, hint)])


def same(path: str | Path, data: Stored) -> os.stat_result | None:
    """The file's status when `path` is a regular file (not a link) holding exactly `data`.

    A kept or staged page is that very file, untouched since it was found or written (same status): it is not read.
    """
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        if isinstance(data, OnDisk):
            return info if FileStatus.of_stat(info) == data.status else None
        if info.st_size == len(data) and Path(path).read_bytes() == data:
            return info
    except OSError:
        pass
    return None


def as_bytes(data: Stored) -> bytes:
    return data.data if isinstance(data, OnDisk) else data


def stale(old: Path, wanted: dict[str, Stored]) -> tuple[str, ...]:
    removed = []
    for prefix, _folder, _dirs, files in walk(old):
        removed.extend(prefix + name for name in files if prefix + name not in wanted)
    return tuple(sorted(removed))


def walk(top: Path) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """`os.walk` of `top` (links not followed), each folder given also as its path relative to `top` plus '/' ('' for `top`).

    Plain strings: on a site of 10,000 pages, `Path` objects cost more than the file system does.
    """
    base = os.fspath(top)
    for current, dirs, files in os.walk(base):
        relative = os.path.relpath(current, base).replace(os.sep, "/")
        yield ("" if relative == "." else relative + "/"), current, dirs, files


def write_new(target: str | Path, data: bytes) -> FileStatus:
    """A new file (never an existing one, never through a link) holding `data`; its status once written."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
        os.fchmod(stream.fileno(), FILE_MODE)
        stream.flush()
        return FileStatus.of_stat(os.fstat(stream.fileno()))


def replace(target: Path, data: bytes) -> None:
    """Replace one file atomically: written beside it under a temporary name, then renamed over it."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.new")
    write_new(temporary, data)
    os.replace(temporary, target)


def disk_problem(exc: OSError, output_dir: Path) -> Problem:
    where = exc.filename or output_dir
    reason = os_reason(exc)
    return error(
        output_dir.name,
        None,
        tr("cannot write the site: {reason}: {where}; {name} was left as it was", reason=reason, where=str(where), name=output_dir.name),
        tr("check the free disk space and that the project folder may be written"),
    )
