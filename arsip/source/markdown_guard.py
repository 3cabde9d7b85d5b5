"""Refusing Markdown bodies that Python-Markdown would convert in more than linear time.

Input: a release's path, its body as written and the file line the body starts on. Output: problems
(`path:line: error: ...` at the line where the offending paragraph starts), none for a body whose
conversion takes time proportional to its size. The scan reads each character once, with no regular
expression that could backtrack, so refusing costs no more than reading.

Python-Markdown 3.x (with `extra` and `sane_lists`, the converter of `render.templates`) rescans the
rest of a paragraph for each `[` or `(` left open, the rest of the text for each `<` that starts a
tag never closed, the rest of a paragraph at each heading or rule line written without a blank line,
and a quote or list once per level of nesting (and overflows Python's stack at a few hundred levels).
Each is harmless a few times over, quadratic when repeated: 8,000 `[` take 5.6 s, 2,000 lines each
one `>` deeper 19 s. A body is refused when a paragraph holds more of them than a release needs; the
limits below are far above what the archive's releases use, and the worst body they accept of a given
size converts in time proportional to that size (each paragraph is rescanned a bounded number of times):
about 2.5 µs a character for 10 `[` and `(` left open in each paragraph, 3 µs for text dense with links.
A problem points at the first line of its paragraph; a line nested too deep and the abbreviation over
the limit are pointed at themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import Text, tr
from ..problems import Problem, error
from .words import number_text

MAX_UNCLOSED = 10  # '[' or '(' never closed in one paragraph; each costs a rescan of the paragraph's rest
MAX_BRACKET_DEPTH = 8  # '[' inside '[': a linked image, [![photo](a.jpg)](b), is 2
MAX_OPEN_TAGS = 20  # '<' + letter with no '>' before the next '<', in the whole body (HTML is read as one text)
MAX_NESTING = 12  # levels of '>' quotes and 4-column indents (lists) a line may stand at
MAX_BREAKS = 50  # heading, rule or definition lines in one paragraph without a blank line between them
MAX_PARAGRAPH_LINES = 2000  # lines of one paragraph, list or table without a blank line (a table row is a line)
MAX_PARAGRAPH_CHARS = 20_000  # of a paragraph (inline markup is placed once per element over the whole paragraph)
MAX_LINE_CHARS = 20_000  # of any one line, a table's row included (a table is read cell by cell)
MAX_ABBREVIATIONS = 100  # `*[BPK]: ...` definitions; each is tried at every position of the text
_SPECIAL = re.compile(r"[\\\[\]()<]")  # the characters `_scan` looks at
_NUMBERED = re.compile(r"[0-9]{1,9}[.)][ \t]")
_TAG_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/!?")


@dataclass(slots=True)
class _Paragraph:
    """What one run of non-blank lines holds, counted as it is read."""

    line: int
    lines: int = 0
    open_brackets: int = 0
    open_parens: int = 0
    depth: int = 0
    breaks: int = 0
    chars: int = 0
    table: bool = False  # its second line is a table's `|---|---|`: its rows are read cell by cell


def check_body(path: str, body: str, first_line: int) -> list[Problem]:
    """The problems of a body that would convert in more than linear time; `first_line` is the file line of
    the body's first line. At most one problem of each kind is reported, at the first paragraph that has it."""
    problems: dict[str, Problem] = {}
    paragraph: _Paragraph | None = None
    tag_open = False  # a '<' that starts a tag is waiting for its '>'
    open_tags = abbreviations = 0
    last = first_line
    for number, line in enumerate(body.split("\n"), start=first_line):
        if not line.strip():
            if paragraph is not None:
                _close(path, paragraph, problems)
            paragraph = None
            continue
        if paragraph is None:
            paragraph = _Paragraph(number)
        paragraph.lines += 1
        paragraph.chars += len(line)
        paragraph.table = paragraph.table or (paragraph.lines == 2 and _is_table_rule(line))
        if len(line) > MAX_LINE_CHARS and "line" not in problems:
            problems["line"] = error(
                path,
                number,
                tr(
                    "a line of {chars} characters, more than the {limit} a line may have",
                    chars=number_text(len(line)),
                    limit=number_text(MAX_LINE_CHARS),
                ),
                tr("break the text into paragraphs, with an empty line between them"),
            )
        level, rest = _nesting(line)
        level += _list_markers(rest)
        if level > MAX_NESTING and "nesting" not in problems:
            problems["nesting"] = error(
                path,
                number,
                tr(
                    "a line nested {level} levels deep in quotes and lists, more than the {limit} a release may use",
                    level=level,
                    limit=MAX_NESTING,
                ),
                tr("use fewer '>', list marks and less indentation at the start of a line"),
            )
        paragraph.breaks += _is_break(rest)
        abbreviations += rest.startswith("*[")
        if abbreviations == MAX_ABBREVIATIONS + 1 and "abbreviations" not in problems:
            problems["abbreviations"] = error(
                path,
                number,
                tr("more than {limit} abbreviations defined with '*[...]:'", limit=MAX_ABBREVIATIONS),
                tr("define only the abbreviations the text needs"),
            )
        closed_not, tag_open = _scan(line, paragraph, tag_open)
        open_tags += closed_not
        if open_tags > MAX_OPEN_TAGS and "tags" not in problems:
            problems["tags"] = _tags_problem(path, paragraph.line)
        last = paragraph.line
    if paragraph is not None:
        _close(path, paragraph, problems)
    if open_tags + tag_open > MAX_OPEN_TAGS and "tags" not in problems:
        problems["tags"] = _tags_problem(path, last)  # the last '<' is never closed
    if problems.keys() - {"line", "chars"}:  # a body's length is said only when nothing more particular is wrong
        problems.pop("line", None)
        problems.pop("chars", None)
    return list(problems.values())


def _scan(line: str, paragraph: _Paragraph, tag_open: bool) -> tuple[int, bool]:
    """Count the brackets of one line into its paragraph; the '<' that start a tag the next '<' leaves unclosed,
    and whether a tag is still waiting for its '>' at the end of the line. Only the characters that matter are
    visited (one character class, nothing to backtrack); a backslash escapes the character after it."""
    unclosed = 0
    escaped_at = -1
    open_from = 0  # where the tag waiting for its '>' began (a tag carried from an earlier line: this line's start)
    for match in _SPECIAL.finditer(line):
        index = match.start()
        char = line[index]
        if index == escaped_at:
            continue
        if char == "\\":
            escaped_at = index + 1
        elif char == "[":
            paragraph.open_brackets += 1
            paragraph.depth = max(paragraph.depth, paragraph.open_brackets)
        elif char == "]":
            paragraph.open_brackets -= paragraph.open_brackets > 0
        elif char == "(":
            paragraph.open_parens += 1
        elif char == ")":
            paragraph.open_parens -= paragraph.open_parens > 0
        else:  # '<': the tag before it, if any, closed when a '>' stands between them (found in C, each stretch once)
            unclosed += tag_open and line.find(">", open_from, index) < 0
            tag_open = line[index + 1 : index + 2] in _TAG_START
            open_from = index + 1
    if tag_open and line.find(">", open_from) >= 0:
        tag_open = False
    return unclosed, tag_open


def _tags_problem(path: str, line: int) -> Problem:
    return error(
        path,
        line,
        tr("more than {limit} '<' that start a tag never closed with '>'", limit=MAX_OPEN_TAGS),
        tr("write &lt; for a '<' that is shown as such"),
    )


def _close(path: str, paragraph: _Paragraph, problems: dict[str, Problem]) -> None:
    """Judge a paragraph once its last line is read."""
    unclosed = paragraph.open_brackets + paragraph.open_parens
    found: tuple[str, Text, Text] | None = None
    if unclosed > MAX_UNCLOSED:
        found = (
            "unclosed",
            tr(
                "a paragraph with {unclosed} '[' or '(' never closed, more than the {limit} a paragraph may leave open",
                unclosed=unclosed,
                limit=MAX_UNCLOSED,
            ),
            tr("close each link as [text](address), or write \\[ and \\( for brackets shown as such"),
        )
    elif paragraph.depth > MAX_BRACKET_DEPTH:
        found = (
            "depth",
            tr(
                "a paragraph with '[' nested {depth} deep, more than the {limit} a paragraph may hold",
                depth=paragraph.depth,
                limit=MAX_BRACKET_DEPTH,
            ),
            tr("write each link as [text](address) without brackets inside its text, or write \\[ for a bracket shown as such"),
        )
    elif paragraph.lines > MAX_PARAGRAPH_LINES:
        found = (
            "lines",
            tr(
                "a paragraph of {lines} lines without an empty line, more than the {limit} one may have",
                lines=paragraph.lines,
                limit=MAX_PARAGRAPH_LINES,
            ),
            tr("leave an empty line between paragraphs"),
        )
    elif paragraph.chars > MAX_PARAGRAPH_CHARS and not paragraph.table and "line" not in problems:
        found = (
            "chars",
            tr(
                "a paragraph of {chars} characters, more than the {limit} one may have",
                chars=number_text(paragraph.chars),
                limit=number_text(MAX_PARAGRAPH_CHARS),
            ),
            tr("leave an empty line between paragraphs"),
        )
    elif paragraph.breaks > MAX_BREAKS:
        found = (
            "breaks",
            tr(
                "a paragraph with {breaks} heading or rule lines without an empty line between them, more than the {limit} one may have",
                breaks=paragraph.breaks,
                limit=MAX_BREAKS,
            ),
            tr("leave an empty line before and after each heading and each line of '---'"),
        )
    if found is not None and found[0] not in problems:
        problems[found[0]] = error(path, paragraph.line, found[1], found[2])


def _nesting(line: str) -> tuple[int, str]:
    """How deep a line stands (each '>' and each 4 columns of indentation after the last is a level) and what
    follows; string methods only, so a line of a million '>' costs no more than reading it."""
    rest = line.lstrip(" \t>")
    prefix = line[: len(line) - len(rest)]
    indent = prefix[prefix.rfind(">") + 1 :]
    return prefix.count(">") + len(indent.expandtabs(4)) // 4, rest


def _list_markers(text: str) -> int:
    """How many list items open on one line (`- - - x` is a list three deep); each consumes at least two characters."""
    count, at = 0, 0
    while True:
        if text.startswith(("- ", "* ", "+ ", "-\t", "*\t", "+\t"), at):
            at += 2
        elif match := _NUMBERED.match(text, at):
            at = match.end()
        else:
            return count
        count += 1
        while text.startswith((" ", "\t"), at):
            at += 1


def _is_table_rule(line: str) -> bool:
    """A table's second line: `|---|:--:|`."""
    return "-" in line and "|" in line and not line.strip(" \t|:-")


def _is_break(text: str) -> bool:
    """A heading (`# ...`), a setext underline or rule (`===`, `---`, `***`, `___`), or a definition (`: ...`)."""
    if text.startswith(("#", ": ", ":\t")):
        return True
    marks = text.replace(" ", "").replace("\t", "")
    return bool(marks) and marks[0] in "=-*_" and marks == marks[0] * len(marks)
