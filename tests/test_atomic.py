"""A build killed at any moment leaves output/ as the complete old site or the complete new one.

A 2,000-release site is built, every release's body is changed, and `build.py` is killed with SIGKILL at
20 moments of the next build, each an event seen from outside, never a delay on the clock: as soon as
it is started (reading), as soon as it takes the project lock (found with a non-blocking `flock`),
when its progress bar (drawn on a pseudo-terminal given as its stderr) shows 1/17 ... 17/17 of the
pages the bar of an unkilled build last showed (the last: the search index and the swap still to come),
and just after the swap (output/ is another folder). After every kill output/ must equal, byte for
byte, one of the two complete trees, and nothing may appear in the project besides output/ and its
spare folder (`.arsip-cache/output-previous`); the next build must then complete the new site, keep
the timestamps of unchanged files and leave no temporary folder behind. In-process tests then check the fallbacks: three renames
where the exchange is missing (and the mending of a crash between them), and file-by-file replacement
where output/ cannot be moved at all (a mount point). Timeouts only bound a failure.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sitetools import REPO, copy_project, tree_bytes, tree_state

from arsip.problems import BuildFailed
from arsip.publish import safety, write
from arsip.publish.files import Output

RELEASES = 2000
STOPPED_RELEASES = 300  # a build stopped by Ctrl-C or SIGTERM: 300 releases keep it writing long enough to be stopped there
PROGRESS_KILLS = 16  # at 1/17 ... 16/17 of the pages drawn; with 17/17 and 3 more moments, 20 kills in all
POLL = 0.001  # the longest wait for the next line of progress before the lock and output/ are looked at again
BAR = re.compile(rb"(\d+)/(\d+)")


def write_releases(root: Path, version: int, count: int = RELEASES) -> None:
    """`count` (2,000) valid releases; each (institution, year) once, so no two releases disagree. Each `version` changes every
    release's body (its page, the feeds that quote it and the search index change) and keeps its result, so that
    the 2,500 social cards and the institutions' pages, which show results only, are not drawn again by every
    killed build: they would double its time and change nothing about how output/ is swapped."""
    for index in range(count):
        year = 2021 + index % 4
        score = 40 + (index * 7) % 60
        (root / "content" / f"rilis-{index:04d}.md").write_text(
            f"---\ntitle: Rilis Uji {index}\ndate: {year + 1}-01-{1 + index % 28:02d}\n"
            f"institution: Pemerintah Kota Uji {index // 4}\nyear: {year}\nscore: {score}\n---\n\n"
            f"Isi rilis {index}, versi {version}.\n",
            encoding="utf-8",
        )


def big_site(folder: Path, count: int = RELEASES) -> Path:
    """A project of `count` (2,000) releases in the site's language only: the English mirror would double the pages
    and the time, and a killed build is the same in one language as in two."""
    root = copy_project(folder, with_content=False)
    config = root / "site_config.toml"
    text = re.sub(r"^translations = .*$", "translations = []", config.read_text(encoding="utf-8"), count=1, flags=re.M)
    config.write_text(text, encoding="utf-8")
    write_releases(root, 1, count)
    return root


def start_build(root: Path) -> subprocess.Popen[bytes]:
    environment = {key: value for key, value in os.environ.items() if key != "ARSIP_DEBUG"}
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment,
    )


class Run:
    """A build on a pseudo-terminal, so that it draws its progress bar: how many pages it has made, as drawn."""

    def __init__(self, root: Path) -> None:
        environment = {key: value for key, value in os.environ.items() if key not in ("ARSIP_DEBUG", "NO_COLOR")}
        environment.update(COLUMNS="120", LINES="40")
        self.terminal, their_end = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "--root", str(root)], stdout=subprocess.DEVNULL, stderr=their_end, env=environment
        )
        os.close(their_end)
        self.made = self.total = 0

    def pump(self, timeout: float) -> None:
        """Read what the bar drew (waiting at most `timeout` for it), so the build never blocks on a full terminal."""
        while select.select([self.terminal], [], [], timeout)[0]:
            try:
                data = os.read(self.terminal, 65536)
            except OSError:  # the build ended: the terminal is closed
                return
            if not data:
                return
            for made, total in BAR.findall(data):
                self.made, self.total = int(made), int(total)
            timeout = 0

    def made_at_least(self, pages: int) -> bool:
        return self.made >= pages

    def finish(self, timeout: float = 120) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.pump(POLL)
        status = self.process.wait(timeout=max(0.0, deadline - time.monotonic()))
        os.close(self.terminal)
        return status


class Watch:
    """What a running build is doing, seen from outside: writing (holds the project lock), swapped."""

    def __init__(self, root: Path) -> None:
        self.output = root / "output"
        self.inode = self.output.stat().st_ino
        self.descriptor = os.open(root, os.O_RDONLY)

    def close(self) -> None:
        os.close(self.descriptor)

    def writing(self) -> bool:
        try:
            fcntl.flock(self.descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(self.descriptor, fcntl.LOCK_UN)
        return False

    def swapped(self) -> bool:
        return self.output.stat().st_ino != self.inode

    def wait_until(self, process: subprocess.Popen[bytes] | subprocess.Popen[str], condition: str) -> bool:
        """Wait until the build is writing / has swapped; False if it ended first (its end wakes the wait at once)."""
        check = self.writing if condition == "writing" else self.swapped
        while process.poll() is None:
            if check():
                return True
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=POLL)
        return False

    def wait_for(self, run: Run, check: Callable[[], bool]) -> bool:
        """Wait until `check` holds, looking again at each line of progress; False if the build ended first."""
        while run.process.poll() is None:
            if check():
                return True
            run.pump(POLL)
        return check()


def reference_build(root: Path) -> tuple[bool, bool, int, int]:
    """Run a build to its end, as the killed ones start: was it seen writing, seen swapping, its status, and the
    last count of pages its bar drew (the bar is drawn a few times a second, so not always at the very end)."""
    watch = Watch(root)
    run = Run(root)
    writing = watch.wait_for(run, watch.writing)
    swapped = watch.wait_for(run, watch.swapped) or watch.swapped()
    status = run.finish()
    watch.close()
    return writing, swapped, status, run.made


def kill_at(root: Path, moment: tuple[str, int]) -> str:
    """Start a build and kill it at `moment` (`spawned`, `writing`, `made` so many pages, or `swapped`); say where
    it was."""
    watch = Watch(root)
    run = Run(root)
    event, pages = moment
    checks = {"writing": watch.writing, "made": lambda: run.made_at_least(pages), "swapped": watch.swapped}
    if event != "spawned":
        watch.wait_for(run, checks[event])
    process = run.process
    was = "ended" if process.poll() is not None else "swapped" if watch.swapped() else "writing" if watch.writing() else "reading"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    os.close(run.terminal)
    watch.close()
    assert not lingering_processes(root), f"a build killed at {moment} left worker processes behind (they hold the project lock)"
    return was


def lingering_processes(root: Path, patience: float = 5.0) -> list[int]:
    """Processes still running a build of `root` (render or Markdown workers of a killed build) once each has
    ended or `patience` seconds have passed: the end of each is waited for (a pidfd is readable when it ends)."""
    deadline = time.monotonic() + patience
    for pid in running(root):
        with contextlib.suppress(OSError):  # ended already
            descriptor = os.pidfd_open(pid)
            try:
                select.select([descriptor], [], [], max(0.0, deadline - time.monotonic()))
            finally:
                os.close(descriptor)
    return running(root)


def running(root: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and str(root).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return found


def restore(output: Path, pristine: Path) -> None:
    """Put the old site back in output/ (hard links: builds never write into an existing file)."""
    shutil.rmtree(output)
    shutil.copytree(pristine, output, copy_function=os.link)


def project_entries(root: Path) -> set[str]:
    return {entry.name for entry in root.iterdir()}


def leftovers(root: Path) -> list[str]:
    """Folders a build made for output/ besides output/ itself and its spare folder."""
    return [name for name in os.listdir(root / ".arsip-cache") if name.startswith("output") and name != "output-previous"]


def test_killed_builds_leave_the_old_or_the_new_site(tmp_path: Path) -> None:
    root = big_site(tmp_path / "site")
    assert start_build(root).wait(timeout=120) == 0
    output = root / "output"
    old = tree_bytes(output)
    pristine = tmp_path / "pristine"
    shutil.copytree(output, pristine, copy_function=os.link)
    base_entries = project_entries(root) | {".arsip-cache"}

    # One complete build of the new site gives the new tree (and fills the build cache, as killed
    # builds never do); the timed reference build then starts where every killed one starts: the
    # old site in output/, a previous site in the spare folder, the cache of the new site.
    write_releases(root, 2)
    assert start_build(root).wait(timeout=120) == 0
    new = tree_bytes(output)
    restore(output, pristine)
    writing, swapped, status, drawn = reference_build(root)
    assert (writing, swapped, status) == (True, True, 0), "the reference build was not seen writing and swapping"
    assert drawn > PROGRESS_KILLS, "the reference build drew no progress"
    assert tree_bytes(output) == new
    assert new != old and len(new) > 2 * RELEASES
    moments = [("spawned", 0), ("writing", 0)]
    moments += [("made", drawn * step // (PROGRESS_KILLS + 1)) for step in range(1, PROGRESS_KILLS + 1)]
    moments += [("made", drawn), ("swapped", 0)]

    places: list[str] = []
    outcomes: list[str] = []
    for moment in moments:
        if outcomes[-1:] != ["old"]:
            restore(output, pristine)  # after a kill that left the old site, output/ still is the old site
        places.append(kill_at(root, moment))
        assert output.is_dir(), f"output/ missing after a kill at {moment}"
        state = tree_bytes(output)
        assert state in (old, new), f"output/ is neither the old nor the new site after a kill at {moment}"
        outcomes.append("old" if state == old else "new")
        assert project_entries(root) == base_entries, "a build wrote outside output/ and .arsip-cache/"
    assert places.count("writing") >= 3, f"too few kills while the build was writing: {places}"
    assert "old" in outcomes and "new" in outcomes, outcomes

    restore(output, pristine)
    before = tree_state(output)
    assert start_build(root).wait(timeout=120) == 0
    assert tree_bytes(output) == new
    after = tree_state(output)
    unchanged = [path for path, (data, _) in after.items() if path in before and before[path][0] == data]
    assert len(unchanged) > 10, "too few unchanged files to prove anything"
    assert all(after[path][1] == before[path][1] for path in unchanged), "an unchanged file got a new timestamp"
    assert project_entries(root) == base_entries and not leftovers(root), "a temporary folder was left behind"
    assert tree_bytes(pristine) == old, "a build wrote into a file of the old site"


# The same guarantees where the one-step exchange is not available, checked in-process.


def outputs(version: int) -> list[Output]:
    return [
        Output("index.html", f"beranda {version}".encode()),
        Output("tetap/index.html", b"tidak berubah"),
        Output(f"rilis/v{version}/index.html", f"rilis {version}".encode()),
    ]


def test_without_the_exchange_three_renames_swap_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "exchange", lambda first, second: False)
    output = tmp_path / "output"
    write.sync(outputs(1), output)
    before = tree_state(output)
    report = write.sync(outputs(2), output)
    assert tree_bytes(output) == {out.path: out.data for out in outputs(2)}
    assert tree_state(output)["tetap/index.html"] == before["tetap/index.html"]
    assert report.written == ("index.html", "rilis/v2/index.html") and report.removed == ("rilis/v1/index.html",)
    assert sorted(os.listdir(tmp_path / ".arsip-cache")) == ["output-previous"]


def test_a_crash_between_the_renames_is_mended_by_the_next_build(tmp_path: Path) -> None:
    output = tmp_path / "output"
    write.sync(outputs(1), output)
    old = tree_bytes(output)
    aside = tmp_path / ".arsip-cache" / "output-old-0badf00d"
    os.rename(output, aside)  # killed after the first of the three renames: output/ is missing
    write.sync(outputs(1), output)
    assert tree_bytes(output) == old and not aside.exists()


def test_an_output_folder_that_cannot_move_is_updated_file_by_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def busy(first: Path, second: Path) -> bool:
        raise OSError(errno.EBUSY, "Device or resource busy", str(second))

    output = tmp_path / "output"
    write.sync(outputs(1), output)
    (output / "rilis" / "v2").mkdir()
    (output / "rilis" / "v2" / "index.html").mkdir()  # a folder where a file must go
    before = tree_state(output)
    monkeypatch.setattr(write, "exchange", busy)
    write.sync(outputs(2), output)
    assert tree_bytes(output) == {out.path: out.data for out in outputs(2)}
    assert tree_state(output)["tetap/index.html"] == before["tetap/index.html"]
    assert not (output / "rilis" / "v1").exists()


def test_an_output_link_or_file_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "tempat-lain"
    elsewhere.mkdir()
    (tmp_path / "output").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(BuildFailed) as failed:
        write.sync(outputs(1), tmp_path / "output")
    assert failed.value.problems[0].format() == (
        "output: error: output is a link, not a folder; the build writes only into a folder of its own "
        "(move output out of the project folder; the next build creates output/ anew)"
    )
    assert os.listdir(elsewhere) == []


def test_files_made_later_join_the_same_swap_and_obstacles_in_the_spare_are_cleared(tmp_path: Path) -> None:
    """Pages are staged while the search index is still being made; both arrive in output/ in one swap."""
    output = tmp_path / "output"
    write.sync(outputs(1), output)
    spare = safety.spare_dir(output)
    spare.mkdir(parents=True, exist_ok=True)
    (spare / "rilis").mkdir(exist_ok=True)
    (spare / "rilis" / "v2").write_text("a file where a folder must go")  # left by a killed build, say
    (spare / "tetap").mkdir(exist_ok=True)
    shutil.rmtree(spare / "tetap")
    (spare / "tetap").symlink_to(tmp_path)  # a link where a folder must go: removed, never followed
    (spare / "pagefind").mkdir()
    (spare / "pagefind" / "lama.js").write_text("stale")
    seen_during: list[dict[str, bytes]] = []

    index = [Output("pagefind/pagefind.js", b"// index"), Output("pagefind/2024/pagefind-entry.json", b"{}")]

    def search_files() -> list[Output]:
        seen_during.append(tree_bytes(output))
        return index

    report = write.sync(outputs(2), output, later=search_files)
    assert seen_during == [{out.path: out.data for out in outputs(1)}]  # output/ untouched until the swap
    assert tree_bytes(output) == {out.path: out.data for out in outputs(2) + index}
    assert "pagefind/pagefind.js" in report.written and report.removed == ("rilis/v1/index.html",)
    assert sorted(os.listdir(tmp_path)) == [".arsip-cache", "output"]


def test_a_failure_of_the_files_made_later_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    output = tmp_path / "output"
    write.sync(outputs(1), output)
    old = tree_bytes(output)

    def failing() -> list[Output]:
        raise BuildFailed([])

    with pytest.raises(BuildFailed):
        write.sync(outputs(2), output, later=failing)
    assert tree_bytes(output) == old


def in_a_terminal() -> None:
    """Ctrl-C as in an editor's terminal: a test run started in the background (`make test &`) hands its
    children an ignored SIGINT, which Python would keep ignoring."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["ctrl-c", "sigterm"])
def test_a_stopped_build_says_so_and_leaves_the_old_site(tmp_path: Path, signum: int, status: int) -> None:
    root = big_site(tmp_path / "site", STOPPED_RELEASES)
    assert start_build(root).wait(timeout=120) == 0
    old = tree_bytes(root / "output")
    write_releases(root, 2, STOPPED_RELEASES)
    watch = Watch(root)
    environment = {key: value for key, value in os.environ.items() if key != "ARSIP_DEBUG"}
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), "--quiet"],
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        preexec_fn=in_a_terminal,
    )
    assert watch.wait_until(process, "writing"), "the build ended before it was seen writing"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    watch.close()
    assert process.returncode == status
    assert stderr == "arsip: stopped; output/ is as it was\n"
    assert tree_bytes(root / "output") == old
    assert leftovers(root) == []
    assert not lingering_processes(root)
