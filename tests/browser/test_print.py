"""An institution page printed from Chromium: navigation and embeds gone, history table whole, chart kept."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sitetools import ARTIFACTS


def test_institution_page_prints_cleanly(served_site: str, desktop: Page) -> None:
    desktop.goto(served_site + "/instansi/kota-banjarbaru/")
    desktop.emulate_media(media="print")
    expect(desktop.locator(".site-header nav")).to_be_hidden()
    expect(desktop.locator("form[role=search]")).to_be_hidden()
    expect(desktop.locator(".embed")).to_be_hidden()
    expect(desktop.locator("figure.chart svg")).to_be_visible()
    history = desktop.locator("section[aria-labelledby='riwayat'] table")
    expect(history).to_be_visible()
    box_width = desktop.locator("section[aria-labelledby='riwayat'] .table-scroll").evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert box_width[0] <= box_width[1]  # nothing hidden behind a scroll bar on paper
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "institution-print.pdf"
    desktop.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 10_000
