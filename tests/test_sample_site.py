"""The sample site as a reader meets it: every page kind, every award where it should be, open data.

Pages are read with a real HTML parser (BeautifulSoup); nothing here inspects Python objects.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitetools import read_page

ZONE_WORDS = {"hijau": "Zona Hijau", "kuning": "Zona Kuning", "merah": "Zona Merah"}
PAGE_KINDS = [
    "index.html",
    "404.html",
    "robots.txt",
    "sitemap.xml",
    "data/awards.json",
    "data/awards.csv",
    "linimasa/index.html",
    "linimasa/2024/index.html",
    "instansi/index.html",
    "instansi/kota-jambi/index.html",
    "penilaian/index.html",
    "penilaian/2022/index.html",
    "zona/index.html",
    "zona/hijau/index.html",
    "zona/kuning/index.html",
    "zona/merah/index.html",
    "static/style.css",
]


def awards_data(root: Path) -> dict:
    return json.loads((root / "output" / "data" / "awards.json").read_text(encoding="utf-8"))


def indonesian(score: float | int) -> str:
    text = f"{score}"
    return text.replace(".", ",")


def row_for(soup: BeautifulSoup, name: str):
    """The table row whose header cell names an institution or a year."""
    for header in soup.select("tbody th"):
        if header.get_text(" ", strip=True) == name:
            return header.find_parent("tr")
    raise AssertionError(f"no table row for {name!r}")


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_every_page_kind_is_built(sample_site: Path, path: str) -> None:
    assert (sample_site / "output" / path).is_file()


def test_every_release_has_a_page(sample_site: Path) -> None:
    data = awards_data(sample_site)
    assert len(data["releases"]) == 23  # 24 files, one of them a draft
    for release in data["releases"]:
        soup = read_page(sample_site, release["url"])
        assert soup.h1.get_text(strip=True) == release["title"]


def _published_precision(raw_json_score: float | int, page_text: str) -> bool:
    """The score appears on the page with a decimal comma (trailing zeros as published are fine)."""
    base = indonesian(raw_json_score)
    return re.search(rf"(?<![\d,]){re.escape(base)}0*(?![\d])", page_text) is not None


def test_each_award_shows_score_and_zone_on_release_institution_and_year_pages(sample_site: Path) -> None:
    data = awards_data(sample_site)
    checked = 0
    for institution in data["institutions"]:
        institution_page = read_page(sample_site, institution["url"])
        assert institution_page.h1.get_text(strip=True) == institution["name"]
        for award in institution["awards"]:
            expected_zone = ZONE_WORDS.get(award["zone"])
            history_row = row_for(institution_page, str(award["year"])).get_text(" ", strip=True)
            year_page = read_page(sample_site, f"/penilaian/{award['year']}/")
            year_row = row_for(year_page, institution["name"]).get_text(" ", strip=True)
            release_page = read_page(sample_site, award["release_url"])
            if release_page.select_one("main h1 + p a, .release header a").get_text(strip=True) == institution["name"]:
                release_text = release_page.select_one("dl.facts").get_text(" ", strip=True)
            else:
                release_text = row_for(release_page, institution["name"]).get_text(" ", strip=True)
            for text in (history_row, year_row, release_text):
                if award["score"] is not None:
                    assert _published_precision(award["score"], text), (institution["name"], award, text)
                    assert "." not in str(award["score"]) or str(award["score"]) not in text, text
                if expected_zone:
                    assert expected_zone in text, (institution["name"], award, text)
            checked += 1
    assert checked >= 40


def test_kota_jambi_release_reads_as_published(sample_site: Path) -> None:
    soup = read_page(sample_site, "/instansi/kota-jambi/")
    release_url = soup.select_one("table a[href^='/rilis/']")["href"]
    release = read_page(sample_site, release_url)
    text = release.get_text(" ", strip=True)
    assert "Selasa, 3 Desember 2024" in text
    facts = release.select_one("dl.facts").get_text(" ", strip=True)
    for expected in ("2024", "93,68", "Zona Hijau", "Kualitas Tertinggi", "36 dari 98 pemerintah kota"):
        assert expected in facts
    zone = release.select_one("dl.facts .zone")
    assert "zone-hijau" in zone["class"] and zone.get_text(strip=True) == "Zona Hijau"
    others = release.select_one("section[aria-labelledby='hasil-lain'] table")
    names = [th.get_text(strip=True) for th in others.select("tbody th")]
    assert names == ["Pemerintah Kabupaten Tanjung Jabung Barat", "Pemerintah Kabupaten Sarolangun"]
    assert release.select_one("a[rel='prev']") and release.select_one("a[rel='next']")


def test_red_zone_2022_lists_sibolga(sample_site: Path) -> None:
    zone_page = read_page(sample_site, "/zona/merah/")
    assert zone_page.select_one("a[href='/zona/merah/2022/']").get_text(strip=True) == "2022 (5)"
    soup = read_page(sample_site, "/zona/merah/2022/")
    section = soup.select_one("section[aria-labelledby='tahun-2022']")
    row = row_for(section, "Pemerintah Kota Sibolga").get_text(" ", strip=True)
    assert "51,15" in row and "Zona Merah" in row


def test_same_score_means_different_zones_in_different_years(sample_site: Path) -> None:
    year_2021 = read_page(sample_site, "/penilaian/2021/")
    assert "Zona Kuning" in row_for(year_2021, "Pemerintah Kabupaten Tanah Bumbu").get_text(" ", strip=True)
    year_2022 = read_page(sample_site, "/penilaian/2022/")
    assert "Zona Merah" in row_for(year_2022, "Pemerintah Kabupaten Labuhanbatu Selatan").get_text(" ", strip=True)


def test_news_items_are_in_the_timeline_without_an_award(sample_site: Path) -> None:
    data = awards_data(sample_site)
    news = [r for r in data["releases"] if r["score"] is None and r["zone"] is None and r["institution"] == "kabupaten-muaro-jambi"]
    assert len(news) == 1
    timeline = read_page(sample_site, "/linimasa/2021/").get_text(" ", strip=True)
    assert news[0]["title"] in timeline
    institution = read_page(sample_site, "/instansi/kabupaten-muaro-jambi/")
    assert news[0]["title"] in institution.get_text(" ", strip=True)
    assert not next(i for i in data["institutions"] if i["slug"] == "kabupaten-muaro-jambi")["awards"]


def test_timeline_groups_by_year_and_month(sample_site: Path) -> None:
    index = read_page(sample_site, "/linimasa/")
    counts = {row.th.get_text(strip=True): int(row.td.get_text(strip=True)) for row in index.select("tbody tr")}
    assert counts["2024"] == 10 and sum(counts.values()) == 23
    year = read_page(sample_site, "/linimasa/2024/")
    months = [h2.get_text(strip=True) for h2 in year.select("main h2")]
    assert months == ["Desember 2024", "Februari 2024", "Januari 2024"]
    assert year.select_one(".year-nav [aria-current='page']").get_text(strip=True) == "2024"


def test_institutions_index_groups_by_kind_with_latest_result(sample_site: Path) -> None:
    soup = read_page(sample_site, "/instansi/")
    kinds = [h2.get_text(strip=True) for h2 in soup.select("main h2")]
    assert {"Pemerintah Provinsi", "Pemerintah Kota", "Pemerintah Kabupaten", "Kepolisian", "Kantor Pertanahan"} <= set(kinds)
    assert "2024: 93,68 Zona Hijau" in row_for(soup, "Pemerintah Kota Jambi").get_text(" ", strip=True)


def test_institution_page_has_history_table_and_chart(sample_site: Path) -> None:
    soup = read_page(sample_site, "/instansi/kota-banjarbaru/")
    years = [th.get_text(strip=True) for th in soup.select("section[aria-labelledby='riwayat'] tbody th")]
    assert years == ["2023", "2022", "2021"]
    svg = soup.select_one("figure.chart svg")
    assert svg["role"] == "img" and svg.title.get_text(strip=True) and svg.desc.get_text(strip=True)
    assert len(svg.select("circle.point")) == 3
    assert {"band-hijau", "band-kuning", "band-merah"} <= {c for rect in svg.select("rect") for c in rect["class"]}
    assert [t.get_text() for t in svg.select("text.value")] == ["85,74", "84,74", "92,00"]


def test_home_shows_latest_zone_counts_and_newest_releases(sample_site: Path) -> None:
    soup = read_page(sample_site, "/")
    assert soup.select_one("#tahun-terakhir").get_text(strip=True) == "Hasil penilaian 2024 dalam arsip ini"
    releases = soup.select("ul.releases li")
    assert len(releases) == 8
    assert "12 Februari 2026" in releases[0].get_text(" ", strip=True)


def test_awards_json_matches_the_schema(sample_site: Path) -> None:
    data = awards_data(sample_site)
    assert list(data) == ["institutions", "releases"]
    output = sample_site / "output"
    for institution in data["institutions"]:
        assert list(institution) == ["slug", "name", "kind", "province", "url", "awards"]
        assert institution["url"] == f"/instansi/{institution['slug']}/"
        assert (output / institution["url"].lstrip("/") / "index.html").is_file()
        for award in institution["awards"]:
            assert list(award) == ["year", "score", "zone", "category", "rank", "date", "release_url", "decimals", "period", "comparable"]
            assert award["score"] is None or isinstance(award["score"], int | float)
            assert award["zone"] in ("hijau", "kuning", "merah", None)
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", award["date"])
            assert (output / award["release_url"].lstrip("/") / "index.html").is_file()
    for release in data["releases"]:
        assert list(release) == ["slug", "title", "date", "url", "institution", "year", "score", "zone", "source"]
        assert release["url"].startswith("/rilis/")
    kota_jambi = next(i for i in data["institutions"] if i["slug"] == "kota-jambi")
    assert kota_jambi["kind"] == "kota" and kota_jambi["province"] == "Jambi"
    assert kota_jambi["awards"][0] | {"release_url": None} == {
        "year": 2024,
        "score": 93.68,
        "zone": "hijau",
        "category": "Kualitas Tertinggi",
        "rank": "36 dari 98 pemerintah kota",
        "date": "2024-12-03",
        "release_url": None,
        "decimals": 2,
        "period": "Penilaian Kepatuhan 2022-2024",
        "comparable": None,
    }
    kaltim = next(i for i in data["institutions"] if i["slug"] == "provinsi-kalimantan-timur")
    assert kaltim["awards"][0]["score"] is None and kaltim["awards"][0]["zone"] == "hijau"


def test_awards_csv_has_one_row_per_award(sample_site: Path) -> None:
    text = (sample_site / "output" / "data" / "awards.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert text.splitlines()[0] == (
        "year;institution;slug;kind;province;score;zone;category;rank;rubric_period;comparable_with_previous;date;release_url"
    )
    data = awards_data(sample_site)
    assert len(rows) == sum(len(i["awards"]) for i in data["institutions"])
    sibolga = next(row for row in rows if row["slug"] == "kota-sibolga")
    assert (sibolga["year"], sibolga["score"], sibolga["zone"]) == ("2022", "51,15", "merah")


def test_sitemap_lists_every_page_with_absolute_urls(sample_site: Path) -> None:
    sitemap = (sample_site / "output" / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    pages = sorted(p for p in (sample_site / "output").rglob("index.html") if b'http-equiv="refresh"' not in p.read_bytes())
    assert len(locations) == len(pages)  # every page but the redirects at old addresses
    assert all(loc.startswith("https://arsip-kepatuhan.example.org/") for loc in locations)
    robots = (sample_site / "output" / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://arsip-kepatuhan.example.org/sitemap.xml" in robots


def test_every_html_page_is_small(sample_site: Path) -> None:
    pages = list((sample_site / "output").rglob("*.html"))
    assert len(pages) > 90
    heavy = {p.name: p.stat().st_size for p in pages if p.stat().st_size >= 50_000}
    assert not heavy


def test_internal_links_all_resolve(sample_site: Path) -> None:
    output = sample_site / "output"
    for page in output.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("[href], [src]"):
            target = tag.get("href") or tag.get("src")
            if target.startswith(("http:", "https:", "#", "mailto:")):
                continue
            path = target.split("#")[0].split("?")[0]  # a query (the comparison page's ?i=) is read by the page, not the server
            assert path.startswith("/"), (page, target)
            file = output / path.lstrip("/")
            assert (file / "index.html").is_file() if path.endswith("/") else file.is_file(), (page, target)


def test_institution_release_list_shows_that_institutions_own_result(sample_site: Path) -> None:
    items = read_page(sample_site, "/instansi/kabupaten-sarolangun/").select("ul.releases li")
    assert len(items) == 1
    result = items[0].select_one(".meta").get_text(" ", strip=True)  # the title itself names Kota Jambi's 93,68
    assert "90,53 Zona Hijau" in result and "93,68" not in result
