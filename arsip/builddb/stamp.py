"""The no-op shortcut: when no input file changed since the last good build, nothing is redone.

Input: the project's input files (site_config.toml, content/, templates/) and output/, by name, size
and modification time, the build's options, and the versions of Python, Arsip and its libraries.
Output: a stamp kept in the build database after a good build, and, on the next build, whether it
still matches (then the build only repeats its report). Any doubt (no stamp, a damaged one, an
output file touched by hand, another library version) means a real build.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..model.fields import this_year
from ..source.config import SiteConfig
from . import BuildDB


@dataclass(frozen=True, slots=True)
class Stamp:
    inputs: str
    outputs: str
    report: tuple[str, ...]
    pages: int
    releases: int


def _tree_digest(folders: list[Path], files: list[Path], base: Path) -> str:
    lines: list[bytes] = []
    prefix = os.fsencode(os.path.join(base, ""))
    for folder in folders:
        _scan(os.fsencode(folder), prefix, lines)
    for path in files:
        if path.exists():
            info = path.stat()
            lines.append(b"%s\0%d\0%d" % (os.fsencode(path.relative_to(base)), info.st_size, info.st_mtime_ns))
    lines.sort()
    return hashlib.blake2b(b"\n".join(lines), digest_size=20).hexdigest()


def _scan(folder: bytes, prefix: bytes, lines: list[bytes]) -> None:
    """Name, size and modification time of every file below `folder`, and the name of every folder (os.scandir: one
    system call per file; a folder's own times say nothing its entries do not).

    Names are kept as the bytes the system gives. Links are not followed: one anywhere means no shortcut (what it
    leads to may change without the link changing), so a dangling link or a link loop reaches the build that reports it.
    """
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.is_symlink():
            raise OSError("a link: what it leads to may change without the link changing; no shortcut")
        name = entry.path.removeprefix(prefix)
        if entry.is_dir(follow_symlinks=False):
            lines.append(name + b"/")
            _scan(entry.path, prefix, lines)
        else:
            info = entry.stat(follow_symlinks=False)
            lines.append(b"%s\0%d\0%d\0%d" % (name, info.st_mode, info.st_size, info.st_mtime_ns))


def input_digest(config: SiteConfig, options: str, versions: str) -> str | None:
    """None when the files cannot even be listed: then the build runs and says what is wrong. `versions`: the build
    database's digest of the versions of Python, Arsip and the libraries."""
    try:
        root = config.root
        folders = [config.content_dir, config.templates_dir, config.theme_templates_dir, config.theme_static_dir]
        digest = _tree_digest(folders, [root / "site_config.toml"], root)
    except OSError:
        return None
    return f"{versions}|{options}|{config.base_url}|{this_year()}|{digest}"


def output_digest(config: SiteConfig) -> str | None:
    try:
        return _tree_digest([config.output_dir], [], config.output_dir) if config.output_dir.is_dir() else ""
    except OSError:
        return None


def load_stamp(db: BuildDB) -> Stamp | None:
    data = db.stamp()
    try:
        return Stamp(str(data["inputs"]), str(data["outputs"]), tuple(map(str, data["report"])), int(data["pages"]), int(data["releases"]))  # type: ignore[index, arg-type, call-overload]
    except (KeyError, TypeError, ValueError):
        return None


def save_stamp(db: BuildDB, stamp: Stamp) -> None:
    db.save_stamp(
        {"inputs": stamp.inputs, "outputs": stamp.outputs, "report": list(stamp.report), "pages": stamp.pages, "releases": stamp.releases}
    )
