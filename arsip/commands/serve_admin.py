"""The preview's form for editors: Decap CMS at `/admin/`, saving into content/ through `/api/v1`.

Input: the project folder and the requests to `/admin/...` and `/api/v1`. Output: Tornado handlers,
put by the preview before its own files and so behind the same door (`serve_guard`: a request whose
Host names another site never reaches them):

- `/admin/` the page, which loads Decap's bundle and starts it with the configuration below;
- `/admin/config.json` the configuration, generated from the site's schema at each load (`admin_schema`);
- `/admin/arsip-admin.js` the start: registers Decap's phrases in the editor's language when Decap does
  not ship them (Indonesian, `arsip/locale/id/decap-cms.json`), then `CMS.init` with the configuration;
- `/admin/decap/<file>` Decap's own files, from `node_modules/decap-cms/dist/` (installed by
  `make serve` from package-lock.json, never from a CDN): the bundle, its chunks, its stylesheet;
- `/api/v1` Decap's local backend (`admin_backend`), which writes under content/ only.

`/api/v1` writes files, so it answers only the preview's own pages on this very machine: a request
from another machine (`serve --host 0.0.0.0` shows the site to the network, not the form's backend),
without an Origin header naming the preview's own address (scheme, name and port), or sent as
anything but JSON (a form or a `text/plain` body, which a page of another site can post without
asking first) is refused with 403.
A page of another site cannot read the answers either: no CORS header is ever sent. None of these
pages may be shown in a frame of another page (clickjacking).

Everything is in the editor's language (`serve --lang`, else `i18n.chosen`): the page's `<html lang>`,
the labels and hints of the form, and Decap's own buttons, menus and notices.

After a save, the preview's watcher sees the new file and rebuilds, as after any save: the release,
or the problem with its file and line on the overlay, is in the preview at once.
"""

from __future__ import annotations

import ipaddress
import json
import mimetypes
from pathlib import Path
from typing import Any

from tornado import web

from .. import i18n, pipeline
from ..i18n import tr
from ..problems import BuildFailed
from ..source import registry, tree
from . import admin_backend, admin_schema, serve_guard

DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
ARSIP_CHECKOUT = Path(__file__).resolve().parents[2]  # where Arsip's package.json is
MAX_REQUEST_BYTES = 40 * 1024 * 1024  # a 25 MB picture, base64-encoded, and its envelope

mimetypes.add_type("application/wasm", ".wasm")

PAGE = """<!doctype html>
<html lang="{lang}">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<style>{style}</style>
<script>window.CMS_MANUAL_INIT = true;</script>
<script src="/admin/decap/decap-cms.js"></script>
<script src="/admin/arsip-admin.js"></script>
<body>
<noscript>{noscript}</noscript>
"""
# No </head> in the page: livereload's script goes before it, and a reload would empty the form.

# The one visible word of Decap's form outside its locale: react-select, the list of a select field (the
# institution), says "No options" in English when nothing matches what the editor typed. It is an
# element alone in the list's box, not an option; its text is hidden and the editor's words shown
# (react-select's hidden messages for screen readers stay English).
NO_OPTIONS = """
[id^="react-select-"][id$="-listbox"] > div:only-child:not([role="option"]) {{ font-size: 0; }}
[id^="react-select-"][id$="-listbox"] > div:only-child:not([role="option"])::after {{ content: {words}; font-size: 15px; }}
"""

MISSING = """<!doctype html>
<html lang="{lang}">
<meta charset="utf-8">
<title>{title}</title>
<body>
<h1>{title}</h1>
<p>{text}</p>
"""

START = """(function () {
  "use strict";
  var origin = window.location.origin;
  fetch("/admin/config.json", { cache: "no-store" })
    .then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.error); }
        return body;
      });
    })
    .then(function (config) {
      config.backend.proxy_url = origin + "/api/v1";
      config.site_url = origin + "/";
      config.display_url = origin + "/";
      window.CMS.init({ config: config });
    })
    .catch(function (problem) {
      var shown = document.createElement("pre");
      shown.id = "arsip-admin-problem";
      shown.textContent = problem.message;
      document.body.appendChild(shown);
    });
})();
"""


def decap_folder(root: Path) -> Path | None:
    """Decap's dist/ folder: the site's own node_modules, else the one beside Arsip's package.json."""
    for base in (root, ARSIP_CHECKOUT):
        folder = base / DECAP_DIST
        if (folder / "decap-cms.js").is_file():
            return folder
    return None


def handlers(root: Path, language: i18n.Language | None = None) -> list[tuple[str, type[web.RequestHandler], dict[str, Any]]]:
    """The routes of the form, to put before the preview's own files; all in `language` (default: `i18n.chosen` at each request)."""
    settings = {"root": root, "editor": language}
    made: list[tuple[str, type[web.RequestHandler], dict[str, Any]]] = [
        (r"/admin", web.RedirectHandler, {"url": "/admin/"}),
        (r"/admin/", AdminPage, settings),
        (r"/admin/config\.json", AdminConfig, settings),
        (r"/admin/arsip-admin\.js", AdminStart, settings),
        (r"/api/v1", LocalBackendHandler, settings),
    ]
    folder = decap_folder(root)
    if folder is not None:
        made.append((r"/admin/decap/([A-Za-z0-9][A-Za-z0-9._-]*)", DecapFiles, {"path": str(folder)}))
    return made


def _guard_headers(handler: web.RequestHandler) -> None:
    handler.set_header("X-Frame-Options", "DENY")
    handler.set_header("Content-Security-Policy", "frame-ancestors 'none'")
    handler.set_header("X-Content-Type-Options", "nosniff")
    handler.set_header("Cache-Control", "no-store")


class _AdminHandler(web.RequestHandler):
    def initialize(self, root: Path, editor: i18n.Language | None = None) -> None:  # type: ignore[override]
        self.root = root
        self.editor = editor

    def set_default_headers(self) -> None:
        _guard_headers(self)

    @property
    def language(self) -> i18n.Language:
        return self.editor or i18n.chosen(None, self.root)


class AdminPage(_AdminHandler):
    def get(self) -> None:
        language = self.language
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        title = language(tr("Arsip: write a release"))
        if decap_folder(self.root) is None:
            text = language(tr("The form (Decap CMS) is not installed. Stop the preview and start it with  make serve, which installs it."))
            self.set_status(503)
            self.finish(MISSING.format(lang=language.code, title=_escape(title), text=_escape(text)))
            return
        noscript = language(tr("The form needs JavaScript."))
        style = NO_OPTIONS.format(words=_css_string(language(tr("No options"))))
        self.finish(PAGE.format(lang=language.code, title=_escape(title), style=style, noscript=_escape(noscript)))


class AdminStart(_AdminHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/javascript; charset=UTF-8")
        self.finish(register_locale(self.language) + START)


def register_locale(language: i18n.Language) -> str:
    """The line that gives Decap its phrases in `language` before `CMS.init` (none for English, which Decap ships)."""
    phrases = admin_schema.decap_phrases(language)
    if phrases is None:
        return ""
    return f"window.CMS.registerLocale({json.dumps(admin_schema.decap_locale(language))}, {json.dumps(phrases, ensure_ascii=False)});\n"


class AdminConfig(_AdminHandler):
    def get(self) -> None:
        language = self.language
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        try:
            config = pipeline.configure(self.root)
        except BuildFailed as failed:
            self.set_status(503)
            self.finish(json.dumps({"error": "\n".join(problem.format(language) for problem in failed.problems)}, ensure_ascii=False))
            return
        problems: list[Any] = []
        found = tree._read_registry(config.content_dir / "institutions.toml", "content/institutions.toml", problems, None)
        directory, more = registry.build_directory(found, config.programme.kinds, config.programme.geography)
        errors = [problem for problem in (*problems, *more) if problem.is_error]
        if errors:
            self.set_status(503)
            self.finish(json.dumps({"error": "\n".join(problem.format(language) for problem in errors)}, ensure_ascii=False))
            return
        self.finish(json.dumps(admin_schema.decap_config(config, directory, language), ensure_ascii=False))


class LocalBackendHandler(_AdminHandler):
    """`POST /api/v1`: one action of Decap's local backend, from the preview's own pages only."""

    def post(self) -> None:
        headers = self.request.headers
        origin = headers.get("Origin")
        kind = headers.get("Content-Type", "").split(";")[0].strip().lower()
        fetched_from = headers.get("Sec-Fetch-Site")
        if not _loopback(self.request.remote_ip):  # `serve --host 0.0.0.0` shows the site to the network, never this
            serve_guard.refuse(self, 403, serve_guard.REFUSED_ORIGIN)
            return
        if origin is None or not serve_guard.same_origin(origin, headers.get("Host", "")) or fetched_from not in (None, "same-origin"):
            serve_guard.refuse(self, 403, serve_guard.REFUSED_ORIGIN)
            return
        if kind != "application/json":
            serve_guard.refuse(self, 403, serve_guard.REFUSED_ORIGIN)
            return
        if len(self.request.body) > MAX_REQUEST_BYTES:
            self._answer(413, {"error": self.language(tr("a request may be at most 40 MB"))})
            return
        try:
            body = json.loads(self.request.body)
        except (ValueError, UnicodeDecodeError):
            self._answer(422, {"error": "the body is not JSON"})
            return
        status, answer = admin_backend.LocalBackend(self.root, self.language).handle(body)
        self._answer(status, answer)

    def _answer(self, status: int, value: Any) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps(value, ensure_ascii=False))


class DecapFiles(web.StaticFileHandler):
    def set_extra_headers(self, path: str) -> None:
        _guard_headers(self)
        self.set_header("Cache-Control", "no-cache")


def _loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address((address or "").removeprefix("::ffff:")).is_loopback
    except ValueError:
        return False


def _css_string(text: str) -> str:
    """`text` as a CSS string inside a <style> element."""
    kept = " .,;:!?()-"
    return '"' + "".join(character if character.isalnum() or character in kept else f"\\{ord(character):06x}" for character in text) + '"'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
