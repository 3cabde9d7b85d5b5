"""Shared fixtures: real sites built from real files into temporary folders, served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"


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


def run_build(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python build.py --root ROOT ARGS` the way an editor would."""
    command = [sys.executable, str(REPO / "build.py"), "--root", str(root), *args]
    environment = {key: value for key, value in os.environ.items() if key != "ARSIP_DEBUG"}
    environment.update(env or {})
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120, check=False)


def read_page(root: Path, url: str) -> BeautifulSoup:
    """Parse the built page that serves a site-relative URL."""
    relative = url.lstrip("/")
    path = root / "output" / (relative + "index.html" if url.endswith("/") else relative)
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def tree_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, to prove a folder was not touched."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


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


@pytest.fixture(scope="session")
def served_site(sample_site: Path) -> Iterator[str]:
    """The built sample site on http://127.0.0.1:<free port>/."""
    handler = functools.partial(_QuietHandler, directory=str(sample_site / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
