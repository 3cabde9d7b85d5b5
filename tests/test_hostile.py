"""Hostile input (issue 13): whatever an editor or an attacker writes, the build ends in a site or in messages.

Hypothesis writes hostile variations of the four things a project is made of, and runs the real
command line (`build.py`, a subprocess) on each:

- front-matter: raw YAML lines, not values dumped by a library: whole numbers of thousands of digits,
  1e309, .nan, dates out of range, lone surrogates and control characters written as escapes
  ("\\ud800"), deep nesting, long strings, tags (`!!python/object`), anchors and aliases, duplicate
  keys, tabs, a BOM, CRLF or CR line endings, odd booleans, odd keys;
- bodies: raw HTML and scripts, brackets and markers nested deep, control characters and NUL, very
  long lines, bytes that are not UTF-8;
- file names: Unicode, spaces, leading dots and dashes, `..`, names of 255 bytes, names that differ
  only in case, folders named `x.md`, deep folders, control characters, names that are not UTF-8;
- configuration: `site_config.toml` (base_url with quotes, newlines or `javascript:`, a title with
  control characters, odd permalinks, an odd rubric, BOM and CRLF) and `content/institutions.toml`.

Every example starts from a copy of a small good site built once (the session's template), changes
one to three things and builds. The build must:

- end with status 0 or 1 (never 70, a bug; never a hang), print no traceback;
- on 1: leave output/ exactly as it was (bytes and timestamps), and print on stderr only lines
  `path:line: error: message`, `path: error: message` (or `warning`), then the summary line
  `N errors, M warnings in K files`; at least one line is an error;
- on 0: print only warning lines on stderr, and leave a site whose XML files (feeds, sitemap, SVG)
  parse, whose HTML pages are UTF-8 and whose JSON files are strict JSON (no NaN, no Infinity);
- when every change of the example is one the documentation calls valid (a BOM, CRLF, an unknown
  field, a file name with spaces and non-ASCII letters, raw HTML in a body, ...), end with status 0:
  a fuzz test never accepts a refusal of an input its own generator calls valid.

A failure is raised as an exception class named after its kind (`exit 70: ValueError in
arsip/x.py:function`, `invalid XML in feed.xml`, ...), so that Hypothesis reports and shrinks each
distinct bug separately instead of folding them into one.

`make test` runs DEFAULT_EXAMPLES examples (about a minute; ARSIP_HOSTILE_EXAMPLES=N changes it);
`pytest -m long tests/test_hostile.py` runs LONG_EXAMPLES. Both are derandomized (the same examples
on every machine) and keep no example database.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, reject, settings
from hypothesis import strategies as st
from sitetools import REPO, copy_project, run_build, tree_state

DEFAULT_EXAMPLES = int(os.environ.get("ARSIP_HOSTILE_EXAMPLES", "40"))
LONG_EXAMPLES = int(os.environ.get("ARSIP_HOSTILE_LONG_EXAMPLES", "1000"))
HOSTILE = settings(
    max_examples=DEFAULT_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

GOOD = "---\ntitle: Rilis Baik\ndate: 2024-12-03\ninstitution: Pemkot Jambi\nscore: 93,68\n---\n\nIsi rilis.\n"
UNIQUE = "@@N@@"  # replaced, in file names and contents, by the number of the change (titles and slugs stay distinct)
MEGABYTE = 1024 * 1024


# ---------------------------------------------------------------------------------------------------
# One change to the project


@dataclass(frozen=True)
class Change:
    """One hostile change: files written under content/, folders made there, and edits of the configuration."""

    what: str
    files: tuple[tuple[str, bytes], ...] = ()  # content-relative path (may hold folders) -> bytes
    folders: tuple[str, ...] = ()  # content-relative folders to create
    config: tuple[tuple[str, str, str], ...] = ()  # (operation, key, TOML text) applied to site_config.toml
    registry: str = ""  # TOML appended to content/institutions.toml
    valid: bool = False  # the documentation says this input builds (status 0)

    def __repr__(self) -> str:
        parts = [repr(self.what)]
        parts += [f"{_short(name)}: {_short(data)}" for name, data in self.files]
        parts += [f"folder {_short(name)}" for name in self.folders]
        parts += [f"{op} {key} = {_short(text)}" for op, key, text in self.config]
        if self.registry:
            parts.append(f"registry += {_short(self.registry)}")
        return f"Change({', '.join(parts)}{', valid' if self.valid else ''})"

    def _repr_pretty_(self, printer: object, cycle: bool) -> None:  # Hypothesis prints examples with this
        printer.text(repr(self))  # type: ignore[attr-defined]

    def apply(self, root: Path, number: int) -> None:
        content = root / "content"
        for folder in self.folders:
            (content / folder.replace(UNIQUE, str(number))).mkdir(parents=True, exist_ok=True)
        for name, data in self.files:
            path = content / name.replace(UNIQUE, str(number))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data.replace(UNIQUE.encode(), str(number).encode()))
        if self.config:
            path = root / "site_config.toml"
            text = path.read_bytes().decode("utf-8")
            for operation in self.config:
                text = edit_config(text, *operation)
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
        if self.registry:
            with (content / "institutions.toml").open("ab") as stream:
                stream.write(("\n" + self.registry.replace(UNIQUE, str(number))).encode("utf-8", "surrogatepass"))


def _short(value: str | bytes, limit: int = 160) -> str:
    shown = repr(value)
    return shown if len(shown) <= limit else f"{shown[:limit]}...<{len(value)} in all>"


def edit_config(text: str, operation: str, key: str, value: str) -> str:
    """`set`: the line `key = ...` (top level or [permalinks]) becomes `key = value`, or is added; `raw`: lines
    added at the end (a new [[rubric]], say); `top`: lines added at the top; `bom`, `crlf`, `cr`: the whole file."""
    if operation == "set":
        line = re.compile(rf"^{re.escape(key)} = .*$", re.MULTILINE)
        if line.search(text):
            return line.sub(lambda _: f"{key} = {value}", text, count=1)
        if key in PERMALINK_KEYS or key.startswith("x"):
            return text.replace("[permalinks]\n", f"[permalinks]\n{key} = {value}\n", 1)
        return f"{key} = {value}\n{text}"
    if operation == "scale":  # the first rubric period's scale
        return text.replace("scale = 100", f"scale = {value}", 1)
    if operation == "bands":  # the first rubric period's bands
        return re.sub(r"^bands = \[\n(?:.*\n)*?\]$", lambda _: f"bands = {value}", text, count=1, flags=re.MULTILINE)
    if operation == "raw":
        return text + "\n" + value + "\n"
    if operation == "top":
        return value + "\n" + text
    if operation == "bom":
        return "\ufeff" + text
    if operation == "crlf":
        return text.replace("\n", "\r\n")
    if operation == "cr":
        return text.replace("\n", "\r")
    raise ValueError(operation)


def toml_str(text: str) -> str:
    """A TOML basic string holding `text`; control characters and lone surrogates written as \\u escapes
    (TOML refuses the latter: the build must say so, not crash)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar holding `text` (control characters and lone surrogates as escapes)."""
    return toml_str(text)


# ---------------------------------------------------------------------------------------------------
# Front-matter

KNOWN_KEYS = (
    "title", "date", "institution", "year", "score", "zone", "category", "rank", "source",
    "summary", "tags", "image", "image_caption", "draft", "slug", "awards",
)  # fmt: skip
ODD_KEYS = (
    "scroe", "Title", "TITLE", "title ", "tītle", "", "''", '""', '"\\ud800"', '"\\x00"', '"a\\nb"', '"\\u202etitle"',
    "1", "-1", "~", "null", "true", "yes", "2024-12-03", "1e309", "<<", "awards.0.score", "__proto__", "{{ x }}",
    "'key: with colon'", "a" * 300, "[a, b]", "{a: b}", "!!python/name:os.system", "&k key", "*k", "? complex",
)  # fmt: skip
HUGE_INTS = (
    *("9" * n for n in (17, 18, 19, 20, 64, 309, 400, 4300, 4301, 4999, 5001)),
    "-" + "9" * 19, "+" + "1" * 30, "0" * 40, "00", "-0", "+0", "1" + "0" * 4300,
)  # fmt: skip
FLOATS = (
    "1e309", "-1e309", "1e-400", "1.7976931348623157e308", "4.9e-324", ".nan", ".NaN", ".NAN", ".inf", "-.inf", "+.Inf",
    "1_000.5", "93,68", "93.680000000000000000000001", "9" * 400 + ".5", "0." + "0" * 400 + "1", "1e", "e1", "0x1F",
    "0o17", "0b101", "1:30", "1_000", "075", "-0.0", "NaN", "Infinity", "١٢٣", "²", "93٫68", "１００",
)  # fmt: skip
DATES = (
    "0000-01-01", "0001-01-01", "1999-12-31", "2000-01-01", "9999-12-31", "10000-01-01", "2024-02-29", "2023-02-29",
    "2024-02-30", "2024-13-01", "2024-00-10", "2024-1-1", "-2024-01-01", "+2024-01-01", "2024-12-03T10:00:00Z",
    "2024-12-03 25:61:61", "2024-12-03T10:00:00+99:00", "2024-12-03t10:00:00.1234567890123Z", "2024-W49", "2024-338",
    "2024-12-03 ", "2024-12-03\t", "'2024-12-03'", "!!timestamp 2024-12-03", "!!timestamp 10000-01-01",
    "!!timestamp 2024-02-30", "[2024, 12, 3]", "{y: 2024}", "9" * 30 + "-12-03", "2024-12-" + "0" * 30 + "3",
)  # fmt: skip
ESCAPES = (
    '"\\ud800"', '"\\udfff\\ud800"', '"a\\ud83d"', '"\\x00"', '"\\0"', '"\\e[31mmerah\\e[0m"', '"\\a\\b\\v\\f"',
    '"\\N\\_\\L\\P"', '"\\uFFFE"', '"\\uFFFF"', '"\\U0010FFFF"', '"\\U00110000"', '"\\UFFFFFFFF"', '"\\u202egnp.exe"',
    '"a\\tb"', '"\\r\\n"', '"\\x7f\\x85\\x9f"', '"\\xff"', '"\\u0000title"', '"\\u200b"', '"\\u2028\\u2029"',
    '"unclosed', "'unclosed", '"\\q"', '"\\u12"',
)  # fmt: skip
RAW_CONTROL = tuple(
    f"a{char}b"
    for char in ("\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufeff", "\ufffe", "\v", "\f", "\r")
)
TAGS = (
    "!!python/object/apply:os.system ['echo dimiliki']", "!!python/object/apply:subprocess.Popen [[id]]",
    "!!python/name:os.system", "!!python/object:__main__.X {}", "!!python/tuple [1, 2]", "!!python/bytes aGk=",
    "!!binary aGVsbG8=", "!!binary '!!!'", "!!set {a, b}", "!!omap [a: 1, b: 2]", "!!pairs [a: 1]", "!!float 1e309",
    "!!float .nan", "!!int " + "9" * 5000, "!!int 0x1F", "!!int abc", "!!str 2024-12-03", "!!bool yes", "!!bool maybe",
    "!!null ''", "!!map {a: 1}", "!!seq [a]", "!custom x", "!<tag:example.org,2024:x> y", "!!merge <<",
    "!!str", "!", "!!value =",
)  # fmt: skip
ANCHORS = ("&a x", "*a", "&a [1, 2]", "*nope", "&a &b x", "&a [*a]", "[&a x, *a, *a]", "{<<: {a: 1}}", "&" + "a" * 1000 + " x")
BOOLEANS = (
    "yes", "no", "on", "off", "y", "n", "Y", "N", "True", "TRUE", "tRUE", "ya", "tidak", "'true'", '"false"', "1", "0",
    "~", "null", "Null", "NULL", "", "''", "[]", "{}", "-", "?",
)  # fmt: skip
FLOWS = (
    "{", "[", "]", "}", "{a: 1, a: 2}", "[a, [b, {c: d}]]", "? x", "- a", "|", ">", "|-\n  x", ">+\n  x\n\n",
    "|2+\n   x", "|0\n x", "|\n\tx", "@x", "`x", "%YAML 1.1", "#comment", "x #c", "x: y", "a\tb", "\ta", "x\n  y: z",
    "\n  - a\n  - b", "\n  a: 1\n  b:\n    - c", "\n- a", "\n\t- a", "[a, b", "{a: [b}", "'it''s'", "'a\n\n  b'",
    '"a\\\n  b"', "...", "---", "--- x", "x ---", "- - - x", ": x", "? : x", "a: b: c", "{a: 1}: b",
)  # fmt: skip


SLUGS = (
    "a" * 200, "a" * 255, "a" * 300, "-".join(["abcdefgh"] * 40), "a-", "-a", "a--b", "A", "é", "a b", "a/b", "../x", "con",
    "index.html", "feed.xml", "0", "9" * 30, "", " ", "rilis-baik", "2024-12-03-rilis-baik",
)  # fmt: skip


def nested(depth: int, style: str) -> str:
    if style == "list":
        return "[" * depth + "a" + "]" * depth
    if style == "map":
        return "{a: " * depth + "1" + "}" * depth
    if style == "block":
        return "\n" + "".join("  " * (level + 1) + "a:\n" for level in range(depth)) + "  " * (depth + 1) + "b"
    return "\n" + "".join("  " * (level + 1) + "-\n" for level in range(depth)) + "  " * (depth + 1) + "x"


NESTED = st.builds(nested, st.sampled_from([2, 19, 20, 21, 50, 200, 1000, 5000]), st.sampled_from(["list", "map", "block", "dash"]))
HEAVY_LONG = 300000  # characters: only in the long run (each such example takes seconds)


def long_values(heavy: bool) -> st.SearchStrategy[str]:
    return st.builds(
        lambda char, size: char * size,
        st.sampled_from(["a", "é", "\U0001f600", " ", "'", "\\", "<", "&", "[", "#", "-", ":"]),
        st.sampled_from([1000, 4999, 5000, 5001, 20000, *([HEAVY_LONG] if heavy else [])]),
    )


UNICODE_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30).map(yaml_str)


def yaml_values(heavy: bool) -> st.SearchStrategy[str]:
    return st.one_of(
        *(st.sampled_from(group) for group in (HUGE_INTS, FLOATS, DATES, ESCAPES, RAW_CONTROL, TAGS, ANCHORS, BOOLEANS, FLOWS)),
        st.sampled_from(URLS).map(yaml_str),
        st.sampled_from(SLUGS).map(yaml_str),
        NESTED,
        long_values(heavy),
        long_values(heavy).map(yaml_str),
        UNICODE_TEXT,
        st.integers().map(str),
        st.floats().map(repr),
    )


VALID_LINES = (  # what the documentation says is understood (or only warned about)
    ("draft", "true"), ("draft", "false"), ("draft", "ya"), ("draft", "tidak"), ("draft", "yes"), ("draft", "no"),
    ("scroe", "90"), ("score", "93,68"), ("score", "93.68"), ("zone", "hijau"), ("rank", "Peringkat 1"),
    ("summary", "'<script>alert(1)</script> & <b>ringkasan</b>'"), ("tags", "[zona hijau, jambi]"),
    ("summary", "Ringkasan {{ 7*7 }} {% raw %}"), ("category", "Kualitas Tertinggi"), ("source", "https://example.org/rilis"),
    ("rank", "'\"><img src=x onerror=alert(1)>'"), ("image", "foto.png"), ("image_caption", "Foto <i>x</i>"),
)  # fmt: skip
STRUCTURES = (
    "bom", "crlf", "cr", "bom-crlf", "tab-indent", "no-close", "toml-fence", "yaml-doc-end", "two-fences", "space-fence",
    "long-fence", "duplicate-title", "comment-only", "body-first", "no-body", "nul-front", "fence-bom-inside",
)  # fmt: skip


def _front_line(key: str, value: str) -> str:
    if key == "? complex":
        return f"? [a, b]\n: {value}"
    return f"{key}: {value}"


@st.composite
def front_matter_changes(draw: st.DrawFn, heavy: bool) -> Change:
    fields = {"title": f"Rilis Depan {UNIQUE}", "date": "2024-11-20", "institution": "Pemkot Jambi"}
    extra: list[str] = []
    valid = draw(st.integers(0, 3)) == 0
    if valid:
        for key, value in draw(st.lists(st.sampled_from(VALID_LINES), min_size=1, max_size=3, unique_by=lambda kv: kv[0])):
            fields[key] = value
        structure = draw(st.sampled_from(["none", "bom", "crlf", "bom-crlf"]))
    else:
        for _ in range(draw(st.integers(1, 3))):
            key = draw(st.sampled_from(KNOWN_KEYS) | st.sampled_from(ODD_KEYS))
            value = draw(yaml_values(heavy))
            if key in fields and draw(st.booleans()):
                fields[key] = value  # replaced
            else:
                extra.append(_front_line(key, value))  # added (a known key then written twice)
        structure = draw(st.sampled_from(["none", "none", "none", *STRUCTURES]))
    lines = [_front_line(key, value) for key, value in fields.items()] + extra
    text = "---\n" + "\n".join(lines) + "\n---\n\nIsi rilis.\n"
    text = restructure(text, structure)
    return Change(f"front-matter ({structure})", files=((f"depan-{UNIQUE}.md", text.encode("utf-8", "surrogatepass")),), valid=valid)


def restructure(text: str, structure: str) -> str:
    head, _, body = text[4:].partition("\n---\n")
    if structure == "bom":
        return "\ufeff" + text
    if structure == "crlf":
        return text.replace("\n", "\r\n")
    if structure == "cr":
        return text.replace("\n", "\r")
    if structure == "bom-crlf":
        return "\ufeff" + text.replace("\n", "\r\n")
    if structure == "tab-indent":
        return f"---\n{head}\nawards:\n\t- institution: Pemkot Jambi\n\t  score: 90\n---\n{body}"
    if structure == "no-close":
        return f"---\n{head}\n{body}"
    if structure == "toml-fence":
        return f"+++\n{head}\n+++\n{body}"
    if structure == "yaml-doc-end":
        return f"---\n{head}\n...\n{body}"
    if structure == "two-fences":
        return f"---\n{head}\n---\n---\n{head}\n---\n{body}"
    if structure == "space-fence":
        return f"---   \n{head}\n---\t\n{body}"
    if structure == "long-fence":
        return f"-----\n{head}\n--------\n{body}"
    if structure == "duplicate-title":
        return f"---\n{head}\ntitle: Judul Kedua\n---\n{body}"
    if structure == "comment-only":
        return f"---\n# {head.replace(chr(10), chr(10) + '# ')}\n---\n{body}"
    if structure == "body-first":
        return f"{body}\n---\n{head}\n---\n"
    if structure == "no-body":
        return f"---\n{head}\n---"
    if structure == "nul-front":
        return f"---\n{head}\nsummary: a\x00b\n---\n{body}"
    if structure == "fence-bom-inside":
        return f"---\n\ufeff{head}\n---\n{body}"
    return text


# ---------------------------------------------------------------------------------------------------
# Bodies

BODY_VALID = (
    "# Judul", "## Sub *judul*", "- satu\n- dua\n  - tiga", "1. a\n2. b", "| a | b |\n|---|---|\n| 1 | 2 |", "> kutipan",
    "```\nkode <script>alert(1)</script>\n```", "[tautan](https://example.org)", "[jahat](javascript:alert(1))",
    "[jahat2](JaVaScRiPt:alert(1))", "[jahat3](jav&#x09;ascript:alert(1))", "![gambar](foto.png)",
    "![luar](../../../etc/passwd)", "![data](data:image/png;base64,AAAA)", "<script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</script>", '<img src=x onerror="alert(1)">', "<svg onload=alert(1)>",
    "<iframe src=//example.org></iframe>", "<div><p>tidak ditutup", "</div></table></body></html>",
    '<a href="javascript:alert(1)">x</a>', "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>body{display:none}</style>", "<form action=//evil><input name=x></form>", "<base href=//evil/>",
    '<meta http-equiv="refresh" content="0;url=//evil">', "<object data=x></object>", "<!-- komentar -->", "<!--",
    "-->", "<![CDATA[x]]>", "]]>", "<?xml version='1.0'?>", "<?php echo 1; ?>", "<!DOCTYPE html>", "&amp; &lt; &nbsp;",
    "&#0; &#1; &#27; &#xD800; &#x110000; &#xFFFE; &#65535; &#99999999999;", "&unknown; &", "{{ site.title }}",
    "{% include 'base.html' %}", "{# x #}", "%s%n%x", "\\", "*" * 200, "[x]: javascript:alert(1)\n[y][x]",
    "<javascript:alert(1)>", "<http://a.b/>", "[[[[a]]]]", "[a](<b>)", "[a](b 'c')", "***", "---", "___",
    "<https://example.org/\u202e>", "\u202egnp.exe", "\u200b\u200d\u2060", "ｒｉｌｉｓ", "e\u0301" * 50,
    "\U0001f600" * 100, "ﷺ" * 50, "a\u0308" * 500, "Ω" * 1000,
)  # fmt: skip
BODY_STRESS = (  # valid Markdown, but a release may be refused for it (too long a paragraph, nested too deep, ...)
    "a" * 100000, "word " * 20000, "a\n" * 20000, "|" * 1000, "<" * 1000, ">" * 50 + " dalam", "[" * 200 + "a" + "]" * 200,
    "`" * 100, "#" * 100, "_" * 500, "<div>" * 500, "</div>" * 500, "- " * 500 + "x", "* " * 500 + "x", "1. " * 500 + "x",
    "> - " * 300 + "x", "[a](b) " * 3000, "<b>x</b>" * 3000, "*a* " * 3000, "`a` " * 3000, "<a href=x>" * 100,
    "# x\n" * 100, "---\n" * 100, ": x\n" * 100, "*[A]: b\n" * 200, "[^1]\n\n[^1]: x\n" * 100,
)  # fmt: skip
BODY_CONTROL = (
    *(chr(code) for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9F]),
    "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\U000e0001", "\U0010ffff", "\r", "\r\r\n",
)  # fmt: skip
BODY_BYTES = (b"\xff\xfe", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\x80", b"\xe2\x82", b"\x00" * 100)


def deep_body(depth: int, style: str) -> str:
    if style == "quote":
        return ">" * depth + " dalam"
    if style == "list":
        return "\n".join("    " * level + "- x" for level in range(depth))
    if style == "emphasis":
        return "*" * depth + "a" + "*" * depth
    if style == "link":
        return "[" * depth + "a" + "](b)" * depth
    if style == "image":
        return "![" * depth + "a" + "](b)" * depth
    if style == "html":
        return "<div>" * depth + "x" + "</div>" * depth
    if style == "code":
        return "`" * depth + "x" + "`" * (depth - 1)
    return "<" * depth + "a" + ">" * depth


def deep_bodies(heavy: bool) -> st.SearchStrategy[str]:
    return st.builds(
        deep_body,
        st.sampled_from([100, 500, 1000, *([3000, 10000] if heavy else [])]),
        st.sampled_from(["quote", "list", "emphasis", "link", "image", "html", "code", "angle"]),
    )


@st.composite
def body_changes(draw: st.DrawFn, heavy: bool) -> Change:
    kind = draw(st.sampled_from(["valid", "valid", "stress", "control", "deep", "bytes", "huge", "text"]))
    head = f"---\ntitle: Rilis Badan {UNIQUE}\ndate: 2024-11-21\ninstitution: Pemkot Jambi\n---\n\n".encode()
    if kind == "valid":
        parts = draw(st.lists(st.sampled_from(BODY_VALID), min_size=1, max_size=4))
        body = "\n\n".join(parts).encode()
    elif kind == "stress":
        parts = draw(st.lists(st.sampled_from(BODY_STRESS) | st.sampled_from(BODY_VALID), min_size=1, max_size=3))
        body = draw(st.sampled_from(["\n\n", "\n", ""])).join(parts).encode()
    elif kind == "control":
        parts = draw(st.lists(st.sampled_from(BODY_VALID) | st.sampled_from(BODY_CONTROL), min_size=1, max_size=5))
        body = "".join(parts).encode()
    elif kind == "deep":
        body = draw(deep_bodies(heavy)).encode()
    elif kind == "bytes":
        body = b"Isi " + draw(st.sampled_from(BODY_BYTES)) + b" rilis."
    elif kind == "huge":  # 2 MB is the limit of a release; large bodies below it only in the long run
        size = draw(st.sampled_from([100_000, 2 * MEGABYTE + 1, *([MEGABYTE, 2 * MEGABYTE - 200] if heavy else [])]))
        line = draw(st.sampled_from(["a", "ab ", "kata panjang sekali\n", "<b>x</b>"]))
        body = (line * (size // len(line) + 1))[: size - len(head)].encode()
    else:
        body = draw(st.text(st.characters(exclude_categories=("Cs",)), max_size=200)).encode()
    return Change(f"body ({kind})", files=((f"badan-{UNIQUE}.md", head + body + b"\n"),), valid=kind == "valid")


# ---------------------------------------------------------------------------------------------------
# File names


def release_text(title: str) -> bytes:
    return f"---\ntitle: {yaml_str(title)}\ndate: 2024-11-22\ninstitution: Pemkot Jambi\n---\n\nIsi.\n".encode()


ODD_NAMES = (
    ".md", "..md", "...md", ".x.md", "-rf.md", "--help.md", "-.md", "—.md", " .md", " awal.md", "akhir .md", "a  b.md",
    "x.md ", "tab\tnama.md", "a\nb.md", "a\rb.md", "\x1b[31mmerah.md", "a\x7fb.md", "a:1: error: palsu.md",
    "a: warning: palsu.md", "a\\b.md", "a*b?.md", "a|b.md", '"kutip".md', "'.md", "<x>.md", "%2e%2e.md", "%00.md",
    "#frag.md", "~$kunci.md", "a.md~", "con.md", "NUL.md", "index.md", "404.md", "x.md.md", "x.markdown", "x.MD",
    "x.Md", "X.mD", "\u202egnp.md", "\u200d.md", "\ufeff.md", "e\u0301.md", "\u00e9.md", "日本語.md", "\U0001f600.md",
    "ｒｉｌｉｓ.md", "Ω" * 126 + ".md", "a" * 251 + ".md", "é" * 125 + ".md", "\U0001f600" * 63 + ".md",
    "..a/x.md", ".../x.md", "-/x.md", ".hidden/x.md", "a/b/c/d/e/f/g/h/i/j/x.md", "x.md/y.md", "x.md/x.md/x.md",
    os.fsdecode(b"caf\xe9.md"), os.fsdecode(b"\xed\xa0\x80.md"), os.fsdecode(b"\xff.md"), "static/x.md", "output/x.md",
    "templates/x.md", "pagefind/x.md", ".arsip-cache/x.md", "institutions.toml.md", "foto.png.md",
)  # fmt: skip
VALID_NAME = st.text(
    st.characters(categories=("Lu", "Ll", "Lo", "Nd"), exclude_characters="\u0130\u0131") | st.sampled_from(" -_"), min_size=1, max_size=40
).filter(lambda name: name[0] not in ".#~-" and name == name.strip() and len((name + ".md").encode()) <= 255)


@st.composite
def name_changes(draw: st.DrawFn) -> Change:
    kind = draw(st.sampled_from(["valid", "odd", "odd", "case", "md-folder", "deep"]))
    if kind == "valid":
        name = draw(VALID_NAME) + ".md"
        return Change("file name (valid)", files=((name, release_text(f"Rilis Nama {UNIQUE}")),), valid=True)
    if kind == "odd":
        name = draw(st.sampled_from(ODD_NAMES))
        return Change("file name (odd)", files=((name, release_text(f"Rilis Nama {UNIQUE}")),))
    if kind == "case":
        base = draw(st.sampled_from(["rilis", "Rilis Ünïcödé", "straße", "ǅemal", "ΣΊΣΥΦΟΣ", "i\u0307stanbul"]))
        names = [base.lower(), base.upper(), base.title(), base.casefold()]
        files = tuple((f"{name}.md", release_text(f"Rilis Huruf {UNIQUE} {number}")) for number, name in enumerate(names))
        return Change("file names that differ in case", files=files)
    if kind == "md-folder":
        folder = draw(st.sampled_from(["x.md", "rilis.md", ".md", "a.md.md", "X.MD"]))
        inside = draw(st.sampled_from(["", "y.md", "z.txt", "sub.md/w.md"]))
        files = ((f"{folder}/{inside}", release_text(f"Rilis Folder {UNIQUE}")),) if inside else ()
        return Change("folder named .md", files=files, folders=(folder,))
    depth = draw(st.sampled_from([20, 60, 15]))
    part = draw(st.sampled_from(["a", "é" * 100, "x" * 200, ".", "-"]))
    part = "dot." if part == "." else part
    folders = "/".join([part] * depth)
    if len(folders.encode()) > 3500:  # under PATH_MAX with the temporary folder's path
        folders = "/".join([part] * (3500 // len((part + "/").encode())))
    return Change("deep folders", files=((f"{folders}/x.md", release_text(f"Rilis Dalam {UNIQUE}")),))


# ---------------------------------------------------------------------------------------------------
# Configuration

PERMALINK_KEYS = (
    "release", "timeline", "timeline_year", "institutions", "institution", "years", "year", "zones", "zone",
    "provinces", "province", "search",
)  # fmt: skip
HOSTILE_TEXT = (
    "", " ", "\x00", "\x01\x02", "\x1b[31mmerah\x1b[0m", "\x07", "\x08", "\x7f", "\x85", "\u2028", "\u2029", "\ufffe",
    "\uffff", "\ud800", "\U0010ffff", "\u202eArsip", "a\nb", "a\rb", "a\tb", "</title><script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>", "]]>", "<![CDATA[", "&", "&amp;", "&#0;", "<", "{{ 7*7 }}", "{% raw %}", "%s",
    "'", '"', "\\", "a" * 10000, "Ω" * 3000, "\U0001f600" * 500, "=1+1", "@SUM(A1)",
)  # fmt: skip
VALID_TITLES = st.text(st.characters(categories=("L", "N", "Zs", "P", "S")), min_size=1, max_size=60).filter(str.strip)
BASE_URLS = (
    'https://example.org/"><script>alert(1)</script>/', "https://example.org/\n", "https://example.org/\r\nX-Header: 1",
    "javascript:alert(1)", "javascript://example.org/%0aalert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "",
    "/", "//evil.example/", "https://example.org", "https://example.org/sub path/", "https://user:pw@example.org/",
    "HTTPS://EXAMPLE.ORG/", "https://例え.jp/", "https://xn--r8jz45g.jp/", "file:///etc/passwd", " https://example.org/ ",
    "https://example.org/?a=1&b=<2>#f", "https://[::1]/", "https://[::1/", "https://example.org:99999/",
    "https://example.org:-1/", "https://example.org/%zz/", "https://example.org/\x00/", "https://example.org/{slug}/",
    "https://example.org/../", "http://", "https:///x/", "https://exa mple.org/", "https://example.org/'onmouseover='x'/",
    "data:text/html,<script>alert(1)</script>", "https://example.org/" + "a" * 5000 + "/", "https://example.org/\u202e/",
    "https://example.org/\ud800/", "https://example.org/]]>/", "https://example.org/&amp;/", "ftp://example.org/",
    "https://example.org/#", "https://example.org/?", "https:example.org", "https://\u0000/",
)  # fmt: skip
URLS = (*BASE_URLS, "https://a]b/", "https://[::1", "http://[x]/", "https://a.b:99999/", "https://a.b:-1/", "https://a.b:x/")
VALID_BASE_URLS = ("https://example.org/", "https://example.org/arsip/", "http://localhost:8000/", "https://arsip.example.org/a/b/")
LANGUAGES = ("", "xx", "../../etc", "id\n", "EN", "zh-Hant-TW", "en_US", "i-klingon", "<script>", "id\x00", "ID", "id ", "a" * 500)
PERMALINKS = (
    "/", "", "rilis/{slug}", "/{slug}", "/rilis/{slug}/{slug}/", "/{year}/", "/rilis/", "/rilis/{slug}.html/",
    "/rilis/{slug}/index.html", "/../x/", "/./x/", "//x/", "/x\\y/", "/%2e%2e/{slug}/", "/rilis/{nope}/", "/rilis/{slug/",
    "/rilis/{{slug}}/", "/" + "a" * 300 + "/{slug}/", "/ä/{slug}/", "/CON/{slug}/", "/feed.xml/", "/static/{slug}/",
    "/static/", "/data/", "/data/{slug}/", "/cari/", "/pagefind/", "/pagefind/{slug}/", "/sitemap.xml/", "/robots.txt/",
    "/.git/{slug}/", "/.arsip-cache/{slug}/", "/404.html/", "/rilis/{slug}/feed.xml/", "/{slug}/{year}/", "/ /{slug}/",
    "/rilis\n/{slug}/", "/rilis/{slug}/\x00/", "/{zone}/", "/{slug}/", "/zona/{zone}/", "/instansi/{slug}/", "/linimasa/",
    "/" + "x/" * 200, "/a.b/{slug}/", "/-/{slug}/", "/_/{slug}/", "/A/{slug}/", "/a/", "/{year}{slug}/", "/{slug}{slug}/",
)  # fmt: skip


def rubric(label: str, first: str, last: str | None, scale: str, bands: str, extra: str = "") -> str:
    """A [[rubric]] table written as TOML, values as given (they may be wrong on purpose)."""
    lines = ["[[rubric]]", f"label = {label}", f"first_year = {first}"] + ([f"last_year = {last}"] if last else [])
    return "\n".join([*lines, f"scale = {scale}", *([extra] if extra else []), f"bands = {bands}"])


def band(low: str, high: str, zone: str = '"hijau"', category: str = '"A"', extra: str = "") -> str:
    return f"{{ min = {low}, max = {high}, zone = {zone}, category = {category}{extra} }}"


MERAH_B = band("50", "100", '"merah"', '"B"')
UNGU = band("0", "100", '"ungu"')
LETTERED = band("0", "100", category='"<b>A</b>\\u0000"', extra=', letter = "' + "L" * 500 + '"')
MANY = ", ".join(band(str(n), f"{n}.99", '"kuning"', f'"K{n}"') for n in range(100))
RUBRICS = (
    rubric('"Terbalik"', "2024", "2022", "100", "[]"),
    rubric('"Nol"', "2023", "2023", "0", f"[{band('0', '0')}]"),
    rubric('"Negatif"', "2024", None, "-1", "[]"),
    rubric('"Raksasa"', "2024", "2024", "1e308", f"[{band('0', '1e308')}]"),
    rubric('"Tak hingga"', "2024", "2024", "inf", "[]"),
    rubric('"Tumpang"', "2024", "2024", "100", f"[{band('0', '100')}, {MERAH_B}]"),
    rubric('"Celah"', "2024", "2024", "100", f"[{band('95', '100')}]"),
    rubric('"Min>max"', "2024", "2024", "100", f"[{band('90', '10')}]"),
    rubric('"Ungu"', "2024", "2024", "100", f"[{UNGU}]"),
    rubric('"Kosong"', "2024", "2024", "100", "[{}]"),
    rubric('"Teks"', "2024", "2024", "100", '"x"'),
    rubric('""', "99999", "99999", "100", "[]"),
    rubric('"Purba"', "-5", "0", "100", "[]"),
    rubric('"Jenis"', "2024", "2024", "100", "[]", extra='kinds = ["tidak-ada", ""]'),
    rubric('"Huruf"', "2024", "2024", "100", f"[{LETTERED}]"),
    rubric('"\\u001b[31m"', "2024", "2024", "100", f"[{band('nan', '100')}]"),
    rubric('"Desimal"', "2024", "2024", "0.000001", f"[{band('0', '0.000001')}]"),
    rubric('"Tambahan"', "2024", "2024", "100", "[]", extra='warna = "x"'),
    rubric('"Besar"', "2024", "2024", "100", f"[{MANY}]"),
    "[[rubric]]\nfirst_year = 2024\nbands = []",
    "[[rubric]]",
    "[rubric]",
    "rubric = []",
)
SCALES = ("0", "-1", "1e308", "inf", "nan", "-0.0", "0.0000001", '"100"', "true", "[100]", "99999999999999999999999", "1e-320")
BANDS = (
    "[]", "[{}]", '"x"', "[1, 2]", '[{ min = 0, max = 100, zone = "hijau" }]', '[{ min = "a", max = 100, zone = "hijau", category = "A" }]',
    '[{ min = 0, max = 100, zone = "hijau", category = "A" }, { min = 0, max = 100, zone = "hijau", category = "A" }]',
    '[{ min = -50, max = 500, zone = "merah", category = "A" }]', '[{ min = inf, max = nan, zone = "hijau", category = "A" }]',
)  # fmt: skip
HOME_RELEASES = ("0", "-1", "9223372036854775807", "99999999999999999999999", "1000000", "1.5", "nan", "inf", '"8"', "true", "[]")
TOML_STRUCTURE = (
    ("top", "", 'title = "Dua Kali"'), ("top", "", "kunci_asing = 1"), ("raw", "", "[permalinks]\nrelease = \"/x/{slug}/\""),
    ("raw", "", "x = "), ("raw", "", "\x00"), ("top", "", "[[permalinks]]"), ("raw", "", "[tak_dikenal]\na = 1"),
    ("top", "", "# " + "x" * 100000), ("raw", "", "[" * 1000), ("top", "", "a = " + "[" * 1000 + "]" * 1000),
    ("top", "", "a = { b = { c = { d = 1 } } }"),
)  # fmt: skip


@st.composite
def config_changes(draw: st.DrawFn) -> Change:
    kind = draw(st.sampled_from(["text", "base_url", "language", "home", "permalink", "permalinks-same", "rubric", "structure",
                                 "registry", "valid"]))  # fmt: skip
    if kind == "valid":
        operations = draw(
            st.lists(
                st.sampled_from([("bom", "", ""), ("crlf", "", "")])
                | st.builds(lambda title: ("set", "title", toml_str(title)), VALID_TITLES)
                | st.builds(lambda url: ("set", "base_url", toml_str(url)), st.sampled_from(VALID_BASE_URLS))
                | st.builds(lambda count: ("set", "home_releases", str(count)), st.integers(1, 100)),
                min_size=1,
                max_size=3,
                unique_by=lambda operation: operation[:2],
            )
        )
        return Change("configuration (valid)", config=tuple(operations), valid=True)
    if kind == "text":
        key = draw(st.sampled_from(["title", "description", "publisher"]))
        value = draw(st.sampled_from(HOSTILE_TEXT).map(toml_str) | st.sampled_from(['"""a\nb"""', "'a\\nb'", "123", "true", "[]", "{}"]))
        return Change(f"configuration {key}", config=(("set", key, value),))
    if kind == "base_url":
        return Change("configuration base_url", config=(("set", "base_url", toml_str(draw(st.sampled_from(BASE_URLS)))),))
    if kind == "language":
        return Change("configuration language", config=(("set", "language", toml_str(draw(st.sampled_from(LANGUAGES)))),))
    if kind == "home":
        return Change("configuration home_releases", config=(("set", "home_releases", draw(st.sampled_from(HOME_RELEASES))),))
    if kind == "permalink":
        key = draw(st.sampled_from(PERMALINK_KEYS) | st.sampled_from(["x_unknown", "xRelease"]))
        value = draw(st.sampled_from(PERMALINKS).map(toml_str) | st.sampled_from(["1", "true", "[]", '["/a/"]', "{}"]))
        return Change(f"permalink {key}", config=(("set", key, value),))
    if kind == "permalinks-same":
        keys = draw(st.lists(st.sampled_from(PERMALINK_KEYS), min_size=2, max_size=4, unique=True))
        value = toml_str(draw(st.sampled_from(["/sama/", "/sama/{slug}/", "/sama/{year}/", "/", "/{slug}/", "/{year}/"])))
        return Change("permalinks that are the same", config=tuple(("set", key, value) for key in keys))
    if kind == "rubric":
        which = draw(st.sampled_from(["raw", "scale", "bands"]))
        value = draw(st.sampled_from({"raw": RUBRICS, "scale": SCALES, "bands": BANDS}[which]))
        return Change(f"rubric ({which})", config=((which, "", value),))
    if kind == "structure":
        operation = draw(st.sampled_from([*TOML_STRUCTURE, ("cr", "", "")]))
        return Change("configuration file", config=(operation,))
    name = draw(st.sampled_from(HOSTILE_TEXT) | UNICODE_TEXT.map(json.loads))
    slug = draw(st.sampled_from(["", "../x", "a/b", "A", "kota-jambi", "x" * 300, "-", "é", "ok-slug"]))
    alias = draw(st.sampled_from(["Pemkot Jambi", "", name, "\x00", "Alias Baru"]))
    fields = [f"name = {toml_str(name)}"]
    if draw(st.booleans()):
        fields.append(f"slug = {toml_str(slug)}")
    if draw(st.booleans()):
        fields.append(f"aliases = [{toml_str(alias)}]")
    if draw(st.booleans()):
        fields.append(f"province = {toml_str(draw(st.sampled_from(HOSTILE_TEXT)))}")
    entry = "[[institution]]\n" + "\n".join(fields) + "\n"
    release = f"---\ntitle: Rilis Instansi {UNIQUE}\ndate: 2024-11-23\ninstitution: {yaml_str(name)}\n---\n\nIsi.\n"
    return Change("registry entry", registry=entry, files=((f"instansi-{UNIQUE}.md", release.encode("utf-8", "surrogatepass")),))


def examples(*, heavy: bool) -> st.SearchStrategy[list[Change]]:
    """One to three hostile changes; `heavy` adds inputs that take seconds each (bodies of 1-2 MB, values of
    300,000 characters, Markdown nested 10,000 deep)."""
    changes = st.one_of(front_matter_changes(heavy), body_changes(heavy), name_changes(), config_changes())
    return st.lists(changes, min_size=1, max_size=3)


# ---------------------------------------------------------------------------------------------------
# The build and what it must end in

PROBLEM_LINE = re.compile(
    r"^(?P<path>(?:content|templates|output|site_config\.toml)(?:/.*?)?)(?::(?P<line>[1-9][0-9]*))?: (?P<severity>error|warning): \S.*$"
)
SUMMARY_LINE = re.compile(r"^[0-9]+ errors?, [0-9]+ warnings? in [0-9]+ files?$")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
CRASH_FRAME = re.compile(r'File "[^"]*/(arsip/[^"]+)", line \d+, in (\S+)')
_KINDS: dict[str, type[AssertionError]] = {}


class HostileFailure(AssertionError):
    """A hostile input the build did not survive; subclassed per kind so that Hypothesis keeps bugs apart."""


def failure(kind: str, message: str) -> AssertionError:
    if kind not in _KINDS:
        _KINDS[kind] = type(re.sub(r"\W+", "_", kind)[:80], (HostileFailure,), {"kind": kind})
    return _KINDS[kind](f"[{kind}] {message}")


@pytest.fixture(scope="session")
def template_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small good site (one release, the real templates, config and registry), built once."""
    root = copy_project(tmp_path_factory.mktemp("hostile-template") / "site", with_content=False)
    shutil.copy2(REPO / "content" / "institutions.toml", root / "content" / "institutions.toml")
    shutil.copy2(REPO / "tests" / "data" / "pixel.png", root / "content" / "foto.png")
    (root / "content" / "baik.md").write_text(GOOD, encoding="utf-8")
    result = run_build(root)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return root


@pytest.fixture(scope="session")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def build_with(template: Path, scratch: Path, changes: list[Change]) -> None:
    """Copy the template site, make the changes, build, and check how the build ended."""
    folder = Path(tempfile.mkdtemp(dir=scratch))
    root = folder / "site"
    try:
        shutil.copytree(template, root, symlinks=True)
        before = tree_state(root / "output")
        try:
            for number, change in enumerate(changes, start=1):
                change.apply(root, number)
        except OSError as exc:  # two changes that cannot both be made (a file where a folder is wanted, say)
            event(f"changes not applicable: {exc.strerror}")
            reject()
        check_build(root, before, valid=all(change.valid for change in changes))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_build(root: Path, before: dict[str, tuple[bytes, int]], *, valid: bool) -> None:
    try:
        result = run_build(root)
    except subprocess.TimeoutExpired as exc:
        raise failure("hang", f"no end after {exc.timeout} s") from None
    except UnicodeDecodeError as exc:
        raise failure("stdout or stderr not UTF-8", str(exc)) from None
    status = result.returncode
    shown = describe(result, root)
    if status == 70:
        raise failure(crash_kind(root), shown)
    if status not in (0, 1):
        raise failure(f"exit {status}", shown)
    if "Traceback" in result.stdout or "Traceback" in result.stderr:
        raise failure("traceback printed", shown)
    lines = result.stderr.rstrip("\n").split("\n") if result.stderr else []
    for line in lines:
        if CONTROL.search(line):
            raise failure("control character printed on stderr", f"{line!r}\n{shown}")
    if status == 1:
        if tree_state(root / "output") != before:
            raise failure("output/ changed although the build failed", shown)
        if not lines or not SUMMARY_LINE.match(lines[-1]):
            raise failure("exit 1 without the summary line last", shown)
        for line in lines[:-1]:
            if not PROBLEM_LINE.match(line):
                raise failure("exit 1 with a line that is not path:line: error: ...", f"{line!r}\n{shown}")
        if not any(match["severity"] == "error" for match in map(PROBLEM_LINE.match, lines[:-1]) if match):
            raise failure("exit 1 without an error line", shown)
        if valid:
            raise failure("an input the documentation calls valid was refused", shown)
        event("exit 1")
        return
    for line in lines:
        match = PROBLEM_LINE.match(line)
        if not match or match["severity"] != "warning":
            raise failure("exit 0 with a line that is not path:line: warning: ...", f"{line!r}\n{shown}")
    check_site(root / "output", shown)
    event("exit 0")


def check_site(output: Path, shown: str) -> None:
    """Every XML file (feeds, sitemap, SVG) parses, every HTML page is UTF-8, every JSON file is strict JSON."""
    if not (output / "index.html").is_file():
        raise failure("exit 0 without output/index.html", shown)
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(output).as_posix()
        data = path.read_bytes()
        if path.suffix in (".xml", ".svg"):
            try:
                ElementTree.fromstring(data)
            except ElementTree.ParseError as exc:
                raise failure(f"invalid XML in {path.name}", f"{relative}: {exc}\n{_context(data, exc.position)}\n{shown}") from None
        elif path.suffix == ".html":
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise failure("HTML page not UTF-8", f"{relative}: {exc}\n{shown}") from None
        elif path.suffix == ".json":
            try:
                json.loads(data, parse_constant=_not_json)
            except ValueError as exc:
                raise failure(f"invalid JSON in {path.name}", f"{relative}: {exc}\n{shown}") from None


def _not_json(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _context(data: bytes, position: tuple[int, int]) -> str:
    line, column = position
    text = data.decode("utf-8", "replace").split("\n")
    return repr(text[line - 1][max(0, column - 60) : column + 60]) if 0 < line <= len(text) else ""


def crash_kind(root: Path) -> str:
    """`exit 70: ValueError in arsip/x.py:function`, from the traceback the build saved."""
    try:
        saved = (root / ".arsip-cache" / "internal-error.txt").read_text(encoding="utf-8")
    except OSError:
        return "exit 70 (no internal-error.txt)"
    frames = CRASH_FRAME.findall(saved)
    last = saved.strip().splitlines()[-1] if saved.strip() else ""
    exception = last.split(":")[0] if last else "?"
    where = f"{frames[-1][0]}:{frames[-1][1]}" if frames else "?"
    return f"exit 70: {exception} in {where}"


def describe(result: subprocess.CompletedProcess[str], root: Path) -> str:
    head = "\n".join(result.stderr.split("\n")[:12])
    text = f"exit {result.returncode}\nstderr:\n{head}\nstdout: {result.stdout[:300]!r}"
    crash = root / ".arsip-cache" / "internal-error.txt"
    if result.returncode == 70 and crash.is_file():
        text += "\n" + "\n".join(crash.read_text(encoding="utf-8").splitlines()[-14:])
    return text


@HOSTILE
@given(changes=examples(heavy=False))
def test_hostile_input_ends_in_a_site_or_in_messages(template_site: Path, scratch: Path, changes: list[Change]) -> None:
    build_with(template_site, scratch, changes)


@pytest.mark.long
@settings(HOSTILE, max_examples=LONG_EXAMPLES)
@given(changes=examples(heavy=True))
def test_hostile_input_long_run(template_site: Path, scratch: Path, changes: list[Change]) -> None:
    build_with(template_site, scratch, changes)
