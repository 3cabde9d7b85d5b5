"""Timing one command, its peak memory, and a dev server's save-to-page latency.

Input: a command line (and the folder to run it in), or a server command plus the source file to
edit and the page file it must rewrite. Output: a `Timing` (wall seconds including process start,
exit status, peak memory, the end of stderr) or a latency in seconds; a `Failure` naming what went
wrong when a measurement cannot be made.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

POLL_S = 0.01
SAMPLE_S = 0.1

# Runs the command as its own child and reports that child's figures: RUSAGE_CHILDREN is a maximum
# over every child ever waited for, so each measured command gets a fresh wrapper process.
WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
tail = done.stderr.decode("utf-8", "replace")[-4000:]
print(json.dumps({"rc": done.returncode, "seconds": seconds, "maxrss_kb": usage.ru_maxrss, "stderr": tail}))
"""


class Failure(Exception):
    """A measurement that could not be made; the message says why and goes into the table."""


@dataclass(frozen=True, slots=True)
class Timing:
    seconds: float
    rc: int
    process_mb: float  # max RSS of the command's own process (ru_maxrss of the wrapper's children)
    tree_mb: float  # the largest PSS sum of the command's whole process tree, sampled every 0.1 s
    stderr: str

    @property
    def peak_mb(self) -> float:
        return max(self.process_mb, self.tree_mb)

    def problems(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if ": error:" in line or ": warning:" in line]


# ---------------------------------------------------------------- memory of a process tree


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stream:
                stat = stream.read()
        except OSError:
            continue
        children[int(stat.rsplit(")", 1)[1].split()[1])].append(int(entry.name))
    return children


# /proc/PID/task/TID/children lists a thread's children; without it, the whole of /proc is scanned.
CHILDREN_FILES = os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.scandir(f"/proc/{pid}/task"):
            with open(f"{task.path}/children", encoding="ascii") as stream:
                found += [int(child) for child in stream.read().split()]
    except OSError:
        pass  # the process or one of its threads ended meanwhile
    return found


def _descendants(root: int) -> list[int]:
    table = None if CHILDREN_FILES else _children_map()
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        for child in _children(pid) if table is None else table.get(pid, []):
            found.append(child)
            queue.append(child)
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as stream:
            for line in stream:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed PSS of a process's descendants (a build with worker processes) until stopped."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak_kb, self.stopped = root, 0, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(SAMPLE_S):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _descendants(self.root)))


# ---------------------------------------------------------------- one command


def timed(command: Sequence[str], cwd: Path, timeout: float = 7200) -> Timing:
    """Run `command` in `cwd` through a fresh wrapper process; wall time includes the command's process start."""
    wrapper = subprocess.Popen(
        [sys.executable, "-c", WRAPPER, str(cwd), *map(str, command)], stdout=subprocess.PIPE, start_new_session=True
    )
    sampler = TreeSampler(wrapper.pid)
    sampler.start()
    try:
        out, _ = wrapper.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        _kill(wrapper)
        raise Failure(f"timed out after {timeout:.0f} s") from expired
    except BaseException:  # Ctrl-C: the wrapper runs in its own session and would outlive us
        _kill(wrapper)
        raise
    finally:
        sampler.stopped.set()
        sampler.join()
    report = json.loads(out)
    return Timing(report["seconds"], report["rc"], report["maxrss_kb"] * 1024 / 1e6, sampler.peak_kb * 1024 / 1e6, report["stderr"])


def _kill(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def checked(command: Sequence[str], cwd: Path, what: str) -> Timing:
    """`timed`, raising Failure when the command exits non-zero."""
    timing = timed(command, cwd)
    if timing.rc != 0:
        last = timing.stderr.strip().splitlines()[-1:] or ["no output"]
        raise Failure(f"{what} exited {timing.rc}: {last[0][:160]}")
    return timing


# ---------------------------------------------------------------- edits


def edit_body(source: Path, marker: str) -> None:
    """Append a sentence holding `marker` to the first body line after the front-matter (YAML `---` or Pelican `Key: value`)."""
    lines = source.read_text(encoding="utf-8").split("\n")
    start = lines.index("---", 1) + 1 if lines[0] == "---" else lines.index("")
    index = next(i for i in range(start, len(lines)) if lines[i].strip())
    lines[index] += f" Catatan suntingan {marker}."
    _save(source, "\n".join(lines))


def edit_template(template: Path, marker: str) -> None:
    text = template.read_text(encoding="utf-8")
    comment = f"<!-- bench {marker} -->\n"
    text = text.replace("</body>", comment + "</body>", 1) if "</body>" in text else text + comment
    _save(template, text)


def _save(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write(text)


def page_has(page: Path, marker: str) -> bool:
    try:
        return marker.encode() in page.read_bytes()
    except OSError:
        return False


# ---------------------------------------------------------------- dev servers


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def _wait_ready(server: subprocess.Popen[bytes], port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise Failure(f"server exited with status {server.returncode} before answering")
        if _answers(port):
            return
        time.sleep(0.2)
    raise Failure(f"server did not answer within {timeout:.0f} s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # the group: helpers such as a search indexer stop too
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _kill(server)


@dataclass(frozen=True, slots=True)
class ServerEdit:
    command: Sequence[str]  # the server command, already holding the port
    cwd: Path
    port: int
    source: Path  # the file to edit
    pages: tuple[Path, ...]  # where the server may write the page (the first to hold the marker counts)
    log: Path


def serve_latency(spec: ServerEdit, marker: str, ready_timeout: float = 1800, settle: float = 1.0, timeout: float = 120) -> float:
    """Seconds from saving an edit of `spec.source` to one of `spec.pages` holding the edit, with the server already up."""
    spec.log.parent.mkdir(parents=True, exist_ok=True)
    with spec.log.open("wb") as log:
        server = subprocess.Popen(list(map(str, spec.command)), cwd=spec.cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_ready(server, spec.port, ready_timeout)
            time.sleep(settle)  # let the watcher take its first look at the files
            edit_body(spec.source, marker)
            saved = time.perf_counter()
            return _poll(spec.pages, marker, saved, timeout)
        finally:
            _stop(server)


def _poll(pages: tuple[Path, ...], marker: str, saved: float, timeout: float) -> float:
    while time.perf_counter() - saved < timeout:
        if any(page_has(page, marker) for page in pages):
            return time.perf_counter() - saved
        time.sleep(POLL_S)
    raise Failure(f"page not rewritten within {timeout:.0f} s of the save")
