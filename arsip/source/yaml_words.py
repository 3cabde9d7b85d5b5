"""Broken front-matter in the editor's words: what is wrong with a line and what to write instead.

Input: the `YAMLError` PyYAML raised for a release's front-matter, the front-matter's text, the
release's path and the file line the front-matter starts on. Output: one `Problem` at the line to look
at, saying in plain words what is wrong and what to write: a field name without its colon, a tab
that indents a line, a quote never closed, a quoted value followed by more text, a second ': ' in a
value, a line indented under a field that already has its value, a list item under such a field, a
bracket never closed; anything else is a line that is not a field, with the line's number.

The parser's message only tells the cases apart (and the line, from its marks); its text never
reaches the editor, in any language.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from ..i18n import Text, tr
from ..problems import Problem, error

ONE_FIELD_PER_LINE = tr("write each field as 'key: value' on its own line")
_FIELD = re.compile(r"^(?P<indent>[ ]*)(?P<dash>-[ ]+)?(?P<key>[^\s:#\"'\[\]{}|>!&*%@`-][^:#]*?)[ ]*:(?:[ ]+(?P<value>.*?))?[ ]*$")
_BARE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)(?:[ \t]+(?P<rest>.*?))?[ \t]*$")
_COLON = re.compile(r":(?:\s|$)")
_CLOSING = {"[": "]", "{": "}"}
_RESERVED = re.compile(r"found character '([@`])' that cannot start any token")


def yaml_problem(exc: yaml.YAMLError, fm: str, relative: str, offset: int) -> Problem:
    """The problem of front-matter PyYAML refused, at its file line (`offset` is the file line of `fm`'s first line)."""
    lines = fm.split("\n")
    problem = str(getattr(exc, "problem", None) or "")
    context = str(getattr(exc, "context", None) or "")
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    last = max((number for number, text in enumerate(lines) if text.strip()), default=0)
    at = min(problem_mark.line, last) if problem_mark is not None else 0
    opened = min(context_mark.line, last) if context_mark is not None else at

    def located(line: int, message: Text, hint: Text) -> Problem:
        return error(relative, offset + line, message, hint)

    field_at = _FIELD.match(lines[at])
    field_at = field_at if field_at and field_at["value"] else None
    tab = next((number for number in range(max(at, opened) + 1) if _indent(lines[number]).count("\t")), None)
    if tab is not None or "'\\t'" in problem:
        line = at if tab is None else tab
        return located(line, tr("a tab indents this line, and front-matter is indented with spaces only"), _TAB_HINT)
    if context.startswith("while scanning a quoted scalar") and context_mark is not None:
        return _unclosed_quote(lines, opened, context_mark.column, located)
    if context.startswith("while scanning a double-quoted scalar") and "escape" in problem and field_at is not None:
        return located(
            at,
            tr("a backslash in double quotes starts an escape such as \\n, and this one is not"),
            tr("put the value in single quotes: {example}", example=_quoted(field_at["key"], field_at["value"])),
        )
    if (reserved := _RESERVED.search(problem)) and field_at is not None:
        return located(
            at,
            tr("a value cannot start with '{character}'", character=reserved[1]),
            tr("put the value in quotes: {example}", example=_quoted(field_at["key"], field_at["value"])),
        )
    if context.startswith("while parsing a flow") and context_mark is not None:
        bracket = lines[opened][context_mark.column : context_mark.column + 1]
        closing = _CLOSING.get(bracket, "]")
        return located(
            opened,
            tr("the '{bracket}' opened on this line is never closed", bracket=bracket or "["),
            tr("close it with '{closing}' on the same line, or write the value without brackets", closing=closing),
        )
    bare = opened if context.startswith("while scanning a simple key") else None
    if bare is None:
        bare = next((number for number in range(at + 1) if _is_bare(lines[number], number == opened)), None)
    if bare is not None and (match := _BARE.match(lines[bare].strip())):
        example = f"{match['key']}: {match['rest'] or '...'}"
        return located(
            bare,
            tr("no colon after the field name '{key}'", key=match["key"]),
            tr("write a colon and a space after the name: {example}", example=example),
        )
    field = _FIELD.match(lines[at])
    if "mapping values are not allowed" in problem and field and field["value"] and _COLON.search(field["value"]):
        return located(
            at,
            tr("the value of '{key}' holds ': ', which front-matter reads as the start of another field", key=field["key"]),
            tr("put the value in quotes: {example}", example=_quoted(field["key"], field["value"])),
        )
    above = _field_above(lines, at)
    if "mapping values are not allowed" in problem and above is not None and field and len(_indent(lines[at])) > above[0]:
        return located(
            at,
            tr("this line is indented under '{key}', which already has its value", key=above[1]),
            tr("start the line where '{key}' starts: {example}", key=above[1], example=lines[at].strip()),
        )
    if problem.endswith("found '-'") and lines[at].strip().startswith("-") and above is not None:
        return located(
            at,
            tr("a list item under '{key}', which already has its value", key=above[1]),
            tr("a field holds one value: keep {example} and delete the list item", example=above[1] + ": " + above[2]),
        )
    if problem.endswith("found '<scalar>'") and field and field["value"] and field["value"][:1] in "\"'":
        return located(
            at,
            tr("the quoted value of '{key}' ends before the line does", key=field["key"]),
            tr("put the whole value in quotes of the other kind: {example}", example=_quoted(field["key"], field["value"])),
        )
    return located(at, tr("this line cannot be read as a front-matter field"), ONE_FIELD_PER_LINE)


_TAB_HINT = tr("replace the tab at the start of the line with spaces")


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _is_bare(line: str, at_error: bool) -> bool:
    """A line of words with no colon, where a field was expected: at the first column, or the line the parser stopped at."""
    text = line.strip()
    if not text or text.startswith(("#", "-", '"', "'", "[", "{")) or _COLON.search(text):
        return False
    return (not _indent(line) or at_error) and _BARE.match(text) is not None


def _field_above(lines: list[str], at: int) -> tuple[int, str, str] | None:
    """The indentation, key and value of the nearest field above line `at` written with its value on its line."""
    for number in range(at - 1, -1, -1):
        text = lines[number]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        match = _FIELD.match(text)
        if match and match["value"]:
            return len(match["indent"]) + len(match["dash"] or ""), match["key"], match["value"]
        return None
    return None


def _quoted(key: str, value: str) -> str:
    """`key: "value"`, or `key: 'value'` (inner single quotes doubled) when the value holds double quotes."""
    if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]  # quoted as a whole: a quote of the same kind inside is the problem, not the outer ones
    if '"' not in value and "\\" not in value:
        return f'{key}: "{value}"'
    return f"{key}: '{value.replace(chr(39), chr(39) * 2)}'"


def _unclosed_quote(lines: list[str], opened: int, column: int, located: Callable[[int, Text, Text], Problem]) -> Problem:
    line = lines[opened]
    quote = line[column : column + 1] if line[column : column + 1] in "\"'" else '"'
    example = line.strip() + quote
    return located(
        opened,
        tr("the quote opened on this line is never closed"),
        tr("end the value with the same quote: {example}", example=example),
    )
