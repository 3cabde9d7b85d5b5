"""The second example programme (information openness, five ratings) in Chromium: zero axe-core violations on a
phone and on a desktop, each rating's word on screen beside its mark, no horizontal scroll.

The example is built once per session (conftest `openness_site`); axe-core as in test_accessibility.
"""

from __future__ import annotations

import json
import tomllib

import pytest
from playwright.sync_api import Browser, expect
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


GRADES = tomllib.loads((REPO / "examples/keterbukaan-informasi/site_config.toml").read_text(encoding="utf-8"))["grade"]


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[index : index + 2], 16) for index in (1, 3, 5)))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_rating_wears_its_configured_colours_and_a_marker_of_its_own(browser: Browser, served_openness: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(served_openness + PAGES["ratings"])
    for grade in GRADES:
        colours = grade["dark"] if scheme == "dark" else grade
        mark = page.locator(f"a.zone.zone-{grade['name']}").first
        expect(mark).to_have_css("color", rgb(colours["colour"]))
        expect(mark).to_have_css("background-color", rgb(colours["background"]))
    shapes = page.evaluate(
        """names => names.map(name => { const style = getComputedStyle(document.querySelector('a.zone.zone-' + name), '::before');
            return [style.clipPath, style.borderRadius, style.borderTopWidth, style.backgroundColor].join(' | '); })""",
        [grade["name"] for grade in GRADES],
    )
    context.close()
    assert len(set(shapes)) == len(GRADES), shapes
