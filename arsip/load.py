"""Reading the content folder.

Input: `content/` (Markdown releases with YAML front-matter, `institutions.toml`, image files) and
`templates/static/`. Output: `SourceDoc`s (front-matter as parsed values, body text, the line of
every front-matter key), `Asset`s to copy verbatim, the raw institution registry, and problems.
Nothing here judges what the values mean; that is `validate`'s job.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .config import SiteConfig
from .problems import Problem, error, warning

REGISTRY_FILE = "institutions.toml"
BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)


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


class _Handler(frontmatter.YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=_TextPreservingLoader)


def load_content(config: SiteConfig, *, root_label: Path | None = None) -> tuple[Content, list[Problem]]:
    """Read every file under content/ and templates/static/."""
    problems: list[Problem] = []
    docs: list[SourceDoc] = []
    assets: list[Asset] = []
    registry = None
    for path in _walk(config.content_dir, config.root, problems):
        relative = _relative(path, config.root)
        site_path = path.relative_to(config.content_dir).as_posix()
        if site_path == REGISTRY_FILE:
            registry = _read_registry(path, relative, problems)
        elif path.suffix.lower() == ".md":
            doc = _read_doc(path, relative, problems)
            if doc:
                docs.append(doc)
        else:
            data = _read_bytes(path, relative, problems)
            if data is not None:
                assets.append(Asset(f"media/{site_path}", data))
    static_dir = config.templates_dir / "static"
    for path in _walk(static_dir, config.root, problems):
        data = _read_bytes(path, _relative(path, config.root), problems)
        if data is not None:
            assets.append(Asset(f"static/{path.relative_to(static_dir).as_posix()}", data))
    return Content(tuple(docs), tuple(assets), registry), problems


def _walk(folder: Path, root: Path, problems: list[Problem]) -> Iterator[Path]:
    """Files below `folder` in a stable order, skipping hidden names and links leaving the project."""
    if not folder.is_dir():
        return
    real_root = root.resolve()
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith("~"):
                continue
            path = Path(current) / name
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                problems.append(
                    warning(
                        _relative(path, root), None, "skipped: a link to a file outside the project", "copy the file into content/ instead"
                    )
                )
                continue
            yield path


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _read_bytes(path: Path, relative: str, problems: list[Problem]) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        problems.append(error(relative, None, f"cannot read the file: {exc.strerror or exc}"))
        return None


def _decode(data: bytes, relative: str, problems: list[Problem]) -> str | None:
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


def _read_doc(path: Path, relative: str, problems: list[Problem]) -> SourceDoc | None:
    data = _read_bytes(path, relative, problems)
    if data is None:
        return None
    text = _decode(data, relative, problems)
    if text is None:
        return None
    return parse_doc(text, relative, hashlib.sha256(data).hexdigest(), problems)


def parse_doc(text: str, relative: str, digest: str, problems: list[Problem]) -> SourceDoc | None:
    """Split front-matter from body with python-frontmatter and record each key's line."""
    opening = BOUNDARY.search(text)
    if not text.strip() or not opening or text[: opening.start()].strip():
        problems.append(
            error(relative, 1, "no front-matter", "start the file with a line '---', then title:, date:, institution:, then another '---'")
        )
        return None
    handler = _Handler()
    try:
        fm, body = handler.split(text[opening.start() :])
    except ValueError:
        problems.append(error(relative, 1, "the front-matter is not closed", "add a line '---' after the last front-matter field"))
        return None
    offset = text[: opening.end()].count("\n") + 1  # line number of the front-matter's first line
    try:
        meta = handler.load(fm)
        node = yaml.compose(fm, Loader=_TextPreservingLoader)
    except yaml.YAMLError as exc:
        problems.append(_yaml_problem(exc, relative, offset))
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
        match = re.search(r"\(at line (\d+)", str(exc))
        problems.append(error(relative, int(match.group(1)) if match else None, f"invalid TOML: {exc}"))
        return None
    return Registry(relative, parsed, text)
