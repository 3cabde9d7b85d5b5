"""`make lighthouse`: Lighthouse's accessibility, best-practices and SEO scores for every kind of page.

Input: the built site in output/. Output: a table in docs/quality.md (and on stdout), and exit status 1
when any audit fails that is not failed on purpose. Serves output/ on 127.0.0.1 and runs npm
`lighthouse` against Debian's Chromium (CHROME_PATH=/usr/bin/chromium).

Failed on purpose: the not-found page tells search engines not to index it (`<meta name="robots"
content="noindex">`), so Lighthouse's SEO audit `is-crawlable` fails there, and only there.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "scripts" / "lighthouse-tools" / "node_modules" / ".bin" / "lighthouse"  # make lighthouse installs it
CATEGORIES = ("accessibility", "best-practices", "seo")
ON_PURPOSE = {"not found": {"is-crawlable"}}  # page kind -> audits it fails by design (see above)
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
)


def pages() -> dict[str, str]:
    """One page of each kind; the optional ones only when the site has them."""
    data = json.loads((ROOT / "output" / "data" / "awards.json").read_text(encoding="utf-8"))
    kinds = {
        "home": "/",
        "release": data["releases"][0]["url"],
        "institution": "/instansi/kota-jambi/",
        "institutions": "/instansi/",
        "timeline": "/linimasa/",
        "timeline year": "/linimasa/2024/",
        "years": "/penilaian/",
        "year": "/penilaian/2024/",
        "zones": "/zona/",
        "zone": "/zona/hijau/",
        "zone year": "/zona/hijau/2021/",
        "provinces": "/provinsi/",
        "province": "/provinsi/jambi/",
        "search": "/cari/",
        "not found": "/404.html",
        "open data": "/data/",
        "comparison": "/bandingkan/",
        "English home": "/en/",
        "English release": "/en" + data["releases"][0]["url"],
        "English institution": "/en/instansi/kota-jambi/",
    }
    output = ROOT / "output"
    found = {kind: output / url.lstrip("/") for kind, url in kinds.items()}
    return {kind: kinds[kind] for kind, path in found.items() if path.is_file() or (path / "index.html").is_file()}


def serve() -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(ROOT / "output")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def audit(url: str) -> dict[str, tuple[float, set[str]]]:
    """Each category's score, with the audits that count towards it and failed."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ]
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=300)
        result = json.loads(report.read_text(encoding="utf-8"))
    categories, audits = result["categories"], result["audits"]
    return {
        name: (
            categories[name]["score"],
            {ref["id"] for ref in categories[name]["auditRefs"] if ref["weight"] > 0 and audits[ref["id"]]["score"] not in (1, None)},
        )
        for name in CATEGORIES
    }


def cell(kind: str, score: float, failed: set[str]) -> str:
    if not failed or not failed <= ON_PURPOSE.get(kind, set()):
        return f"{score:.2f}"
    return f"{score:.2f} (only {', '.join(sorted(failed))} fails: on purpose, see below)"


def main() -> int:
    server, base = serve()
    try:
        results = {kind: audit(base + path) for kind, path in pages().items()}
    finally:
        server.shutdown()
    unexpected = {
        kind: sorted(set().union(*(failed for _, failed in scores.values())) - ON_PURPOSE.get(kind, set()))
        for kind, scores in results.items()
    }
    lines = [
        "# Quality: Lighthouse scores",
        "",
        f"Measured {dt.date.today().isoformat()} with `make lighthouse` (npm `lighthouse`, Debian Chromium, "
        "`CHROME_PATH=/usr/bin/chromium`) on the sample site. Target: 1.00 in each column.",
        "",
        "| page | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---|" * len(CATEGORIES),
        *(
            f"| {kind} (`{pages()[kind]}`) | " + " | ".join(cell(kind, score, failed) for score, failed in scores.values()) + " |"
            for kind, scores in results.items()
        ),
        "",
        'On purpose: the not-found page carries `<meta name="robots" content="noindex">` (a page that says an address '
        "does not exist must not be found by search engines), so its SEO score misses the `is-crawlable` audit; every "
        "other audit of that page passes, and `make lighthouse` fails on any other failed audit.",
        "",
        "The command: `make lighthouse` (which runs `make build`, then `.venv/bin/python scripts/lighthouse.py`).",
        "",
    ]
    (ROOT / "docs" / "quality.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    for kind, audits in unexpected.items():
        if audits:
            print(f"{kind}: failed {', '.join(audits)}", file=sys.stderr)
    return 1 if any(unexpected.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
