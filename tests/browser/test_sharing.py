"""What a shared link and a feed reader get, in real Chromium against the served sample site.

These tests prove that:

* the picture a release's and an institution's page name for sharing (og:image) is served and shows in
  the browser as a 1200 x 630 image;
* the feeds a browser finds in an institution's head (Atom, RSS, JSON Feed) are served, and the JSON Feed
  reads as JSON with the institution's releases, whole.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

SITE = "https://arsip-kepatuhan.example.org"


def served(base: str, absolute: str) -> str:
    """The served copy of an absolute URL of the site."""
    assert absolute.startswith(SITE + "/")
    return base + absolute.removeprefix(SITE)


def test_the_card_a_shared_link_shows_is_a_picture(served_site: str, desktop: Page) -> None:
    desktop.goto(served_site + "/")
    desktop.get_by_role("link", name="Pemkot Jambi Raih Nilai 93,68").first.click()
    expect(desktop.get_by_role("heading", level=1)).to_contain_text("93,68")
    release_card = desktop.locator("meta[property='og:image']").get_attribute("content")
    desktop.get_by_role("link", name="Pemerintah Kota Jambi").first.click()
    institution_card = desktop.locator("meta[property='og:image']").get_attribute("content")
    assert release_card != institution_card
    for card in (release_card, institution_card):
        response = desktop.goto(served(served_site, card))
        assert response is not None and response.ok and response.headers["content-type"] == "image/png"
        shown = "() => { const img = document.images[0]; return img.complete ? [img.naturalWidth, img.naturalHeight] : null; }"
        size = desktop.evaluate(shown)
        assert size == [1200, 630]


def test_a_feed_reader_finds_an_institution_feeds(served_site: str, desktop: Page) -> None:
    desktop.goto(served_site + "/instansi/kota-jambi/")
    links = desktop.locator("head link[rel=alternate][type][href*='/instansi/kota-jambi/']")  # feeds; hreflang links carry no type
    expect(links).to_have_count(3)
    kinds = {links.nth(index).get_attribute("type"): links.nth(index).get_attribute("href") for index in range(3)}
    assert set(kinds) == {"application/atom+xml", "application/rss+xml", "application/feed+json"}
    for kind, href in kinds.items():
        response = desktop.request.get(served_site + href)
        assert response.ok, (kind, href)
    feed = desktop.request.get(served_site + kinds["application/feed+json"]).json()
    titles = [item["title"] for item in feed["items"]]
    assert any(title.startswith("Pemkot Jambi Raih Nilai 93,68") for title in titles)
    assert all("</p>" in item["content_html"] for item in feed["items"])
