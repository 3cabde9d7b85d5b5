"""The editors' form at /admin/ (Decap CMS), driven as an editor uses it: a real `build.py serve` on
127.0.0.1 for a copy of the sample site, a real Chromium page filling the form and saving.

A release saved through the form is a Markdown file in content/, built, and served by the preview; a
bad value saved through the form is shown on the preview's overlay with its file and line. No test
sleeps for a fixed time: each waits for the event it needs (the file written, the page served, the
overlay shown), and its time limit only bounds a failure. The form's `/api/v1`, which writes files,
answers the preview's own pages only; the last tests knock on it as another site would.

The tests run in English (tests/conftest.py) unless they start the preview in Indonesian: then Decap's
own buttons, menus and notices are Indonesian too, and a release is added pressing Indonesian words.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from decapform import fill, fill_and_save, open_form
from devserver import PATIENCE, Transcript, free_port, open_live, start_server, stop, wait_until, wait_until_up
from playwright.sync_api import Browser, Page, expect
from sitetools import REPO, copy_project

SHOWN = PATIENCE * 1000  # milliseconds a page may take to change: a bound on failure only
DECAP = REPO / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"


@dataclass
class DevServer:
    root: Path
    url: str
    port: int
    process: subprocess.Popen[str]
    transcript: Transcript


@contextmanager
def serving(tmp_path: Path, *options: str, language: str = "en") -> Iterator[DevServer]:
    """`build.py serve --drafts` for a copy of the sample site, with $ARSIP_LANG set to `language`."""
    assert DECAP.is_file(), "Decap CMS is not installed: run `make test-tools` (npm ci)"
    root = copy_project(tmp_path / "site")
    port = free_port()
    process = start_server(root, port, "--drafts", *options, env={**os.environ, "ARSIP_LANG": language})
    transcript = Transcript(process)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/", process)
        yield DevServer(root, url, port, process, transcript)
    finally:
        stop(process, transcript)


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[DevServer]:
    with serving(tmp_path) as server:
        yield server


@pytest.fixture
def dev_server_id(tmp_path: Path) -> Iterator[DevServer]:
    """The preview of an Indonesian-speaking editor: ARSIP_LANG=id."""
    with serving(tmp_path, language="id") as server:
        yield server


@pytest.fixture
def admin(desktop: Page) -> Page:
    """The page that holds the form (conftest's desktop page; `preview` is a second one beside it)."""
    return desktop


@pytest.fixture
def preview(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def served_release(server: DevServer, title: str) -> str | None:
    """The preview's URL of the release titled `title`, once its open data lists it."""
    try:
        with urllib.request.urlopen(server.url + "/data/awards.json", timeout=5) as response:
            data = json.load(response)
    except (urllib.error.URLError, ValueError):
        return None
    return next((server.url + release["url"] for release in data["releases"] if release["title"] == title), None)


def saved_file(server: DevServer, name: str) -> Path | None:
    path = server.root / "content" / "2024" / name
    return path if path.is_file() and path.read_text(encoding="utf-8").rstrip().endswith("formulir.") else None


def test_a_release_added_through_the_form_is_written_built_and_shown(dev_server: DevServer, admin: Page, preview: Page) -> None:
    open_live(preview, dev_server.url + "/instansi/kementerian-keuangan/", dev_server.transcript)
    open_form(admin, dev_server.url)
    expect(admin.locator("html")).to_have_attribute("lang", "en")
    title = "Kemenkeu Raih Nilai 91,20 pada Penilaian Kepatuhan 2024"
    fill_and_save(
        admin, title=title, date="2024-12-20", institution="Kementerian Keuangan", score="91,20", zone="hijau", body="Isi dari formulir."
    )

    path = wait_until(lambda: saved_file(dev_server, "2024-12-20-kemenkeu-raih-nilai-91-20-pada-penilaian-kepatuhan-2024.md"), "the file")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    for line in (f"title: {title}", "date: 2024-12-20", "institution: Kementerian Keuangan", "score: 91,20", "zone: hijau"):
        assert line in text.splitlines(), text

    # The institution's page, open in the preview, reloads by itself and lists the new release.
    expect(preview.get_by_role("link", name=title)).to_be_visible(timeout=SHOWN)
    url = wait_until(lambda: served_release(dev_server, title), "the release in the preview's open data")
    preview.goto(url)
    expect(preview.locator("h1")).to_contain_text(title)
    expect(preview.locator(".body")).to_contain_text("Isi dari formulir.")
    expect(preview.locator("#arsip-overlay")).to_have_count(0)


def test_a_bad_value_entered_through_the_form_shows_its_file_and_line(dev_server: DevServer, admin: Page, preview: Page) -> None:
    open_live(preview, dev_server.url + "/instansi/", dev_server.transcript)
    open_form(admin, dev_server.url)
    fill_and_save(
        admin,
        title="Kemenkeu Raih Nilai 150",
        date="2024-12-21",
        institution="Kementerian Keuangan",
        score="150",
        zone="hijau",
        body="Isi dari formulir.",
    )

    path = wait_until(lambda: saved_file(dev_server, "2024-12-21-kemenkeu-raih-nilai-150.md"), "the file")
    line = next(number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("score:"))
    overlay = preview.locator("#arsip-overlay")
    expect(overlay).to_be_visible(timeout=SHOWN)
    expect(overlay).to_contain_text(f"content/2024/2024-12-21-kemenkeu-raih-nilai-150.md:{line}:")
    expect(overlay).to_contain_text("150")


def test_a_release_is_added_through_the_form_in_indonesian(dev_server_id: DevServer, admin: Page) -> None:
    admin.goto(dev_server_id.url + "/admin/")
    expect(admin.locator("html")).to_have_attribute("lang", "id")
    login = admin.get_by_role("button", name="Masuk", exact=True)
    expect(login).to_be_visible(timeout=SHOWN)
    expect(admin.get_by_role("button", name="Login")).to_have_count(0)
    login.click()

    # The list of releases: Decap's header, sidebar and collection bar.
    expect(admin.get_by_text("2024-12-03 · Pemkot Jambi Raih Nilai 93,68")).to_be_visible(timeout=SHOWN)
    for shown in ("Konten", "Media", "Koleksi", "Urutkan menurut"):
        expect(admin.get_by_text(shown, exact=True).first).to_be_visible()
    expect(admin.get_by_placeholder("Cari di semua koleksi")).to_be_visible()
    admin.get_by_text("＋ Rilis baru", exact=True).click()

    # The editor: its toolbar and the date and text widgets.
    expect(admin.locator("[id^=title-field]")).to_be_visible(timeout=SHOWN)
    expect(admin.get_by_text("Menulis di koleksi Rilis")).to_be_visible()
    expect(admin.get_by_role("button", name="Isi date dengan waktu sekarang")).to_have_text("Sekarang")  # Decap names the field by its key
    expect(admin.get_by_role("button", name="Kosongkan", exact=True)).to_be_visible()
    for mode in ("Teks Berformat", "Markdown"):
        expect(admin.get_by_text(mode, exact=True)).to_be_visible()
    expect(admin.get_by_title("Tebal", exact=True)).to_be_visible()

    # A name the registry does not have: the list says so in Indonesian (react-select's own "No options" is hidden).
    admin.locator("[id^=institution-field]").fill("Kementerian Yang Tidak Ada")
    notice = admin.locator("[id^=react-select-][id$=-listbox] > div:not([role=option])")
    expect(notice).to_have_text("No options")
    shown = notice.evaluate("e => [getComputedStyle(e).fontSize, ...['content', 'fontSize'].map(p => getComputedStyle(e, '::after')[p])]")
    assert shown == ["0px", '"Tidak ada pilihan"', "15px"]
    admin.keyboard.press("Escape")

    title = "Kemenkeu Raih Nilai 92,40 pada Penilaian Kepatuhan 2024"
    fill(admin, title=title, date="2024-12-23", institution="Kementerian Keuangan", score="92,40", zone="hijau", body="Isi dari formulir.")
    expect(admin.get_by_text("Perubahan Belum Disimpan", exact=True)).to_be_visible()
    admin.get_by_role("button", name="Terbitkan", exact=True).click()
    for choice in ("Terbitkan dan buat baru", "Terbitkan dan gandakan"):
        expect(admin.get_by_text(choice, exact=True)).to_be_visible()
    expect(admin.get_by_text("Publish now")).to_have_count(0)
    admin.get_by_text("Terbitkan sekarang", exact=True).click()

    name = "2024-12-23-kemenkeu-raih-nilai-92-40-pada-penilaian-kepatuhan-2024.md"
    path = wait_until(lambda: saved_file(dev_server_id, name), "the file")
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in (f"title: {title}", "date: 2024-12-23", "institution: Kementerian Keuangan", "score: 92,40", "zone: hijau"):
        assert line in lines, lines
    expect(admin.get_by_text("Entri tersimpan", exact=True)).to_be_visible(timeout=SHOWN)  # Decap's notice


def test_the_form_follows_the_lang_option(tmp_path: Path) -> None:
    """`serve --lang id` wins over $ARSIP_LANG for the form as for the terminal: page, configuration and Decap's phrases."""

    def get(server: DevServer, path: str) -> str:
        with urllib.request.urlopen(server.url + path, timeout=PATIENCE) as response:
            return response.read().decode("utf-8")

    with serving(tmp_path / "id", "--lang", "id", language="en") as server:
        assert '<html lang="id">' in get(server, "/admin/")
        assert json.loads(get(server, "/admin/config.json"))["locale"] == "id"
        start = get(server, "/admin/arsip-admin.js")
        assert start.startswith('window.CMS.registerLocale("id", {') and '"publishNow": "Terbitkan sekarang"' in start
        assert start.index("registerLocale") < start.index("CMS.init")
    with serving(tmp_path / "en", "--lang", "en", language="id") as server:
        assert '<html lang="en">' in get(server, "/admin/")
        assert json.loads(get(server, "/admin/config.json"))["locale"] == "en"
        assert "registerLocale" not in get(server, "/admin/arsip-admin.js")  # Decap's own English


def post(server: DevServer, body: object, headers: dict[str, str]) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=PATIENCE)
    try:
        connection.request("POST", "/api/v1", body=json.dumps(body), headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


def persist(path: str) -> dict[str, object]:
    raw = "---\ntitle: x\n---\n"
    options = {"commitMessage": "x", "useWorkflow": False, "status": ""}
    return {
        "action": "persistEntry",
        "params": {"branch": "main", "dataFiles": [{"slug": "x", "path": path, "raw": raw}], "assets": [], "options": options},
    }


def test_the_form_backend_answers_only_the_previews_own_pages(dev_server: DevServer) -> None:
    own = f"http://127.0.0.1:{dev_server.port}"
    json_type = {"Content-Type": "application/json"}
    good = persist("content/2024/2024-12-22-dari-luar.md")
    written = dev_server.root / "content" / "2024" / "2024-12-22-dari-luar.md"
    for headers in (
        json_type,  # no Origin: not a page of the preview
        {**json_type, "Origin": "http://evil.example"},
        {**json_type, "Origin": f"http://localhost:{dev_server.port}"},  # another origin, even on this machine
        {"Content-Type": "text/plain", "Origin": own},  # what another site can post without asking first
        {**json_type, "Origin": own, "Host": "evil.example"},  # DNS rebinding: the door turns it away
        {**json_type, "Origin": own, "Sec-Fetch-Site": "cross-site"},
    ):
        status, text = post(dev_server, good, headers)
        assert status == 403, (headers, text)
        assert "access-control-allow-origin" not in text.lower()
    assert not written.exists()

    for outside in (
        "site_config.toml",
        "content/../site_config.toml",
        "/etc/passwd",
        "content/institutions.toml",
        "templates/x.md",
        "content/.git/x.md",
    ):
        status, text = post(dev_server, persist(outside), {**json_type, "Origin": own})
        assert status == 422, (outside, text)
    assert (dev_server.root / "site_config.toml").read_text(encoding="utf-8") == (REPO / "site_config.toml").read_text(encoding="utf-8")

    status, text = post(dev_server, good, {**json_type, "Origin": own})
    assert (status, json.loads(text)) == (200, {"message": "entry persisted"})
    assert written.read_text(encoding="utf-8") == "---\ntitle: x\n---\n"
