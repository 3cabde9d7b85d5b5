"""The preview against hostile requests and an unkind disk, as an editor (or an attacker's page) meets it.

Each test talks to a real `build.py serve` on a free port of 127.0.0.1: raw HTTP where the exact bytes
matter (a forged Host, a websocket handshake, a malformed path), Chromium where a browser's behaviour
is the point (a foreign page reaching for the reload socket). Nothing sleeps for a fixed time: each test
waits for the event it needs, with a time limit that only bounds a failure.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from devserver import Transcript, free_port, raw_request, start_server, stop, wait_until, wait_until_up
from playwright.sync_api import Page
from sitetools import PREVIEWED, run_build, small_sample

RELEASE_FILE = "content/2024/2024-12-03-kota-jambi.md"
BODY_MARK = "Sri Purwaningsih menyatakan"
REFUSED_HOST = b"Alamat ini tidak dilayani / not served here"
REFUSED_ORIGIN = b"Sambungan dari situs lain ditolak / connections from other sites are refused"
WEBSOCKET = {
    "Connection": "Upgrade",
    "Upgrade": "websocket",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version": "13",
}


@dataclass
class Served:
    root: Path
    port: int
    process: subprocess.Popen[str]
    transcript: Transcript

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as failure:
            return failure.code, failure.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def release_path(self) -> str:
        data = json.loads((self.root / ".arsip-cache" / "preview" / "data" / "awards.json").read_text(encoding="utf-8"))
        entry = next(i for i in data["institutions"] if i["slug"] == "kota-jambi")
        return entry["awards"][-1]["release_url"]

    def save_body(self, new: str) -> None:
        release = self.root / RELEASE_FILE
        text = release.read_text(encoding="utf-8")
        assert BODY_MARK in text
        release.write_text(text.replace(BODY_MARK, new + " " + BODY_MARK, 1), encoding="utf-8")

    def shows(self, path: str, text: str) -> bool:
        status, body = self.get(path)
        return status == 200 and text in body


def serve(root: Path, *options: str, port: int | None = None) -> Served:
    port = port or free_port()
    process = start_server(root, port, *options)
    served = Served(root, port, process, Transcript(process))
    wait_until_up(served.url + "/", process)
    return served


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the tests that only send requests (none of them changes a file)."""
    served = serve(small_sample(tmp_path_factory.mktemp("hostile") / "site", PREVIEWED))
    try:
        yield served
    finally:
        stop(served.process, served.transcript)  # each test has looked at what it printed


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    served = serve(small_sample(tmp_path / "site", PREVIEWED))
    try:
        yield served
    finally:
        stop(served.process, served.transcript)


def no_traceback(served: Served) -> None:
    printed = "".join(served.transcript.lines)
    assert "Traceback" not in printed and "] 500 " not in printed, printed  # "[E ... serve_guard:NN] 500 GET /x"


# 1. DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 sends its own name as Host.


@pytest.mark.parametrize(
    "host",
    ["evil.example:{port}", "evil.example", "127.0.0.1.evil.example:{port}", "localhost.evil.example:{port}", "localhost:{other}", ""],
)
@pytest.mark.parametrize("target", ["/", "/index.html", "/livereload.js", "/no-such-page/"])
def test_a_foreign_host_name_is_refused(shared: Served, host: str, target: str) -> None:
    status, headers, body = raw_request(shared.port, target, {"Host": host.format(port=shared.port, other=shared.port + 1)})
    assert status == 403
    assert headers["content-type"].startswith("text/plain")
    assert body.strip() == REFUSED_HOST
    no_traceback(shared)


def test_a_foreign_host_name_cannot_open_the_reload_socket(shared: Served) -> None:
    status, _, body = raw_request(shared.port, "/livereload", {**WEBSOCKET, "Host": f"evil.example:{shared.port}"})
    assert status == 403 and body.strip() == REFUSED_HOST
    no_traceback(shared)


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}", "[::1]:{port}", "127.0.0.1"])
def test_the_preview_answers_to_its_own_names(shared: Served, host: str) -> None:
    status, _, body = raw_request(shared.port, "/", {"Host": host.format(port=shared.port)})
    assert status == 200 and b"<html" in body
    no_traceback(shared)


# 2. The reload socket: only the preview's own pages (or a client that sends no Origin) may open it.


@pytest.mark.parametrize("origin", [None, "http://127.0.0.1:{port}"])
def test_the_reload_socket_opens_for_the_preview_itself(shared: Served, origin: str | None) -> None:
    sent = {**WEBSOCKET, "Origin": origin.format(port=shared.port) if origin else None}
    status, headers, _ = raw_request(shared.port, "/livereload", sent)
    assert status == 101 and headers["upgrade"].lower() == "websocket"
    no_traceback(shared)


@pytest.mark.parametrize("origin", ["http://evil.example", "http://localhost:{port}", "http://127.0.0.1:{other}", "null"])
def test_the_reload_socket_is_refused_to_other_origins(shared: Served, origin: str) -> None:
    sent = {**WEBSOCKET, "Origin": origin.format(port=shared.port, other=shared.port + 1)}
    status, headers, body = raw_request(shared.port, "/livereload", sent)
    assert status == 403
    assert headers["content-type"].startswith("text/plain") and body.strip() == REFUSED_ORIGIN
    no_traceback(shared)


OPEN_SOCKET = """url => new Promise(done => {
    const socket = new WebSocket(url);
    socket.onopen = () => { socket.close(); done("open"); };
    socket.onerror = () => done("refused");
})"""


def test_a_page_of_another_local_site_cannot_listen_to_the_preview(shared: Served, served_site: str, desktop: Page) -> None:
    """Chromium itself keeps public sites away from 127.0.0.1; another site on this computer is the preview's to refuse."""
    socket_url = f"ws://127.0.0.1:{shared.port}/livereload"
    desktop.goto(shared.url + "/")
    assert desktop.evaluate(OPEN_SOCKET, socket_url) == "open"  # the preview's own page may
    desktop.goto(served_site + "/")  # the published sample site, served on another port of 127.0.0.1
    assert desktop.evaluate(OPEN_SOCKET, socket_url) == "refused"
    no_traceback(shared)


# 3. Malformed paths: 400 or 404, never a 500, never a traceback on the page or in the terminal.


@pytest.mark.parametrize(
    "target",
    [
        "/%00",
        "/index.html%00.txt",
        "/%00/../site_config.toml",
        "/..%2f..%2fetc/passwd",
        "/%ff",
        "/%c0%ae%c0%ae/site_config.toml",
        "/%ed%a0%80",
        "/a\\b",
        "/..\\..\\site_config.toml",
        "/%5c..%5csite_config.toml",
        "/" + "a" * 300,
        "/" + "a/" * 3000,
        "/" + "%2e%2e/" * 500 + "etc/passwd",
    ],
    ids=lambda target: target[:30],
)
def test_a_malformed_path_is_a_plain_refusal(shared: Served, target: str) -> None:
    status, _, body = raw_request(shared.port, target)
    assert status in (400, 404), status
    assert b"Traceback" not in body and b"root:" not in body and b"[[rubric]]" not in body
    assert shared.get("/")[0] == 200  # and the preview goes on
    no_traceback(shared)


def test_a_request_too_long_to_read_is_cut_off_quietly(shared: Served) -> None:
    """Over 64 KB of request head Tornado closes the connection without an answer (no browser sends such a
    path); nothing is printed and the preview goes on."""
    try:
        status, _, body = raw_request(shared.port, "/" + "a" * 100_000)
    except ConnectionError:
        status, body = 0, b""
    assert status in (0, 400, 404, 414, 431) and b"Traceback" not in body
    assert shared.get("/")[0] == 200
    no_traceback(shared)


# 4. A restart binds the same port at once, even while the last run's connection waits in TIME_WAIT.


def waiting_connections(port: int) -> int:
    """Connections of 127.0.0.1:port in TIME_WAIT or FIN_WAIT2, as the kernel lists them."""
    with open("/proc/net/tcp", encoding="ascii") as table:
        rows = [line.split() for line in table.readlines()[1:]]
    return sum(row[1].endswith(f":{port:04X}") and row[3] in ("06", "05") for row in rows)


def test_a_restart_binds_the_same_port_at_once(tmp_path: Path) -> None:
    root = small_sample(tmp_path / "site", PREVIEWED)
    first = serve(root)
    with socket.create_connection(("127.0.0.1", first.port), timeout=30) as client:
        client.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{first.port}\r\n\r\n".encode())
        assert client.recv(64).startswith(b"HTTP/1.1 200")  # kept alive, open while the server stops
        output = stop(first.process, first.transcript)
        wait_until(lambda: client.recv(65536) == b"", "the stopped server closing the open connection")
    assert waiting_connections(first.port) > 0  # the old connection holds the port in TIME_WAIT
    second = serve(root, port=first.port)
    try:
        assert second.shows("/", "<html")
    finally:
        output += stop(second.process, second.transcript)
    assert "in use" not in output and "Traceback" not in output


# 5. A loop of links in content/: reported, the preview goes on, and one Ctrl-C stops it with 130.


@pytest.mark.parametrize("made", ["before the start", "while serving"])
def test_a_loop_of_folder_links_is_reported_and_the_preview_goes_on(tmp_path: Path, made: str) -> None:
    root = small_sample(tmp_path / "site", PREVIEWED)

    def make_loop() -> None:
        for name in ("a", "b"):  # two links back to content/: a walk that followed them would never end
            (root / "content" / name).symlink_to(".", target_is_directory=True)

    if made == "before the start":
        make_loop()
    served = serve(root)
    try:
        if made == "while serving":
            make_loop()
        path = served.release_path()
        served.save_body("Suntingan sesudah tautan melingkar.")
        wait_until(lambda: served.shows(path, "Suntingan sesudah tautan melingkar."), "the saved body in the preview")
        served.transcript.wait_for("content/a: warning: skipped: a link to a folder")
    finally:
        output = stop(served.process, served.transcript)
    assert served.process.returncode == 128 + signal.SIGINT
    assert "Preview stopped" in output and "Traceback" not in output


def test_a_link_to_itself_is_an_error_shown_over_the_last_good_pages(tmp_path: Path) -> None:
    served = serve(small_sample(tmp_path / "site", PREVIEWED))
    try:
        path = served.release_path()
        (served.root / "content" / "2024" / "putaran.md").symlink_to("putaran.md")
        served.transcript.wait_for("content/2024/putaran.md: error: a link that leads back to itself")
        wait_until(lambda: served.shows(path, "arsip-overlay"), "the problem shown over the last good page")
        assert served.shows(path, BODY_MARK)
    finally:
        output = stop(served.process, served.transcript)
    assert served.process.returncode == 128 + signal.SIGINT
    assert "Preview stopped" in output and "Traceback" not in output


# 6. `build.py build --clean` removes .arsip-cache/, where the preview lives: the preview builds itself again.


def test_build_clean_while_serving_brings_the_preview_back(served: Served) -> None:
    path = served.release_path()
    result = run_build(served.root, "build", "--clean")
    assert result.returncode == 0, result.stderr
    wait_until(lambda: served.shows(path, BODY_MARK), "the release page served again after build --clean")
    served.save_body("Sesudah pembersihan.")
    wait_until(lambda: served.shows(path, "Sesudah pembersihan."), "a save after build --clean in the preview")
    assert (served.root / "output" / "index.html").is_file()  # the published site the clean build made
    no_traceback(served)


def test_build_clean_before_serving(tmp_path: Path) -> None:
    root = small_sample(tmp_path / "site", PREVIEWED)
    assert run_build(root, "build").returncode == 0
    assert run_build(root, "build", "--clean").returncode == 0
    served = serve(root)
    try:
        path = served.release_path()
        served.save_body("Sesudah pembersihan.")
        wait_until(lambda: served.shows(path, "Sesudah pembersihan."), "a save in the preview")
    finally:
        output = stop(served.process, served.transcript)
    assert "Traceback" not in output


# 7. --drafts: a release marked `draft: true` shows in the preview with it, and not without it.

DRAFT_TITLE = "Pemprov Jambi dalam Opini Ombudsman 2025"


@pytest.mark.parametrize("drafts", [True, False], ids=["with --drafts", "without"])
def test_drafts_show_only_with_the_option(tmp_path: Path, drafts: bool) -> None:
    served = serve(small_sample(tmp_path / "site", PREVIEWED), *(["--drafts"] if drafts else []))
    try:
        _, timeline = served.get("/linimasa/2026/")
        _, home = served.get("/")
    finally:
        stop(served.process, served.transcript)
    assert (DRAFT_TITLE in timeline) == drafts
    assert ("badge-draft" in timeline) == drafts
    assert DRAFT_TITLE not in home or drafts
