"""The house rules of the package, checked rather than remembered: a module says what goes in and out, stays
small, nothing is unpickled, publishing never reaches back into rendering, and no class grows a crowd of fields."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "arsip"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 420  # "about 400"
MAX_FIELDS = 13  # "about ten"; the site's configuration has 13 until the programme becomes configuration (issue 16)


def tree_of(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_every_module_has_a_docstring_and_stays_small(path: Path) -> None:
    assert ast.get_docstring(tree_of(path)), "a module opens with a docstring saying what goes in and what comes out"
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_nothing_is_pickled_or_marshalled() -> None:
    banned = {"pickle", "marshal", "shelve", "dill"}
    found = []
    for path in MODULES:
        for node in ast.walk(tree_of(path)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.relative_to(PACKAGE)}: {name}" for name in names if name.split(".")[0] in banned]
    assert found == []
    assert "pickle" not in "".join(path.read_text(encoding="utf-8") for path in MODULES)


def test_no_class_has_more_than_about_ten_fields() -> None:
    crowded = []
    for path in MODULES:
        for node in ast.walk(tree_of(path)):
            if isinstance(node, ast.ClassDef):
                fields = sum(isinstance(item, ast.AnnAssign) for item in node.body)
                if fields > MAX_FIELDS:
                    crowded.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} has {fields} fields")
    assert crowded == []


@pytest.mark.parametrize(
    ("imported", "never"),
    [("arsip.render", "arsip.publish.write"), ("arsip.publish.write", "arsip.render"), ("arsip.publish", "arsip.render")],
)
def test_rendering_and_writing_do_not_import_each_other(imported: str, never: str) -> None:
    probe = f"import sys, {imported}; print(sorted(m for m in sys.modules if m == '{never}' or m.startswith('{never}.')))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
