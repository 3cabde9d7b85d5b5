"""The editors' live preview, driven as an editor uses it: a real `build.py serve`, a real Chromium page.

Each test starts the dev server on a free port of 127.0.0.1 for a copy of the sample site (most of them:
three of its releases, `sitetools.PREVIEWED`), opens a
page, edits files on disk and waits for the page to change by itself. No test sleeps for a fixed time or
holds the preview to a clock: each waits for the event it needs (the page connected, the text shown),
and its time limit only bounds a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from devserver import PATIENCE, Transcript, free_port, open_live, raw_request, start_server, stop, wait_until, wait_until_up
from playwright.sync_api import Page, expect
from sitetools import PREVIEWED, copy_project, edit_file, small_sample

RELEASE_FILE = "content/2024/2024-12-03-kota-jambi.md"
SHOWN = PATIENCE * 1000  # milliseconds a page may take to change: a bound on failure only


@dataclass
class DevServer:
    root: Path
    url: str
    process: subprocess.Popen[str]
    transcript: Transcript

    def release_url(self, institution: str = "kota-jambi") -> str:
        data = json.loads((self.preview / "data" / "awards.json").read_text(encoding="utf-8"))
        entry = next(i for i in data["institutions"] if i["slug"] == institution)
        return self.url + entry["awards"][-1]["release_url"]

    @property
    def preview(self) -> Path:
        return self.root / ".arsip-cache" / "preview"

    def edit(self, relative: str, old: str, new: str) -> None:
        edit_file(self.root, relative, old, new)


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[DevServer]:
    root = small_sample(tmp_path / "site", PREVIEWED)
    port = free_port()
    process = start_server(root, port, "--drafts")
    transcript = Transcript(process)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/", process)
        yield DevServer(root, url, process, transcript)
    finally:
        stop(process, transcript)


@pytest.fixture
def page(desktop: Page) -> Page:
    return desktop


def test_every_saved_title_shows_in_the_open_page(dev_server: DevServer, page: Page) -> None:
    """Saves that follow each other as fast as the page shows them: livereload, left to itself, would drop
    a reload that comes within 3 s of the previous one, and the page would keep an old title for good."""
    open_live(page, dev_server.release_url(), dev_server.transcript)
    heading = page.locator("h1")
    expect(heading).to_contain_text("Pemkot Jambi Raih Nilai 93,68")
    titles = ["Pemkot Jambi Raih Nilai 93,68", "Judul Baru Pertama", "Judul Baru Kedua", "Judul Baru Ketiga"]
    for old, new in itertools.pairwise(titles):
        dev_server.edit(RELEASE_FILE, old, new)
        expect(heading).to_contain_text(new, timeout=SHOWN)


def test_bad_front_matter_shows_overlay_then_fix_brings_page_back(dev_server: DevServer, page: Page) -> None:
    open_live(page, dev_server.release_url(), dev_server.transcript)
    dev_server.edit(RELEASE_FILE, "zone: hijau", "zone: hijo")
    overlay = page.locator("#arsip-overlay")
    expect(overlay).to_be_visible(timeout=SHOWN)
    expect(overlay).to_contain_text(f"{RELEASE_FILE}:5: error: zone 'hijo' is not one of hijau, kuning, merah (did you mean 'hijau'?)")
    expect(page.locator("h1")).to_contain_text("Pemkot Jambi Raih Nilai 93,68")  # the last good page stays underneath
    open_live(page, dev_server.url + "/instansi/", dev_server.transcript)
    expect(page.locator("#arsip-overlay")).to_be_visible()
    dev_server.edit(RELEASE_FILE, "zone: hijo", "zone: hijau")
    expect(page.locator("#arsip-overlay")).to_have_count(0, timeout=SHOWN)
    expect(page.locator("h1")).to_have_text("Instansi")
    assert dev_server.process.poll() is None


OVERLAY_WORDS = {
    "id": (
        "Gagal membangun situs — halaman ini versi terakhir yang berhasil dibangun.",
        f"{RELEASE_FILE}:5: kesalahan: zona 'hijo' bukan salah satu dari hijau, kuning, merah (maksud Anda 'hijau'?)",
    ),
    "en": (
        "Build failed — this page is the last version that built.",
        f"{RELEASE_FILE}:5: error: zone 'hijo' is not one of hijau, kuning, merah (did you mean 'hijau'?)",
    ),
}


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_overlay_speaks_the_sites_language(tmp_path: Path, page: Page, language: str) -> None:
    """With no --lang and no ARSIP_LANG, the overlay over a broken release is in site_config.toml's language."""
    root = small_sample(tmp_path / "site", PREVIEWED)
    config = root / "site_config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('language = "id"', f'language = "{language}"', 1), encoding="utf-8")
    port = free_port()
    process = start_server(root, port, env={key: value for key, value in os.environ.items() if key != "ARSIP_LANG"})
    transcript = Transcript(process)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/", process)
        open_live(page, url + "/instansi/", transcript)
        release = root / RELEASE_FILE
        release.write_text(release.read_text(encoding="utf-8").replace("zone: hijau", "zone: hijo", 1), encoding="utf-8")
        overlay = page.locator("#arsip-overlay")
        expect(overlay).to_be_visible(timeout=SHOWN)
        expect(overlay).to_have_attribute("lang", language)
        title, problem = OVERLAY_WORDS[language]
        expect(overlay).to_contain_text(title)
        expect(overlay).to_contain_text(problem)
        connected = {
            "id": "Halaman tersambung: {} (mulai sekarang dimuat ulang sendiri)\n",
            "en": "Page connected: {} (it reloads by itself from now on)\n",
        }
        assert connected[language].format(url + "/instansi/") in transcript.lines
    finally:
        stop(process, transcript)


def output_times(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


FEEDS = ("feed.xml", "rss.xml", "feed.json")  # they carry whole bodies: an edited body is in them too


def test_body_edit_rewrites_only_that_page_in_each_language(dev_server: DevServer, page: Page) -> None:
    url = dev_server.release_url()
    open_live(page, url, dev_server.transcript)
    before = output_times(dev_server.preview)
    dev_server.edit(RELEASE_FILE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih (Pj Wali Kota) menyatakan")
    expect(page.locator(".body")).to_contain_text("(Pj Wali Kota)", timeout=SHOWN)
    after = output_times(dev_server.preview)
    changed = sorted(name for name, stamp in after.items() if before.get(name) != stamp and not name.startswith("pagefind/"))
    own = url.removeprefix(dev_server.url + "/") + "index.html"
    assert [name for name in changed if not name.endswith(FEEDS)] == ["en/" + own, own]  # the page and its English mirror


def test_a_broken_link_saved_in_a_body_is_named_at_its_file_and_line(dev_server: DevServer, page: Page) -> None:
    """The preview checks links after the page is in place (a warning: what is published stays), and still says where."""
    open_live(page, dev_server.release_url(), dev_server.transcript)
    dev_server.edit(RELEASE_FILE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih ([rincian](halaman-tidak-ada/)) menyatakan")
    expect(page.locator(".body")).to_contain_text("(rincian)", timeout=SHOWN)
    text = (dev_server.root / RELEASE_FILE).read_text(encoding="utf-8")
    line = next(number for number, written in enumerate(text.splitlines(), 1) if "halaman-tidak-ada" in written)
    dev_server.transcript.wait_for(f"{RELEASE_FILE}:{line}: warning: broken link 'halaman-tidak-ada/'")


def test_template_edit_reloads_the_page(dev_server: DevServer, page: Page) -> None:
    open_live(page, dev_server.url + "/", dev_server.transcript)
    dev_server.edit("templates/home.html", "{{ t('browse') }}", "Jelajahi seluruh arsip")
    expect(page.locator("#jelajahi")).to_have_text("Jelajahi seluruh arsip", timeout=SHOWN)


@pytest.mark.parametrize(
    "probe",
    [
        "/../site_config.toml",
        "/%2e%2e/site_config.toml",
        "/..%2fsite_config.toml",
        "/%252e%252e/site_config.toml",
        "/%2e%2e%2fsite_config.toml",
    ],
)
def test_nothing_outside_output_is_served(dev_server: DevServer, probe: str) -> None:
    status, _, body = raw_request(int(dev_server.url.rsplit(":", 1)[1]), probe)  # the path exactly as written, Host its own
    assert status in (400, 404)
    assert b"[[rubric]]" not in body and b"base_url" not in body


def test_drafts_are_shown_marked_in_serve_with_drafts(dev_server: DevServer, page: Page) -> None:
    page.goto(dev_server.url + "/linimasa/2026/")
    expect(page.locator(".badge-draft")).to_have_count(1)


def test_ctrl_c_exits_cleanly(dev_server: DevServer) -> None:
    output = stop(dev_server.process, dev_server.transcript)
    assert dev_server.process.returncode == 128 + signal.SIGINT  # 130, as build.py build stopped by Ctrl-C
    assert "Preview stopped" in output and "Traceback" not in output


def test_sigterm_stops_it_with_143(dev_server: DevServer) -> None:
    dev_server.process.send_signal(signal.SIGTERM)
    dev_server.process.wait(timeout=PATIENCE)
    assert dev_server.process.returncode == 128 + signal.SIGTERM
    output = dev_server.transcript.text()
    assert "Preview stopped" in output and "Traceback" not in output


def test_ctrl_c_stops_it_even_when_started_in_the_background(tmp_path: Path) -> None:
    """A shell's background job (`make serve &`, a CI runner) inherits an ignored SIGINT; Ctrl-C must still work, even mid-rebuild."""
    root = copy_project(tmp_path / "site")
    port = free_port()
    process = start_server(root, port, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    transcript = Transcript(process)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", process)
        release = root / RELEASE_FILE
        release.write_text(release.read_text(encoding="utf-8") + "\nSatu paragraf lagi.\n", encoding="utf-8")
        transcript.wait_for("(search index follows)")  # pages rebuilt; the search index is being rebuilt now
    finally:
        output = stop(process, transcript)
    assert process.returncode == 128 + signal.SIGINT
    assert "Preview stopped" in output and "Traceback" not in output


def _pagefind_running(process: subprocess.Popen[str]) -> bool:
    """Whether the preview has a Pagefind process of its own running at this moment (Linux's /proc)."""
    for children in Path(f"/proc/{process.pid}/task").glob("*/children"):
        for child in children.read_text().split():
            try:
                if "pagefind" in Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace"):
                    return True
            except OSError:
                continue  # the child finished between the two reads
    return False


@pytest.mark.parametrize("moment", ["file saved", "pages rebuilt", "pagefind running"])
def test_ctrl_c_at_each_moment_of_a_rebuild_exits_cleanly(tmp_path: Path, moment: str) -> None:
    """Pages are rebuilt first, then the search index on the same thread: Ctrl-C can land anywhere.

    Each case waits for its moment as an event (the file written, the progress line printed, the
    Pagefind process seen among the preview's children), then presses Ctrl-C once."""
    root = copy_project(tmp_path / "site")
    port = free_port()
    process = start_server(root, port)
    transcript = Transcript(process)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", process)
        release = root / RELEASE_FILE
        release.write_text(release.read_text(encoding="utf-8") + "\nSatu paragraf lagi.\n", encoding="utf-8")
        if moment != "file saved":
            transcript.wait_for("(search index follows)")
        if moment == "pagefind running":
            wait_until(lambda: _pagefind_running(process), "Pagefind started by the preview")
    finally:
        output = stop(process, transcript)
    assert process.returncode == 128 + signal.SIGINT, output
    assert "Preview stopped" in output and "Traceback" not in output, output


def test_a_new_release_file_appears_and_a_deleted_one_goes(dev_server: DevServer) -> None:
    """What editors do most: drop a Markdown file into content/ (and sometimes take one out again)."""
    release = dev_server.root / "content" / "2025" / "2025-01-06-rilis-baru.md"
    release.parent.mkdir(exist_ok=True)
    release.write_text(
        "---\ntitle: Rilis Baru Pratinjau\ndate: 2025-01-06\ninstitution: Pemerintah Kota Jambi\n"
        "year: 2024\nscore: 91,5\n---\nIsi rilis.\n",
        encoding="utf-8",
    )
    page = dev_server.preview / "rilis" / "2025-01-06-rilis-baru-pratinjau" / "index.html"
    wait_until(page.is_file, "the new release's page")
    assert "Rilis Baru Pratinjau" in page.read_text(encoding="utf-8")
    release.unlink()
    wait_until(lambda: not page.exists(), "the deleted release's page gone")
    assert "Rilis Baru Pratinjau" not in (dev_server.preview / "index.html").read_text(encoding="utf-8")


def test_preview_leaves_the_published_output_alone(dev_server: DevServer) -> None:
    assert not (dev_server.root / "output").exists()
    assert (dev_server.preview / "index.html").is_file()


def test_busy_port_is_a_clear_message(dev_server: DevServer) -> None:
    port = int(dev_server.url.rsplit(":", 1)[1])
    second = start_server(dev_server.root, port)
    output, _ = second.communicate(timeout=PATIENCE)
    assert second.returncode == 2
    assert f"port {port} on 127.0.0.1 is in use; try another, e.g.  --port {port + 1}" in output
    assert "Traceback" not in output


def test_server_started_on_a_broken_site_recovers_after_the_fix(tmp_path: Path, page: Page) -> None:
    root = small_sample(tmp_path / "site", PREVIEWED)
    release = root / RELEASE_FILE
    release.write_text(release.read_text(encoding="utf-8").replace("zone: hijau", "zone: hijo", 1), encoding="utf-8")
    port = free_port()
    process = start_server(root, port)
    transcript = Transcript(process)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: answers_404(url), "the server answering 404 with the overlay")
        open_live(page, url, transcript)
        expect(page.locator("#arsip-overlay")).to_contain_text("zone 'hijo'")
        release.write_text(release.read_text(encoding="utf-8").replace("zone: hijo", "zone: hijau", 1), encoding="utf-8")
        expect(page.locator("#arsip-overlay")).to_have_count(0, timeout=SHOWN)
        expect(page.locator("h1")).to_have_text("Arsip Kepatuhan Pelayanan Publik")
    finally:
        stop(process, transcript)


def test_the_terminal_shows_no_access_log(dev_server: DevServer) -> None:
    """Requests answered 200, 404 and 400 leave no line of Tornado's access log among the editor's lines."""
    port = int(dev_server.url.rsplit(":", 1)[1])
    for target, status in (("/", 200), ("/tidak-ada/", 404), ("/%00", 400), ("/pagefind/pagefind.js", 200)):
        assert raw_request(port, target)[0] == status, target
    output = stop(dev_server.process, dev_server.transcript)
    assert f"Preview at http://127.0.0.1:{port}/ (Ctrl-C to stop)\n" in dev_server.transcript.lines
    assert not re.search(r"\b(200|400|404) GET ", output), output
    assert "Serving on" not in output and "Preview stopped" in output


def test_the_preview_speaks_indonesian_in_its_terminal_and_overlay(tmp_path: Path) -> None:
    root = small_sample(tmp_path / "site", PREVIEWED)
    release = root / RELEASE_FILE
    release.write_text(release.read_text(encoding="utf-8").replace("zone: hijau", "zone: hijo", 1), encoding="utf-8")
    port = free_port()
    process = start_server(root, port, env={**os.environ, "ARSIP_LANG": "id"})
    transcript = Transcript(process)
    try:
        wait_until(lambda: answers_404(f"http://127.0.0.1:{port}/"), "the server answering 404 with the overlay")
        status, _, body = raw_request(port, "/")
        page = body.decode("utf-8")
        assert status == 404 and '<div id="arsip-overlay" role="alert" lang="id"' in page
        assert "Gagal membangun situs — halaman ini versi terakhir yang berhasil dibangun.</strong>" in page
        assert re.search(
            r">\d+ kesalahan, 0 peringatan di 1 berkas\. Perbaiki berkas di bawah ini lalu simpan; halaman akan dimuat ulang sendiri\.<",
            page,
        )
        assert f'<code style="white-space:pre-wrap">{RELEASE_FILE}:5: kesalahan: ' in page
        release.write_text(release.read_text(encoding="utf-8").replace("zone: hijo", "zone: hijau", 1), encoding="utf-8")
        transcript.wait_for("(indeks pencarian menyusul)")
        wait_until(lambda: raw_request(port, "/")[0] == 200, "the fixed site served")
    finally:
        output = stop(process, transcript)
    lines = transcript.lines
    assert f"Pratinjau di http://127.0.0.1:{port}/ (Ctrl-C untuk berhenti)\n" in lines
    assert any(line.startswith(f"{RELEASE_FILE}:5: kesalahan: ") for line in lines), output
    failed = (
        r"Gagal membangun: \d+ kesalahan, 0 peringatan di 1 berkas; halaman terakhir yang berhasil tetap tampil, "
        r"dengan masalahnya di atasnya\n"
    )
    assert any(re.fullmatch(failed, line) for line in lines), output
    rebuilt = (
        r"Dibangun ulang dalam \d+,\d\d detik: [\d.]+ dari [\d.]+ halaman dirender, [\d.]+ berkas berubah"
        r"( \(indeks pencarian menyusul\))?\n"
    )
    assert sum(bool(re.fullmatch(rebuilt, line)) for line in lines) >= 1, output
    assert lines[-1] == "Pratinjau berhenti\n" and "Traceback" not in output


def answers_404(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=5)
    except urllib.error.HTTPError as failure:
        return failure.code == 404
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
    return False
