"""Reading the content folder.

Input: `content/` (Markdown releases with YAML front-matter, `institutions.toml`, image files) and
`templates/static/`. Output: `SourceDoc`s (front-matter as parsed values, body text, the line of
every front-matter key), `Asset`s to copy verbatim, the raw institution registry, and problems.
Nothing here judges what the values mean; that is `validate`'s job.

Whatever is in the folder, reading ends in values or in problems, never in a hang or a crash:
only regular files are opened (a named pipe would block forever), links leaving the project and
links to folders are skipped with a warning, a folder named like a release is reported, a release
larger than `MAX_RELEASE_BYTES` is refused unread, binary and non-UTF-8 files are named as such,
and YAML anchors and aliases are refused (they can make a few lines expand without bound).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import frontmatter
import yaml

from ..problems import Problem, error, warning
from .config import SiteConfig, toml_problem

REGISTRY_FILE = "institutions.toml"
BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)
MAX_RELEASE_BYTES = 2 * 1024 * 1024  # a release is text; its images are separate files
BINARY_SNIFF = 8192  # a NUL byte among the first bytes means the file is not text
MAX_NESTING = 20  # levels of lists and fields inside the front-matter


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """One Markdown file as read: front-matter values, body, and where each key stands."""

    path: str
    digest: str
    meta: dict[str, Any]
    body: str
    key_lines: dict[str, int]
    first_line: int

    def line(self, key: str) -> int:
        """The line of `key` (e.g. `score` or `awards.0.score`), else of its parent, else the first."""
        while key:
            if key in self.key_lines:
                return self.key_lines[key]
            key = key.rpartition(".")[0]
        return self.first_line


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


class _TextPreservingLoader(yaml.SafeLoader):
    """YAML loader that keeps dates and decimals as the text the editor wrote.

    `validate` parses them itself: a date like 2024-02-30 then becomes a message with a line number
    instead of an exception, and a score of 90.20 keeps its published precision.
    """


_TextPreservingLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:float"}]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml parses ten times faster; the pure-Python loader words the messages of broken front-matter,
# so a document libyaml refuses is parsed again by it (the messages stay the same with or without libyaml).
_LOADERS: tuple[type[Any], ...] = (_TextPreservingLoader,)
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[misc, name-defined]
        """`_TextPreservingLoader`'s rules on libyaml's parser."""

    _FastLoader.yaml_implicit_resolvers = _TextPreservingLoader.yaml_implicit_resolvers
    _LOADERS = (_FastLoader, _TextPreservingLoader)


class DocStore(Protocol):
    """Where parsed releases are kept between processes, as JSON text by (path, digest of the file's bytes)."""

    def doc(self, path: str, digest: str) -> str | None: ...

    def put_doc(self, path: str, digest: str, text: str) -> None: ...


def _doc_json(doc: SourceDoc) -> str:
    return json.dumps({"meta": doc.meta, "body": doc.body, "lines": doc.key_lines, "first": doc.first_line}, ensure_ascii=False)


def _stored(store: DocStore | None, relative: str, digest: str) -> tuple[SourceDoc | None, tuple[Problem, ...]] | None:
    """A release parsed by an earlier process from the same bytes (only valid, plain-JSON front-matter is kept)."""
    text = store.doc(relative, digest) if store is not None else None
    if text is None:
        return None
    try:
        data = json.loads(text)
        doc = SourceDoc(relative, digest, data["meta"], data["body"], data["lines"], data["first"])
    except (ValueError, TypeError, KeyError):
        return None
    lines_ok = isinstance(doc.key_lines, dict) and all(isinstance(line, int) for line in doc.key_lines.values())
    if not _plain(doc.meta) or not lines_ok or not isinstance(doc.body, str) or not isinstance(doc.first_line, int):
        return None
    return doc, ()


def _plain(value: object) -> bool:
    """Values JSON gives back exactly as YAML gave them (a doc whose front-matter has others is parsed again)."""
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    return value is None or isinstance(value, str | bool | int)


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
    content_prefix = _relative(content_dir, config.root) + "/"
    for path, relative in _walk(content_dir, config.root, problems):
        site_path = relative.removeprefix(content_prefix)
        if site_path == REGISTRY_FILE:
            registry = _read_registry(Path(path), relative, problems)
        elif _is_release(path):
            doc = _read_doc(path, relative, problems, memo)
            if doc:
                docs.append(doc)
        else:
            data = _read_bytes(path, relative, problems)
            if data is not None:
                assets.append(Asset(f"media/{site_path}", data))
    static_dir = config.templates_dir / "static"
    static_prefix = _relative(static_dir, config.root) + "/"
    for path, relative in _walk(static_dir, config.root, problems):
        data = _read_bytes(path, relative, problems)
        if data is not None:
            assets.append(Asset(f"static/{relative.removeprefix(static_prefix)}", data))
    return Content(tuple(docs), tuple(assets), registry), problems


def _is_release(path: str | Path) -> bool:
    return os.fspath(path).lower().endswith(".md")


def _walk(folder: Path, root: Path, problems: list[Problem]) -> Iterator[tuple[str, str]]:
    """Regular files below `folder` in a stable order; everything else is skipped with a problem.

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
    for current, dirs, files in os.walk(folder, followlinks=False):
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
                where = "outside the project" if target is None or not target.is_relative_to(real_root) else "elsewhere in the project"
                problems.append(
                    warning(relative, None, f"skipped: a link to a folder {where}", "copy the folder into content/ instead of linking it")
                )
                continue
            if _is_release(path):
                problems.append(
                    error(relative, None, "this is a folder, not a release file", "rename the folder so that its name does not end in .md")
                )
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith(".") or name.endswith("~"):
                continue
            path = os.path.join(current, name)
            relative = _printable(prefix + path[cut:].replace(os.sep, "/"))
            if _bad_name(name, relative, problems) or not _regular(path, relative, real_root, problems):
                continue
            yield path, relative


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
        problems.append(error(relative, None, "the name is not UTF-8 text", "rename it in your file manager, using ordinary letters"))
        return True
    return False


def _regular(name: str, relative: str, real_root: Path, problems: list[Problem]) -> bool:
    """True for a regular file (or a link to one inside the project); otherwise say why it is skipped."""
    try:
        if stat.S_ISREG(os.lstat(name).st_mode):
            return True  # the common case, in one system call
    except OSError:
        pass
    path = Path(name)
    if path.is_symlink():
        target = _link_target(path)
        if target is None:
            problems.append(error(relative, None, "a link that leads back to itself", "remove the link"))
            return False
        if not target.is_relative_to(real_root):
            problems.append(warning(relative, None, "skipped: a link to a file outside the project", "copy the file into content/ instead"))
            return False
        if not target.exists():
            problems.append(error(relative, None, "a link to a file that does not exist", "remove the link or put the file back"))
            return False
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        problems.append(error(relative, None, f"cannot read the file: {exc.strerror or exc}", "check the file's permissions"))
        return False
    if not stat.S_ISREG(mode):
        kind = "a named pipe" if stat.S_ISFIFO(mode) else "a folder" if stat.S_ISDIR(mode) else "a device or socket"
        problems.append(error(relative, None, f"this is {kind}, not a regular file", "remove it from content/"))
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
                    f"the file is {_megabytes(size)}, more than the {_megabytes(limit)} a release may have",
                    "a release is text only: put images in separate files beside it and split very long documents",
                )
            )
            return None
        with open(path, "rb") as stream:
            return stream.read()
    except OSError as exc:
        problems.append(error(relative, None, f"cannot read the file: {exc.strerror or exc}", "check the file's permissions"))
        return None


def _status(path: str | Path) -> tuple[int, ...] | None:
    """What changes whenever a file's bytes change: size, modification and change times (ns), inode, device."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _decode(data: bytes, relative: str, problems: list[Problem]) -> str | None:
    if b"\x00" in data[:BINARY_SNIFF]:
        problems.append(error(relative, None, "the file is binary, not Markdown text", "remove it or give it another extension"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(error(relative, line, "the file is not UTF-8 text", "save it as UTF-8 in your editor"))
        return None
    if "\x00" in text:
        problems.append(error(relative, None, "the file is binary, not Markdown text", "remove it or give it another extension"))
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _read_doc(path: str, relative: str, problems: list[Problem], memo: DocMemo) -> SourceDoc | None:
    status = _status(path)
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
    known = memo.previous.get(key) or memo.current.get(key) or _stored(memo.store, relative, key[1])
    if known is None:
        found: list[Problem] = []
        text = _decode(data, relative, found)
        doc = parse_doc(text, relative, key[1], found) if text is not None else None
        known = (doc, tuple(found))
        if memo.store is not None and doc is not None and not found and _plain(doc.meta):
            memo.store.put_doc(relative, key[1], _doc_json(doc))
    memo.current[key] = known
    problems.extend(known[1])
    return known[0]


def parse_doc(text: str, relative: str, digest: str, problems: list[Problem]) -> SourceDoc | None:
    """Split front-matter from body with python-frontmatter and record each key's line."""
    if not text.strip():
        hint = "write the front-matter, title:, date: and institution: between two lines '---', then the text; or delete the file"
        problems.append(error(relative, None, "the file is empty", hint))
        return None
    opening = BOUNDARY.search(text)
    if not opening or text[: opening.start()].strip():
        problems.append(
            error(relative, 1, "no front-matter", "start the file with a line '---', then title:, date:, institution:, then another '---'")
        )
        return None
    handler = frontmatter.YAMLHandler()
    try:
        fm, body = handler.split(text[opening.start() :])
    except ValueError:
        problems.append(error(relative, 1, "the front-matter is not closed", "add a line '---' after the last front-matter field"))
        return None
    offset = text[: opening.end()].count("\n") + 1  # line number of the front-matter's first line
    alias = _alias_line(fm)
    if alias is not None:
        problems.append(
            error(
                relative,
                offset + alias,
                "the front-matter uses a YAML alias ('*name'), which the archive does not accept",
                "write the value out in full",
            )
        )
        return None
    try:
        node, meta = _compose(fm)
        too_deep = node is not None and _too_deep(node)
    except yaml.YAMLError as exc:
        problems.append(_yaml_problem(exc, relative, offset))
        return None
    except RecursionError:
        node, meta, too_deep = None, None, True
    if too_deep:
        problems.append(
            error(relative, offset, "the front-matter is nested too deeply", "write each field as 'key: value' on its own line")
        )
        return None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.append(
            error(
                relative,
                offset,
                f"the front-matter is a {_yaml_kind(meta)}, not a list of fields",
                "write one 'key: value' per line, e.g. 'title: ...'",
            )
        )
        return None
    key_lines: dict[str, int] = {}
    _record_lines(node, "", offset, key_lines)
    return SourceDoc(relative, digest, meta, body.strip() + "\n", key_lines, offset)


def _yaml_problem(exc: yaml.YAMLError, relative: str, offset: int) -> Problem:
    """Name the line where the editor has to look: for an unclosed quote, where it was opened."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    mark = getattr(exc, "problem_mark", None)
    if "end of stream" in problem and getattr(exc, "context_mark", None):
        mark = exc.context_mark
    reason = f"{context}: {problem}" if context else problem
    line = offset + mark.line if mark else offset
    return error(relative, line, f"invalid YAML in the front-matter: {reason}", "check the colons, quotes and indentation on this line")


def _compose(fm: str) -> tuple[yaml.Node | None, Any]:
    """The front-matter's node tree and values; the last loader's YAMLError if every loader refuses it."""
    for number, loader_class in enumerate(_LOADERS, start=1):
        loader = loader_class(fm)
        try:
            node = loader.get_single_node()
            return node, loader.construct_document(node) if node is not None else None
        except (yaml.YAMLError, RecursionError):
            if number == len(_LOADERS):
                raise
        finally:
            loader.dispose()
    raise AssertionError("no YAML loader")  # pragma: no cover


def _too_deep(root: yaml.Node) -> bool:
    """True when values nest deeper than any release needs (awards -> award -> field is three)."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            return True
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
    return False


def _alias_line(fm: str) -> int | None:
    """The line (from 0) of the first YAML alias, which could make a few lines expand without bound."""
    if "*" not in fm:
        return None
    try:
        for token in yaml.scan(fm, Loader=_TextPreservingLoader):
            if isinstance(token, yaml.AliasToken):
                return token.start_mark.line
    except yaml.YAMLError:
        return None  # composing reports the syntax error with its line
    return None


def _yaml_kind(value: object) -> str:
    return "list" if isinstance(value, list) else "single value"


def _record_lines(node: yaml.Node | None, prefix: str, offset: int, lines: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}{key_node.value}"
            lines.setdefault(key, offset + key_node.start_mark.line)
            _record_lines(value_node, key + ".", offset, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = f"{prefix}{index}"
            lines.setdefault(key, offset + item.start_mark.line)
            _record_lines(item, key + ".", offset, lines)


def _read_registry(path: Path, relative: str, problems: list[Problem]) -> Registry | None:
    data = _read_bytes(path, relative, problems)
    if data is None:
        return None
    text = _decode(data, relative, problems)
    if text is None:
        return None
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(toml_problem(exc, relative, text))
        return None
    return Registry(relative, parsed, text)
