"""Helpers for tests of `build.py serve`: a free port, a started server, its clean stop."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from sitetools import REPO


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(root: Path, port: int, **popen: Any) -> subprocess.Popen[str]:
    """`python build.py --root ROOT serve --port PORT`, its output captured as text."""
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,
    )


def wait_until_up(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise AssertionError(f"the dev server did not answer at {url}")


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

    def wait_for(self, text: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not any(text in line for line in self.lines):
            assert time.monotonic() < deadline, f"{text!r} was not printed within {seconds} s:\n{''.join(self.lines)}"
            assert self.process.poll() is None or self.reader.is_alive(), "".join(self.lines)
            time.sleep(0.002)

    def text(self) -> str:
        self.reader.join(10)
        return "".join(self.lines)


def stop(process: subprocess.Popen[str], transcript: Transcript | None = None) -> str:
    """Ctrl-C the server as an editor would; its whole output."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
            raise AssertionError(f"the dev server was still running 10 s after Ctrl-C:\n{output}") from None
    if transcript:
        return transcript.text()
    return process.stdout.read() if process.stdout else ""
