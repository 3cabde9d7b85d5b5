"""The preview's watcher: which saves it notices, and how soon.

Input: the folders and files to watch (content/, templates/, site_config.toml) and the callback that
looks at them. Output: that callback run every 200 ms and at once when the operating system reports a
change (watchdog: inotify on Linux), never while a rebuild runs; it says that something changed, the
preview decides what follows. Links to folders are not followed (a loop of them would never end, and
the build skips them); a link to a file is looked at through the link, a link that leads nowhere (or
back to itself) as the link.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from livereload.watcher import Watcher
from tornado import ioloop
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

POLL_MS = 200


class FastWatcher(Watcher):
    """livereload's polling watcher, polling every 200 ms, and at once when the system reports a change in
    a watched folder (a poll of 10,000 files takes 37 ms; waiting for the next one took 0.1 s on average).
    No poll runs while `busy` is set (a rebuild: it would slow the rebuild down); `poll_soon` runs one after it.
    Reloads are sent by `Preview`, not by it."""

    def __init__(self, busy: threading.Event) -> None:
        super().__init__()
        self.busy = busy
        self.poll: Callable[[], None] | None = None
        self.loop: ioloop.IOLoop | None = None

    def start(self, callback: Any) -> bool:
        self.poll, self.loop = callback, ioloop.IOLoop.current()
        ioloop.PeriodicCallback(callback, POLL_MS).start()
        self.observer = _observe([Path(path) for path in self._tasks], _Nudge(self.loop, callback))
        return True

    def poll_soon(self) -> None:
        """From any thread: look at the files now (after a rebuild, for the saves made during it)."""
        if self.loop is not None and self.poll is not None:
            self.loop.add_callback(self.poll)

    def examine(self) -> tuple[str | None, float | None]:
        if not self.busy.is_set():
            super().examine()
        return None, None

    def is_folder_changed(self, path: str, ignore: Any = None) -> bool:
        """livereload's check of a folder, with one `stat` per file where it makes two (10,000 files: 56 -> 37 ms a poll)."""
        for root, dirs, files in os.walk(path):  # links to folders are not followed: the build skips them too
            dirs[:] = [name for name in dirs if name not in self.ignored_dirs]
            for name in files:
                file = os.path.join(root, name)
                if self.ignore(file) or (ignore and ignore(file)):
                    continue
                try:
                    info = os.stat(file)
                except OSError:
                    info = _link(file)  # a link to nothing or to itself: the build says so, so it is a change
                    if info is None:
                        continue
                if not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
                    continue
                known = self._task_mtimes.get(file)
                self._new_mtimes[file] = info.st_mtime
                if known != info.st_mtime and (known is not None or info.st_mtime > self._start):
                    self.filepath = file
                    return True
        return False


def _link(file: str) -> os.stat_result | None:
    try:
        return os.lstat(file)
    except OSError:
        return None


class _Nudge(FileSystemEventHandler):
    """Runs the watcher's poll on the server's loop as soon as something changed; a burst of events
    (a folder copied in) asks for one poll, not one per file."""

    def __init__(self, loop: ioloop.IOLoop, poll: Callable[[], None]) -> None:
        self.loop = loop
        self.poll = poll
        self.pending = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _READ_ONLY:
            return  # every build reads the templates: that is no change
        if not self.pending.is_set():
            self.pending.set()
            self.loop.add_callback(self._poll_now)

    def _poll_now(self) -> None:
        self.pending.clear()
        self.poll()


_READ_ONLY = frozenset({"opened", "closed_no_write"})


def _observe(paths: list[Path], handler: _Nudge) -> Any:
    """Watch the folders (and the folders of watched files) for changes; None where the system cannot
    (no inotify, its limit reached): the polls alone then notice every save."""
    observer = Observer()
    observer.daemon = True
    try:
        for path in paths:
            if path.is_dir():
                observer.schedule(handler, str(path), recursive=True)
            elif path.parent.is_dir():
                observer.schedule(handler, str(path.parent), recursive=False)
        observer.start()
    except OSError:
        return None
    return observer
