"""Putting the finished site on disk.

Input: every `Output` of a successful build and the output folder. Output: output/ holding exactly
those files; a file whose bytes did not change is not touched (its timestamp stays), a file no
longer produced is removed. Each file is replaced atomically. No path outside output/ is written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .render import Output


class UnsafePath(ValueError):
    """An output path that would leave the output folder."""


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


def safe_target(output_dir: Path, relative: str) -> Path:
    """The file for `relative` inside output_dir, refusing anything that would escape it."""
    pure = PurePosixPath(relative)
    if not relative or pure.is_absolute() or ".." in pure.parts or "\\" in relative or "\x00" in relative:
        raise UnsafePath(relative)
    target = output_dir.joinpath(*pure.parts)
    if not target.resolve().is_relative_to(output_dir.resolve()):
        raise UnsafePath(relative)
    return target


def sync(outputs: Iterable[Output], output_dir: Path) -> WriteReport:
    output_dir.mkdir(parents=True, exist_ok=True)
    wanted: dict[Path, bytes] = {safe_target(output_dir, out.path): out.data for out in outputs}
    written, unchanged = [], 0
    for target, data in sorted(wanted.items()):
        if _same(target, data):
            unchanged += 1
            continue
        _replace(target, data)
        written.append(target.relative_to(output_dir).as_posix())
    removed = _prune(output_dir, set(wanted))
    return WriteReport(tuple(written), unchanged, removed)


def _same(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def _replace(target: Path, data: bytes) -> None:
    if target.is_dir():
        _remove_tree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prune(output_dir: Path, keep: set[Path]) -> tuple[str, ...]:
    removed = []
    for current, _dirs, files in os.walk(output_dir, topdown=False):
        folder = Path(current)
        for name in files:
            path = folder / name
            if path not in keep:
                path.unlink()
                removed.append(path.relative_to(output_dir).as_posix())
        if folder != output_dir and not any(folder.iterdir()):
            folder.rmdir()
    return tuple(sorted(removed))


def _remove_tree(folder: Path) -> None:
    for current, _, files in os.walk(folder, topdown=False):
        for name in files:
            (Path(current) / name).unlink()
        Path(current).rmdir()
