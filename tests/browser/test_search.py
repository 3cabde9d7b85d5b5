"""Search as a reader uses it: type a word in the header box, land on /cari/, find the release, narrow it."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

BODY_ONLY_WORD = "melampaui"  # occurs in one release's body only (the HSS 2023 release), nowhere in front-matter
RELEASE_FILE_SLUG_PREFIX = "/rilis/2024-01-25-"


def test_header_search_finds_a_release_by_a_word_of_its_body(served_site: str, desktop: Page) -> None:
    errors: list[str] = []
    desktop.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    desktop.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    desktop.goto(served_site + "/")
    desktop.get_by_role("searchbox").first.fill(BODY_ONLY_WORD)
    desktop.get_by_role("button", name="Cari").click()
    expect(desktop).to_have_url(f"{served_site}/cari/?q={BODY_ONLY_WORD}")
    results = desktop.locator("#hasil-pencarian li")
    expect(results.first).to_be_visible(timeout=10_000)
    first = results.first.locator("a")
    assert first.get_attribute("href").startswith(RELEASE_FILE_SLUG_PREFIX)
    expect(results.first.locator("mark").first).to_have_text(BODY_ONLY_WORD, ignore_case=True)
    first.click()
    expect(desktop.locator("h1")).to_contain_text("Hulu Sungai Selatan")
    assert errors == []


def test_filters_narrow_results_by_zone_year_and_kind(served_site: str, sample_site: Path, desktop: Page) -> None:
    desktop.goto(served_site + "/cari/?q=zona")
    results = desktop.locator("#hasil-pencarian li a")
    expect(results.first).to_be_visible(timeout=10_000)
    everything = results.count()
    desktop.select_option("#saring-zona", "merah")
    expect(desktop.locator("#status-pencarian")).to_have_text("1 hasil")
    assert "zona-merah" in results.first.get_attribute("href")
    desktop.select_option("#saring-zona", "")
    desktop.select_option("#saring-tahun", "2023")
    desktop.select_option("#saring-jenis", "kepolisian")
    expect(desktop.locator("#status-pencarian")).to_have_text("1 hasil")
    assert "polres" in results.first.get_attribute("href")
    desktop.select_option("#saring-tahun", "")
    desktop.select_option("#saring-jenis", "")
    expect(results).to_have_count(everything)
    data = json.loads((sample_site / "output" / "data" / "awards.json").read_text(encoding="utf-8"))
    known = {r["url"] for r in data["releases"]} | {i["url"] for i in data["institutions"]}
    assert {results.nth(i).get_attribute("href") for i in range(everything)} <= known


def test_search_page_without_javascript_offers_links(browser, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "/cari/?q=jambi")
    expect(page.get_by_role("link", name="Instansi").last).to_be_visible()
    expect(page.locator("#pencarian")).to_be_hidden()
    context.close()


def test_search_works_when_the_site_lives_under_a_sub_path(tmp_path: Path, desktop: Page) -> None:
    import functools
    import http.server
    import threading

    from sitetools import copy_project, run_build

    root = copy_project(tmp_path / "site")
    config = root / "site_config.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'base_url = "https://arsip-kepatuhan.example.org/"', 'base_url = "https://example.org/arsip/"'
        ),
        encoding="utf-8",
    )
    assert run_build(root).returncode == 0
    served = tmp_path / "www"
    served.mkdir()
    (served / "arsip").symlink_to(root / "output")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/arsip/"
        desktop.goto(base)
        desktop.get_by_role("searchbox").first.fill(BODY_ONLY_WORD)
        desktop.get_by_role("button", name="Cari").click()
        result = desktop.locator("#hasil-pencarian li a").first
        expect(result).to_be_visible(timeout=10_000)
        assert result.get_attribute("href").startswith("/arsip" + RELEASE_FILE_SLUG_PREFIX)
        result.click()
        expect(desktop.locator("h1")).to_contain_text("Hulu Sungai Selatan")
    finally:
        server.shutdown()
