"""Old addresses and the other language, followed in Chromium on the served sample site.

* every old address the sample site names in `_redirects` (a release whose slug changed, an institution
  that was renamed, in both languages) brings the reader to the new page, with JavaScript switched off:
  the redirect is the page's own `<meta http-equiv="refresh">`;
* the language switch in the header of a page of each kind opens the same page in the other language
  (not the home page), and the switch there leads back;
* a search on the English search page leads to English pages (the index holds the Indonesian ones).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

PAGES = ("/", "/instansi/kota-jambi/", "/penilaian/2023/", "/zona/hijau/2024/", "/linimasa/2024/", "/cari/", "/404.html")


def moved_pages(sample_site: Path) -> list[tuple[str, str]]:
    """(old, new) for every old address of a page in the sample site's `_redirects`."""
    lines = (sample_site / "output" / "_redirects").read_text(encoding="utf-8").splitlines()[1:]
    return [(old, new) for old, new, _ in (line.split(" ") for line in lines) if old.endswith("/")]


def test_every_old_address_leads_to_the_new_page_without_javascript(browser: Browser, served_site: str, sample_site: Path) -> None:
    moved = moved_pages(sample_site)
    assert len(moved) == 4  # a release and an institution, each in Indonesian and English
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        for old, new in moved:
            page.goto(served_site + old)
            page.wait_for_url(served_site + new)
            expect(page.locator("h1")).not_to_have_text(re.compile("pindah|moved"))
            assert page.evaluate("document.documentElement.lang") == ("en" if new.startswith("/en/") else "id")
    finally:
        context.close()


@pytest.mark.parametrize("url", PAGES)
def test_the_language_switch_opens_the_same_page_in_the_other_language(browser: Browser, served_site: str, url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(served_site + url)
        heading = page.locator("h1").first.inner_text()
        page.get_by_role("link", name="English", exact=True).click()
        page.wait_for_url(re.compile(re.escape(served_site + "/en" + url) + r"(\?.*)?$"))  # the search page keeps its query in the URL
        assert page.evaluate("document.documentElement.lang") == "en"
        if url not in ("/", "/cari/", "/404.html"):  # a name or a year stays as written; interface words change
            assert re.sub(r"\D", "", page.locator("h1").first.inner_text()) == re.sub(r"\D", "", heading)
        page.get_by_role("link", name="Bahasa Indonesia", exact=True).click()
        page.wait_for_url(re.compile(re.escape(served_site + url) + r"(\?.*)?$"))
        assert page.locator("h1").first.inner_text() == heading
    finally:
        context.close()


def test_an_english_search_leads_to_the_english_pages(browser: Browser, served_site: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(served_site + "/en/cari/?q=jambi")
        results = page.locator("#hasil-pencarian > li > a")
        expect(results.first).to_be_visible()
        links = results.evaluate_all("links => links.map(link => link.getAttribute('href'))")
        assert links and all(link.startswith("/en/") for link in links), links
        assert [link for link in links if not context.request.get(served_site + link).ok] == []  # each is a page of the mirror
        results.first.click()
        page.wait_for_url(served_site + links[0])
        assert page.evaluate("document.documentElement.lang") == "en"
    finally:
        context.close()
