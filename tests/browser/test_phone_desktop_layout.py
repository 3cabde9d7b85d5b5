"""Every page kind read on a 390x844 phone and a 1280x800 desktop, in the light and the dark scheme, in Chromium.

For each page, in each of the four (viewport, scheme) pairs, these tests prove what a reader notices:

* the page never scrolls sideways (`document.scrollingElement.scrollWidth <= innerWidth`);
* in the first row of every table, the name (its row header, or its first cell), the score and the zone are on
  screen: inside the viewport horizontally and not cut off by the table's scrolling box (other columns may need
  a swipe), and each page has at least the number of tables showing a score and a zone that its data gives;
* the footer sits at the bottom of the window on a short page, and at the end of a long one;
* axe-core finds no violation (contrast included, so both schemes are checked for AA), and the browser logs
  no error.

Then, once per (viewport, scheme): the score chart spans its column and its labels keep a readable size, its
zone bands differ by pattern and are named in a legend, and the zone badges differ by word and shape, not by
colour alone. The English site (the sample built with `language = "en"`, plus enough short releases about one
institution to give it a second page of releases) is checked the same way for a few page kinds.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect
from sitetools import REPO, copy_project, run_build

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
SCREENS = [(viewport, scheme) for viewport in VIEWPORTS for scheme in ("light", "dark")]

# One page of every kind on the Indonesian sample site, and how many of its tables show a score and a zone.
RELEASE = "/rilis/2023-02-14-lima-pemda-di-kalsel-raih-zona-hijau-sertifikat-penilaian/"  # a body table, other results
COMPARED = "/bandingkan/?i=kota-banjarbaru,kota-banjarmasin"  # the comparison, drawn by its script from the address
PAGES: dict[str, tuple[str, int]] = {
    "home": ("/", 0),
    "timeline": ("/linimasa/", 0),
    "timeline-year": ("/linimasa/2024/", 0),
    "institutions": ("/instansi/", 3),  # the first ministry, city and police unit have only 2025's opinion or no zone
    "institution": ("/instansi/kota-banjarbaru/", 1),
    "years": ("/penilaian/", 0),
    "year": ("/penilaian/2022/", 3),
    "year-opinions": ("/penilaian/2025/", 0),  # 2025 published categories, no zones
    "zones": ("/zona/", 0),
    "zone": ("/zona/kuning/", 1),
    "zone-year": ("/zona/hijau/2022/", 1),
    "provinces": ("/provinsi/", 0),
    "province": ("/provinsi/kalimantan-selatan/", 3),
    "search": ("/cari/?q=jambi", 0),
    "not-found": ("/404.html", 0),
    "release": (RELEASE, 2),
    "data": ("/data/", 0),
    "compare": (COMPARED, 1),
}
EXTRA_INSTITUTION = "kota-jambi"
EXTRA_RELEASES = 101  # one more than a page of releases holds (routes.PAGE_SIZE)
ENGLISH: dict[str, tuple[str, int]] = {
    "home": ("/", 0),
    "institution": (f"/instansi/{EXTRA_INSTITUTION}/", 1),
    "institution-releases": (f"/instansi/{EXTRA_INSTITUTION}/2/", 0),
    "year": ("/penilaian/2023/", 4),
    "zone": ("/zona/merah/", 1),
    "release": (RELEASE, 2),
}
SCORE_HEADERS = ("Nilai", "Score")  # a release's own Markdown table is in Indonesian on either site
ZONE_HEADERS = ("Zona", "Zone")

# For each table in <main>: where the first row's name, score and zone are, and whether each is fully in view.
FIRST_ROWS = """([scoreWords, zoneWords]) => {
  const clippedBy = (element) => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return 'not drawn';
    if (box.left < -0.5 || box.right > innerWidth + 0.5) return 'outside the window';
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX === 'visible') continue;
      const frame = up.getBoundingClientRect();
      const left = frame.left + up.clientLeft, right = left + up.clientWidth;
      if (box.left < left - 0.5 || box.right > right + 0.5) return 'cut off by its scrolling box';
    }
    return null;
  };
  return [...document.querySelectorAll('main table')].map((table, index) => {
    const row = table.tBodies[0] && table.tBodies[0].rows[0];
    const label = table.getAttribute('aria-labelledby') || (table.caption && table.caption.textContent.trim()) || `table ${index + 1}`;
    if (!row) return {label, name: false, score: false, zone: false, problems: ['no rows']};
    const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    const cells = [...row.cells];
    const under = (words) => cells.filter((cell, i) => words.includes(headers[i]));
    const headed = [...row.querySelectorAll('th[scope=row]')];
    const named = headed.length ? headed : cells.slice(0, 1);  // a release's own table names its rows in the first cell
    const scores = [...under(scoreWords), ...row.querySelectorAll('.score')];
    const zones = [...under(zoneWords), ...row.querySelectorAll('.zone')];
    const problems = [];
    for (const [what, elements] of [['name', named], ['score', scores], ['zone', zones]]) {
      for (const element of elements) {
        const why = clippedBy(element);
        if (why) problems.push(`${what} "${element.textContent.trim()}": ${why}`);
      }
    }
    return {label, name: named.length > 0, score: scores.length > 0, zone: zones.length > 0, problems};
  });
}"""

FOOTER = """() => {
  const footer = document.querySelector('footer.site-footer').getBoundingClientRect();
  return {bottom: footer.bottom + scrollY, height: document.scrollingElement.scrollHeight, window: innerHeight};
}"""


@dataclass
class Screen:
    """One browser tab of a size and a colour scheme, and what its console said since the last page."""

    viewport: str
    scheme: str
    page: Page
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module", params=SCREENS, ids=[f"{viewport}-{scheme}" for viewport, scheme in SCREENS])
def screen(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Screen]:
    viewport, scheme = request.param
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme, device_scale_factor=1)
    shown = Screen(viewport, scheme, context.new_page())

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            shown.errors.append(message.text)

    shown.page.on("console", on_console)
    shown.page.on("pageerror", lambda error: shown.errors.append(str(error)))
    yield shown
    context.close()


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site built in English, with a second page of releases about one institution, on 127.0.0.1."""
    root = copy_project(tmp_path_factory.mktemp("english"))
    config = root / "site_config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('language = "id"', 'language = "en"'), encoding="utf-8")
    extra = root / "content" / "layout"
    extra.mkdir()
    for number in range(1, EXTRA_RELEASES + 1):
        day = dt.date(2020, 3, 2) + dt.timedelta(days=number)
        text = f"---\ntitle: Catatan uji tata letak {number}\ndate: {day.isoformat()}\ninstitution: Pemkot Jambi\n---\nCatatan uji.\n"
        (extra / f"{day.isoformat()}-catatan-{number}.md").write_text(text, encoding="utf-8")
    built = run_build(root)
    assert built.returncode == 0, built.stderr
    handler = functools.partial(_Quiet, directory=str(root / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_page_fits_and_passes_axe(screen: Screen, served_site: str, kind: str) -> None:
    url, result_tables = PAGES[kind]
    check_page(screen, served_site + url, result_tables)


@pytest.mark.parametrize("kind", sorted(ENGLISH))
def test_english_page_fits_and_passes_axe(screen: Screen, english_site: str, kind: str) -> None:
    url, result_tables = ENGLISH[kind]
    check_page(screen, english_site + url, result_tables)


def check_page(screen: Screen, url: str, result_tables: int) -> None:
    page, where = screen.page, f"{url} ({screen.viewport}, {screen.scheme})"
    screen.errors.clear()
    response = page.goto(url)
    assert response is not None and (response.ok or url.endswith("/404.html")), f"{where}: {response and response.status}"
    if "/cari/" in url:
        expect(page.locator("#hasil-pencarian li").first).to_be_visible(timeout=10_000)
    if "/bandingkan/?" in url:
        expect(page.locator("main table tbody tr").first).to_be_visible(timeout=10_000)

    width = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"{where} scrolls sideways: {width[0]} px of content in a {width[1]} px window"

    tables = page.evaluate(FIRST_ROWS, [list(SCORE_HEADERS), list(ZONE_HEADERS)])
    problems = [f"{table['label']}: {problem}" for table in tables for problem in table["problems"]]
    assert problems == [], f"{where}: " + "; ".join(problems)
    showing = [table["label"] for table in tables if table["score"] and table["zone"]]
    assert len(showing) >= result_tables, f"{where}: tables with a score and a zone: {showing}"

    footer = page.evaluate(FOOTER)
    assert abs(footer["bottom"] - footer["height"]) <= 1, f"{where}: the footer is not at the end of the page: {footer}"
    assert footer["bottom"] >= footer["window"] - 1, f"{where}: the footer floats above the bottom of the window: {footer}"

    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in result["violations"]
    ]
    assert violations == [], f"{where}: " + json.dumps(violations, indent=1, ensure_ascii=False)
    assert screen.errors == [], f"{where} logged: {screen.errors}"


def test_chart_spans_its_column_with_readable_labels(screen: Screen, served_site: str) -> None:
    page = screen.page
    page.goto(served_site + "/instansi/kota-banjarbaru/")
    chart = page.locator("figure.chart svg")
    sizes = chart.evaluate(
        """svg => {
      const main = document.querySelector('main'), style = getComputedStyle(main);
      const column = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const scale = svg.getScreenCTM().a;
      const labels = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
      return {width: svg.getBoundingClientRect().width, column, smallest: Math.min(...labels)};
    }"""
    )
    assert abs(sizes["width"] - sizes["column"]) <= 1, f"the chart is {sizes['width']} px wide in a {sizes['column']} px column"
    assert sizes["smallest"] >= 13, f"a chart label is drawn at {sizes['smallest']:.1f} px"
    expect(chart.locator("circle.point")).to_have_count(3)

    # Each zone's band has its own pattern (fill), not only its own colour, and the legend names them.
    fills = chart.evaluate(
        "svg => Object.fromEntries(['hijau', 'kuning', 'merah'].map(z => [z, getComputedStyle(svg.querySelector('.band-' + z)).fill]))"
    )
    assert "url(" in fills["kuning"] and "url(" in fills["merah"] and len(set(fills.values())) == 3, fills
    expect(page.locator("figure.chart .chart-legend li")).to_have_text(["Zona Hijau", "Zona Kuning", "Zona Merah"])


def test_zones_differ_by_word_and_shape(screen: Screen, served_site: str) -> None:
    page = screen.page
    page.goto(served_site + "/penilaian/2022/")
    looks = page.locator(".zone-counts .zone").evaluate_all(
        """badges => badges.map(badge => {
      const shape = getComputedStyle(badge, '::before');
      return [badge.textContent.trim(), shape.borderRadius, shape.clipPath, shape.width, shape.height];
    })"""
    )
    assert [look[0] for look in looks] == ["Zona Hijau", "Zona Kuning", "Zona Merah"]
    shapes = {tuple(look[1:]) for look in looks}
    assert len(shapes) == 3, f"two zones share a shape: {looks}"
