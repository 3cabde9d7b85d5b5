"""Every page kind has zero axe-core violations, in Chromium, on a phone and on a desktop.

axe-core comes from npm (node_modules/, installed by scripts/install-test-tools.sh) and is injected
into the real page by Playwright.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, expect
from sitetools import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "/",
    "release": "/instansi/kota-jambi/",  # replaced by its newest release below
    "timeline": "/linimasa/",
    "timeline-year": "/linimasa/2024/",
    "institutions": "/instansi/",
    "institution": "/instansi/kota-banjarbaru/",
    "provinces": "/provinsi/",
    "province": "/provinsi/kalimantan-selatan/",
    "years": "/penilaian/",
    "year": "/penilaian/2022/",
    "zones": "/zona/",
    "zone": "/zona/kuning/",
    "search": "/cari/?q=jambi",
    "data": "/data/",
    "compare": "/bandingkan/?i=kota-banjarbaru,kota-banjarmasin",
    "not-found": "/404.html",
    "home-en": "/en/",  # the English mirror: the same pages with the interface in English
    "institution-en": "/en/instansi/kota-banjarbaru/",
}


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_axe_violations(browser: Browser, served_site: str, kind: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(served_site + PAGES[kind])
    if kind == "release":
        page.locator("section[aria-labelledby='riwayat'] tbody a[href^='/rilis/']").first.click()
    if kind == "search":
        expect(page.locator("#hasil-pencarian li").first).to_be_visible(timeout=10_000)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"]
    ]
    context.close()
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
