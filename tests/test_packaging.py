"""Arsip as a package: what it imports is declared, what is installed is what the lock files pin, the command runs.

Reads pyproject.toml, requirements.lock and requirements-test.lock, the package's source and the
environment the tests run in (made by `make test` from those lock files).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from sitetools import copy_project

REPO = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lock: Path) -> dict[str, str]:
    return {_normal(name): version for name, version in PIN.findall(lock.read_text(encoding="utf-8"))}


def _declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {_normal(re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0]) for requirement in requirements}


def test_every_installed_distribution_is_the_locked_version_and_nothing_else_is_installed() -> None:
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable", "--disable-pip-version-check"],
        capture_output=True, text=True, check=True,
    ).stdout
    installed = {_normal(name): version for name, version in PIN.findall(frozen)}
    assert installed == _pins(REPO / "requirements-test.lock")


def test_the_build_lock_is_the_test_lock_without_the_test_tools() -> None:
    build, tests = _pins(REPO / "requirements.lock"), _pins(REPO / "requirements-test.lock")
    assert _declared() <= build.keys(), "every dependency of pyproject.toml is pinned"
    assert {name: tests.get(name) for name in build} == build, "the same version in both lock files"
    assert _declared("test") <= tests.keys()
    assert "pytest" not in build and "playwright" not in build, "make build installs no test tool"
    hashes = (REPO / "requirements.lock").read_text(encoding="utf-8").count("--hash=sha256:")
    assert hashes >= len(build), "every pin carries its hashes"


def test_every_range_in_pyproject_has_an_upper_bound() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        assert "<" in requirement, f"{requirement} has no upper bound"


def test_every_module_arsip_imports_is_declared() -> None:
    standard = set(sys.stdlib_module_names)
    providers = metadata.packages_distributions()
    declared = _declared()
    for source in sorted((REPO / "arsip").rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in standard or top == "arsip":
                    continue
                distributions = {_normal(found) for found in providers.get(top, [top])}
                where = source.relative_to(REPO)
                assert distributions & declared, f"{where} imports {top}, which pyproject.toml does not name"


def test_the_installed_command_builds_a_project(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "arsip"
    shown = subprocess.run([str(command), "--help", "--lang", "en"], capture_output=True, text=True, check=False)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("usage: arsip ") and "{build,check,new,init,serve}" in shown.stdout
    wrong = subprocess.run([str(command), "--lang", "en", "bangun"], capture_output=True, text=True, check=False)
    assert wrong.returncode == 2 and wrong.stderr.splitlines()[-1].startswith("arsip: error: argument command: invalid choice")
    root = copy_project(tmp_path / "site")
    built = subprocess.run([str(command), "--root", str(root), "build", "--lang", "en"], capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Built ") and (root / "output" / "index.html").is_file()
