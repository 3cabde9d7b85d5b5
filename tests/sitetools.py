"""Helpers for tests that build real sites: copy the project, run build.py, read pages and trees."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frontmatter
from bs4 import BeautifulSoup

from arsip.commands import cli
from arsip.render.compiled import CompiledTemplates
from arsip.source.registry import build_directory
from arsip.source.tree import Registry

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"
THEME = REPO / "arsip" / "theme"
# The preview tests' site (`small_sample`): the release they edit, the sample's draft (2026) and one more.
PREVIEWED = (
    "content/2024/2024-12-03-kota-jambi.md",
    "content/2026/2026-01-30-pemprov-jambi-opini-2025.md",
    "content/2024/2024-12-11-kantah-tala-2024.md",
)


def copy_project(destination: Path, *, with_content: bool = True) -> Path:
    """A copy of the project's site (config, templates and, optionally, the sample content)."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "site_config.toml", destination / "site_config.toml")
    shutil.copytree(REPO / "templates", destination / "templates")
    if with_content:
        shutil.copytree(REPO / "content", destination / "content")
    else:
        (destination / "content").mkdir()
    return destination


def two_levels(destination: Path) -> Path:
    """A site with two levels of place: tests/data/two-levels (sample content, made up) with the sample site's
    configuration and templates, its geography ["province", "regency"]."""
    root = copy_project(destination, with_content=False)
    shutil.rmtree(root / "content")
    shutil.copytree(REPO / "tests" / "data" / "two-levels" / "content", root / "content")
    edit_file(root, "site_config.toml", 'geography = ["province"]', 'geography = ["province", "regency"]')
    return root


def small_sample(destination: Path, releases: tuple[str, ...]) -> Path:
    """A copy of the project with only the given sample releases (paths under content/) and the registry entries of
    the institutions they name: a site of a few dozen pages, for tests about how a build behaves, not about what the
    whole sample holds."""
    root = copy_project(destination, with_content=False)
    names: set[str] = set()
    for relative in releases:
        text = (REPO / relative).read_text(encoding="utf-8")
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
        meta = frontmatter.loads(text).metadata
        names |= {meta["institution"], *(award["institution"] for award in meta.get("awards", ()))}
    registry_text = (REPO / "content" / "institutions.toml").read_text(encoding="utf-8")
    registry = Registry("content/institutions.toml", tomllib.loads(registry_text), registry_text)
    directory, _ = build_directory(registry, sample_kinds(), ("province",))
    slugs = {found.slug for found in map(directory.resolve, names) if found is not None}
    (root / "content" / "institutions.toml").write_text(cut_registry(registry_text, lambda entry: entry["slug"] in slugs), encoding="utf-8")
    return root


def cut_registry(text: str, keep: Callable[[dict[str, Any]], bool]) -> str:
    """The registry's text (content/institutions.toml) with only the `[[institution]]` entries `keep` accepts, each
    written as it was."""
    head, *entries = text.split("[[institution]]\n")
    return "[[institution]]\n".join([head, *(entry for entry in entries if keep(tomllib.loads(entry)))])


def in_effect(root: Path, relative: str) -> Path:
    """The file the build reads for `relative`: the project's own, or, for a template or static file the project does
    not override, the default theme's."""
    path = root / relative
    if path.exists() or not relative.startswith("templates/"):
        return path
    inner = relative.removeprefix("templates/")
    return THEME / "static" / inner.removeprefix("static/") if inner.startswith("static/") else THEME / "templates" / inner


def template_file(root: Path, name: str) -> Path:
    """The project's own copy of a template (copied from the default theme when the project has none yet), to edit
    as a site author overriding that one file would."""
    path = root / "templates" / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(in_effect(root, f"templates/{name}"), path)
    return path


def sources_of(site: Path, destination: Path) -> Path:
    """A copy of a built project's sources at `destination`: not what its builds made (output/, .arsip-cache/)."""
    shutil.copytree(site, destination, ignore=shutil.ignore_patterns("output", ".arsip-cache"))
    return destination


def new_in_both_languages(root: Path, *arguments: str) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str], bool]:
    """`build.py new ARGUMENTS` run with English messages, then Indonesian; and whether content/ stayed as it was."""
    before = tree_bytes(root / "content")
    english = run_here(root, "--lang", "en", "new", *arguments)
    indonesian = run_here(root, "--lang", "id", "new", *arguments)
    return english, indonesian, tree_bytes(root / "content") == before


def edit_file(root: Path, relative: str, old: str, new: str) -> None:
    """Replace `old` by `new` in a file of the project, written in one go. A template the project does not override
    yet is taken from the default theme and written as the project's own, as a site author overriding it would."""
    source, path = in_effect(root, relative), root / relative
    text = source.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {source}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_build(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python build.py --root ROOT ARGS` the way an editor would."""
    command = [sys.executable, str(REPO / "build.py"), "--root", str(root), *args]
    environment = {key: value for key, value in os.environ.items() if key != "ARSIP_DEBUG"}
    environment.update(env or {})
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120, check=False)


# Templates compiled by the builds `run_here` runs in this process, kept by their text and compile settings (as the
# preview keeps them between its builds): a build of a changed template compiles it again, the others are not.
COMPILED = CompiledTemplates()


def run_here(root: Path, *args: str, env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess[str]:
    """`python build.py --root ROOT ARGS` run by this process: the `main` that build.py calls, with its standard
    output and error captured and its exit status returned, in the environment `run_build` gives a build, with
    `env` on top (None: the variable unset). The same lines and status as the command, without starting Python and
    importing Arsip again (a third of a second): for every test but those of what only a process of its own shows
    (signals, a terminal, locks held by another build, arguments as bytes, a time zone or hash seed of its own, a
    conversion that might never end) or that run after a test changed Arsip's code."""
    out, err = io.StringIO(), io.StringIO()
    changes: dict[str, str | None] = {"ARSIP_DEBUG": None, **(env or {})}
    saved = {key: os.environ.get(key) for key in changes}
    try:
        _set_environment(changes)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = cli.main(["--root", str(root), *args], compiled=COMPILED)
            except SystemExit as exit:  # argparse's --help and usage errors end the process, with this status
                status = _exit_status(exit.code, err)
    finally:
        _set_environment(saved)
    return subprocess.CompletedProcess(["build.py", "--root", str(root), *args], status, out.getvalue(), err.getvalue())


def _exit_status(code: object, err: io.StringIO) -> int:
    """The status a process leaves with after `sys.exit(code)` (a text is printed and gives 1)."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=err)
    return 1


def _set_environment(values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def read_page(root: Path, url: str) -> BeautifulSoup:
    """Parse the built page that serves a site-relative URL."""
    relative = url.lstrip("/")
    path = root / "output" / (relative + "index.html" if url.endswith("/") else relative)
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its relative path, with its bytes (os.walk: several times faster than rglob)."""
    found = {}
    for directory, _, names in os.walk(folder):
        prefix = os.path.relpath(directory, folder).replace(os.sep, "/")
        for name in names:
            with open(os.path.join(directory, name), "rb") as file:
                found[name if prefix == "." else f"{prefix}/{name}"] = file.read()
    return dict(sorted(found.items()))


def tree_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, to prove a folder was not touched."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def sample_kinds() -> tuple:
    """The kinds of institution the sample site configures (site_config.toml's [[kind]] tables)."""
    from arsip.source.config import load_config

    config, problems = load_config(REPO)
    assert config is not None, problems
    return config.programme.kinds
