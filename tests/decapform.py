"""Driving the editors' form (Decap CMS at /admin/) in Chromium as an editor does, for the browser
tests and for the form's timing in `make bench`: a page and the preview's address in, the form
filled and saved out. Every step waits for what it needs on the page; PATIENCE only bounds a failure.

Decap's buttons are in the editor's language (English from Decap, Indonesian from
arsip/locale/id/decap-cms.json); each helper takes the language the preview was started in and
clicks the words an editor reads in it, written out here rather than read from the locale file.
"""

from __future__ import annotations

from devserver import PATIENCE
from playwright.sync_api import Page, expect

SHOWN = PATIENCE * 1000  # milliseconds

# The buttons an editor presses to add a release, as shown in each language.
BUTTONS = {
    "en": {"login": "Login", "publish": "Publish", "publish_now": "Publish now"},
    "id": {"login": "Masuk", "publish": "Terbitkan", "publish_now": "Terbitkan sekarang"},
}


def open_form(page: Page, url: str, language: str = "en") -> None:
    """The form for a new release, past Decap's login (the local backend asks for no password)."""
    page.goto(url + "/admin/")
    page.get_by_role("button", name=BUTTONS[language]["login"], exact=True).click()
    expect(page.get_by_text("2024-12-03 · Pemkot Jambi Raih Nilai 93,68")).to_be_visible(timeout=SHOWN)  # the releases listed
    page.goto(url + "/admin/#/collections/rilis/new")
    expect(page.locator("[id^=title-field]")).to_be_visible(timeout=SHOWN)


def fill_and_save(page: Page, *, title: str, date: str, institution: str, score: str, zone: str, body: str, language: str = "en") -> None:
    fill(page, title=title, date=date, institution=institution, score=score, zone=zone, body=body)
    save(page, language)


def fill(page: Page, *, title: str, date: str, institution: str, score: str, zone: str, body: str) -> None:
    """The form's fields, typed and chosen as an editor does."""
    page.locator("[id^=title-field]").fill(title)
    page.locator("[id^=date-field]").fill(date)
    page.locator("[id^=institution-field]").fill(institution)
    page.keyboard.press("Enter")  # the registry's name, chosen from the list
    page.locator("[id^=score-field]").fill(score)
    page.locator("[id^=zone-field]").fill(zone)
    page.keyboard.press("Enter")
    page.locator("[data-slate-editor=true]").first.click()
    page.keyboard.type(body)


def save(page: Page, language: str = "en") -> None:
    """Decap's Publish, then Publish now (Terbitkan, Terbitkan sekarang): the file is sent to the preview to be written."""
    page.get_by_role("button", name=BUTTONS[language]["publish"], exact=True).click()
    page.get_by_text(BUTTONS[language]["publish_now"], exact=True).click()
