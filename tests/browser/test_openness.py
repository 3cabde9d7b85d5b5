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


def _settled(page) -> None:
    expect(page.locator("#hasil-pencarian")).to_have_attribute("aria-busy", "false", timeout=10_000)


def _results(page) -> list[str]:
    return page.locator("#hasil-pencarian > li > a").evaluate_all("links => links.map(link => link.getAttribute('href'))")


def test_search_narrows_by_the_programme_s_own_filter_names(browser: Browser, served_openness: str) -> None:
    """The example's search filters are its own ([search]: `predikat`): a year with a rating narrows releases and
    institution pages alike by that year's rating, each choice lands in the address under its name, and a result shows
    its body's name and its rating at a glance."""
    page = browser.new_page()
    page.goto(served_openness + "/cari/?tahun=2024&predikat=menuju")
    _settled(page)
    expect(page.locator("#saring-predikat")).to_have_value("menuju")
    found = _results(page)
    # Badan Contoh Statistik Daerah: "menuju" in 2024 (its release and its page); the ministry is "menuju" only in 2025.
    assert "/instansi/badan-contoh-statistik-daerah/" in found
    assert "/rilis/2024-11-21-contoh-hasil-monitoring-2024-untuk-tiga-badan-publik/" in found
    assert "/instansi/kementerian-contoh-komunikasi/" not in found
    release = page.locator("#hasil-pencarian > li", has=page.locator("a[href^='/rilis/2024-11-21-']"))
    expect(release.locator(".meta")).to_contain_text("Badan Contoh Statistik Daerah")
    expect(release.locator(".meta .zone.zone-menuju")).to_have_text("Menuju Informatif")
    counts = page.locator("#saring-jenis option").evaluate_all("options => options.filter(o => o.value).map(o => o.textContent)")
    assert any(text.endswith(")") for text in counts), counts  # each kind shows how many results it would leave
    page.select_option("#saring-jenis", "lembaga")
    _settled(page)
    expect(page).to_have_url(f"{served_openness}/cari/?tahun=2024&predikat=menuju&jenis=lembaga")
    assert "zona" not in page.url and "/instansi/badan-contoh-statistik-daerah/" in _results(page)
    page.select_option("#saring-jenis", "")
    _settled(page)
    page.select_option("#saring-tahun", "2025")
    _settled(page)
    expect(page).to_have_url(f"{served_openness}/cari/?tahun=2025&predikat=menuju")
    found = _results(page)
    assert "/instansi/kementerian-contoh-komunikasi/" in found and "/instansi/badan-contoh-statistik-daerah/" not in found
    page.close()
