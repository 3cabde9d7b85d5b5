"""The comparison page in Chromium: a reader picks institutions, sees them in one chart and one table, and the
choice survives a reload because it lives in the address (?i=slug1,slug2); on a 390 px phone it fits and has
no axe violations; without JavaScript it still lists every institution with a link to its history.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sitetools import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BANJARBARU, BANJARMASIN, KALSEL = "Pemerintah Kota Banjarbaru", "Pemerintah Kota Banjarmasin", "Pemerintah Provinsi Kalimantan Selatan"


def console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def choose(page: Page, name: str) -> None:
    page.get_by_label("Pilih instansi").select_option(label=name)
    page.get_by_role("button", name="Tambahkan").click()


def table_header(page: Page) -> list[str]:
    return page.locator("#tabel-banding thead th").all_inner_texts()


def test_choosing_institutions_shows_them_and_keeps_the_choice_in_the_address(desktop: Page, served_site: str) -> None:
    page = desktop
    errors = console_errors(page)
    page.goto(served_site + "/bandingkan/")
    expect(page.locator("#status-banding")).to_have_text("Pilih paling sedikit dua instansi.")
    choose(page, BANJARBARU)
    choose(page, BANJARMASIN)
    expect(page).to_have_url(served_site + "/bandingkan/?i=kota-banjarbaru,kota-banjarmasin")
    expect(page.locator("#status-banding")).to_have_text("")
    assert table_header(page) == ["Tahun", BANJARBARU, BANJARMASIN]
    chart = page.locator("#grafik-banding svg")
    expect(chart).to_be_visible()
    assert chart.locator("title").text_content() == f"Nilai kepatuhan per tahun penilaian: {BANJARBARU}, {BANJARMASIN}"
    # Banjarbaru 2022-2023 joined; its 2021, and Banjarmasin's 2021 and 2023, are not joined across the change of method
    assert chart.locator("polyline.series").count() == 1
    expect(chart.locator("text.method")).to_have_text("Metode baru 2022")

    page.reload()
    expect(page.locator("#dipilih li")).to_have_count(2)
    expect(page.locator("#dipilih li a")).to_have_text([BANJARBARU, BANJARMASIN])
    assert table_header(page) == ["Tahun", BANJARBARU, BANJARMASIN]
    row_2021 = page.locator("#tabel-banding tbody tr", has=page.locator("th", has_text="2021"))
    expect(row_2021.locator("td")).to_have_count(2)
    expect(row_2021.locator("td").first).to_contain_text("85,74")
    expect(row_2021.locator("td").nth(1)).to_contain_text("83,98")
    row_2022 = page.locator("#tabel-banding tbody tr", has=page.locator("th", has_text="2022"))
    expect(row_2022.locator("td").first).to_contain_text("84,74†")  # not directly comparable with 2021's 85,74
    expect(page.locator("#catatan-banding")).to_be_visible()

    page.get_by_role("button", name=f"Hapus {BANJARBARU}").click()
    expect(page).to_have_url(served_site + "/bandingkan/?i=kota-banjarmasin")
    assert table_header(page) == ["Tahun", BANJARMASIN]
    assert errors == []


def test_four_at_most(desktop: Page, served_site: str) -> None:
    page = desktop
    page.goto(served_site + "/bandingkan/?i=kota-banjarbaru,kota-banjarmasin,provinsi-kalimantan-selatan,tidak-ada,kota-jambi,kota-sibolga")
    expect(page.locator("#dipilih li")).to_have_count(4)  # an unknown slug is left out, a fifth one too
    expect(page.get_by_role("button", name="Tambahkan")).to_be_disabled()
    expect(page.locator("#status-banding")).to_have_text("Paling banyak empat instansi.")


@pytest.fixture
def phone_390(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    yield context.new_page()
    context.close()


def test_on_a_phone_it_fits_and_has_no_axe_violations(phone_390: Page, served_site: str) -> None:
    page = phone_390
    errors = console_errors(page)
    page.goto(served_site + "/bandingkan/?i=kota-banjarbaru,kota-banjarmasin,provinsi-kalimantan-selatan")
    expect(page.locator("#tabel-banding table")).to_be_visible()
    assert table_header(page) == ["Tahun", BANJARBARU, BANJARMASIN, KALSEL]
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]] == []
    assert errors == []


def test_without_javascript_every_institution_links_to_its_history(browser: Browser, served_site: str, sample_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "/bandingkan/")
    expect(page.locator("#banding")).to_be_hidden()
    data = json.loads((sample_site / "output" / "data" / "awards.json").read_text(encoding="utf-8"))
    links = page.locator("section[aria-labelledby='semua-instansi'] li a")
    assert sorted(links.evaluate_all("links => links.map(a => a.getAttribute('href'))")) == sorted(i["url"] for i in data["institutions"])
    links.filter(has_text=BANJARBARU).click()
    expect(page.locator("h1")).to_have_text(BANJARBARU)
    context.close()
