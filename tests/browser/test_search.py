"""Search as a reader uses it: type a word in the header box, land on /cari/, find the release, narrow it
by year, zone, category, kind and province (each choice showing how many results it leaves), read each
result's institution, year, score and zone at a glance, and share the search by its address."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect
from sitetools import REPO

BODY_ONLY_WORD = "melampaui"  # occurs in one release's body only (the HSS 2023 release), nowhere in front-matter
RELEASE_FILE_SLUG_PREFIX = "/rilis/2024-01-25-"


def test_header_search_finds_a_release_by_a_word_of_its_body(served_site: str, desktop: Page) -> None:
    errors: list[str] = []
    desktop.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    desktop.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    desktop.goto(served_site + "/")
    desktop.get_by_role("searchbox").first.fill(BODY_ONLY_WORD)
    desktop.get_by_role("button", name="Cari").click()
    expect(desktop).to_have_url(f"{served_site}/cari/?q={BODY_ONLY_WORD}")
    results = desktop.locator("#hasil-pencarian li")
    expect(results.first).to_be_visible(timeout=10_000)
    first = results.first.locator("a")
    assert first.get_attribute("href").startswith(RELEASE_FILE_SLUG_PREFIX)
    expect(results.first.locator("mark").first).to_have_text(BODY_ONLY_WORD, ignore_case=True)
    first.click()
    expect(desktop.locator("h1")).to_contain_text("Hulu Sungai Selatan")
    assert errors == []


def test_search_page_without_javascript_offers_links(browser, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "/cari/?q=jambi")
    expect(page.get_by_role("link", name="Instansi").last).to_be_visible()
    expect(page.locator("#pencarian")).to_be_hidden()
    context.close()


def test_search_works_when_the_site_lives_under_a_sub_path(tmp_path: Path, desktop: Page) -> None:
    import functools
    import http.server
    import threading

    from sitetools import copy_project, run_build

    root = copy_project(tmp_path / "site")
    config = root / "site_config.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'base_url = "https://arsip-kepatuhan.example.org/"', 'base_url = "https://example.org/arsip/"'
        ),
        encoding="utf-8",
    )
    assert run_build(root).returncode == 0
    served = tmp_path / "www"
    served.mkdir()
    (served / "arsip").symlink_to(root / "output")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/arsip/"
        desktop.goto(base)
        desktop.get_by_role("searchbox").first.fill(BODY_ONLY_WORD)
        desktop.get_by_role("button", name="Cari").click()
        result = desktop.locator("#hasil-pencarian li a").first
        expect(result).to_be_visible(timeout=10_000)
        assert result.get_attribute("href").startswith("/arsip" + RELEASE_FILE_SLUG_PREFIX)
        result.click()
        expect(desktop.locator("h1")).to_contain_text("Hulu Sungai Selatan")
    finally:
        server.shutdown()


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
FILTERS = ("tahun", "zona", "kategori", "jenis", "provinsi")


def settled(page: Page) -> None:
    """The search the last action started has shown its results."""
    expect(page.locator("#hasil-pencarian")).to_have_attribute("aria-busy", "false", timeout=10_000)


def found(page: Page) -> int:
    """The number of results the status line announces ("78 hasil" or "78 hasil, 50 ditampilkan")."""
    status = page.locator("#status-pencarian").inner_text()
    return 0 if status.startswith("Tidak ada") else int(re.match(r"([\d.]+) hasil", status).group(1).replace(".", ""))


def all_results(page: Page) -> list[str]:
    """Every result's link, after asking for the rest of them as long as the page offers more."""
    more = page.locator("#lebih-banyak")
    while more.is_visible():
        more.click()
        settled(page)
    return page.locator("#hasil-pencarian > li > a").evaluate_all("links => links.map(link => link.getAttribute('href'))")


def offered(page: Page, name: str) -> list[tuple[str, int | None, bool]]:
    """Each value of a filter with the count its option shows and whether it can be chosen."""
    options = page.locator(f"#saring-{name} option").evaluate_all(
        "options => options.filter(o => o.value).map(o => [o.value, o.textContent, o.disabled])"
    )
    counted = [(value, re.search(r"\(([\d.]+)\)$", label), disabled) for value, label, disabled in options]
    return [(value, int(match.group(1).replace(".", "")) if match else None, disabled) for value, match, disabled in counted]


def test_every_excerpt_word_is_a_word_of_the_page_it_links_to(served_site: str, sample_site: Path, desktop: Page) -> None:
    """Each word of an excerpt, as the reader sees it, is a word of the page the result links to: none glued to its
    neighbour (the page's text is taken apart at every tag, so words joined in the excerpt only are caught)."""
    words_of: dict[str, set[str]] = {}
    checked = 0
    for query in ("sertifikatnya", "zona"):
        desktop.goto(f"{served_site}/cari/?q={query}")
        settled(desktop)
        all_results(desktop)
        results = desktop.locator("#hasil-pencarian > li").evaluate_all(
            "items => items.map(item => [item.querySelector('a').getAttribute('href'), item.querySelector('p').innerText])"
        )
        assert results, query
        for href, excerpt in results:
            if href not in words_of:
                html = (sample_site / "output" / href.strip("/") / "index.html").read_text(encoding="utf-8")
                words_of[href] = set(re.findall(r"\w+", BeautifulSoup(html, "html.parser").main.get_text(" ").lower()))
            glued = [word for word in re.findall(r"\w+", excerpt.lower()) if word not in words_of[href]]
            assert glued == [], f"{query}: {href}: {excerpt}"
            checked += 1
    assert checked > 50 and len(words_of) > 40


@pytest.mark.parametrize(
    ("address", "others"),
    [
        ("/cari/?q=zona", ()),
        ("/cari/?q=zona&tahun=2022", ("zona", "kategori", "jenis", "provinsi")),
        ("/cari/?q=kalsel&zona=hijau&kategori=kualitas-tinggi", ("tahun",)),
        ("/cari/?jenis=kota", ("tahun", "zona", "provinsi")),
    ],
    ids=["query", "query-and-year", "zone-and-category", "kind-alone"],
)
def test_each_filter_value_shows_the_number_of_results_it_leaves(
    served_site: str, sample_site: Path, desktop: Page, address: str, others: tuple[str, ...]
) -> None:
    desktop.goto(served_site + address)
    settled(desktop)
    data = json.loads((sample_site / "output" / "data" / "awards.json").read_text(encoding="utf-8"))
    known = {r["url"] for r in data["releases"]} | {i["url"] for i in data["institutions"]}
    assert set(all_results(desktop)) <= known
    tried = 0
    for name in others or FILTERS:
        select = desktop.locator(f"#saring-{name}")
        before = select.input_value()
        for value, count, disabled in offered(desktop, name):
            assert count is not None, f"{name}={value} shows no count"
            assert disabled == (count == 0 and value != before), f"{name}={value}"
            if count == 0 or value == before:
                continue
            select.select_option(value)
            settled(desktop)
            expect(desktop).to_have_url(re.compile(rf"[?&]{name}={re.escape(value)}(&|$)"))
            assert found(desktop) == count, f"{name}={value}"
            assert len(all_results(desktop)) == count, f"{name}={value}"
            tried += 1
        select.select_option(before)
        settled(desktop)
    assert tried >= 2


def test_year_and_zone_narrow_institution_pages_by_that_year_s_zone(served_site: str, desktop: Page) -> None:
    """Tanah Bumbu was yellow in 2021 and green in 2022: its page is found for both, each with its own year."""
    page = "/instansi/kabupaten-tanah-bumbu/"
    expected = {("2021", "kuning"): True, ("2022", "hijau"): True, ("2022", "kuning"): False, ("2021", "hijau"): False}
    for (year, zone), kept in expected.items():
        desktop.goto(f"{served_site}/cari/?q=bumbu&tahun={year}&zona={zone}")
        settled(desktop)
        assert (page in all_results(desktop)) == kept, (year, zone)
    desktop.goto(f"{served_site}/cari/?q=bumbu&jenis=kabupaten&provinsi=kalimantan-selatan&kategori=kualitas-tinggi")
    settled(desktop)
    assert page in all_results(desktop)


def test_a_result_shows_institution_year_score_and_zone(served_site: str, desktop: Page) -> None:
    desktop.goto(f"{served_site}/cari/?q={BODY_ONLY_WORD}")
    settled(desktop)
    glance = desktop.locator("#hasil-pencarian > li").first.locator(".meta")
    expect(glance).to_contain_text("Pemerintah Kabupaten Hulu Sungai Selatan")
    expect(glance).to_contain_text("Tahun penilaian 2023")
    expect(glance.locator(".score")).to_have_text("95,07")
    expect(glance.locator(".zone.zone-hijau")).to_have_text("Zona Hijau")
    desktop.goto(f"{served_site}/cari/?q=banjarbaru&jenis=kota")
    settled(desktop)
    institution = desktop.locator("#hasil-pencarian > li", has=desktop.locator("a[href='/instansi/kota-banjarbaru/']"))
    expect(institution.locator(".meta")).to_contain_text("Pemerintah Kota · Hasil terakhir (2023)")
    expect(institution.locator(".meta .score")).to_have_text("92,00")


def test_a_search_lives_in_its_address(served_site: str, browser: Browser, desktop: Page) -> None:
    desktop.goto(f"{served_site}/cari/?q=kalsel&tahun=2022&zona=hijau")
    settled(desktop)
    expect(desktop.locator("#kata")).to_have_value("kalsel")
    expect(desktop.locator("#saring-tahun")).to_have_value("2022")
    expect(desktop.locator("#saring-zona")).to_have_value("hijau")
    desktop.select_option("#saring-jenis", "kabupaten")
    settled(desktop)
    desktop.locator("#kata").fill("tanah")
    settled(desktop)
    expect(desktop).to_have_url(f"{served_site}/cari/?q=tanah&tahun=2022&zona=hijau&jenis=kabupaten")
    shared = desktop.url
    results, status = all_results(desktop), desktop.locator("#status-pencarian").inner_text()
    assert results
    context = browser.new_context()
    other = context.new_page()
    other.goto(shared)
    settled(other)
    expect(other.locator("#saring-jenis")).to_have_value("kabupaten")
    assert all_results(other) == results and other.locator("#status-pencarian").inner_text() == status
    context.close()


def test_one_search_box_per_page(served_site: str, desktop: Page) -> None:
    for address in ("/", "/cari/?q=jambi", "/instansi/kota-jambi/", "/penilaian/2023/"):
        desktop.goto(served_site + address)
        expect(desktop.get_by_role("searchbox")).to_have_count(1)
        expect(desktop.get_by_role("search")).to_have_count(1)


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_search_page_fits_the_screen_with_no_axe_violation_or_console_error(
    browser: Browser, served_site: str, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{served_site}/cari/?q=kualitas&tahun=2023&kategori=kualitas-tertinggi")
    settled(page)
    expect(page.locator("#hasil-pencarian > li").first).to_be_visible()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in result["violations"]]
    context.close()
    assert overflow <= 0, f"{overflow}px of horizontal scroll at {width}px"
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    assert errors == []
