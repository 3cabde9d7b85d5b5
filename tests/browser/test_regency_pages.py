"""Regencies and cities in Chromium (tests/data/two-levels, sample content): their pages, and the province and
institution pages that link to them, have zero axe-core violations on a phone and on a desktop, and the search page
narrows releases and institution pages by a regency or city, keeping the choice in its address."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, expect
from sitetools import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ("/kabupaten-kota/kabupaten-contoh-hulu/", "/en/kabupaten-kota/kota-contoh-hilir/", "/provinsi/contoh-tengah/",
         "/instansi/rsud-contoh-hulu/")  # fmt: skip


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("url", PAGES)
def test_regency_pages_have_no_axe_violations(browser: Browser, served_two_levels: str, url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(served_two_levels + url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in result["violations"]]
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    assert overflow <= 0 and errors == []


def _settled(page) -> None:
    expect(page.locator("#hasil-pencarian")).to_have_attribute("aria-busy", "false", timeout=10_000)


def _results(page) -> list[str]:
    return page.locator("#hasil-pencarian > li > a").evaluate_all("links => links.map(link => link.getAttribute('href'))")


def test_search_narrows_by_a_regency_or_city(browser: Browser, served_two_levels: str) -> None:
    page = browser.new_page()
    page.goto(served_two_levels + "/cari/?kabupaten-kota=kota-contoh-hilir")
    _settled(page)
    expect(page.locator("#saring-kabupaten-kota")).to_have_value("kota-contoh-hilir")
    found = _results(page)
    assert {"/instansi/kota-contoh-hilir/", "/instansi/kantah-kota-contoh-hilir/"} <= set(found)
    assert not any("contoh-hulu" in url or "pesisir" in url or "kementerian" in url for url in found), found
    page.select_option("#saring-kabupaten-kota", "kabupaten-contoh-pesisir")
    _settled(page)
    expect(page).to_have_url(f"{served_two_levels}/cari/?kabupaten-kota=kabupaten-contoh-pesisir")
    found = _results(page)
    assert "/instansi/kabupaten-contoh-pesisir/" in found and "/instansi/kota-contoh-hilir/" not in found
    page.close()
