"""Reading the content folder.

Input: `content/` (Markdown releases with YAML front-matter, `institutions.toml`, image files) and
`templates/static/`. Output: `SourceDoc`s (each release parsed by `frontmatter`: front-matter as
parsed values, body text, the line of every front-matter key), `Asset`s to copy verbatim, the raw
institution registry, and problems. Nothing here judges what the values mean; that is `validate`'s job.

Whatever is in the folder, reading ends in values or in problems, never in a hang or a crash:
only regular files are opened (a named pipe would block forever), links leaving the project and
links to folders are skipped with a warning, a folder named like a release is reported, a release
larger than `MAX_RELEASE_BYTES` is refused unread, and binary and non-UTF-8 files are named as such.
A missing `content/` or `templates/`, or a `content/` without a release, is an error, never an empty
site; hidden files and editors' leftovers (`x.md~`, `#x.md#`, `.x.md.swp`, `.bak`, `.orig`) are not
part of the site.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..i18n import Text, tr
from ..problems import Problem, error, os_reason, warning
from . import assets
from .config import SiteConfig
from .config_checks import NESTED_HINT, NESTED_TOO_DEEPLY, toml_problem
from .decoding import decode
from .frontmatter import SourceDoc, parsed_release

REGISTRY_FILE = "institutions.toml"
MAX_RELEASE_BYTES = 2 * 1024 * 1024  # a release is text; its images are separate files
NO_RELEASE_HINT = tr("put the releases (.md files) in content/, or check that the build runs in the right project folder")
LEFTOVER_ENDINGS = ("~", "#", ".swp", ".swo", ".swx", ".bak", ".orig", ".rej", ".tmp", ".part", ".crdownload")


@dataclass(frozen=True, slots=True)
class Asset:
    """A file copied to the site unchanged; `path` is its site-relative path."""

    path: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Registry:
    """`content/institutions.toml` as parsed TOML, with its text for line numbers."""

    path: str
    data: dict[str, Any]
    text: str


@dataclass(frozen=True, slots=True)
class Content:
    docs: tuple[SourceDoc, ...]
    assets: tuple[Asset, ...]
    registry: Registry | None


class DocStore(Protocol):
    """Where parsed releases are kept between processes, as JSON text by (path, digest of the file's bytes)."""

    def doc(self, path: str, digest: str) -> str | None: ...

    def put_doc(self, path: str, digest: str, text: str) -> None: ...

    def read_docs(self, every: bool) -> None: ...


@dataclass
class DocMemo:
    """Parsed releases by (path, digest of the file's bytes), so an unchanged file is not parsed again.

    `previous` is what the last build parsed; `current` collects what this build used (and so what
    the next one may reuse), which keeps the memo from growing with files long gone.
    """

    store: DocStore | None = None  # parsed releases kept by an earlier process (the build database)
    previous: dict[tuple[str, str], tuple[SourceDoc | None, tuple[Problem, ...]]] = field(default_factory=dict)
    current: dict[tuple[str, str], tuple[SourceDoc | None, tuple[Problem, ...]]] = field(default_factory=dict)
    stats: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict)  # path: (size, mtime, inode…), digest
    registry: Registry | None = None  # the registry the last build read

    def next_build(self) -> None:
        """What the last build used becomes what this one may reuse."""
        self.previous, self.current = self.current or self.previous, {}


def load_content(config: SiteConfig, *, memo: DocMemo | None = None) -> tuple[Content, list[Problem]]:
    """Read every file under content/ and templates/static/; with a memo, unchanged releases are not parsed again."""
    memo = memo if memo is not None else DocMemo()
    memo.next_build()
    problems: list[Problem] = []
    docs: list[SourceDoc] = []
    assets: list[Asset] = []
    registry = None
    content_dir = config.content_dir
    missing = _missing_folder(content_dir, config.root, tr("the releases"))
    if config.templates_dir.exists() and not config.templates_dir.is_dir():
        missing += _missing_folder(config.templates_dir, config.root, tr("the templates"))
    if missing:
        return Content((), (), None), missing
    content_prefix = _relative(content_dir, config.root) + "/"
    if memo.store is not None:
        memo.store.read_docs(every=not memo.previous)  # a first build asks for every release kept
    for path, relative, info in _walk(content_dir, config.root, problems):
        site_path = relative.removeprefix(content_prefix)
        if site_path == REGISTRY_FILE:
            registry = memo.registry = _read_registry(Path(path), relative, problems, memo.registry)
        elif _is_release(path):
            doc = _read_doc(path, relative, info, problems, memo)
            if doc:
                docs.append(doc)
        else:
            data = _read_asset(path, relative, site_path, info, problems)
            if data is not None:
                assets.append(Asset(f"media/{site_path}", data))
    if memo.store is not None:
        memo.store.read_docs(every=False)
    static_dir = config.templates_dir / "static"
    static_prefix = _relative(static_dir, config.root) + "/"
    own: list[Asset] = []
    for path, relative, _ in _walk(static_dir, config.root, problems):
        data = _read_bytes(path, relative, problems)
        if data is not None:
            own.append(Asset(f"static/{relative.removeprefix(static_prefix)}", data))
    overridden = {asset.path for asset in own}
    assets += [asset for asset in _theme_static(config.theme_static_dir) if asset.path not in overridden] + own
    if not docs and not any(problem.is_error for problem in problems):
        problems.append(
            error(_relative(content_dir, config.root), None, tr("holds no release: the site would be empty"), NO_RELEASE_HINT)
        )
    return Content(tuple(docs), tuple(assets), registry), problems


def _theme_static(folder: Path) -> list[Asset]:
    """The default theme's static files (the package's own, read as they are), each unless the project overrides it."""
    found = []
    for top, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            path = Path(top) / name
            found.append(Asset("static/" + path.relative_to(folder).as_posix(), path.read_bytes()))
    return found


def _missing_folder(folder: Path, root: Path, holds: Text) -> list[Problem]:
    """A problem when the folder that holds `holds` is missing or is not a folder: never an empty site."""
    name = _relative(folder, root)
    if folder.is_dir():
        return []
    if folder.exists() or folder.is_symlink():
        message = tr("this is a file, not the folder that holds {holds}", holds=holds)
        return [error(name, None, message, tr("move it away and create the folder {name}/", name=name))]
    message = tr("the folder {name}/ that holds {holds} is missing", name=name, holds=holds)
    return [error(name, None, message, tr("create it, or give the project's folder with --root"))]


def _is_leftover(name: str) -> bool:
    """Hidden files and what editors, merges and office programs leave beside a file: never part of the site."""
    return name.startswith((".", "#", "~$")) or name.endswith(LEFTOVER_ENDINGS)


def _is_release(path: str | Path) -> bool:
    return os.fspath(path).lower().endswith(".md")


def _walk(folder: Path, root: Path, problems: list[Problem]) -> Iterator[tuple[str, str, os.stat_result | None]]:
    """Regular files below `folder` in a stable order, each with its status when it is no link; everything else is
    skipped with a problem.

    Hidden names and backup files (`~`) are skipped silently. Links to files outside the project
    and links to folders are skipped with a warning; a folder named like a release, a link to
    nothing, a named pipe or device, and a name that is not UTF-8 are errors.
    """
    if not folder.is_dir():
        return
    real_root = root.resolve()
    # Files are plain strings here: 10,000 Path objects cost more than the disk does.
    cut = len(os.path.join(os.fspath(folder), ""))
    prefix = "" if _relative(folder, root) == "." else _relative(folder, root) + "/"

    def unreadable(exc: OSError) -> None:
        where = _shown(Path(exc.filename), root) if exc.filename else _relative(folder, root)
        reason = tr("cannot read the folder: {reason}", reason=os_reason(exc))
        problems.append(error(where, None, reason, tr("check the folder's permissions")))

    for current, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        here = Path(current)
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            path = here / name
            relative = _shown(path, root)
            if _bad_name(name, relative, problems):
                continue
            if path.is_symlink():
                target = _link_target(path)
                outside = target is None or not target.is_relative_to(real_root)
                message = (
                    tr("skipped: a link to a folder outside the project")
                    if outside
                    else tr("skipped: a link to a folder elsewhere in the project")
                )
                problems.append(warning(relative, None, message, tr("copy the folder into content/ instead of linking it")))
                continue
            if _is_release(path):
                problems.append(
                    error(
                        relative,
                        None,
                        tr("this is a folder, not a release file"),
                        tr("rename the folder so that its name does not end in .md"),
                    )
                )
            kept.append(name)
        dirs[:] = kept
        here_relative = _printable(prefix + os.path.join(current, "")[cut:].replace(os.sep, "/"))  # its folders' names are UTF-8
        for name in sorted(files):
            if _is_leftover(name):
                continue
            path = current + os.sep + name  # os.walk gives folders without a trailing separator
            if not name.isascii() and _bad_name(name, _printable(here_relative + name), problems):
                continue
            relative = here_relative + name
            regular, info = _regular(path, relative, real_root, problems)
            if regular:
                yield path, relative, info


def _link_target(path: Path) -> Path | None:
    """Where a link leads in the end; None for a loop of links."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def _shown(path: Path, root: Path) -> str:
    """The project-relative path as printable text, even when the name is not UTF-8."""
    return _printable(_relative(path, root))


def _printable(text: str) -> str:
    return os.fsencode(text).decode("utf-8", "replace")


def _bad_name(name: str, relative: str, problems: list[Problem]) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        problems.append(
            error(relative, None, tr("the name is not UTF-8 text"), tr("rename it in your file manager, using ordinary letters"))
        )
        return True
    return False


def _regular(name: str, relative: str, real_root: Path, problems: list[Problem]) -> tuple[bool, os.stat_result | None]:
    """True for a regular file (with its status, unless it is a link to one inside the project); otherwise False,
    saying why it is skipped."""
    try:
        info = os.lstat(name)
        if stat.S_ISREG(info.st_mode):
            return True, info  # the common case, in one system call
    except OSError:
        pass
    return _linked_file(name, relative, real_root, problems), None


def _linked_file(name: str, relative: str, real_root: Path, problems: list[Problem]) -> bool:
    path = Path(name)
    if path.is_symlink():
        target = _link_target(path)
        if target is None:
            problems.append(error(relative, None, tr("a link that leads back to itself"), tr("remove the link")))
            return False
        if not target.is_relative_to(real_root):
            problems.append(
                warning(relative, None, tr("skipped: a link to a file outside the project"), tr("copy the file into content/ instead"))
            )
            return False
        if not target.exists():
            problems.append(error(relative, None, tr("a link to a file that does not exist"), tr("remove the link or put the file back")))
            return False
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        problems.append(_unreadable_file(relative, exc))
        return False
    if not stat.S_ISREG(mode):
        if stat.S_ISFIFO(mode):
            message = tr("this is a named pipe, not a regular file")
        elif stat.S_ISDIR(mode):
            message = tr("this is a folder, not a regular file")
        else:
            message = tr("this is a device or socket, not a regular file")
        problems.append(error(relative, None, message, tr("remove it from content/")))
        return False
    return True


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _read_bytes(path: str | Path, relative: str, problems: list[Problem], limit: int | None = None) -> bytes | None:
    try:
        if limit is not None and (size := os.stat(path).st_size) > limit:
            problems.append(
                error(
                    relative,
                    None,
                    tr(
                        "the file is {size}, more than the {limit} a release may have",
                        size=assets.megabytes(size),
                        limit=assets.megabytes(limit),
                    ),
                    tr("a release is text only: put images in separate files beside it and split very long documents"),
                )
            )
            return None
        with open(path, "rb") as stream:
            data = stream.read(-1 if limit is None else limit + 1)  # a file that grew since its size was taken
        if limit is not None and len(data) > limit:
            problems.append(
                error(relative, None, tr("the file is more than {limit}", limit=assets.megabytes(limit)), tr("make it smaller"))
            )
            return None
        return data
    except OSError as exc:
        problems.append(_unreadable_file(relative, exc))
        return None


def _unreadable_file(relative: str, exc: OSError) -> Problem:
    reason = tr("cannot read the file: {reason}", reason=os_reason(exc))
    return error(relative, None, reason, tr("check the file's permissions"))


def _read_asset(path: str, relative: str, site_path: str, info: os.stat_result | None, problems: list[Problem]) -> bytes | None:
    """The bytes of a picture or document that may be published; None, with the reason, for any other file."""
    try:
        size = (info or os.stat(path)).st_size
    except OSError as exc:
        problems.append(_unreadable_file(relative, exc))
        return None
    problem = assets.refused(relative, site_path, size)
    data = None if problem else _read_bytes(path, relative, problems, limit=assets.MAX_ASSET_BYTES)
    if data is not None:
        problem = assets.disguised(relative, site_path, data[: assets.SNIFF_BYTES])
    if problem:
        problems.append(problem)
        return None
    return data


def _status(path: str | Path, info: os.stat_result | None = None) -> tuple[int, ...] | None:
    """What changes whenever a file's bytes change: size, modification and change times (ns), inode, device."""
    try:
        info = info or os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _read_doc(path: str, relative: str, info: os.stat_result | None, problems: list[Problem], memo: DocMemo) -> SourceDoc | None:
    status = _status(path, info)
    seen = memo.stats.get(relative)
    if seen is not None and status is not None and seen[0] == status and (relative, seen[1]) in memo.previous:
        key = (relative, seen[1])  # the file was not touched since it was read: no need to read it again
        known = memo.previous[key]
        memo.current[key] = known
        problems.extend(known[1])
        return known[0]
    data = _read_bytes(path, relative, problems, limit=MAX_RELEASE_BYTES)
    if data is None:
        return None
    key = (relative, hashlib.sha256(data).hexdigest())
    if status is not None:
        memo.stats[relative] = (status, key[1])
    known = memo.previous.get(key) or memo.current.get(key) or parsed_release(data, relative, key[1], memo.store)
    memo.current[key] = known
    problems.extend(known[1])
    return known[0]


def _read_registry(path: Path, relative: str, problems: list[Problem], before: Registry | None) -> Registry | None:
    """The registry; `before` (the last one read) again when its text is the same, rather than parsed again."""
    data = _read_bytes(path, relative, problems)
    if data is None:
        return None
    text = decode(data, relative, problems)
    if text is None:
        return None
    if before is not None and before.path == relative and before.text == text:
        return before
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(toml_problem(exc, relative, text))
        return None
    except RecursionError:
        problems.append(error(relative, None, NESTED_TOO_DEEPLY, NESTED_HINT))
        return None
    return Registry(relative, parsed, text)
