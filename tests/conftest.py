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
from sitetools import REPO, copy_project, run_build

# Tests read Arsip's English messages unless they ask for another language: the Indonesian ones are
# checked entry by entry (tests/unit/test_messages.py) and line by line where a test names its language.
os.environ.setdefault("ARSIP_LANG", "en")


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
