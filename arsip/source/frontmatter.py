"""Parsing a release's front-matter.

Input: the bytes of one Markdown release (read by `tree`), its project-relative path and the digest of
its bytes, and the `DocStore` of releases parsed by earlier processes. Output (`parsed_release`): a
`SourceDoc` (front-matter as parsed values, body text, the line of every front-matter key) or problems
at the line to look at. A release read without a problem is kept in the store as JSON (`_doc_json`: the
front-matter, and where the body lies in the text), and read back from the same bytes by `_stored` only
when its values are plain. Nothing here judges what the values mean; that is `validate`'s job.

Whatever the front-matter holds, parsing ends in values or in problems, never in a hang or a
crash: dates and decimals are kept as the text the editor wrote, values nested deeper than
`MAX_NESTING`, longer than `MAX_VALUE_CHARS` or holding what is not text (a lone surrogate or a
control character written as an escape) are refused before any value is made, whole numbers have at
most `MAX_DIGITS` digits (longer ones stay text), and YAML anchors and aliases are refused (they can
make a few lines expand without bound). A body that Python-Markdown would convert in more than
linear time is refused at the line of its offending paragraph (`markdown_guard`). Front-matter that
is not YAML is said in plain words at its line (`yaml_words`), never in the parser's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import frontmatter
import yaml

from ..i18n import Text, tr
from ..problems import Problem, error
from .decoding import NOT_TEXT, decode, normalized
from .markdown_guard import check_body
from .words import number_text
from .yaml_words import ONE_FIELD_PER_LINE, yaml_problem

if TYPE_CHECKING:
    from .tree import DocStore

BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)
MAX_NESTING = 20  # levels of lists and fields inside the front-matter
MAX_VALUE_CHARS = 5000  # characters in one value: a summary is a paragraph, the text goes below the front-matter
MAX_DIGITS = 18  # of a whole number; no field needs more, and a longer one stays text for `validate` to refuse


class _Refused(Exception):
    """A front-matter value refused before it is made: the line (from 0), the message and the hint."""

    def __init__(self, line: int, message: Text, hint: Text) -> None:
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


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


class _TextPreservingLoader(yaml.SafeLoader):
    """YAML loader that keeps dates and decimals as the text the editor wrote, and reads numbers and yes/no as
    an editor means them.

    `validate` parses dates and decimals itself: a date like 2024-02-30 then becomes a message with a line
    number instead of an exception, and a score of 90.20 keeps its published precision. YAML 1.1's other
    readings are not taken: `075` is not octal 61, `1:30` is not 90 (base 60), `0x1F`, `1_000` and `on`/`no`
    stay text; a whole number is digits only, and only true/false are yes/no.
    """


_REREAD = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:float", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool"}
_PLAIN_INT = re.compile(rf"^[-+]?(?:0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})$")
_PLAIN_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_TextPreservingLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _REREAD]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "-+0123456789":
    _TextPreservingLoader.yaml_implicit_resolvers.setdefault(_first, []).append(("tag:yaml.org,2002:int", _PLAIN_INT))
for _first in "tTfF":
    _TextPreservingLoader.yaml_implicit_resolvers.setdefault(_first, []).append(("tag:yaml.org,2002:bool", _PLAIN_BOOL))

# libyaml parses ten times faster; the pure-Python loader words the messages of broken front-matter,
# so a document libyaml refuses is parsed again by it (the messages stay the same with or without libyaml).
_LOADERS: tuple[type[Any], ...] = (_TextPreservingLoader,)
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[misc, name-defined]
        """`_TextPreservingLoader`'s rules on libyaml's parser."""

    _FastLoader.yaml_implicit_resolvers = _TextPreservingLoader.yaml_implicit_resolvers
    _LOADERS = (_FastLoader, _TextPreservingLoader)


def _doc_json(doc: SourceDoc, text: str) -> str | None:
    """The parsed release as JSON, its body kept as where it lies in `text` (the file's decoded text, which a later
    process reads anyway to digest it): a site's bodies are most of the bytes a build would otherwise load again.
    None when the body is not that span of the text."""
    end = len(text.rstrip())
    start = end - (len(doc.body) - 1)
    if text[start:end] + "\n" != doc.body:
        return None
    return json.dumps({"meta": doc.meta, "body": [start, end], "lines": doc.key_lines, "first": doc.first_line}, ensure_ascii=False)


def _stored(store: DocStore | None, relative: str, digest: str, data: bytes) -> tuple[SourceDoc | None, tuple[Problem, ...]] | None:
    """A release parsed by an earlier process from the same bytes, `data` (only releases read without a problem, their
    front-matter plain JSON values, are kept: so the bytes decode as they did then, without a problem to look for)."""
    stored = store.doc(relative, digest) if store is not None else None
    if stored is None:
        return None
    try:
        text = normalized(data.decode("utf-8"))
        kept = json.loads(stored)
        start, end = kept["body"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            return None
        doc = SourceDoc(relative, digest, kept["meta"], text[start:end] + "\n", kept["lines"], kept["first"])
        plain = isinstance(doc.meta, dict) and _plain(doc.meta)
    except (ValueError, TypeError, KeyError, RecursionError):  # a damaged row is parsed again; UnicodeDecodeError is a ValueError
        return None
    lines_ok = isinstance(doc.key_lines, dict) and all(isinstance(line, int) for line in doc.key_lines.values())
    if not plain or not lines_ok or not isinstance(doc.first_line, int):
        return None
    return doc, ()


def parsed_release(data: bytes, relative: str, digest: str, store: DocStore | None) -> tuple[SourceDoc | None, tuple[Problem, ...]]:
    """The release in `data`: as an earlier process parsed it from the same bytes (`store`), or parsed now (and kept)."""
    kept = _stored(store, relative, digest, data)
    if kept is not None:
        return kept
    found: list[Problem] = []
    text = decode(data, relative, found)
    if text is None:
        return None, tuple(found)
    doc = parse_doc(text, relative, digest, found)
    if store is not None and doc is not None and not found and _plain(doc.meta):
        stored = _doc_json(doc, text)
        if stored is not None:
            store.put_doc(relative, digest, stored)
    return doc, tuple(found)


def _plain(value: object) -> bool:
    """Values JSON gives back exactly as YAML gave them (a doc whose front-matter has others is parsed again)."""
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    return value is None or isinstance(value, str | bool | int)


def parse_doc(text: str, relative: str, digest: str, problems: list[Problem]) -> SourceDoc | None:
    """Split front-matter from body with python-frontmatter and record each key's line."""
    if not text.strip():
        hint = tr("write the front-matter, title:, date: and institution: between two lines '---', then the text; or delete the file")
        problems.append(error(relative, None, tr("the file is empty"), hint))
        return None
    opening = BOUNDARY.search(text)
    if not opening or text[: opening.start()].strip():
        problems.append(
            error(
                relative,
                1,
                tr("no front-matter"),
                tr("start the file with a line '---', then title:, date:, institution:, then another '---'"),
            )
        )
        return None
    handler = frontmatter.YAMLHandler()
    try:
        fm, body = handler.split(text[opening.start() :])
    except ValueError:
        problems.append(error(relative, 1, tr("the front-matter is not closed"), tr("add a line '---' after the last front-matter field")))
        return None
    offset = text[: opening.end()].count("\n") + 1  # line number of the front-matter's first line
    refused = _refused_syntax(fm)
    if refused is not None:
        problems.append(error(relative, offset + refused.line, refused.message, refused.hint))
        return None
    try:
        node, meta = _compose(fm)
    except yaml.YAMLError as exc:
        problems.append(yaml_problem(exc, fm, relative, offset))
        return None
    except _Refused as refused:
        problems.append(error(relative, offset + refused.line, refused.message, refused.hint))
        return None
    except RecursionError:
        problems.append(error(relative, offset, NESTED_TOO_DEEPLY, ONE_FIELD_PER_LINE))
        return None
    twice = list(_written_twice(node, "", offset))
    for key, first, again in twice:
        message = tr("'{key}' is written twice, on lines {first} and {again}", key=key, first=first, again=again)
        problems.append(error(relative, again, message, tr("keep one of the two lines")))
    if twice:
        return None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.append(
            error(
                relative,
                offset,
                tr("the front-matter is a {kind}, not a list of fields", kind=_yaml_kind(meta)),
                tr("write one 'key: value' per line, e.g. 'title: ...'"),
            )
        )
        return None
    key_lines: dict[str, int] = {}
    _record_lines(node, "", offset, key_lines)
    body_line = text.count("\n", 0, len(text) - len(body.lstrip())) + 1  # the file line of the body's first text
    refused = check_body(relative, body.strip(), body_line)  # a body Markdown would convert in more than linear time
    if refused:
        problems.extend(refused)
        return None
    return SourceDoc(relative, digest, meta, body.strip() + "\n", key_lines, offset)


def _compose(fm: str) -> tuple[yaml.Node | None, Any]:
    """The front-matter's node tree and values; the last loader's YAMLError if every loader refuses it."""
    for number, loader_class in enumerate(_LOADERS, start=1):
        loader = loader_class(fm)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, None
            _check_values(node)
            return node, loader.construct_document(node)
        except (yaml.YAMLError, RecursionError):
            if number == len(_LOADERS):
                raise
        finally:
            loader.dispose()
    raise AssertionError("no YAML loader")  # pragma: no cover


_TAG_OR_ESCAPE = re.compile(r"(?:^|[\s\[{,])!|\\[uUx]", re.MULTILINE)
ALIAS_HINT = tr("write the value out in full")
TAG_HINT = tr("write the value alone: dates, numbers and true/false are read as such without a tag")
NESTED_TOO_DEEPLY = tr("the front-matter is nested too deeply")


def _check_values(root: yaml.Node) -> None:
    """Raise `_Refused` for values nested deeper than any release needs (awards -> award -> field is three),
    longer than a value can sensibly be, or holding characters that are not text; nothing is made before."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line
        if depth > MAX_NESTING:
            raise _Refused(0, NESTED_TOO_DEEPLY, ONE_FIELD_PER_LINE)
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif len(node.value) > MAX_VALUE_CHARS:
            message = tr(
                "a value of {chars} characters, more than the {limit} a field may hold",
                chars=number_text(len(node.value)),
                limit=number_text(MAX_VALUE_CHARS),
            )
            raise _Refused(line, message, tr("put long text below the front-matter, in the body of the release"))
        elif found := NOT_TEXT.search(node.value):
            code = f"U+{ord(found.group()):04X}"
            message = tr("the value holds {code}, which is not a character of text", code=code)
            raise _Refused(line, message, tr("delete the escape (\\u… or \\x…)"))


def _refused_syntax(fm: str) -> _Refused | None:
    """The first YAML alias (a few lines could expand without bound), tag (`!!int`, `!!python/...`: values are read
    as the editor wrote them, never as a tag says) or escape no character has (`"\\U00110000"`), at its line."""
    if "*" not in fm and not _TAG_OR_ESCAPE.search(fm):  # the common case: no need to scan (pure Python, slow)
        return None
    line = 0
    try:
        for token in yaml.scan(fm, Loader=_TextPreservingLoader):
            line = token.start_mark.line
            if isinstance(token, yaml.AliasToken):
                return _Refused(line, tr("the front-matter uses a YAML alias ('*name'), which the archive does not accept"), ALIAS_HINT)
            if isinstance(token, yaml.TagToken):
                return _Refused(line, tr("the front-matter uses a YAML tag ('!!...'), which the archive does not accept"), TAG_HINT)
    except yaml.YAMLError:
        return None  # composing reports the syntax error with its line
    except (ValueError, OverflowError):  # an escape such as \U00110000 names no character
        return _Refused(line, tr("a value holds an escape that names no character"), tr("delete the escape (\\u… or \\U…)"))
    return None


def _written_twice(node: yaml.Node | None, prefix: str, offset: int) -> Iterator[tuple[str, int, int]]:
    """Each key written a second time in one mapping (YAML would keep the last silently): key, first and second line."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            line = offset + key_node.start_mark.line
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in seen:
                yield f"{prefix}{key}", seen[key], line
            elif key is not None:
                seen[key] = line
            yield from _written_twice(value_node, f"{prefix}{key}.", offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _written_twice(item, f"{prefix}{index}.", offset)


def _yaml_kind(value: object) -> Text:
    return tr("list") if isinstance(value, list) else tr("single value")


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
