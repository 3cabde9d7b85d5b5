"""Pages that travel: what a shared link, a feed reader and a search engine get from the built sample site.

Every feed in three formats (Atom and RSS read by feedparser, JSON Feed checked against the 1.1 spec's required
fields), each with the releases' whole bodies; a social card PNG for every release and institution, the same bytes
in another clean build; og:image on every page pointing at a card that exists; JSON-LD of the right type; lastmod
on every sitemap entry.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
from bs4 import BeautifulSoup
from PIL import Image
from sitetools import copy_project, read_page, run_build, run_here

SITE = "https://arsip-kepatuhan.example.org"
JSON_FEED = "https://jsonfeed.org/version/1.1"
KOTA_JAMBI = "/instansi/kota-jambi/"


def output(site: Path, url: str) -> Path:
    """The file under output/ that serves a URL of the site (absolute or site-relative)."""
    relative = url.removeprefix(SITE).lstrip("/")
    return site / "output" / (relative + "index.html" if relative == "" or relative.endswith("/") else relative)


def feed_folders(site: Path) -> list[Path]:
    """Every folder that holds a feed: the site's, each institution's, each zone's."""
    return sorted(path.parent for path in (site / "output").rglob("feed.xml"))


def words(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def test_every_feed_comes_in_three_valid_formats_with_the_same_entries(sample_site: Path) -> None:
    folders = feed_folders(sample_site)
    assert len(folders) == 1 + 57 + 3
    for folder in folders:
        atom = feedparser.parse((folder / "feed.xml").read_bytes())
        rss = feedparser.parse((folder / "rss.xml").read_bytes())
        assert not atom.bozo and not rss.bozo, (folder, atom.get("bozo_exception"), rss.get("bozo_exception"))
        assert (atom.version, rss.version) == ("atom10", "rss20")
        feed = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
        assert feed["version"] == JSON_FEED and feed["title"].strip(), folder
        assert feed["feed_url"] == f"{SITE}/{(folder / 'feed.json').relative_to(sample_site / 'output').as_posix()}"
        assert isinstance(feed["items"], list)
        for item in feed["items"]:
            assert isinstance(item["id"], str) and item["id"]
            assert item.get("content_html") or item.get("content_text"), (folder, item["id"])
        ids = [item["id"] for item in feed["items"]]
        assert ids == [entry.id for entry in atom.entries] == [entry.id for entry in rss.entries], folder
        assert atom.feed.title == rss.feed.title == feed["title"]


def test_feeds_carry_each_release_whole_with_absolute_links(sample_site: Path) -> None:
    site = sample_site / "output"
    atom = feedparser.parse((site / "feed.xml").read_bytes())
    rss = feedparser.parse((site / "rss.xml").read_bytes())
    items = json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert len(atom.entries) == len(rss.entries) == len(items) == 23
    for entry, rss_entry, item in zip(atom.entries, rss.entries, items, strict=True):
        shown = words(str(read_page(sample_site, entry.link.removeprefix(SITE)).select_one(".release .body")))
        assert len(shown) > 200, entry.link
        assert words(entry.content[0].value) == words(rss_entry.content[0].value) == words(item["content_html"]) == shown
        for tag in BeautifulSoup(item["content_html"], "html.parser").find_all(["a", "img"]):
            link = tag.get("href") or tag.get("src")
            assert link.startswith(("https://", "http://", "mailto:")), (entry.link, link)


def test_feeds_are_sanitised_even_where_pages_may_hold_raw_html(mini_site) -> None:
    body = (
        'Isi <script>alert("x")</script><img src="foto.png" onerror="alert(2)"> dengan '
        '<a href="/instansi/kota-jambi/" onclick="alert(3)">tautan</a> dan <a href="javascript:alert(4)">jahat</a>.\n'
    )
    release = "---\ntitle: Rilis Mentah\ndate: 2024-12-03\ninstitution: Pemkot Jambi\nzone: hijau\n---\n" + body
    root = mini_site({"content/mentah.md": release})
    (root / "content" / "foto.png").write_bytes((Path(__file__).parent / "data" / "pixel.png").read_bytes())
    config = root / "site_config.toml"
    raw = config.read_text(encoding="utf-8").replace("home_releases = 8", "home_releases = 8\nallow_raw_html = true")
    config.write_text(raw, encoding="utf-8")
    built = run_here(root)
    assert built.returncode == 0, built.stderr
    page = read_page(root, "/rilis/2024-12-03-rilis-mentah/").select_one(".release .body")
    assert page.select_one("[onclick]") is not None  # the site allows raw HTML on its pages...
    items = json.loads((root / "output" / "feed.json").read_text(encoding="utf-8"))["items"]
    html = items[0]["content_html"]
    for hostile in ("<script", "onerror", "onclick", "javascript:", "alert("):
        assert hostile not in html, html  # ...but no feed carries what a reader's feed program could run
    content = BeautifulSoup(html, "html.parser")
    assert content.select_one("a")["href"] == f"{SITE}/instansi/kota-jambi/"
    assert content.select_one("img")["src"] == f"{SITE}/media/foto.png"
    assert (root / "output" / "media" / "foto.png").is_file()
    atom = (root / "output" / "feed.xml").read_text(encoding="utf-8")
    assert "onclick" not in atom and "&lt;script" not in atom and not feedparser.parse(atom).bozo


def test_feeds_are_found_from_the_head_of_their_pages(sample_site: Path) -> None:
    types = {"application/atom+xml": "feed.xml", "application/rss+xml": "rss.xml", "application/feed+json": "feed.json"}
    merah = "/zona/merah/"
    pages = [("/", "/"), (KOTA_JAMBI, KOTA_JAMBI), (KOTA_JAMBI, "/"), (merah, merah), (f"{merah}2022/", merah)]
    for url, own in pages:
        head = read_page(sample_site, url).head
        found = {(link["type"], link["href"]) for link in head.select("link[rel=alternate][type]")}
        for kind, name in types.items():
            assert (kind, own + name) in found, (url, kind)
            assert output(sample_site, own + name).is_file()
    atom = ET.parse(output(sample_site, f"{KOTA_JAMBI}feed.xml")).getroot()
    self_link = atom.find("{http://www.w3.org/2005/Atom}link[@rel='self']").get("href")
    assert self_link == f"{SITE}{KOTA_JAMBI}feed.xml"


def card_of(site: Path, page: BeautifulSoup) -> Path:
    image = page.select_one("meta[property='og:image']")["content"]
    assert image.startswith(f"{SITE}/") and image.endswith(".png")
    assert page.select_one("meta[name='twitter:image']")["content"] == image
    return output(site, image)


def test_every_page_shows_a_card_that_exists(sample_site: Path) -> None:
    pages = sorted((sample_site / "output").rglob("*.html"))
    assert len(pages) > 100
    cards = set()
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one("meta[http-equiv=refresh]"):
            continue  # an old address: it sends the reader on to the page, which has the card
        card = card_of(sample_site, soup)
        assert card.is_file(), (path, card)
        cards.add(card)
        assert soup.select_one("meta[name='twitter:card']")["content"] == "summary_large_image"
        locale = "en_US" if path.is_relative_to(sample_site / "output" / "en") else "id_ID"  # the English mirror's pages are in English
        assert soup.select_one("meta[property='og:locale']")["content"] == locale
        for prop in ("og:title", "og:description", "og:url", "og:image:alt"):
            assert soup.select_one(f"meta[property='{prop}']")["content"].strip(), (path, prop)
    release = read_page(sample_site, "/rilis/2024-12-03-pemkot-jambi-raih-nilai-93-68-terbaik-se-provinsi-jambi-pada/")
    assert card_of(sample_site, release).parent.name == "2024-12-03-pemkot-jambi-raih-nilai-93-68-terbaik-se-provinsi-jambi-pada"
    assert card_of(sample_site, read_page(sample_site, KOTA_JAMBI)) == output(sample_site, f"{KOTA_JAMBI}card.png")
    assert card_of(sample_site, read_page(sample_site, "/penilaian/2024/")) == output(sample_site, "/card.png")
    for card in cards:
        with Image.open(card) as image:
            assert image.format == "PNG" and image.size == (1200, 630)


def all_cards(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site / "output").as_posix(): path.read_bytes() for path in sorted((site / "output").rglob("card.png"))}


def test_a_card_for_every_release_and_institution_the_same_in_another_clean_build(sample_site: Path, tmp_path: Path) -> None:
    data = json.loads((sample_site / "output" / "data" / "awards.json").read_text(encoding="utf-8"))
    cards = all_cards(sample_site)
    pages = [*data["releases"], *data["institutions"]]
    expected = {f"{page['url'].lstrip('/')}card.png" for page in pages}
    assert set(cards) == expected | {"card.png"}
    assert len(expected) == 23 + 57
    for path in cards:
        with Image.open(sample_site / "output" / path) as image:
            image.verify()
    # Another clean build, elsewhere, on another day (2030, as SOURCE_DATE_EPOCH says) in another time zone: the same bytes.
    again = copy_project(tmp_path / "again")
    built = run_build(again, env={"TZ": "America/Anchorage", "SOURCE_DATE_EPOCH": "1893456000"})
    assert built.returncode == 0, built.stderr
    assert all_cards(again) == cards
    for name in ("sitemap.xml", "feed.xml", "rss.xml", "feed.json", f"{KOTA_JAMBI.strip('/')}/feed.json"):
        assert (again / "output" / name).read_bytes() == (sample_site / "output" / name).read_bytes(), name


def structured(page: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in page.select("script[type='application/ld+json']")]


def test_structured_data_says_what_each_page_is(sample_site: Path) -> None:
    release_url = "/rilis/2024-12-03-pemkot-jambi-raih-nilai-93-68-terbaik-se-provinsi-jambi-pada/"
    release = read_page(sample_site, release_url)
    (article,) = structured(release)
    assert article["@context"] == "https://schema.org" and article["@type"] == "NewsArticle"
    assert article["headline"] == release.h1.get_text(strip=True)
    assert article["datePublished"] == release.select_one(".release time")["datetime"] == "2024-12-03"
    assert article["url"] == f"{SITE}{release_url}" and output(sample_site, article["image"][0]).is_file()
    assert article["about"] == {"@type": "GovernmentOrganization", "name": "Pemerintah Kota Jambi", "url": f"{SITE}{KOTA_JAMBI}"}

    institution = read_page(sample_site, KOTA_JAMBI)
    (organisation,) = structured(institution)
    assert organisation["@type"] == "GovernmentOrganization" and organisation["name"] == institution.h1.get_text(strip=True)
    assert "Pemkot Jambi" in organisation["alternateName"] and organisation["address"]["addressRegion"] == "Jambi"

    (dataset,) = structured(read_page(sample_site, "/"))
    assert dataset["@type"] == "Dataset" and len(dataset["description"]) >= 50
    assert {d["encodingFormat"] for d in dataset["distribution"]} == {"application/json", "text/csv"}
    assert all(output(sample_site, d["contentUrl"]).is_file() for d in dataset["distribution"])
    years = [release["year"] for release in json.loads((sample_site / "output" / "data" / "awards.json").read_text("utf-8"))["releases"]]
    assert dataset["temporalCoverage"] == f"{min(years)}/{max(years)}"

    for path in sorted((sample_site / "output").rglob("*.html")):
        for found in structured(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")):
            assert found["@type"] in ("NewsArticle", "GovernmentOrganization", "Dataset"), path


def test_every_sitemap_entry_has_the_date_of_the_newest_release_it_shows(sample_site: Path) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(sample_site / "output" / "sitemap.xml").getroot()
    lastmod = {url.find("s:loc", namespace).text: url.find("s:lastmod", namespace).text for url in root.findall("s:url", namespace)}
    assert len(lastmod) > 100 and all(lastmod.values())
    assert all(dt.date.fromisoformat(value) <= dt.date(2026, 2, 12) for value in lastmod.values())
    assert lastmod[f"{SITE}/"] == "2026-02-12"  # the newest release of the archive
    assert lastmod[f"{SITE}{KOTA_JAMBI}"] == "2024-12-03"  # Kota Jambi's newest release
    release = "/rilis/2024-12-03-pemkot-jambi-raih-nilai-93-68-terbaik-se-provinsi-jambi-pada/"
    assert lastmod[f"{SITE}{release}"] == "2024-12-03"
    for url, value in lastmod.items():
        if url.startswith(f"{SITE}/rilis/"):  # its own date, or a later release's whose result its page shows
            assert read_page(sample_site, url.removeprefix(SITE)).select_one(".release time")["datetime"] <= value


def test_the_english_site_says_it_in_english(mini_site) -> None:
    release = "---\ntitle: Skor Kota Jambi\ndate: 2024-12-03\ninstitution: Pemkot Jambi\nyear: 2024\nscore: 93.68\n---\nIsi rilis.\n"
    root = mini_site({"content/a.md": release})
    config = root / "site_config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('language = "id"', 'language = "en"'), encoding="utf-8")
    assert run_here(root).returncode == 0
    page = read_page(root, KOTA_JAMBI)
    assert page.select_one("meta[property='og:locale']")["content"] == "en_US"
    titles = {link["type"]: link["title"] for link in page.head.select("link[rel=alternate]") if KOTA_JAMBI in link["href"]}
    assert titles["application/rss+xml"] == "RSS feed: Pemerintah Kota Jambi"
    assert page.select_one("meta[property='og:image:alt']")["content"] == "Pemerintah Kota Jambi · 2024 · 93.68 · Green Zone"
    feed = feedparser.parse((root / "output" / "rss.xml").read_bytes())
    assert not feed.bozo and feed.feed.language == "en" and "Green Zone" in feed.entries[0].summary
