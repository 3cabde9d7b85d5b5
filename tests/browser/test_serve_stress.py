"""The dev server under stress: traversal probes, an editor's autosave, a file saved half-written.

Each test starts a real `build.py serve` for a copy of the sample site on a free port of 127.0.0.1
and talks HTTP to it (no browser is needed to check what it serves).
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from devserver import Transcript, free_port, start_server, stop
from sitetools import PREVIEWED, small_sample

RELEASE_FILE = "content/2024/2024-12-03-kota-jambi.md"
BODY_MARK = "Sri Purwaningsih menyatakan"


@dataclass
class Server:
    root: Path
    url: str
    process: subprocess.Popen[str]

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as failure:
            return failure.code, failure.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError):
            return 0, ""  # not listening yet

    def raw(self, target: str) -> tuple[int, bytes]:
        """Send a request line exactly as written (no client-side normalising of the path)."""
        host, port = self.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=5) as connection:
            connection.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("latin-1"))
            response = b""
            while chunk := connection.recv(65536):
                response += chunk
        return int(response.split(b" ", 2)[1]), response

    def release_path(self) -> str:
        data = json.loads((self.root / ".arsip-cache" / "preview" / "data" / "awards.json").read_text(encoding="utf-8"))
        entry = next(i for i in data["institutions"] if i["slug"] == "kota-jambi")
        return entry["awards"][-1]["release_url"]

    def wait_for(self, path: str, text: str, *, overlay: bool | None = None, seconds: float = 60) -> str:
        """The page at `path` once it contains `text` (and shows, or does not show, the error overlay)."""
        deadline = time.monotonic() + seconds
        body = ""
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the dev server stopped"
            _, body = self.get(path)
            if text in body and (overlay is None or overlay == ("arsip-overlay" in body)):
                return body
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear at {path} within {seconds} s (overlay wanted: {overlay})")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    root = small_sample(tmp_path / "site", PREVIEWED)
    outside = tmp_path / "rahasia"
    outside.mkdir()
    (outside / "kunci.txt").write_text("RAHASIA-DI-LUAR-PROYEK\n", encoding="utf-8")
    (root / "content" / "tautan-luar").symlink_to(outside, target_is_directory=True)
    (root / "content" / "kunci.txt").symlink_to(outside / "kunci.txt")
    port = free_port()
    process = start_server(root, port)
    Transcript(process)  # reads the server's output as it comes, so that a full pipe never stops the server
    instance = Server(root, f"http://127.0.0.1:{port}", process)
    try:
        instance.wait_for("/", "<html")
        yield instance
    finally:
        output = stop(process)
        assert "Traceback" not in output, output


@pytest.mark.parametrize(
    "probe",
    [
        "/../site_config.toml",
        "/%2e%2e/site_config.toml",
        "/%2E%2E/%2E%2E/site_config.toml",
        "/%252e%252e/site_config.toml",
        "/..%2f..%2fsite_config.toml",
        "/..%5csite_config.toml",
        "/.%2e/.%2e/content/2024/2024-12-03-kota-jambi.md",
        "/%c0%ae%c0%ae/site_config.toml",
        "//etc/passwd",
        "/etc/passwd",
        "http://127.0.0.1/../site_config.toml",
        "/media/tautan-luar/kunci.txt",
        "/media/kunci.txt",
        "/media/%2e%2e/%2e%2e/site_config.toml",
        "/static/..%2f..%2f..%2fsite_config.toml",
    ],
)
def test_probes_never_leave_the_preview_folder(server: Server, probe: str) -> None:
    status, response = server.raw(probe)
    assert status in (400, 403, 404), (probe, status)
    assert b"[[rubric]]" not in response and b"RAHASIA-DI-LUAR-PROYEK" not in response and b"root:" not in response


def test_two_hundred_saves_in_ten_seconds(server: Server) -> None:
    path = server.release_path()
    release = server.root / RELEASE_FILE
    original = release.read_text(encoding="utf-8")
    assert BODY_MARK in original
    started = time.monotonic()
    for number in range(1, 201):
        release.write_text(original.replace(BODY_MARK, f"Simpanan ke-{number}: {BODY_MARK}", 1), encoding="utf-8")
        time.sleep(max(0.0, started + number * 0.05 - time.monotonic()))  # the editor's pace, not a wait
    server.wait_for(path, "Simpanan ke-200:", overlay=False)  # a generous wait: this is not a speed test
    assert server.process.poll() is None
    status, home = server.get("/")
    assert status == 200 and "arsip-overlay" not in home


def test_half_written_file_recovers_without_a_restart(server: Server) -> None:
    path = server.release_path()
    release = server.root / RELEASE_FILE
    whole = release.read_bytes().replace(BODY_MARK.encode(), b"Tersimpan utuh: " + BODY_MARK.encode(), 1)
    release.write_bytes(whole[: whole.index(b"\n", len(whole) // 10)])  # cut inside the front-matter
    page = server.wait_for(path, f"{RELEASE_FILE}:", overlay=True)  # the overlay names the file
    assert BODY_MARK in page  # the last good page stays underneath
    release.write_bytes(whole)
    server.wait_for(path, "Tersimpan utuh:", overlay=False)
    assert server.process.poll() is None
