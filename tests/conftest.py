"""Shared fixtures: real sites built from real files into temporary folders, served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sitetools import REPO, copy_project, run_build, run_here, two_levels

# Tests read Arsip's English messages unless they ask for another language: the Indonesian ones are
# checked entry by entry (tests/unit/test_messages.py) and line by line where a test names its language.
os.environ.setdefault("ARSIP_LANG", "en")

# The few tests that take minutes run first: `-n 2 --dist load` hands them out in turn, one to each worker, and the
# short ones then go to whichever worker is free, instead of both waiting at the end for a long test that started last.
LONG_RUNNING = (
    "test_atomic.py::test_killed_builds_leave_the_old_or_the_new_site",
    "test_exact.py::test_incremental_builds_equal_clean_builds",
    "test_fuzz.py::test_any_release_builds_or_is_reported",
    "test_hostile.py::test_hostile_input_ends_in_a_site_or_in_messages",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not any(name in item.nodeid for name in LONG_RUNNING))  # stable: the rest keep their order


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content built once, as `make build` builds it."""
    root = copy_project(tmp_path_factory.mktemp("sample"))
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def mini_site(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """A site with the real templates and config and only the given content files."""

    def make(files: dict[str, str], *, registry: bool = True) -> Path:
        root = copy_project(tmp_path / "site", with_content=False)
        if registry:
            shutil.copy2(REPO / "content" / "institutions.toml", root / "content" / "institutions.toml")
        for relative, text in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return make


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def served_site(sample_site: Path) -> Iterator[str]:
    """The built sample site on http://127.0.0.1:<free port>/."""
    yield from _serve(sample_site / "output")


@pytest.fixture(scope="session")
def openness_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second example programme (examples/keterbukaan-informasi: no templates/ of its own), built once."""
    root = tmp_path_factory.mktemp("openness") / "site"
    shutil.copytree(REPO / "examples" / "keterbukaan-informasi", root)
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def served_openness(openness_site: Path) -> Iterator[str]:
    """The built second example on http://127.0.0.1:<free port>/."""
    yield from _serve(openness_site / "output")


@pytest.fixture(scope="session")
def two_level_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with provinces and the regencies and cities within them (tests/data/two-levels, sample content), built."""
    root = two_levels(tmp_path_factory.mktemp("two-levels") / "site")
    result = run_here(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def served_two_levels(two_level_site: Path) -> Iterator[str]:
    """The built two-level site on http://127.0.0.1:<free port>/."""
    yield from _serve(two_level_site / "output")
