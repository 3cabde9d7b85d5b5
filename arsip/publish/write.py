"""Putting the finished site on disk, all at once.

Input: every `Output` of a successful build and the output folder. Output: output/ holding exactly
those files, and a `WriteReport`: the files whose bytes changed or are new, how many were left as
they were, and the files no longer produced.

output/ is never written file by file. The new site is assembled in a spare folder on the same
disk, `.arsip-cache/output-previous` (the project's git-ignored scratch folder), and only when it is
complete is that folder exchanged with output/ in one atomic step (`renameat2(RENAME_EXCHANGE)` on
Linux). A build killed at any moment therefore leaves output/ as the complete old site or the
complete new one: never a mix, never missing.

After the exchange the spare folder holds the site as it was before (after a first build, which had nothing to
exchange with, a copy of the new one made of links), and is kept: the next build
turns it into the next site by changing only what differs, instead of making thousands of folders
again. A file whose bytes did not change is a hard link to the file in output/ (so it keeps its
bytes and its timestamp); a changed file is always written as a new file, never into an existing
one, because the old one may be a link to a file that output/ still serves. Nothing in the
spare folder is trusted: a build killed while preparing it leaves it half-prepared, and the next
build finishes the job. Builds of one project take turns (a lock on the output's parent folder).

Where the exchange is not available (another OS or file system), three renames are used; a crash
between them leaves `.arsip-cache/output-old-…`, which the next build puts back in place. Where
output/ cannot be moved at all (a mount point, another disk), its changed files are replaced one
by one, each atomically, as a last resort. Nothing is
written when nothing changed, and no path outside output/ and those folders is ever written: every
output path is checked first, and links found in the spare folder are removed, never followed.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import secrets
import shutil
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path

from ..problems import BuildFailed
from .files import File, FileStatus, OnDisk, Output
from .safety import (
    Stored,
    WriteReport,
    as_bytes,
    checked,
    disk_problem,
    existing_folder,
    parent_folders,
    project_lock,
    replace,
    same,
    scratch_dir,
    spare_dir,
    stale,
    unsafe_reason,
    walk,
    write_new,
)

UNMOVABLE = (errno.EBUSY, errno.EXDEV)  # output/ is a mount point or on another disk than .arsip-cache/


@dataclass(frozen=True, slots=True)
class Staging:
    """The spare folder of a build, opened before rendering so that render's worker processes can write
    pages straight into it (`put`) instead of sending their bytes back; `sync` finishes the job.

    Made by `staging`, which holds the project lock until `sync` is done. `spare` is None when the
    folder cannot be used now (output/ is not a folder, the disk refused): pages then come back as bytes.
    """

    spare: str | None
    old: str | None  # output/, when it exists: a page with the same bytes is that file, not a new one

    def make_folders(self, paths: Iterable[str]) -> bool:
        """In the main process, before the workers start: the folders of these files, as real folders (whatever
        stood in their place, a file or a link, removed). False if that failed: then no page may be `put`, since
        a folder on the way might still be a link leading elsewhere."""
        if self.spare is None:
            return False
        try:
            _make_folders(Path(self.spare), parent_folders(path for path in paths if unsafe_reason(path) is None))
        except OSError:
            return False
        return True

    def put(self, made: Output, indexed: bytes | None) -> File:
        """In a worker process: the page as a file on disk (the unchanged file of output/, or a new one in the
        spare folder), or `made` itself when it cannot be written here (the writer then deals with it)."""
        relative, data = made.path, made.data
        if self.spare is None or unsafe_reason(relative):
            return made
        if self.old is not None:
            existing = os.path.join(self.old, relative)
            info = same(existing, data)
            if info is not None:
                return OnDisk(relative, existing, FileStatus.of_stat(info), indexed, made.digest)
        target = os.path.join(self.spare, relative)
        try:
            with suppress(FileNotFoundError):
                os.unlink(target)  # perhaps a link to a file output/ still serves: never written into
            return OnDisk(relative, target, write_new(target, data), indexed, made.digest)
        except OSError:
            return made


@contextmanager
def staging(output_dir: Path) -> Iterator[Staging]:
    """Take the project lock for a whole build and open its spare folder; pass the result to `sync`."""
    with project_lock(output_dir.parent):
        try:
            _recover(output_dir)
            old = os.fspath(output_dir) if existing_folder(output_dir) else None
            opened = Staging(os.fspath(_fresh_spare(output_dir)), old)
        except (OSError, BuildFailed):  # `sync` meets the same trouble and reports it
            opened = Staging(None, None)
        yield opened


def sync(
    outputs: Iterable[File],
    output_dir: Path,
    later: Callable[[], Iterable[File]] | None = None,
    staged_by: Staging | None = None,
) -> WriteReport:
    """Make output/ hold exactly `outputs` (and those `later` returns), swapping the complete new site in at once.

    `later` gives files still being made (the search index): `outputs` are compared and staged
    first, meanwhile. Raises BuildFailed, with output/ left as it was, when a path would leave
    output/, when two outputs need one path as both a file and a folder, when output/ is not a real
    folder, when the disk refuses a write, or when `later` raises it. `staged_by`: the `staging` the
    pages were rendered into (whose project lock is held already).
    """
    wanted = checked(outputs)
    lock: AbstractContextManager[None] = nullcontext() if staged_by is not None else project_lock(output_dir.parent)
    with lock:
        try:
            _recover(output_dir)
            old = output_dir if existing_folder(output_dir) else None
            reuse, written = _compare(wanted, old)
            staged: set[str] = set()
            if later is not None:
                if written or old is None:  # something will change: stage it while `later` is still at work
                    _stage(_fresh_spare(output_dir), wanted, reuse, old)
                    staged = set(wanted)
                more = checked(later(), beside=wanted)
                wanted |= more
                more_reuse, more_written = _compare(more, old)
                reuse |= more_reuse
                written = sorted(written + more_written)
            removed = stale(old, wanted) if old is not None else ()
            if old is not None and not written and not removed:
                return WriteReport((), len(reuse), ())
            spare = _fresh_spare(output_dir)
            _prepare(spare, wanted, reuse, old, staged)
            try:
                _swap(spare, output_dir)
            except OSError as exc:
                if exc.errno not in UNMOVABLE:
                    raise
                _write_in_place(output_dir, wanted, reuse)
            else:
                if old is None:
                    _mirror(output_dir, wanted)
        except OSError as exc:
            raise BuildFailed([disk_problem(exc, output_dir)]) from exc
    return WriteReport(tuple(written), len(reuse), removed)


def _mirror(output_dir: Path, wanted: dict[str, Stored]) -> None:
    """After the first build, which moved its spare folder into place: a new spare folder linking every file of output/,
    as the next build would otherwise make it (a first edit should not cost a second whole site)."""
    with suppress(OSError):  # the build is done either way: the next one finishes a spare folder, as it trusts none
        reuse = {relative: os.lstat(os.path.join(output_dir, relative)) for relative in wanted}
        _stage(_fresh_spare(output_dir), wanted, reuse, output_dir)


def _compare(wanted: dict[str, Stored], old: Path | None) -> tuple[dict[str, os.stat_result], list[str]]:
    """The files output/ already holds as wanted (with their status), and the paths to write."""
    reuse: dict[str, os.stat_result] = {}
    written: list[str] = []
    base = os.fspath(old) if old is not None else None
    for relative, data in sorted(wanted.items()):
        info = same(os.path.join(base, relative), data) if base is not None else None
        if info is not None:
            reuse[relative] = info
        else:
            written.append(relative)
    return reuse, written


def _fresh_spare(output_dir: Path) -> Path:
    """The spare folder, made if missing; anything else at its place (a file, a link) is removed."""
    spare = spare_dir(output_dir)
    os.makedirs(spare.parent, exist_ok=True)
    try:
        mode = spare.lstat().st_mode
    except FileNotFoundError:
        os.mkdir(spare)
        return spare
    if not stat.S_ISDIR(mode):
        spare.unlink()
        os.mkdir(spare)
    return spare


def _prepare(spare: Path, wanted: dict[str, Stored], reuse: dict[str, os.stat_result], old: Path | None, staged: set[str]) -> None:
    """Turn whatever `spare` holds into exactly the new site; the files in `staged` are already in place.

    An unchanged file becomes a hard link to the file in output/ (already one if it did not change
    in the last build either); any other file is removed and written anew, never written into.
    """
    folders = parent_folders(wanted)
    for prefix, here, dirs, files in walk(spare):
        kept = []
        for name in dirs:
            path = os.path.join(here, name)
            if os.path.islink(path):
                os.unlink(path)
            elif prefix + name in folders:
                kept.append(name)
            else:
                shutil.rmtree(path)
        dirs[:] = kept
        for name in files:
            if prefix + name not in wanted:
                os.unlink(os.path.join(here, name))
    for folder in sorted(folders):  # a folder sorts before the folders inside it
        with suppress(FileExistsError):
            os.mkdir(os.path.join(spare, folder))
    _place_all(spare, {relative: data for relative, data in wanted.items() if relative not in staged}, reuse, old)


def _stage(spare: Path, wanted: dict[str, Stored], reuse: dict[str, os.stat_result], old: Path | None) -> None:
    """Put `wanted` in place in `spare` without removing anything else yet (`_prepare` does, afterwards).

    Whatever stands where a folder or file goes (a file, a link, a folder) is removed first, parents before children.
    """
    _make_folders(spare, parent_folders(wanted))
    _place_all(spare, wanted, reuse, old)


def _place_all(spare: Path, wanted: dict[str, Stored], reuse: dict[str, os.stat_result], old: Path | None) -> None:
    """`_place` each file that is not in place yet, several at a time when there are many: creating or linking a
    file often waits on the disk, not on the processor (after a first build, the spare folder is linked anew)."""
    todo = [relative for relative, data in wanted.items() if not _in_place(spare, relative, data, reuse.get(relative))]
    if len(todo) < PLACING_THREADS * 4:
        for relative in todo:
            _place(spare, relative, wanted[relative], reuse.get(relative), old)
        return
    with ThreadPoolExecutor(max_workers=PLACING_THREADS) as pool:
        for _ in pool.map(lambda relative: _place(spare, relative, wanted[relative], reuse.get(relative), old), todo):
            pass  # the first failure is raised here


def _in_place(spare: Path, relative: str, data: Stored, source: os.stat_result | None) -> bool:
    """True when the spare folder already holds the file: a link to output/'s unchanged one, or the one a render worker wrote."""
    try:
        present = os.lstat(os.path.join(spare, relative))
    except OSError:
        return False
    return _holds(present, data, source)


def _holds(present: os.stat_result, data: Stored, source: os.stat_result | None) -> bool:
    if source is not None:
        return (present.st_ino, present.st_dev) == (source.st_ino, source.st_dev)
    return isinstance(data, OnDisk) and FileStatus.of_stat(present) == data.status


PLACING_THREADS = 8


def _make_folders(spare: Path, folders: set[str]) -> None:
    """Each of `folders` in `spare` as a real folder: whatever stands in its place (a file, a link) is removed first."""
    for folder in sorted(folders):  # parents before children
        path = os.path.join(spare, folder)
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            os.mkdir(path)
            continue
        if not stat.S_ISDIR(mode):
            os.unlink(path)
            os.mkdir(path)


def _place(spare: Path, relative: str, data: Stored, source: os.stat_result | None, old: Path | None) -> None:
    """One file of the new site in the spare folder: a link to output/'s unchanged file, or written anew."""
    target = os.path.join(spare, relative)
    try:
        present: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        present = None
    if present is not None and _holds(present, data, source):
        return
    if present is not None and stat.S_ISDIR(present.st_mode):
        shutil.rmtree(target)
    elif present is not None:
        os.unlink(target)
    if source is not None and old is not None and _link(os.path.join(old, relative), target):
        return
    write_new(target, as_bytes(data))


def _link(source: str, target: str) -> bool:
    """Hard-link an unchanged file (else copy it with its timestamps); False if neither worked."""
    try:
        os.link(source, target, follow_symlinks=False)
        return True
    except OSError:
        pass
    try:
        shutil.copy2(source, target, follow_symlinks=False)
        return True
    except OSError:
        Path(target).unlink(missing_ok=True)
        return False


def _swap(spare: Path, output_dir: Path) -> None:
    """Put `spare` in the place of output/ in one step; afterwards `spare` holds the old site."""
    if not existing_folder(output_dir):
        os.rename(spare, output_dir)
        return
    if exchange(spare, output_dir):
        return
    aside = scratch_dir(output_dir) / f"{output_dir.name}-old-{secrets.token_hex(4)}"
    os.rename(output_dir, aside)  # until the next rename output/ is missing; `_recover` mends that
    os.rename(spare, output_dir)
    os.rename(aside, spare)


def _write_in_place(output_dir: Path, wanted: dict[str, Stored], reuse: dict[str, os.stat_result]) -> None:
    """When output/ cannot be moved (a mount point): replace its changed files one by one, each atomically.

    Not atomic as a whole, but every file is either its old or its new version, and nothing else changes.
    """
    folders = parent_folders(wanted)
    for current, dirs, files in os.walk(output_dir, topdown=False):
        here = Path(current)
        prefix = here.relative_to(output_dir).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        for name in files + [name for name in dirs if (here / name).is_symlink()]:
            if prefix + name not in wanted or (here / name).is_symlink():
                (here / name).unlink()
        for name in dirs:
            if not (here / name).is_symlink() and prefix + name not in folders:
                shutil.rmtree(here / name)
    for folder in sorted(folders):
        with suppress(FileExistsError):
            os.mkdir(output_dir / folder)
    for relative, data in wanted.items():
        if relative in reuse:
            continue
        replace(output_dir / relative, as_bytes(data))


_RENAME_EXCHANGE = 2


_AT_FDCWD = -100


_SYSCALL_RENAMEAT2 = {"x86_64": 316, "aarch64": 276, "riscv64": 276, "ppc64le": 357, "s390x": 347}


def exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths (Linux `renameat2` with RENAME_EXCHANGE); False where unsupported."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    arguments = (ctypes.c_int(_AT_FDCWD), os.fsencode(first), ctypes.c_int(_AT_FDCWD), os.fsencode(second), ctypes.c_uint(_RENAME_EXCHANGE))
    function = getattr(libc, "renameat2", None)
    if function is not None:
        result = function(*arguments)
    elif platform.machine() in _SYSCALL_RENAMEAT2:
        result = libc.syscall(ctypes.c_long(_SYSCALL_RENAMEAT2[platform.machine()]), *arguments)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _recover(output_dir: Path) -> None:
    """Tidy up after a build killed between the fallback renames (`output-old-…` in the scratch folder).

    Runs under the project lock, so no other build is between its renames.
    """
    spare = spare_dir(output_dir)
    prefix = f"{output_dir.name}-old-"
    if not spare.parent.is_dir():
        return
    for entry in sorted(os.scandir(spare.parent), key=lambda item: item.name):
        if not entry.name.startswith(prefix):
            continue
        path = Path(entry.path)
        if not entry.is_dir(follow_symlinks=False):
            path.unlink()
        elif not os.path.lexists(output_dir):
            os.rename(path, output_dir)  # the old site goes back
        elif not os.path.lexists(spare):
            os.rename(path, spare)  # the new site is in place; this is the previous one
        else:
            shutil.rmtree(path)
