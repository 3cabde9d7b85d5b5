"""Helpers for tests of `build.py serve`: a free port, a started server, waits for events, raw requests, its clean stop.

Nothing here sleeps for a fixed time: every wait polls for the event it names, and its time limit only
bounds a failure.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page
from sitetools import REPO

PATIENCE = 30.0  # seconds a wait may take before the test fails: a bound on failure, not a promise of speed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(root: Path, port: int, *options: str, **popen: Any) -> subprocess.Popen[str]:
    """`python build.py --root ROOT serve --port PORT [OPTIONS]`, its output captured as text."""
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,
    )


def wait_until(condition: Callable[[], Any], what: str, seconds: float = PATIENCE) -> Any:
    """Poll `condition` until it returns something true, and return that; fail, saying `what`, after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        found = condition()
        if found:
            return found
        assert time.monotonic() < deadline, f"{what}: not seen within {seconds} s"
        time.sleep(0.02)


def wait_until_up(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the dev server ended with status {process.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise AssertionError(f"the dev server did not answer at {url}")


def raw_request(
    port: int, target: str, headers: dict[str, str | None] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    """One request sent exactly as written (no client-side tidying of the path or the Host); status, headers, body.

    The response ends where its Content-Length says (a kept-alive connection is not waited out), with its
    head for a websocket accepted (101), or where the server closes the connection."""
    fields = {"Host": f"127.0.0.1:{port}", "Connection": "close", **(headers or {})}
    head = f"{method} {target} HTTP/1.1\r\n" + "".join(f"{name}: {value}\r\n" for name, value in fields.items() if value is not None)
    with socket.create_connection(("127.0.0.1", port), timeout=PATIENCE) as connection:
        connection.sendall((head + "\r\n").encode("latin-1"))
        response = b""
        while chunk := connection.recv(65536):
            response += chunk
            top, found, body = response.partition(b"\r\n\r\n")
            if found and (top.startswith(b"HTTP/1.1 101") or len(body) >= _length(top)):
                break
    top, _, body = response.partition(b"\r\n\r\n")
    lines = top.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1]) if lines[0] else 0
    return status, {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}, body


def _length(top: bytes) -> float:
    for line in top.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return float("inf")


class Transcript:
    """A server's output read line by line as it comes, so that a test can act the moment a line appears."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout
        for line in self.process.stdout:
            self.lines.append(line)

    def count(self, text: str | tuple[str, ...]) -> int:
        """Lines printed so far that hold `text` (or, for a tuple, that start with one of its texts)."""
        if isinstance(text, tuple):
            return sum(line.startswith(text) for line in list(self.lines))
        return sum(text in line for line in list(self.lines))

    def wait_for(self, text: str | tuple[str, ...], seconds: float = PATIENCE, times: int = 1) -> None:
        """Until `text` has been printed `times` times in all."""
        deadline = time.monotonic() + seconds
        while self.count(text) < times:
            assert time.monotonic() < deadline, f"{text!r} was not printed {times} times within {seconds} s:\n{''.join(self.lines)}"
            assert self.process.poll() is None or self.reader.is_alive(), "".join(self.lines)
            time.sleep(0.002)

    def text(self) -> str:
        self.reader.join(10)
        return "".join(self.lines)


def stop(process: subprocess.Popen[str], transcript: Transcript | None = None) -> str:
    """Ctrl-C the server as an editor would (one SIGINT); its whole output."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            process.kill()
            output = transcript.text() if transcript else process.communicate()[0]
            raise AssertionError(f"the dev server was still running {PATIENCE} s after Ctrl-C:\n{output}") from None
    if transcript:
        return transcript.text()
    return process.stdout.read() if process.stdout else ""


CONNECTED = ("Page connected: ", "Halaman tersambung: ")  # the preview's line when a page will reload by itself


def open_live(page: Page, url: str, transcript: Transcript) -> None:
    """Open a page and wait until the server has counted it among the pages it reloads (the preview prints
    "Page connected: <address>" when the page's socket has said hello and sent its address)."""
    connected = transcript.count(CONNECTED)
    page.goto(url)
    transcript.wait_for(CONNECTED, times=connected + 1)
