"""Turning measured samples into the tables of bench/RESULTS.md.

Input: samples per corpus size, tool and measurement (numbers, or the reason a number is missing),
the command line that produced them and the tools' versions. Output: medians with ratios to Arsip,
the targets of issue 5 marked met or missed, the machine description, as Markdown.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOLS = ("Arsip", "Pelican", "Hugo")
LABELS = {"Pelican": "Pelican + Pagefind", "Hugo": "Hugo + Pagefind"}  # each peer's site indexed by the Pagefind CLI

Value = float | str  # a measurement, or why there is none
Samples = dict[str, dict[str, list[Value]]]  # tool -> metric -> one value per run
Medians = dict[str, dict[str, Value]]  # tool -> metric -> median (or reason)

METRICS: tuple[tuple[str, str], ...] = (
    ("cold_s", "cold build, s (process start included, no cache, no output/)"),
    ("noop_s", "no-op rebuild, s"),
    ("edit_cli_s", "one-release edit, CLI rebuild, s"),
    ("edit_serve_s", "one-release edit in the dev server, save to page written, s"),
    ("template_s", "template edit (every page), CLI rebuild, s"),
    ("peak_mb", "peak memory of the cold build, MB (the larger of the next two)"),
    ("process_mb", "… max RSS of its largest single process (ru_maxrss), MB"),
    ("tree_mb", "… PSS summed over its process tree (helpers, workers), sampled, MB"),
    ("largest_kb", "largest HTML page in the output, KB"),
)


# ---------------------------------------------------------------- medians


def median(values: Sequence[Value]) -> Value:
    numbers = [value for value in values if isinstance(value, float | int)]
    reasons = [value for value in values if isinstance(value, str)]
    if not numbers:
        return reasons[0] if reasons else "—"
    return float(statistics.median(numbers))


def medians(samples: Samples) -> Medians:
    return {tool: {metric: median(values) for metric, values in by_metric.items()} for tool, by_metric in samples.items()}


def _cell(value: Value | None, metric: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if metric.endswith(("_mb", "_kb")):
        return f"{value:,.0f}"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _ratio(peer: Value | None, arsip: Value | None) -> str:
    if isinstance(peer, float | int) and isinstance(arsip, float | int) and arsip > 0:
        return f"{peer / arsip:.2f}×"
    return "—"


def size_table(result: Medians, tools: Sequence[str]) -> list[str]:
    peers = [tool for tool in tools if tool != "Arsip"]
    header = ["measurement", *(LABELS.get(tool, tool) for tool in tools), *(f"{peer}/Arsip" for peer in peers)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for metric, label in METRICS:
        values = [result.get(tool, {}).get(metric) for tool in tools]
        if all(value is None for value in values):
            continue
        ratios = [_ratio(result.get(peer, {}).get(metric), result.get("Arsip", {}).get(metric)) for peer in peers]
        lines.append("| " + " | ".join([label, *(_cell(value, metric) for value in values), *ratios]) + " |")
    return lines


# ---------------------------------------------------------------- targets of issue 17 (and 5, at 100,000)


@dataclass(frozen=True, slots=True)
class Target:
    text: str
    measured: str
    status: str  # met, missed, or why it was not judged


def _num(value: Value | None) -> float | None:
    return float(value) if isinstance(value, float | int) else None


def _judge(text: str, value: float | None, limit: float, shown: str, reason: str = "not measured") -> Target:
    if value is None:
        return Target(text, "—", reason)
    return Target(text, shown, "met" if value <= limit else "missed")


def targets(result: Medians, size: int) -> list[Target]:
    """Issue 17's targets at 1,000 or 10,000 releases: each peer's time over Arsip's (a ratio of at least the factor
    is met), and Arsip's own times."""
    arsip, pelican, hugo = (result.get(tool, {}) for tool in TOOLS)
    cold = _num(arsip.get("cold_s"))

    def faster(peer: Mapping[str, Value], factor: float, name: str) -> Target:  # met when Arsip/peer ≤ 1/factor
        theirs = _num(peer.get("cold_s"))
        ours = cold / theirs if theirs and cold else None
        shown = f"{name}/Arsip {1 / ours:.2f}×" if ours else ""
        return _judge(f"cold build: {name} + Pagefind / Arsip ≥ {factor:g}×", ours, 1 / factor, shown)

    def own(text: str, metric: str, limit: float) -> Target:
        return _judge(text, _num(arsip.get(metric)), limit, f"{_cell(arsip.get(metric), metric)} s")

    edit_limit, template_limit = (0.5, 2.0) if size <= 1_000 else (2.0, 6.0)
    found = [
        faster(hugo, 1.0, "Hugo"),
        faster(pelican, 2.0, "Pelican"),
        own("no-op rebuild ≤ 0.3 s", "noop_s", 0.3),
        own(f"one-release edit from the CLI ≤ {edit_limit:g} s", "edit_cli_s", edit_limit),
        own(f"base template edited ≤ {template_limit:g} s", "template_s", template_limit),
    ]
    if size >= 10_000:
        found.append(own("one-release edit in the preview, save to page written ≤ 0.3 s", "edit_serve_s", 0.3))
        peak, theirs = _num(arsip.get("process_mb")), _num(hugo.get("peak_mb"))
        quarter = peak / theirs if peak and theirs else None
        shown = f"{_cell(peak, 'process_mb')} MB of Hugo + Pagefind's {_cell(theirs, 'peak_mb')} MB" if quarter else ""
        found.append(_judge("largest process ≤ ¼ of Hugo + Pagefind's peak", quarter, 0.25, shown))
    return found


def targets_100k(result: Medians, cold_10k: float | None, source_10k: str) -> list[Target]:
    arsip = result.get("Arsip", {})
    cold = _num(arsip.get("cold_s"))
    ratio = cold / cold_10k if cold and cold_10k else None
    growth = f"{ratio:.1f}× ({_cell(cold, 'cold_s')} s)" if ratio else ""
    peak, largest = _cell(arsip.get("peak_mb"), "peak_mb"), _cell(arsip.get("largest_kb"), "largest_kb")
    return [
        _judge(f"cold build ≤ 12× the 10,000 time ({source_10k})", ratio, 12, growth, "no 10,000 measurement to compare with"),
        _judge("peak RSS ≤ 3 GB", _num(arsip.get("peak_mb")), 3000, f"{peak} MB"),
        _judge("no HTML page over 300 KB", _num(arsip.get("largest_kb")), 300, f"largest {largest} KB"),
    ]


def target_table(targets: Sequence[Target]) -> list[str]:
    lines = ["| target | measured | status |", "|---|---|---|"]
    for target in targets:
        status = f"**{target.status}**" if target.status == "missed" else target.status
        lines.append(f"| {target.text} | {target.measured} | {status} |")
    return lines


# ---------------------------------------------------------------- the machine and the versions


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _command(*command: str, cwd: Path = REPO) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines() if line.startswith("model name")), "unknown")
    mem_kb = next((int(line.split()[1]) for line in _read("/proc/meminfo").splitlines() if line.startswith("MemTotal:")), 0)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0
    return {
        "date": _command("date") or "unknown",
        "machine": f"{cores} cores (nproc), {cpu}, {mem_kb / 1024 / 1024:.1f} GiB memory, {platform.system()} {platform.release()}",
    }


def arsip_version(python: str, checkout: Path) -> str:
    """Version, commit and whether the measured checkout differs from it (read-only git commands)."""
    version = _command(python, "-c", "import arsip; print(arsip.__version__)", cwd=checkout) or "unknown"
    commit = _command("git", "rev-parse", "--short", "HEAD", cwd=checkout)
    dirty = " with uncommitted changes" if _command("git", "status", "--porcelain", "--untracked-files=no", cwd=checkout) else ""
    where = "" if checkout == REPO else f", measured from {checkout}"
    return f"{version} (commit {commit}{dirty}{where})" if commit else f"{version}{where}"


# ---------------------------------------------------------------- the document

METHOD = """\
## Method

- Corpus: `bench/gencorpus.py N DIR`, deterministic (same N, same bytes): about 600 real institution
  names with a Zipf-like spread, years 2015-2025 without 2020, 400-900 words per release, lists,
  some tables and `awards:` lists. Pelican and Hugo get the same releases converted by
  `bench/peers.py` (Pelican: `pelicanconf.py` as pelican-quickstart writes it, default theme,
  pagination 10, no feeds, `CACHE_CONTENT`/`LOAD_CONTENT_CACHE` on; Hugo: minimal single, list and
  home layouts, tags and categories, pagination 10, no RSS or sitemap).
- Each measured command runs through a fresh `python -c` wrapper that times it (process start
  included) and reports `ru_maxrss` of its children (the largest single process of the build); the
  process tree's summed PSS is sampled every 0.1 s as well, and the peak is the larger of the two
  (they differ when a build runs helper or worker processes).
- Arsip: `python build.py --root DIR build --quiet` on a fresh copy (no `output/`, no `.arsip-cache/`),
  again (no-op), after appending a sentence to one release's first body line, after adding an HTML
  comment before `</body>` in `templates/base.html`; then `build.py --root DIR serve --port P`: once
  it answers and a second has passed, one release is edited and its page file (in
  `.arsip-cache/preview/`, where the preview is written, or `output/` for older versions) is polled
  every 10 ms until it holds the edit. Pelican: `pelican content -s pelicanconf.py -o output -q` cold,
  then again after a one-article edit (with its content cache). Hugo: `hugo --quiet` cold, then again
  after a one-release edit, and `hugo server --disableFastRender` (writes to disk) with the same
  save-to-page-file polling. Each peer's build is followed by `pagefind --site output|public --silent`
  (the binary Arsip's `make build` installs: the same version for all), as the peers' users index their
  sites: its time is added to the build's, its memory counted if larger. Pagefind has no incremental mode,
  so an edit re-indexes every page.
- Tools are interleaved A/B/A/B within each run; the table shows medians. "—" means not part of
  the comparison for that tool.
"""


def document(
    command: str,
    info: Mapping[str, str],
    version_lines: Mapping[str, str],
    tables: Sequence[tuple[str, list[str]]],
    targets: Sequence[tuple[str, list[str]]],
    notes: Sequence[str],
) -> str:
    lines = ["# Benchmark results", "", f"- Date: {info['date']}", f"- Command: `{command}`", f"- Machine: {info['machine']}"]
    lines += [f"- {name}: {version}" for name, version in version_lines.items()]
    for title, table in tables:
        lines += ["", f"## {title}", "", *table]
    for title, table in targets:
        lines += ["", f"## {title}", "", *table]
    if notes:
        lines += ["", "## Notes", "", *(f"- {note}" for note in notes)]
    lines += ["", METHOD]
    return "\n".join(lines)
