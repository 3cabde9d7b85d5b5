"""The second example programme (information openness, five ratings) in Chromium: zero axe-core violations on a
phone and on a desktop, each rating's word on screen beside its mark, no horizontal scroll.

The example is built once per session (conftest `openness_site`); axe-core as in test_accessibility.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser
from sitetools import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

PAGES = {
    "home": "/",
    "institution": "/instansi/universitas-negeri-contoh/",
    "year": "/penilaian/2025/",
    "ratings": "/predikat/",
    "rating": "/predikat/menuju/",
    "data": "/data/",
    "compare": "/bandingkan/?i=kementerian-contoh-komunikasi,universitas-negeri-contoh",
}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_openness_pages_have_no_axe_violations(browser: Browser, served_openness: str, kind: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(served_openness + PAGES[kind])
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in result["violations"]]
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    assert overflow <= 0 and errors == []


def test_each_rating_shows_its_word_in_the_chart_legend(browser: Browser, served_openness: str) -> None:
    page = browser.new_page()
    page.goto(served_openness + PAGES["institution"])
    legend = page.locator(".chart-legend li")
    assert legend.all_inner_texts() == ["Informatif", "Menuju Informatif", "Cukup Informatif", "Kurang Informatif", "Tidak Informatif"]
    page.close()
