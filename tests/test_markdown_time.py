"""Markdown bodies that Python-Markdown would convert in more than linear time are refused, at their line.

Each pathological body (thousands of `[` left open, `[a](` never closed, `<a ` never closed, quotes or lists
nested hundreds deep, headings packed without blank lines, ...) is put in a release of a real mini-site that
was built once; `build.py` must print exactly the located message, exit 1 and leave output/ as it was, bytes
and times. A large legitimate body (thousands of links, brackets that all close) still builds. No test here
measures time: the limits are structural (`arsip/source/markdown_guard.py`), the timings are in bench/RESULTS.md.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitetools import REPO, copy_project, tree_state

from arsip.problems import Problem
from arsip.source import markdown_guard as guard
from arsip.source.frontmatter import parse_doc

REGISTRY = '[[institution]]\nname = "Pemerintah Kota Jambi"\nslug = "kota-jambi"\naliases = ["Pemkot Jambi"]\n'
GOOD = "---\ntitle: Rilis Baik\ndate: 2024-12-03\ninstitution: Pemkot Jambi\n---\n\nIsi rilis.\n"
# Front-matter on lines 1-5, a blank line, two good paragraphs on lines 7 and 9, the bad one from line 11.
HEAD = "---\ntitle: Rilis Uji\ndate: 2024-12-04\ninstitution: Pemkot Jambi\n---\n\nParagraf pertama.\n\nParagraf [kedua](https://example.org/).\n\n"
N = 8000  # the size at which the survey measured 5.6 s ("[") to 11 s ("[^"); refused here before any conversion


def message(line: int, text: str, hint: str) -> str:
    return f"content/buruk.md:{line}: error: {text} ({hint})"


UNCLOSED_HINT = "close each link as [text](address), or write \\[ and \\( for brackets shown as such"
DEPTH_HINT = "write each link as [text](address) without brackets inside its text, or write \\[ for a bracket shown as such"
NESTING_HINT = "use fewer '>', list marks and less indentation at the start of a line"
BREAKS_HINT = "leave an empty line before and after each heading and each line of '---'"
CASES = {
    "open-brackets": (
        "[" * N,
        11,
        f"a paragraph with {N} '[' or '(' never closed, more than the 10 a paragraph may leave open",
        UNCLOSED_HINT,
    ),
    "open-links": (
        "[a](" * N,
        11,
        f"a paragraph with {N} '[' or '(' never closed, more than the 10 a paragraph may leave open",
        UNCLOSED_HINT,
    ),
    "open-images": (
        "![" * N,
        11,
        f"a paragraph with {N} '[' or '(' never closed, more than the 10 a paragraph may leave open",
        UNCLOSED_HINT,
    ),
    "open-footnotes": (
        "[^" * N,
        11,
        f"a paragraph with {N} '[' or '(' never closed, more than the 10 a paragraph may leave open",
        UNCLOSED_HINT,
    ),
    "brackets-on-many-lines": (
        "Teks\n" + "[\n" * N,
        11,
        f"a paragraph with {N} '[' or '(' never closed, more than the 10 a paragraph may leave open",
        UNCLOSED_HINT,
    ),
    "nested-brackets": (
        "[" * 100 + "a" + "]" * 100,
        11,
        "a paragraph with '[' nested 100 deep, more than the 8 a paragraph may hold",
        DEPTH_HINT,
    ),
    "open-tags": (
        "<a " * N,
        11,
        "more than 20 '<' that start a tag never closed with '>'",
        "write &lt; for a '<' that is shown as such",
    ),
    "nested-quotes": (
        "\n".join(">" * depth + " a" for depth in range(1, 2000)),
        23,  # line 11 holds depth 1: the first line deeper than 12 levels is 12 lines further down
        "a line nested 13 levels deep in quotes and lists, more than the 12 a release may use",
        NESTING_HINT,
    ),
    "nested-lists": (
        "\n".join("    " * depth + "- a" for depth in range(300)),
        23,  # the item indented 12 times is the 13th list
        "a line nested 13 levels deep in quotes and lists, more than the 12 a release may use",
        NESTING_HINT,
    ),
    "packed-headings": (
        "# a\n" * 1000,
        11,
        "a paragraph with 1000 heading or rule lines without an empty line between them, more than the 50 one may have",
        BREAKS_HINT,
    ),
    "packed-rules": (
        "a\n---\n" * 1000,
        11,
        "a paragraph with 1000 heading or rule lines without an empty line between them, more than the 50 one may have",
        BREAKS_HINT,
    ),
    "long-paragraph": (
        "kata\n" * 3000,
        11,
        "a paragraph of 3000 lines without an empty line, more than the 2000 one may have",
        "leave an empty line between paragraphs",
    ),
    "many-abbreviations": (
        "".join(f"*[A{index}]: kata\n\n" for index in range(200)),
        11 + 2 * 100,
        "more than 100 abbreviations defined with '*[...]:'",
        "define only the abbreviations the text needs",
    ),
}


def run(root: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(REPO / "build.py"), "--root", str(root)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with one good release, built once; each case starts from a copy of it."""
    root = copy_project(tmp_path_factory.mktemp("base") / "site", with_content=False)
    (root / "content" / "institutions.toml").write_text(REGISTRY, encoding="utf-8")
    (root / "content" / "baik.md").write_text(GOOD, encoding="utf-8")
    result = run(root)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return root


@pytest.mark.parametrize("name", CASES)
def test_a_body_that_would_convert_slowly_is_refused_at_its_line(name: str, built_site: Path, tmp_path: Path) -> None:
    body, line, text, hint = CASES[name]
    root = tmp_path / "site"
    shutil.copytree(built_site, root, symlinks=True)
    (root / "content" / "buruk.md").write_text(HEAD + body + "\n\nParagraf terakhir.\n", encoding="utf-8")
    before = tree_state(root / "output")
    result = run(root)
    assert result.stderr.splitlines() == [message(line, text, hint), "1 error, 0 warnings in 1 file"]
    assert result.returncode == 1
    assert tree_state(root / "output") == before, "output/ changed although the build failed"


def test_a_large_body_with_brackets_that_close_still_builds(built_site: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(built_site, root, symlinks=True)
    paragraph = "Lihat [laporan](https://example.org/a) dan [![foto](https://example.org/b.png)](https://example.org/c) (BPK). "
    body = "\n\n".join(paragraph * 20 for _ in range(150))  # 6,000 links, 3,000 linked images, 3,000 parentheses
    quotes = "\n".join(">" * depth + " kutipan" for depth in range(1, guard.MAX_NESTING + 1))
    headings = "\n".join(f"## Bagian {index}\nIsi bagian." for index in range(guard.MAX_BREAKS))
    tags = "\n\n".join("<b>tebal</b> " * 50 for _ in range(100))  # 5,000 closed tags, fifty to a paragraph
    text = f"{HEAD}{body}\n\n{quotes}\n\n{headings}\n\n{tags}\n"
    (root / "content" / "besar.md").write_text(text, encoding="utf-8")
    result = run(root)
    assert (result.returncode, result.stderr) == (0, "")
    page = next(path for path in (root / "output").rglob("index.html") if "rilis-uji" in path.parent.name)
    assert page.read_text(encoding="utf-8").count('href="https://example.org/a"') == 3000


def test_the_line_counts_blank_lines_between_front_matter_and_body() -> None:
    problems: list[Problem] = []
    text = "\n---\ntitle: x\n---\n\n\n\n" + "[" * 30 + "\n"
    assert parse_doc(text, "content/x.md", "d", problems) is None
    assert [(problem.path, problem.line) for problem in problems] == [("content/x.md", 8)]


def test_escaped_brackets_and_closed_tags_are_not_counted() -> None:
    assert guard.check_body("content/x.md", "\\[" * 1000 + "<b>x</b> " * 1000 + "(a) " * 1000, 1) == []
    assert guard.check_body("content/x.md", "\\\\[" * 21, 1) != []  # an escaped backslash escapes nothing else
