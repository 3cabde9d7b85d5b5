"""The editors' live preview: build, serve the preview, rebuild on every save, reload the browser.

Input: the project folder, host, port and whether drafts are shown. Output: an HTTP server
(livereload + Tornado) on 127.0.0.1 serving only the preview folder (`.arsip-cache/preview/`, drafts
included when asked for and links pointing at the preview's own address, so `output/` keeps the
published site untouched) and its exit status; after each save in content/, templates/ or
site_config.toml the site is rebuilt (config re-read) and every open page reloads. A failed build keeps the last good
pages and shows an overlay listing the problems on every page, until a good build removes it. The
terminal's lines and the overlay are in the editor's language (`run(language=…)`); the web server's
access log stays off the terminal.

livereload's own reload is throttled (a reload within 3 s of the previous one is dropped) and its
polling runs every 0.8 s. So the watcher here polls faster, and at once when the operating system
reports a change (watchdog: inotify on Linux), never lets livereload decide about reloading, and
sends a reload itself after every build: two saves one second apart both show.

What it answers is decided in `serve_guard`: only requests addressed to its own name (Host), reload
sockets opened by its own pages (Origin); a path no file can have (a NUL byte) is a 400, a path out of
the folder a 404. The watcher never follows links to folders (a loop of them would never end; the
build skips them anyway). If `.arsip-cache/` is removed under it (`build.py build --clean`), the next
poll notices and the preview is built again from scratch. Ctrl-C ends it with status 130, SIGTERM 143.
"""

from __future__ import annotations

import functools
import gc
import html
import multiprocessing
import os
import queue
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from tornado import ioloop, web

from .. import i18n, pipeline
from ..builddb import database_path
from ..i18n import Language, Text, tr, trn
from ..problems import BuildFailed, Problem, summary
from ..session import Session
from ..source.config import CONFIG_FILE
from . import serve_admin, serve_guard
from .serve_watch import POLL_MS, FastWatcher

PREVIEW_DIR = ".arsip-cache/preview"
CACHE_GONE = tr("arsip: .arsip-cache/ was removed, the preview is built again")
OVERLAY_TITLE = tr("Build failed — this page is the last version that built.")
OVERLAY_TEXT = tr("Fix the files below and save; the page reloads by itself.")


@dataclass
class Preview:
    """What the dev server knows about the latest build: the problems that stopped it, if any."""

    root: Path
    host: str
    port: int
    problems: tuple[Problem, ...] = field(default=())
    builds: int = 0
    session: Session | None = None  # opened by the first build: the database and memos kept between rebuilds
    release_urls: dict[str, str] = field(default_factory=dict)
    language: str = "id"
    moved: dict[str, str] = field(default_factory=dict)
    drafts: bool = True
    made: tuple[tuple[int, int], ...] = ()  # the identity of the preview's folder and database the session made
    editor: Language = i18n.ENGLISH  # the language of the terminal's lines and of the overlay (the site's is `language`)

    def say(self, text: Text, **options: Any) -> None:
        """One line on the terminal, in the editor's language, shown at once."""
        print(self.editor(text), flush=True, **options)

    def intact(self) -> bool:
        """False once the folder or the database the session writes to is gone or replaced (`build --clean`)."""
        return not self.made or self.made == _identity(self.root / PREVIEW_DIR)

    @property
    def failed(self) -> bool:
        return any(problem.is_error for problem in self.problems)

    def rebuild(self, *, search: bool = True, published: Callable[[], None] | None = None) -> bool:
        """One build of the preview; True when it succeeded. Without `search` the last search bundle is kept; `published`
        is told as soon as the pages are in place (before the build database is saved and links are checked)."""
        started = time.perf_counter()
        try:
            if self.session is not None and not self.intact():  # first: a build that fails now does not ask again
                self.say(CACHE_GONE)
                self.session.close()
                self.session, self.made = None, ()
            address = f"http://{_url_host(self.host)}:{self.port}/"
            config = pipeline.configure(self.root, drafts=self.drafts, base_url=address, output_name=PREVIEW_DIR)
            self.language = config.language
            if self.session is None:
                config.output_dir.mkdir(parents=True, exist_ok=True)
                self.session = Session.open(config.output_dir, in_place=True)
                self.made = _identity(config.output_dir)
                if self.session.db.notice:
                    print(f"arsip: {self.editor(self.session.db.notice)}", file=sys.stderr, flush=True)
            result = pipeline.build(config, session=self.session, search=search, published=functools.partial(self._published, published))
            written = len(result.report.written) + len(result.report.removed) if result.report else 0
            rebuilt = tr(
                "Rebuilt in {seconds} s: rendered {rendered} of {pages}, {changed}",
                seconds=format_decimal(time.perf_counter() - started, format="0.00", locale=self.editor.code),
                rendered=format_decimal(result.rendered, locale=self.editor.code),
                pages=trn("{count} page", "{count} pages", result.pages),
                changed=trn("{count} file changed", "{count} files changed", written),
            )
            for problem in result.problems:
                print(problem.format(self.editor), file=sys.stderr, flush=True)
            self.say(rebuilt if search else tr("{rebuilt} (search index follows)", rebuilt=rebuilt))
            return True
        except BuildFailed as failed:
            self.problems = failed.problems
            for problem in failed.problems:
                print(problem.format(self.editor), file=sys.stderr, flush=True)
            self.say(
                tr(
                    "Build failed: {summary}; the last good pages stay, with the problems shown on top",
                    summary=summary(failed.problems, self.editor),
                )
            )
            return False
        finally:
            self.builds += 1

    def _published(self, then: Callable[[], None] | None, release_urls: tuple[tuple[str, str], ...]) -> None:
        """The pages are in place: the overlay of an earlier failure goes and moved releases are followed, before the
        browser reloads (`then`)."""
        self.problems = ()
        self._follow_moves(dict(release_urls))
        if then is not None:
            then()

    def _follow_moves(self, current: dict[str, str]) -> None:
        """Remember where a release went when its URL changed (e.g. its title, and so its slug, was edited)."""
        for source, url in current.items():
            old = self.release_urls.get(source)
            if old and old != url:
                self.moved = {before: (url if after == old else after) for before, after in self.moved.items()}
                self.moved[old] = url
        self.moved = {before: after for before, after in self.moved.items() if before not in current.values()}
        self.release_urls = current

    def overlay(self) -> bytes:
        """The error panel shown on top of every page while the latest build has failed."""
        if not self.failed:
            return b""
        say = self.editor
        items = "".join(
            f'<li><code style="white-space:pre-wrap">{html.escape(problem.format(say))}</code></li>' for problem in self.problems
        )
        return (
            f'<div id="arsip-overlay" role="alert" lang="{say.code}" style="position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;'
            "z-index:2147483647;background:#fff7f7;color:#1b1f24;border-top:4px solid #a51d1d;padding:1rem 1.25rem;"
            'font:15px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.25)">'
            f'<strong style="color:#a51d1d">{html.escape(say(OVERLAY_TITLE))}</strong>'
            f'<p style="margin:.25rem 0">{html.escape(summary(self.problems, say))}. {html.escape(say(OVERLAY_TEXT))}</p>'
            f'<ul style="margin:.5rem 0 0;padding-left:1.25rem">{items}</ul></div>'
        ).encode()


class PreviewFileHandler(StaticFileHandler):
    """Serves output/ like livereload does, adding the error overlay to HTML while a build is failing."""

    def initialize(self, path: str, default_filename: str | None = None, preview: Preview | None = None) -> None:  # type: ignore[override]
        super().initialize(path, default_filename)
        self.preview = preview
        self._made: tuple[str, bytes] | None = None

    def _body(self) -> bytes:
        """The response, made once per request: its length and its bytes must agree even if a rebuild lands in between."""
        if self._made is not None and self._made[0] == self.absolute_path:
            return self._made[1]
        data = Path(self.absolute_path).read_bytes()
        overlay = self.preview.overlay() if self.preview else b""
        if overlay and self.absolute_path.endswith(".html"):
            data = data.replace(b"</body>", overlay + b"</body>", 1) if b"</body>" in data else data + overlay
        self._made = (self.absolute_path, data)
        return data

    def get_content(self, abspath: str, start: int | None = None, end: int | None = None) -> Any:  # type: ignore[override]
        yield self._body()[start:end]

    def compute_etag(self) -> None:
        return None  # the preview never lets a browser keep an old page

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")

    def get_content_size(self) -> int:
        return len(self._body())

    @classmethod
    def get_absolute_path(cls, root: str, path: str) -> str:
        """Tornado's, with a path that leads out of the folder a 404 (there is no such page), not a 403."""
        try:
            return super().get_absolute_path(root, path)
        except web.HTTPError as refused:
            raise web.HTTPError(404 if refused.status_code == 403 else refused.status_code) from None

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        """Tornado's check, with a path no file can have (a NUL byte) a 400 rather than a 500 and a traceback."""
        try:
            return super().validate_absolute_path(root, absolute_path)
        except ValueError:
            raise web.HTTPError(400) from None
        except web.HTTPError as refused:
            raise web.HTTPError(404 if refused.status_code == 403 else refused.status_code) from None

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        moved_to = self.preview.moved.get(self.request.path) if self.preview else None
        if status_code == 404 and moved_to:
            self.clear()
            self.redirect(moved_to)
            return
        page = Path(self.root) / "404.html"
        overlay = self.preview.overlay() if self.preview else b""
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        if status_code == 404 and page.is_file():
            body = page.read_bytes()
            self.finish(body.replace(b"</body>", overlay + b"</body>", 1))
        else:
            # A whole document, so that livereload's script (added before </head>) reloads this page too.
            head = f"<!doctype html><html><head><meta charset=utf-8><title>{status_code}</title></head><body><h1>{status_code}</h1>"
            self.finish(head.encode() + overlay + b"</body></html>\n")


class PreviewServer(Server):
    def __init__(self, preview: Preview, busy: threading.Event) -> None:
        super().__init__(watcher=FastWatcher(busy))
        self.preview = preview

    def get_web_handlers(self, script: bytes) -> list[tuple[str, type[web.RequestHandler], dict[str, Any]]]:
        files = (r"/(.*)", PreviewFileHandler, {"path": self.root, "default_filename": "index.html", "preview": self.preview})
        return [*serve_admin.handlers(self.preview.root, self.preview.editor), files]  # the editors' form at /admin/, then the site

    def application(self, port: int, host: str, liveport: Any = None, debug: Any = None, live_css: bool = True) -> None:
        """livereload's application, behind the door of `serve_guard` (Host and Origin checked)."""
        LiveReloadHandler.watcher = self.watcher  # livereload's socket reads its watcher from the class
        LiveReloadHandler.live_css = live_css
        pages = self.get_web_handlers(serve_guard.LIVE_SCRIPT)
        serve_guard.application(host, port, pages).listen(port, address=host)  # SO_REUSEADDR: Tornado sets it


class _Builder:
    """The one thread that rebuilds after saves, off the server's thread; `stop` ends it between builds.

    Pages come first and the reload at once; then the search index (Pagefind takes seconds on a big site).
    """

    STOP_WAIT = 5.0  # seconds Ctrl-C waits for a running build to end

    def __init__(self, preview: Preview, busy: threading.Event, reload: Callable[[], None], after: Callable[[], None]) -> None:
        self.preview = preview
        self.busy = busy
        self.reload = reload
        self.after = after  # called when a rebuild is over
        self.requests: queue.SimpleQueue[None] = queue.SimpleQueue()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._work, name="arsip-builder", daemon=True)
        self.thread.start()

    def request(self) -> None:
        self.requests.put(None)

    def stop(self) -> bool:
        """Ask the thread to end; True once it has, False if a build still runs after STOP_WAIT."""
        self.stopping.set()
        self.requests.put(None)
        self.thread.join(self.STOP_WAIT)
        return not self.thread.is_alive()

    def _work(self) -> None:
        while True:
            self.requests.get()
            while not self.requests.empty():  # saves noticed meanwhile: this build reads them all
                self.requests.get()
            if self.stopping.is_set():
                return
            self.busy.set()
            try:
                reloaded = threading.Event()
                built = self.preview.rebuild(search=False, published=functools.partial(self._reload, reloaded))
                if not reloaded.is_set():  # the build failed: the pages stay, with the overlay that says why
                    self.reload()
                if built and not self.stopping.is_set():
                    self.preview.rebuild(search=True)
                settle_memory()
            finally:
                self.busy.clear()
                self.after()

    def _reload(self, done: threading.Event) -> None:
        """The browser reloads as soon as the pages are in place, before the build database is saved."""
        done.set()
        self.reload()


def settle_memory() -> None:
    """Collect garbage now, between rebuilds, then freeze what survives.

    A site of 10,000 releases keeps millions of objects alive between rebuilds; a full collection
    that falls inside a rebuild costs 0.1 s, a third of it. Frozen objects are skipped by later
    collections (they are still freed when nothing refers to them); each cycle unfreezes them first,
    so that garbage among them is not kept for long.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _identity(folder: Path) -> tuple[tuple[int, int], ...]:
    """(device, inode) of the preview's folder and of its database, (-1, -1) for one that is missing."""
    found = []
    for path in (folder, database_path(folder)):
        try:
            info = os.stat(path)
            found.append((info.st_dev, info.st_ino))
        except OSError:
            found.append((-1, -1))
    return tuple(found)


def _port_free(host: str, port: int) -> bool:
    """True when the port can be bound as Tornado binds it (SO_REUSEADDR: the last run's connections in
    TIME_WAIT do not keep it; a server listening on it does)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _stop_on_signals(loop: ioloop.IOLoop, received: list[int]) -> None:
    """Ctrl-C and SIGTERM stop the server cleanly; the signal is appended to `received`.

    Set explicitly because a process started in the background by a non-interactive shell (a CI
    runner, `make serve &`) inherits an *ignored* SIGINT, and Python keeps it ignored.
    """

    def stop(number: int) -> None:
        received.append(number)
        loop.stop()

    for number in (signal.SIGINT, signal.SIGTERM):
        loop.asyncio_loop.add_signal_handler(number, stop, number)  # type: ignore[attr-defined]


def _watch_the_folder(preview: Preview, busy: threading.Event, builder: _Builder) -> None:
    """Every poll: a preview whose folder or database went away (`build --clean`) is built again."""

    def check() -> None:
        if not busy.is_set() and builder.requests.empty() and not preview.intact():
            builder.request()

    ioloop.PeriodicCallback(check, POLL_MS).start()


def run(root: Path, *, host: str = "127.0.0.1", port: int = 8000, drafts: bool = True, language: Language | None = None) -> int:
    """The preview of `root` until Ctrl-C or SIGTERM; its lines and overlay in `language` (default: the editor's, `i18n.chosen`)."""
    root = root.resolve()
    language = language or i18n.chosen(None, root)
    if not _port_free(host, port):
        busy_port = tr(
            "build.py serve: port {port} on {host} is in use; try another, e.g.  --port {next}", port=port, host=host, next=port + 1
        )
        print(language(busy_port), file=sys.stderr)
        return 2
    serve_guard.quiet_logs(language)
    output = root / PREVIEW_DIR
    output.mkdir(parents=True, exist_ok=True)
    preview = Preview(root, host, port, drafts=drafts, editor=language)
    preview.rebuild()
    settle_memory()

    loop = ioloop.IOLoop.current()
    busy = threading.Event()  # set while the builder rebuilds: the watcher does not poll meanwhile
    server = PreviewServer(preview, busy)
    builder = _Builder(preview, busy, reload=lambda: loop.add_callback(LiveReloadHandler.reload_waiters), after=server.watcher.poll_soon)

    def rebuild_and_reload() -> None:
        builder.request()

    for watched in (root / "content", root / "templates", root / CONFIG_FILE):
        server.watch(str(watched), rebuild_and_reload)
    received: list[int] = []
    _stop_on_signals(loop, received)
    _watch_the_folder(preview, busy, builder)
    preview.say(tr("Preview at {address} (Ctrl-C to stop)", address=f"http://{_url_host(host)}:{port}/"))
    server.serve(host=host, port=port, root=str(output), open_url_delay=None)
    finished = builder.stop()
    status = 128 + received[0] if received else 0  # 130 after Ctrl-C, 143 after SIGTERM, as for build.py build
    preview.say(tr("Preview stopped") if finished else tr("Preview stopped (the rebuild under way was left unfinished)"))
    if not finished:
        # The builder thread is still busy (Pagefind, or rendering in worker processes): leave now rather than let the
        # interpreter's shutdown pull thread pools out from under it (a traceback) or wait. Forked workers go first.
        for worker in multiprocessing.active_children():
            worker.kill()
        sys.stderr.flush()
        os._exit(status)
    if preview.session is not None:  # the build database closed as `build` closes it
        preview.session.close()
    return status


def _url_host(host: str) -> str:
    """The host as a URL writes it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host
