"""The preview's door: which requests it answers at all, and how it turns the others away.

Input: the host and port the preview is bound to, its page handlers, and each request's Host header,
Origin header and path. Output: the Tornado application of the preview. It refuses, with 403 and one
short line of plain text (Indonesian, then English), a request whose Host names another site (a DNS
rebinding page sends its own name) and a reload socket opened by a page of another origin. Its access
log is kept off the editor's terminal (`quiet_logs`) but for a 500, and shortens an overlong path to one
readable line. livereload's `/forcereload` is left out: any page on the web could call it.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from tornado import httputil, web
from tornado.log import access_log

from ..i18n import Language, tr

CONNECTED = "Browser Connected:"  # livereload's words when a page's socket says hello

REFUSED_HOST = "Alamat ini tidak dilayani / not served here"
REFUSED_ORIGIN = "Sambungan dari situs lain ditolak / connections from other sites are refused"
OWN_NAMES = ("127.0.0.1", "localhost", "[::1]")
ANY_ADDRESS = ("", "0.0.0.0", "::", "[::]")
LOGGED_PATH = 120  # characters of a path the access log shows

# livereload's own snippet (livereload.server.Server.application): the page loads the reload script
# from the address it was itself loaded from.
LIVE_SCRIPT = (
    b'<script type="text/javascript">(function(){var s=document.createElement("script");'
    b"var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    b's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
    b"document.head.appendChild(s);})();</script>"
)


@dataclass(frozen=True)
class Door:
    """The names under which the preview answers: its own address, with its port or none."""

    host: str
    port: int

    def admits(self, host_header: str | None) -> bool:
        """True for a request that may be answered. No Host at all comes from no browser (and so from no
        rebinding page, which always sends its own name): it is answered."""
        if host_header is None:
            return True
        name, port = split_host(host_header.strip().lower())
        if port is not None and port != str(self.port):
            return False
        bound = self.host.lower()
        if name in OWN_NAMES or name == (f"[{bound}]" if ":" in bound else bound):
            return True
        return bound in ANY_ADDRESS and (is_address(name) or name == socket.gethostname().lower())


def split_host(value: str) -> tuple[str, str | None]:
    """`name:port` -> (name, port); `[::1]:8000` -> ("[::1]", "8000"); no port -> (name, None)."""
    if value.startswith("["):
        name, bracket, rest = value.partition("]")
        return name + bracket, (rest[1:] if rest.startswith(":") else None if not rest else "?")
    name, colon, port = value.rpartition(":")
    return (name, port) if colon else (value, None)


def is_address(name: str) -> bool:
    """An IP address written out (a DNS rebinding attack needs a name, never an address)."""
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def same_origin(origin: str, host: str) -> bool:
    """The page that opens a socket was served by this very address (scheme, name and port)."""
    parts = urlsplit(origin)
    return parts.scheme == "http" and bool(host) and parts.netloc.lower() == host.strip().lower()


def refuse(handler: web.RequestHandler, status: int, text: str) -> None:
    handler.set_status(status)
    handler.set_header("Content-Type", "text/plain; charset=UTF-8")
    handler.set_header("Cache-Control", "no-store")
    handler.finish(text + "\n")


class Refusal(web.RequestHandler):
    """Answers every request with one status and one line of text."""

    def initialize(self, status: int, text: str) -> None:  # type: ignore[override]
        self.status, self.text = status, text

    def prepare(self) -> None:
        refuse(self, self.status, self.text)


class ReloadSocket(LiveReloadHandler):
    """livereload's socket (it sends "reload" to every open page), opened only from the preview's own pages."""

    async def get(self, *args: Any, **kwargs: Any) -> None:
        origin = self.request.headers.get("Origin")
        if origin is not None and not same_origin(origin, self.request.headers.get("Host", "")):
            refuse(self, 403, REFUSED_ORIGIN)
            return
        await super().get(*args, **kwargs)

    def check_origin(self, origin: str) -> bool:  # Tornado's own check, after the one above: the same rule
        return same_origin(origin, self.request.headers.get("Host", ""))


class _Injector(LiveScriptInjector):
    script = LIVE_SCRIPT


class GuardedApplication(web.Application):
    """A Tornado application that sends a request with a foreign Host to `Refusal` before any routing."""

    def __init__(self, door: Door, handlers: list[Any], **settings: Any) -> None:
        super().__init__(handlers, **settings)
        self.door = door

    def find_handler(self, request: httputil.HTTPServerRequest, **kwargs: Any) -> Any:
        if not self.door.admits(request.headers.get("Host")):
            return self.get_handler_delegate(request, Refusal, {"status": 403, "text": REFUSED_HOST})
        return super().find_handler(request, **kwargs)


def log_request(handler: web.RequestHandler) -> None:
    """Tornado's access log line, with an overlong path cut short."""
    request, status = handler.request, handler.get_status()
    uri = request.uri or ""
    shown = uri if len(uri) <= LOGGED_PATH else f"{uri[:LOGGED_PATH]}… ({len(uri):,} characters)"
    log = access_log.info if status < 400 else access_log.warning if status < 500 else access_log.error
    log("%d %s %s (%s) %.2fms", status, request.method, shown, request.remote_ip, 1000.0 * request.request_time())


def application(host: str, port: int, pages: list[Any]) -> web.Application:
    """The preview's application: the reload socket and script, then `pages` (the preview's files)."""
    handlers = [(r"/livereload", ReloadSocket), (r"/livereload.js", LiveReloadJSHandler), *pages]
    return GuardedApplication(Door(host, port), handlers, transforms=[_Injector], log_function=log_request)


def quiet_logs(language: Language) -> None:
    """The terminal is the editor's: Tornado's access log (`404 GET /favicon.ico (127.0.0.1) 0.52ms`, a line a
    request) stays out of it, and so does livereload's chatter ("Serving on", "Running task", "Reload 1 waiters").
    Still shown: a 500 (a bug in the preview) and livereload's warnings and errors; its "Browser Connected: <page>"
    becomes one line in the editor's language (that page reloads by itself from now on)."""
    access_log.setLevel(logging.ERROR)
    livereload = logging.getLogger("livereload")
    for earlier in [found for found in livereload.filters if isinstance(found, EditorLines)]:
        livereload.removeFilter(earlier)  # one filter, in the language of this preview, however often this runs
    livereload.addFilter(EditorLines(language))


class EditorLines(logging.Filter):
    """Livereload's log as the editor should read it: warnings and errors as they are, a page connected in
    the editor's words (without the logger's `[I 201205 10:00:00 handlers:135]`), nothing else."""

    def __init__(self, language: Language) -> None:
        super().__init__()
        self.language = language

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        message = record.getMessage()
        if message.startswith(CONNECTED):
            page = message.removeprefix(CONNECTED).strip()
            print(self.language(tr("Page connected: {page} (it reloads by itself from now on)", page=page)), flush=True)
        return False
