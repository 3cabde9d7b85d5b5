#!/usr/bin/env python3
"""The editors' form in `make bench`: seconds from "Publish now" at /admin/ to the release on the preview.

Input: `[--runs 3] [--output bench/RESULTS.md]`. For each run, a fresh copy of the sample site is
served by `build.py serve --drafts`; one Chromium page shows the institution's page (live reload
connected), another fills Decap's form as an editor does. The clock starts at the click on
"Publish now" and stops when the open institution page, reloaded by the preview, shows the new
release's title. Output: each run and the median, printed and written between the form markers of
the output file. Scratch copies go to bench/.work/form/ (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "tests"))  # the browser tests' own helpers drive the form here too

from chromium import CHROMIUM, FLAGS  # noqa: E402
from decapform import BUTTONS, SHOWN, fill, open_form  # noqa: E402
from devserver import Transcript, free_port, open_live, start_server, stop, wait_until_up  # noqa: E402
from playwright.sync_api import Browser, sync_playwright  # noqa: E402
from sitetools import copy_project  # noqa: E402

WORK = BENCH / ".work" / "form"
INSTITUTION_PAGE = "/instansi/kementerian-keuangan/"
START, END = "<!-- form:start -->", "<!-- form:end -->"


def one_run(browser: Browser, run: int) -> float:
    """Seconds from the click on "Publish now" to the new title on the open institution page."""
    root = copy_project(WORK / f"run-{run + 1}")
    port = free_port()
    process = start_server(root, port, "--drafts", "--lang", "en")  # Decap's English buttons, whatever $ARSIP_LANG says
    transcript = Transcript(process)
    url = f"http://127.0.0.1:{port}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        wait_until_up(url + "/", process)
        preview, admin = context.new_page(), context.new_page()
        open_live(preview, url + INSTITUTION_PAGE, transcript)
        open_form(admin, url)
        title = f"Kemenkeu Raih Nilai 91,20 (uji waktu {run + 1})"
        fill(admin, title=title, date="2024-12-20", institution="Kementerian Keuangan", score="91,20", zone="hijau", body="Isi.")
        admin.get_by_role("button", name=BUTTONS["en"]["publish"], exact=True).click()
        publish_now = admin.get_by_text(BUTTONS["en"]["publish_now"], exact=True)
        publish_now.wait_for()
        saved = time.perf_counter()
        publish_now.click()
        preview.get_by_role("link", name=title).wait_for(timeout=SHOWN)
        return time.perf_counter() - saved
    finally:
        context.close()
        stop(process, transcript)


def section(samples: Sequence[float]) -> str:
    runs = ", ".join(f"{seconds:.2f}" for seconds in samples)
    return (
        f"{START}\n## The form (/admin/): save to visible in the preview\n\n"
        f"Sample site, Chromium, Decap CMS through the preview's local backend: from the click on "
        f"\"Publish now\" to the new release listed on its institution's page, which the preview reloads by itself "
        f"(`make bench-form`, {dt.date.today().isoformat()}, {os.cpu_count()} cores).\n\n"
        f"| runs (s) | median (s) | target |\n|---|---|---|\n| {runs} | **{statistics.median(samples):.2f}** | 1 s |\n"
        f"{END}"
    )


def write_section(output: Path, text: str) -> None:
    old = output.read_text(encoding="utf-8") if output.exists() else ""
    if START in old and END in old:
        new = old[: old.index(START)] + text + old[old.index(END) + len(END) :]
    else:
        new = old.rstrip("\n") + "\n\n" + text + "\n"
    output.write_text(new, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args(argv)
    shutil.rmtree(WORK, ignore_errors=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            samples = [one_run(browser, run) for run in range(args.runs)]
        finally:
            browser.close()
    text = section(samples)
    print(text)
    write_section(args.output, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
