"""What readers get beyond the pages: comparisons over time, province pages, feeds, sharing, badges.

Read from the built sample site with a real HTML parser, feedparser and an XML parser.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
from bs4 import BeautifulSoup
from sitetools import read_page, run_here

SITE = "https://arsip-kepatuhan.example.org"


def html_pages(root: Path) -> list[Path]:
    return sorted((root / "output").rglob("*.html"))


def cells(row) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]


def rows_by_name(table) -> dict[str, dict[str, str]]:
    """Each body row of a table as {column header: cell text}, by the row's institution (its row header)."""
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    return {row.th.get_text(" ", strip=True): dict(zip(headers, cells(row), strict=True)) for row in table.select("tbody tr")}


def test_year_page_shows_change_against_previous_year(sample_site: Path) -> None:
    soup = read_page(sample_site, "/penilaian/2022/")
    kabupaten = soup.select_one("section[aria-labelledby='jenis-kabupaten'] table")
    headers = [th.get_text(strip=True) for th in kabupaten.select("thead th")]
    # The name, score and zone first; the comparison in one column; this archive's order beside the reported rank.
    assert headers == ["Instansi", "Nilai", "Zona", "Kategori", "Dibanding 2021", "Urutan di arsip", "Peringkat menurut rilis", "Rilis"]
    rows = rows_by_name(kabupaten)
    tanah_bumbu = rows["Pemerintah Kabupaten Tanah Bumbu"]
    assert tanah_bumbu["Nilai"] == "84,57"
    assert tanah_bumbu["Dibanding 2021"].startswith("▲ +21,23 dari 63,34")
    tanah_laut = rows["Pemerintah Kabupaten Tanah Laut"]
    # still ahead of Tanah Bumbu, the only other regency scored in both years
    assert tanah_laut["Dibanding 2021"] == "▲ +2,98 dari 83,63 Urutan: tetap"
    assert tanah_laut["Peringkat menurut rilis"] == "1 dari 14 pemerintah daerah di Kalimantan Selatan"
    assert rows["Pemerintah Kabupaten Balangan"]["Dibanding 2021"] == "—"


def test_year_page_counts_zone_transitions(sample_site: Path) -> None:
    soup = read_page(sample_site, "/penilaian/2022/")
    section = soup.select_one("section[aria-labelledby='perpindahan']")
    assert section.h2.get_text(strip=True) == "Perpindahan zona 2021–2022"
    transitions = {(row[0], row[1]): int(row[2]) for row in (cells(tr) for tr in section.select("tbody tr"))}
    # Tanah Bumbu went from kuning to hijau; Banjarbaru and Tanah Laut stayed hijau; the province stayed kuning.
    assert transitions[("Zona Kuning", "Zona Hijau")] == 1
    assert transitions[("Zona Hijau", "Zona Hijau")] == 2
    assert transitions[("Zona Kuning", "Zona Kuning")] == 1


def test_institution_page_names_best_and_worst_year_and_change(sample_site: Path) -> None:
    facts = read_page(sample_site, "/instansi/kota-banjarbaru/").select_one("dl.facts")
    pairs = {div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True) for div in facts.select("div")}
    assert pairs["Tahun terbaik"] == "2023 : 92,00"
    assert pairs["Tahun terendah"] == "2022 : 84,74"
    assert pairs["Perubahan sejak 2021"] == "▲ +6,26 (melintasi perubahan metode)"  # 2021 was scored under the old rubric


def test_province_page_lists_its_bodies_and_ranking(sample_site: Path) -> None:
    soup = read_page(sample_site, "/provinsi/jambi/")
    assert soup.h1.get_text(strip=True) == "Provinsi Jambi"
    members = [th.get_text(strip=True) for th in soup.select("section[aria-labelledby='anggota'] tbody th")]
    assert members[0] == "Pemerintah Provinsi Jambi"
    assert {"Pemerintah Kota Jambi", "Pemerintah Kabupaten Sarolangun", "Kepolisian Resor Kota Jambi"} <= set(members)
    ranking = rows_by_name(soup.select_one("section[aria-labelledby='peringkat-2024'] table"))
    first_name, first = next(iter(ranking.items()))
    assert first_name == "Pemerintah Kota Jambi" and first["Urutan di arsip"] == "1" and first["Nilai"] == "93,68"
    index = read_page(sample_site, "/provinsi/")
    assert "Jambi" in [a.get_text(strip=True) for a in index.select("ul.cards a")]
    institution = read_page(sample_site, "/instansi/kota-jambi/")
    assert institution.select_one("dl.facts a[href='/provinsi/jambi/']")


def test_every_feed_is_valid_atom_with_stable_ids(sample_site: Path) -> None:
    feeds = sorted((sample_site / "output").rglob("feed.xml"))
    assert (sample_site / "output" / "feed.xml") in feeds
    assert len(feeds) == 1 + 57 + 3
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        for entry in parsed.entries:
            assert entry.id == entry.link and entry.id.startswith(f"{SITE}/rilis/")
    site = feedparser.parse((sample_site / "output" / "feed.xml").read_bytes())
    assert len(site.entries) == 23 and site.entries[0].published.startswith("2026-02-12")
    kota_jambi = feedparser.parse((sample_site / "output" / "instansi" / "kota-jambi" / "feed.xml").read_bytes())
    assert kota_jambi.entries[0].title.startswith("Pemkot Jambi Raih Nilai 93,68")


def test_feeds_are_linked_from_their_pages(sample_site: Path) -> None:
    for url, feed in [
        ("/", "/feed.xml"),
        ("/instansi/kota-jambi/", "/instansi/kota-jambi/feed.xml"),
        ("/zona/merah/", "/zona/merah/feed.xml"),
    ]:
        links = [link["href"] for link in read_page(sample_site, url).select("link[rel=alternate][type='application/atom+xml']")]
        assert feed in links


def test_titles_and_descriptions_are_unique_and_pages_shareable(sample_site: Path) -> None:
    """Unique within each language: a page and its translation show the same release or institution."""
    titles: Counter[tuple[str, str]] = Counter()
    descriptions: Counter[tuple[str, str]] = Counter()
    for path in html_pages(sample_site):
        if path.name == "404.html":
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        relative = path.relative_to(sample_site / "output").as_posix().removesuffix("index.html")
        if soup.select_one("meta[http-equiv=refresh]"):
            continue  # the redirect at an old address, canonical to the page it moved to (tests/test_addresses.py)
        lang = "en" if relative.startswith("en/") else "id"
        assert soup.html["lang"] == lang
        titles[(lang, soup.title.get_text())] += 1
        descriptions[(lang, soup.select_one("meta[name=description]")["content"])] += 1
        assert soup.select_one("link[rel=canonical]")["href"] == f"{SITE}/{relative}"
        for prop in ("og:title", "og:description", "og:url", "og:type", "og:site_name"):
            assert soup.select_one(f"meta[property='{prop}']")["content"].strip(), (path, prop)
    assert [title for title, count in titles.items() if count > 1] == []
    assert [text for text, count in descriptions.items() if count > 1] == []


def test_badge_shows_latest_score_and_zone(sample_site: Path) -> None:
    svg = ET.parse(sample_site / "output" / "instansi" / "kota-jambi" / "badge.svg").getroot()
    text = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert "2024 · 93,68 · Zona Hijau" in text
    assert svg.find("{http://www.w3.org/2000/svg}title").text == "Pemerintah Kota Jambi: 2024 · 93,68 · Zona Hijau"
    page = read_page(sample_site, "/instansi/kota-jambi/")
    assert page.select_one(".embed img")["src"] == "/instansi/kota-jambi/badge.svg"
    assert f'src="{SITE}/instansi/kota-jambi/badge.svg"' in page.select_one(".embed code").get_text()


def test_cite_blocks_are_plain_text_with_the_address(sample_site: Path) -> None:
    institution = read_page(sample_site, "/instansi/kota-jambi/")
    cite = institution.select_one("section.cite code").get_text()
    assert cite == (
        f'Arsip Kepatuhan Pelayanan Publik. "Pemerintah Kota Jambi: riwayat nilai kepatuhan pelayanan publik". {SITE}/instansi/kota-jambi/'
    )
    release_url = institution.select_one("section[aria-labelledby='riwayat'] tbody a[href^='/rilis/']")["href"]
    text = read_page(sample_site, release_url).select_one("section.cite code").get_text()
    assert text.startswith('"Pemkot Jambi Raih Nilai 93,68') and text.endswith(f"3 Desember 2024. {SITE}{release_url}")


def test_print_stylesheet_is_linked(sample_site: Path) -> None:
    soup = read_page(sample_site, "/instansi/kota-jambi/")
    link = soup.select_one("link[rel=stylesheet][media=print]")
    assert link["href"] == "/static/print.css"
    css = (sample_site / "output" / "static" / "print.css").read_text(encoding="utf-8")
    assert re.search(r"\.site-header nav[^{]*\{[^}]*display: none", css)


def test_search_index_covers_releases_and_institutions(sample_site: Path) -> None:
    """One bundle for institutions and one per assessment year, all merged by the search page."""
    output = sample_site / "output"
    entries = sorted(output.glob("pagefind/**/pagefind-entry.json"))
    pages = sum(json.loads(entry.read_text(encoding="utf-8"))["languages"]["id"]["page_count"] for entry in entries)
    data = json.loads((output / "data" / "awards.json").read_text(encoding="utf-8"))
    assert pages == len(data["releases"]) + len(data["institutions"])
    header_form = read_page(sample_site, "/").select_one("form[role=search]")
    assert header_form["action"] == "/cari/" and header_form.input["name"] == "q"
    search_page = read_page(sample_site, "/cari/")
    assert search_page.select_one("noscript a[href='/instansi/']")
    merged = search_page.select_one("form#pencarian")["data-merge"].split()
    year_bundles = [entry.parent for entry in entries if entry.parent != output / "pagefind"]  # the first is the institutions'
    assert sorted(merged) == sorted(f"/{folder.relative_to(output).as_posix()}/" for folder in year_bundles)
    assert merged == [f"/pagefind/{year}/" for year in sorted({release["year"] for release in data["releases"]})]


def test_position_movement_compares_only_bodies_scored_in_both_years(mini_site) -> None:
    release = "---\ntitle: {title}\ndate: {date}\ninstitution: Pemkot Jambi\nyear: {year}\nscore: {a}\nawards:\n{awards}---\nIsi.\n"
    award = "  - institution: {name}\n    score: {score}\n"
    root = mini_site(
        {
            "content/a.md": release.format(
                title="Hasil 2022",
                date="2023-01-10",
                year=2022,
                a=90,
                awards=award.format(name="Pemerintah Kota Sibolga", score=80) + award.format(name="Pemerintah Kota Banjarbaru", score=70),
            ),
            "content/b.md": release.format(
                title="Hasil 2023",
                date="2024-01-10",
                year=2023,
                a=85,
                awards=award.format(name="Pemerintah Kota Sibolga", score=60)
                + award.format(name="Pemerintah Kota Banjarbaru", score=95)
                + award.format(name="Pemerintah Kota Banjarmasin", score=99),
            ),
        }
    )
    assert run_here(root).returncode == 0
    table = read_page(root, "/penilaian/2023/").select_one("section[aria-labelledby='jenis-kota'] table")
    rows = {name: row["Dibanding 2022"] for name, row in rows_by_name(table).items()}
    assert rows["Pemerintah Kota Banjarbaru"] == "▲ +25 dari 70 Urutan: ▲ naik 2"  # third of three in 2022, first of them in 2023
    assert rows["Pemerintah Kota Jambi"].endswith("Urutan: ▼ turun 1")
    assert rows["Pemerintah Kota Sibolga"].endswith("Urutan: ▼ turun 1")
    assert rows["Pemerintah Kota Banjarmasin"] == "—"  # not in the archive for 2022: moves no one


def generated_tables(root: Path) -> list[tuple[str, object]]:
    """Every table the templates make (not a release's own Markdown table), with the page it is on."""
    found = []
    for path in html_pages(root):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        page = path.relative_to(root / "output").as_posix()
        found += [(page, table) for table in soup.select("main table") if not table.find_parent(class_="body")]
    return found


def test_no_table_has_a_column_without_content(sample_site: Path) -> None:
    """A column no row fills (all blank or "—", such as zones in 2025 or a comparison nobody has) is left out."""
    empty = []
    for page, table in generated_tables(sample_site):
        headers = [th.get_text(strip=True) for th in table.select("thead th")]
        rows = [cells(row) for row in table.select("tbody tr") if not row.select("[colspan]")]  # not a note across the table
        empty += [f"{page}: {header}" for i, header in enumerate(headers) if all(row[i] in ("", "—") for row in rows)]
    assert empty == []


def test_a_table_is_named_by_its_heading_without_a_caption_repeating_it(sample_site: Path) -> None:
    repeated, unnamed = [], []
    for page, table in generated_tables(sample_site):
        heading = table.find_previous(["h1", "h2", "h3"]).get_text(" ", strip=True)
        caption = table.caption.get_text(" ", strip=True) if table.caption else ""
        if caption and (heading in caption or caption in heading):
            repeated.append(f"{page}: {heading!r} / {caption!r}")
        if not caption and not table.get("aria-labelledby"):
            unnamed.append(page)
        elif table.get("aria-labelledby"):
            assert table.find_previous(id=table["aria-labelledby"]), f"{page}: no heading #{table['aria-labelledby']}"
    assert repeated == [] and unnamed == []


def test_zone_counts_say_they_count_results_and_institutions(sample_site: Path) -> None:
    """A zone's results count an institution once per year; its institutions count it once."""
    cards = read_page(sample_site, "/zona/").select("ul.cards li")
    for card in cards:
        zone = card.a["href"].strip("/").split("/")[-1]
        rows = [
            row.th.a["href"]
            for year_page in sorted((sample_site / "output" / "zona" / zone).glob("*/index.html"))
            for row in BeautifulSoup(year_page.read_text(encoding="utf-8"), "html.parser").select("main tbody tr")
        ]
        said = f"Hasil penilaian: {len(rows)} · Instansi: {len(set(rows))}"
        assert card.span.get_text(strip=True) == said, zone
        assert said in read_page(sample_site, f"/zona/{zone}/").select_one("main").get_text(" ", strip=True)
    hijau = read_page(sample_site, "/zona/").select_one("a[href='/zona/hijau/']").parent.get_text(" ", strip=True)
    assert "Hasil penilaian: 38 · Instansi: 33" in hijau  # Banjarbaru and others were green in more than one year


def test_year_page_says_which_rank_is_which(sample_site: Path) -> None:
    soup = read_page(sample_site, "/penilaian/2023/")
    notes = " ".join(p.get_text(" ", strip=True) for p in soup.select("main p.note"))
    assert "Urutan di arsip:" in notes and "bukan peringkat nasional" in notes
    assert "Peringkat menurut rilis:" in notes
    headers = {th.get_text(strip=True) for th in soup.select("main thead th")}
    assert {"Urutan di arsip", "Peringkat menurut rilis"} <= headers and not {"No.", "Peringkat"} & headers
