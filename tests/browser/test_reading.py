"""What a reader notices, proven in real Chromium against the built sample site.

These tests prove that:

* a reader on a 360 px phone can go from the home page to a release, its institution, the
  assessment year and a zone by clicking links alone, and each page shows the facts they followed;
* every kind of page fits a 360 px phone without sideways page scrolling (wide tables scroll inside
  their own `.table-scroll` box), logs no console errors, loads every resource it asks for and is
  styled by the stylesheet, and the site's icon loads (so browsers log no 404 for it);
* an institution's score chart is visible, has an accessible title and draws one point per scored year;
* screenshots of the main page kinds at 375 px and 1280 px are written to `tests/artifacts/` for a
  human to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Request, Response, expect

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

JAMBI_RELEASE = "Pemkot Jambi Raih Nilai 93,68"
KOTA_JAMBI = "Pemerintah Kota Jambi"
KOTA_JAMBI_SCORE = "93,68"

# Site-relative URLs of one page of each kind; "release" is looked up on the home page.
PAGE_KINDS: dict[str, str] = {
    "home": "/",
    "timeline": "/linimasa/",
    "timeline-year": "/linimasa/2024/",
    "institutions": "/instansi/",
    "institution": "/instansi/kota-banjarbaru/",
    "years": "/penilaian/",
    "year": "/penilaian/2023/",
    "zones": "/zona/",
    "zone": "/zona/merah/",
    "provinces": "/provinsi/",
    "province": "/provinsi/jambi/",
    "search": "/cari/?q=jambi",
    "data": "/data/",
    "compare": "/bandingkan/?i=kota-banjarbaru,kota-banjarmasin",
    "release": "",
    "not-found": "/404.html",
}

IMPLICIT_FAVICON = "/favicon.ico"

SCREENSHOT_PAGES: dict[str, str] = {
    "home": "/",
    "release": "",
    "institution": "/instansi/kota-banjarbaru/",
    "year": "/penilaian/2023/",
}
SCREENSHOT_WIDTHS = (375, 1280)


@dataclass
class PageProblems:
    """Everything that went wrong while a page loaded, as a reader's browser saw it."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.console_errors or self.page_errors or self.failed_requests or self.bad_responses)


def watch(page: Page, *, allowed_status_urls: frozenset[str] = frozenset()) -> PageProblems:
    """Record console errors, script errors, failed requests and error responses from now on."""
    problems = PageProblems()

    def on_console(message: ConsoleMessage) -> None:
        # Without a declared icon Chromium asks for /favicon.ico by itself, late and only sometimes;
        # test_site_has_a_favicon checks the icon deterministically.
        if message.type == "error" and not message.location.get("url", "").endswith(IMPLICIT_FAVICON):
            problems.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def on_request_failed(request: Request) -> None:
        problems.failed_requests.append(f"{request.method} {request.url}: {request.failure}")

    def on_response(response: Response) -> None:
        if response.status >= 400 and response.url not in allowed_status_urls:
            problems.bad_responses.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    return problems


def release_url(page: Page, base: str) -> str:
    """The site-relative URL of the newest release, as linked from the home page.

    Read in a throwaway tab, so the home page's own requests (its icon, fetched late) are not
    aborted by the next navigation and never reach the watchers of `page`.
    """
    lookup = page.context.new_page()
    try:
        lookup.goto(f"{base}/")
        href = lookup.locator("ul.releases li.release-item > a").first.get_attribute("href")
    finally:
        lookup.close()
    assert href and href.startswith("/"), f"home page's first release link has no site-relative href: {href!r}"
    return href


def resolve(page: Page, base: str, path: str) -> str:
    """A page's absolute URL; an empty path stands for the newest release."""
    return f"{base}{path or release_url(page, base)}"


def settle(page: Page) -> None:
    """Wait until the page has fetched everything (its icon comes late), as a reader does before clicking on."""
    page.wait_for_load_state("networkidle")


def follow(page: Page, name: str, *, within: str = "body") -> None:
    """Click the first link with exactly this accessible name (inside `within`), as a reader would."""
    settle(page)
    page.locator(within).get_by_role("link", name=name, exact=True).first.click()


def row_linking_to(page: Page, name: str, *, within: str = "main") -> Locator:
    """The table rows (inside `within`) that link to `name`."""
    return page.locator(within).get_by_role("row").filter(has=page.get_by_role("link", name=name, exact=True))


@contextmanager
def page_of_width(browser: Browser, width: int, height: int = 900) -> Iterator[Page]:
    """A page in a fresh browser context with a viewport `width` CSS pixels wide."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    try:
        yield context.new_page()
    finally:
        context.close()


# --------------------------------------------------------------------------- 1. click-through


def test_reader_follows_links_from_home_to_zone_on_a_phone(phone: Page, served_site: str) -> None:
    page = phone
    problems = watch(page)
    page.goto(f"{served_site}/")

    # Home → release.
    settle(page)
    page.get_by_role("link", name=JAMBI_RELEASE).first.click()
    expect(page).to_have_url(re.compile(r"/rilis/[^/]+/$"))
    expect(page.locator("h1")).to_contain_text(JAMBI_RELEASE)
    expect(page.locator("main")).to_contain_text(KOTA_JAMBI_SCORE)
    expect(page.locator("main")).to_contain_text("Zona Hijau")

    # Release → institution.
    follow(page, KOTA_JAMBI, within="main")
    expect(page).to_have_url(re.compile(r"/instansi/kota-jambi/$"))
    expect(page.locator("h1")).to_have_text(KOTA_JAMBI)
    history_2024 = row_linking_to(page, "2024", within="main table")
    expect(history_2024).to_have_count(1)
    expect(history_2024).to_contain_text(KOTA_JAMBI_SCORE)

    # Institution → year, through the score-history table.
    follow(page, "2024", within="main table")
    expect(page).to_have_url(re.compile(r"/penilaian/2024/$"))
    expect(page.locator("h1")).to_contain_text("2024")
    expect(row_linking_to(page, KOTA_JAMBI).first).to_contain_text(KOTA_JAMBI_SCORE)

    # Year → zone.
    follow(page, "Zona Hijau", within="main")
    expect(page).to_have_url(re.compile(r"/zona/hijau/$"))
    expect(page.locator("h1")).to_have_text("Zona Hijau")
    expect(page.locator("main").get_by_role("link", name=KOTA_JAMBI, exact=True).first).to_be_visible()

    settle(page)
    assert problems.is_empty(), problems


# --------------------------------------------------------------------------- 2. every page kind on a phone


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_fits_phone_loads_cleanly_and_is_styled(kind: str, phone: Page, served_site: str) -> None:
    page = phone
    url = resolve(page, served_site, PAGE_KINDS[kind])
    # Serving /404.html with a 404 status (as real hosts do) is correct, not a failure.
    problems = watch(page, allowed_status_urls=frozenset({url}) if kind == "not-found" else frozenset())
    response = page.goto(url)  # waits for "load": the stylesheet and everything the markup asks for

    assert response is not None
    if kind != "not-found":
        assert response.status == 200, f"{url} answered {response.status}"
    expect(page.locator("h1")).to_have_count(1)

    widths = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert widths["scroll"] <= widths["inner"], (
        f"{kind} ({url}) scrolls sideways on a 360 px phone: page is {widths['scroll']} px wide; widest elements: {widest_elements(page)}"
    )

    header_background = page.locator("header.site-header").evaluate("element => getComputedStyle(element).backgroundColor")
    assert header_background not in ("rgba(0, 0, 0, 0)", "transparent"), "stylesheet not applied to the site header"

    assert problems.is_empty(), problems


def widest_elements(page: Page, limit: int = 5) -> list[str]:
    """The elements sticking out furthest past the right edge of the viewport, to explain an overflow."""
    return page.evaluate(
        """limit => [...document.querySelectorAll('body *')]
            .filter(element => !element.closest('.table-scroll') || element.classList.contains('table-scroll'))
            .map(element => [element, element.getBoundingClientRect().right])
            .filter(([, right]) => right > window.innerWidth)
            .sort((a, b) => b[1] - a[1])
            .slice(0, limit)
            .map(([element, right]) => `${element.tagName.toLowerCase()}${element.className ? '.' + element.className : ''}`
                + ` right=${Math.round(right)} "${element.textContent.trim().slice(0, 40)}"`)""",
        limit,
    )


def test_site_has_a_favicon(phone: Page, served_site: str) -> None:
    """Without a declared icon, browsers fetch /favicon.ico themselves and log its 404 as a console error."""
    page = phone
    page.goto(f"{served_site}/")
    declared = page.locator('link[rel~="icon"]')
    icon_url = declared.first.evaluate("link => link.href") if declared.count() else f"{served_site}{IMPLICIT_FAVICON}"
    if icon_url.startswith("data:"):
        return
    status = page.request.get(icon_url).status
    assert status == 200, f"the site's icon {icon_url} answers {status} (declared by <link rel=icon>: {bool(declared.count())})"


# --------------------------------------------------------------------------- 3. the institution chart


def test_institution_chart_draws_one_point_per_scored_year(phone: Page, served_site: str) -> None:
    page = phone
    page.goto(f"{served_site}/instansi/kota-banjarbaru/")

    chart = page.locator("figure.chart svg")
    expect(chart).to_be_visible()
    expect(chart.locator("title")).to_have_count(1)
    expect(chart.locator("title")).to_contain_text("Pemerintah Kota Banjarbaru")

    box = chart.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None and box["width"] > 0 and box["height"] > 0
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], f"chart does not fit the phone: {box}"

    scored_years = page.locator("main table tbody tr").filter(has=page.locator(".score"))
    expect(scored_years).to_have_count(3)  # 2021, 2022, 2023
    expect(chart.locator("circle.point")).to_have_count(3)
    tick_labels = chart.locator("text.tick").all_text_contents()
    for year in ("2021", "2022", "2023"):
        assert year in tick_labels, f"year {year} missing from the chart's axis: {tick_labels}"


# --------------------------------------------------------------------------- 4. screenshots


@pytest.mark.parametrize("width", SCREENSHOT_WIDTHS)
def test_screenshots_are_written(width: int, browser: Browser, served_site: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with page_of_width(browser, width) as page:
        for name, path in SCREENSHOT_PAGES.items():
            page.goto(resolve(page, served_site, path))
            page.wait_for_load_state("load")
            target = ARTIFACTS / f"{name}-{width}.png"
            target.unlink(missing_ok=True)
            page.screenshot(path=str(target), full_page=True)
            assert target.is_file() and target.stat().st_size > 0, f"{target} was not written"
