"""The one vocabulary for a file of the site.

Input: a path under output/ and either its bytes or a file on disk. Output: `Output` (bytes made
in memory) or `OnDisk` (a file already on disk, recognised by the status it had when it was
written or found), and `File`, either of them. Every stage that hands files on uses these.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..i18n import tr


@dataclass(frozen=True, slots=True)
class FileStatus:
    """What says a file is still the one a build wrote: files of the site are never rewritten in place,
    only replaced, so a different inode or modification time (or size) means someone else touched it."""

    size: int
    mtime_ns: int
    inode: int
    device: int

    @classmethod
    def of(cls, path: str | Path) -> FileStatus | None:
        """The status of a regular file (not a link); None when there is none."""
        try:
            info = os.lstat(path)
        except OSError:
            return None
        return cls.of_stat(info) if stat.S_ISREG(info.st_mode) else None

    @classmethod
    def of_stat(cls, info: os.stat_result) -> FileStatus:
        return cls(info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)

    def encode(self) -> str:
        return f"{self.size}:{self.mtime_ns}:{self.inode}:{self.device}"

    @classmethod
    def decode(cls, text: str) -> FileStatus | None:
        try:
            size, mtime, inode, device = (int(part) for part in text.split(":"))
        except ValueError:
            return None
        return cls(size, mtime, inode, device)


def content_digest(data: bytes) -> bytes:
    """The digest of a file's bytes, as records and the preview's writer keep it."""
    return hashlib.blake2b(data, digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class Output:
    """A file of the site made in memory: its path relative to output/, its bytes, and their digest when known."""

    path: str
    data: bytes
    digest: bytes | None = None


@dataclass(frozen=True, slots=True)
class OnDisk:
    """A file of the site whose bytes stay on disk: a page kept from the last build in output/, or one a
    render worker wrote into the spare folder. `indexed` is the digest of what Pagefind reads of it, `digest`
    that of its bytes (`content_digest`), when known."""

    path: str
    file: str  # where it is (a string: thousands of these are made per build, and Path objects cost)
    status: FileStatus
    indexed: bytes | None = None
    digest: bytes | None = None

    def untouched(self) -> bool:
        return FileStatus.of(self.file) == self.status

    @property
    def data(self) -> bytes:
        """The file's bytes; an OSError if the file was changed since it was found or written."""
        with open(self.file, "rb") as stream:
            data = stream.read()
        if not self.untouched():
            raise OSError(errno.ESTALE, tr("changed by someone else during the build; build again"), self.file)
        return data

    @classmethod
    def if_untouched(cls, path: str, output_dir: Path, status: FileStatus, indexed: bytes | None = None) -> OnDisk | None:
        """The file `path` in output/ when it still has the status a build saved for it."""
        kept = cls(path, f"{output_dir}/{path}", status, indexed)
        return kept if kept.untouched() else None


File = Output | OnDisk


def status_as_written(path: str, output_dir: Path) -> FileStatus | None:
    """The status of a file of the site just after output/ was written, for the next build to recognise it."""
    return FileStatus.of(os.path.join(output_dir, path))
