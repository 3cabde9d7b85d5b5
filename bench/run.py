#!/usr/bin/env python3
"""The benchmark behind `make bench`: Arsip (and, with --peers, Pelican and Hugo) on synthetic corpora.

Input: `--sizes 1000,10000 [--peers] [--runs 3] [--output bench/RESULTS.md]`. Output: for each size,
medians of cold build, no-op rebuild, one-release edit (CLI and dev server), template edit, peak RSS
and the largest HTML page, printed as tables with ratios and written to the output file together
with the targets of issue 5, the date, the machine and the versions. Corpora and scratch copies go
to bench/.work/ (git-ignored). Sizes above 20,000 are measured once: Arsip's cold build only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import sys
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

import gencorpus
import measure
import peers
import report
from measure import Failure, ServerEdit

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / ".work"
SCRATCH = WORK / "scratch"
HISTORY = WORK / "history.json"
LOGS = WORK / "logs"
PREVIEW_DIR = ".arsip-cache/preview"  # where `build.py serve` writes its pages (older versions: output/)
LARGE = 20_000

Measured = dict[str, report.Value]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def fresh_copy(source: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("output", "public", "cache", ".arsip-cache", "resources"))
    return target


def pick_release(content: Path) -> Path:
    """The release every tool edits: the middle one in name order (same slug in every project)."""
    files = sorted(content.rglob("*.md"))
    return files[len(files) // 2]


def step(measured: Measured, metric: str, action: Callable[[], float]) -> None:
    """Store the number `action` returns under `metric`, or the reason it failed."""
    try:
        measured[metric] = action()
    except Failure as failure:
        measured[metric] = f"failed: {failure}"
        log(f"  {metric}: {failure}")


def marker(tool: str, run: int, what: str) -> str:
    return f"bench{tool.lower()}{run}{what}{time.time_ns() % 10**9}"


def memory(timing: measure.Timing) -> Measured:
    return {"peak_mb": timing.peak_mb, "process_mb": timing.process_mb, "tree_mb": timing.tree_mb}


def largest_html(output: Path) -> Measured:
    sizes = [(path.stat().st_size, path.relative_to(output).as_posix()) for path in output.rglob("*.html")]
    size, name = max(sizes, default=(0, "none"))
    return {"largest_kb": size / 1000, "largest_page": name}


# ---------------------------------------------------------------- the tools


class Arsip:
    name = "Arsip"

    def __init__(self, corpus: Path, large: bool, checkout: Path) -> None:
        self.corpus, self.large, self.build_py = corpus, large, checkout / "build.py"
        permalinks = tomllib.loads((corpus / "site_config.toml").read_text(encoding="utf-8")).get("permalinks", {})
        self.release_url = permalinks.get("release", "/rilis/{slug}/")

    def own_base_template(self, root: Path) -> None:
        """The template edit changes the project's own `templates/base.html`: where the project takes it from the
        default theme (Arsip since the theme is in the package), it gets the theme's copy before the cold build, as a
        site author overriding it would, so that the edit measured is an edit and not a new file."""
        own = root / "templates" / "base.html"
        theme = self.build_py.parent / "arsip" / "theme" / "templates" / "base.html"
        if not own.exists():
            own.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(theme, own)

    def page(self, root: Path, source: Path, folder: str = "output") -> Path:
        return root / folder / self.release_url.format(slug=source.stem).strip("/") / "index.html"

    def build(self, root: Path, what: str) -> measure.Timing:
        return measure.checked([sys.executable, self.build_py, "--root", root, "build", "--quiet"], root, what)

    def edited_build(self, root: Path, page: Path, token: str, what: str) -> float:
        seconds = self.build(root, what).seconds
        if not measure.page_has(page, token):
            raise Failure(f"{what}: {page.relative_to(root)} does not show the edit")
        return seconds

    def measure(self, scratch: Path, run: int) -> Measured:
        root = fresh_copy(self.corpus, scratch / "arsip")
        self.own_base_template(root)
        measured: Measured = {}
        cold = self.build_cold(root, measured)
        if cold is None or self.large:
            return measured
        source = pick_release(root / "content")
        page = self.page(root, source)
        step(measured, "noop_s", lambda: self.build(root, "no-op rebuild").seconds)

        def edit() -> float:
            token = marker(self.name, run, "cli")
            measure.edit_body(source, token)
            return self.edited_build(root, page, token, "edit rebuild")

        def template() -> float:
            token = marker(self.name, run, "tpl")
            measure.edit_template(root / "templates" / "base.html", token)
            return self.edited_build(root, root / "output" / "index.html", token, "template rebuild")

        step(measured, "edit_cli_s", edit)
        step(measured, "template_s", template)
        step(measured, "edit_serve_s", lambda: self.serve(root, source, run))
        return measured

    def build_cold(self, root: Path, measured: Measured) -> measure.Timing | None:
        try:
            cold = self.build(root, "cold build")
        except Failure as failure:
            for metric, _ in report.METRICS:
                measured[metric] = f"failed: {failure}"
            return None
        measured.update(memory(cold))
        measured.update(largest_html(root / "output"))
        measured["cold_s"] = cold.seconds
        measured["problems"] = float(len(cold.problems()))
        return cold

    def serve(self, root: Path, source: Path, run: int) -> float:
        port = measure.free_port()
        command = [sys.executable, self.build_py, "--root", root, "serve", "--port", str(port)]
        pages = (self.page(root, source, PREVIEW_DIR), self.page(root, source))
        spec = ServerEdit(command, root, port, source, pages, LOGS / f"{root.parent.name}-arsip-serve-{run + 1}.log")
        return measure.serve_latency(spec, marker(self.name, run, "srv"))


def searchable(build: measure.Timing, root: Path, site: str, what: str) -> measure.Timing:
    """A peer's build, then the Pagefind CLI on its finished site, as the peer's users index it (Pagefind has no
    incremental mode: every run indexes every page). The seconds added, the memory of the larger of the two."""
    from pagefind.service import get_executable  # the binary `make build` installed for Arsip: one version for all

    index = measure.checked([str(get_executable()), "--site", site, "--silent"], root, f"{what}: Pagefind")
    return measure.Timing(
        build.seconds + index.seconds,
        build.rc,
        max(build.process_mb, index.process_mb),
        max(build.tree_mb, index.tree_mb),
        build.stderr + index.stderr,
    )


class Pelican:
    name = "Pelican"

    def __init__(self, project: Path, executable: Path) -> None:
        self.project, self.executable = project, executable

    def build(self, root: Path, what: str) -> measure.Timing:
        built = measure.checked([self.executable, "content", "-s", "pelicanconf.py", "-o", "output", "-q"], root, what)
        return searchable(built, root, "output", what)

    def measure(self, scratch: Path, run: int) -> Measured:
        root = fresh_copy(self.project, scratch / "pelican")
        measured: Measured = {}
        try:
            cold = self.build(root, "cold build")
        except Failure as failure:
            return {"cold_s": f"failed: {failure}"}
        measured.update(memory(cold))
        measured.update(largest_html(root / "output"))
        measured["cold_s"] = cold.seconds
        source = pick_release(root / "content")

        def edit() -> float:
            token = marker(self.name, run, "cli")
            measure.edit_body(source, token)
            seconds = self.build(root, "edit rebuild").seconds
            if not measure.page_has(root / "output" / f"{source.stem}.html", token):
                raise Failure("the edited article's page does not show the edit")
            return seconds

        step(measured, "edit_cli_s", edit)
        return measured


class Hugo:
    name = "Hugo"

    def __init__(self, project: Path, executable: Path) -> None:
        self.project, self.executable = project, executable

    def build(self, root: Path, what: str) -> measure.Timing:
        return searchable(measure.checked([self.executable, "--quiet"], root, what), root, "public", what)

    def measure(self, scratch: Path, run: int) -> Measured:
        root = fresh_copy(self.project, scratch / "hugo")
        measured: Measured = {}
        try:
            cold = self.build(root, "cold build")
        except Failure as failure:
            return {"cold_s": f"failed: {failure}"}
        measured.update(memory(cold))
        measured.update(largest_html(root / "public"))
        measured["cold_s"] = cold.seconds
        source = pick_release(root / "content")
        page = root / "public" / "rilis" / source.stem / "index.html"

        def edit() -> float:
            token = marker(self.name, run, "cli")
            measure.edit_body(source, token)
            seconds = self.build(root, "edit rebuild").seconds
            if not measure.page_has(page, token):
                raise Failure("the edited release's page does not show the edit")
            return seconds

        step(measured, "edit_cli_s", edit)
        step(measured, "edit_serve_s", lambda: self.serve(root, source, page, run))
        return measured

    def serve(self, root: Path, source: Path, page: Path, run: int) -> float:
        port = measure.free_port()
        command = [self.executable, "server", "--port", str(port), "--bind", "127.0.0.1", "--disableFastRender", "--quiet"]
        spec = ServerEdit(command, root, port, source, (page,), LOGS / f"{root.parent.name}-hugo-serve-{run + 1}.log")
        return measure.serve_latency(spec, marker(self.name, run, "srv"))


Tool = Arsip | Pelican | Hugo


# ---------------------------------------------------------------- one size


def prepare(size: int, tools: peers.Tools | None, checkout: Path) -> list[Tool]:
    corpus = WORK / f"corpus-{size}"
    log(f"writing the corpus of {size:,} releases to {corpus.relative_to(REPO)}")
    gencorpus.generate(size, corpus, checkout)
    large = size > LARGE
    prepared: list[Tool] = [Arsip(corpus, large, checkout)]
    if tools and not large:
        log("converting it for Pelican and Hugo")
        articles = peers.read_articles(corpus)
        peers.write_pelican(articles, WORK / f"pelican-{size}")
        peers.write_hugo(articles, WORK / f"hugo-{size}")
        prepared += [Pelican(WORK / f"pelican-{size}", tools.pelican), Hugo(WORK / f"hugo-{size}", tools.hugo)]
    return prepared


def run_size(size: int, runs: int, tools: peers.Tools | None, checkout: Path) -> report.Samples:
    prepared = prepare(size, tools, checkout)
    samples: report.Samples = {tool.name: {} for tool in prepared}
    for run in range(1 if size > LARGE else runs):
        for tool in prepared:  # interleaved: A/B/C, A/B/C, ...
            log(f"{size:,} releases, run {run + 1}: {tool.name}")
            for metric, value in tool.measure(SCRATCH / str(size), run).items():
                samples[tool.name].setdefault(metric, []).append(value)
            log(f"  {_brief(samples[tool.name])}")
            shutil.rmtree(SCRATCH / str(size), ignore_errors=True)
    return samples


def _brief(samples: dict[str, list[report.Value]]) -> str:
    last = {metric: values[-1] for metric, values in samples.items()}
    return ", ".join(f"{metric} {value:.3f}" if isinstance(value, float) else f"{metric} {value}" for metric, value in last.items())


# ---------------------------------------------------------------- the report


def load_history() -> dict[str, dict[str, object]]:
    try:
        return json.loads(HISTORY.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_history(history: dict[str, dict[str, object]]) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    HISTORY.write_text(json.dumps(history, indent=1, ensure_ascii=False), encoding="utf-8")


def _load(values: tuple[float, float, float]) -> str:
    return ", ".join(f"{value:.2f}" for value in values)


Section = tuple[str, list[str]]


def size_sections(results: dict[int, report.Medians], runs: int) -> tuple[list[Section], list[str]]:
    """A table per size, and notes on warnings and the largest pages."""
    tables, notes = [], []
    for size, medians in results.items():
        tools = [tool for tool in report.TOOLS if tool in medians]
        count = 1 if size > LARGE else runs
        tables.append((f"{size:,} releases (median of {count} run{'s' if count != 1 else ''})", report.size_table(medians, tools)))
        problems = medians.get("Arsip", {}).get("problems")
        if isinstance(problems, float):
            notes.append(f"At {size:,} releases Arsip's cold build reported {problems:.0f} warnings or errors on the corpus.")
        pages = [f"{tool} `{by_metric['largest_page']}`" for tool, by_metric in medians.items() if "largest_page" in by_metric]
        if pages:
            notes.append(f"Largest HTML page at {size:,} releases: " + ", ".join(pages) + ".")
    return tables, notes


def target_sections(results: dict[int, report.Medians], history: dict[str, dict[str, object]]) -> tuple[list[Section], list[str]]:
    sections, notes = [], []
    for size in (s for s in (1_000, 10_000) if s in results):
        sections.append((f"Targets of issue 17 at {size:,} releases", report.target_table(report.targets(results[size], size))))
    if not any(size in results for size in (1_000, 10_000)):
        notes.append("The targets of issue 17 are set at 1,000 and 10,000 releases; run `--sizes 1000,10000` to judge them.")
    for size in (s for s in results if s >= 100_000):
        cold_10k, source = _cold_10k(results, history)
        table = report.target_table(report.targets_100k(results[size], cold_10k, source))
        sections.append((f"Targets of issue 5 at {size:,} releases", table))
    return sections, notes


def build_report(
    results: dict[int, report.Medians], command: str, runs: int, versions: dict[str, str], checkout: Path, first_notes: list[str]
) -> str:
    history = load_history()
    for size, medians in results.items():
        history[str(size)] = {"date": dt.date.today().isoformat(), "medians": medians}
    save_history(history)
    tables, size_notes = size_sections(results, runs)
    targets, target_notes = target_sections(results, history)
    version_lines = {"Python": platform.python_version(), "Arsip": report.arsip_version(sys.executable, checkout), **versions}
    notes = [*first_notes, *size_notes, *target_notes]
    return report.document(command, report.machine(), version_lines, tables, targets, notes)


def _cold_10k(results: dict[int, report.Medians], history: dict[str, dict[str, object]]) -> tuple[float | None, str]:
    if 10_000 in results:
        value = results[10_000].get("Arsip", {}).get("cold_s")
        return (value if isinstance(value, float) else None), "same run"
    earlier = history.get("10000", {})
    medians = earlier.get("medians", {}) if isinstance(earlier, dict) else {}
    value = medians.get("Arsip", {}).get("cold_s") if isinstance(medians, dict) else None
    return (value if isinstance(value, float) else None), f"run of {earlier.get('date', '?')}"


def print_tables(text: str) -> None:
    start = text.find("\n## ")
    end = text.find("\n## Method")
    print(text[start:end].strip())


# ---------------------------------------------------------------- command line


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark Arsip (and with --peers Pelican and Hugo) on synthetic corpora.")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default: 1000,10000)")
    parser.add_argument("--peers", action="store_true", help="also measure Pelican and Hugo (installed into bench/.venv)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the table shows medians (default: 3)")
    parser.add_argument("--arsip", type=Path, default=REPO, help="the Arsip checkout whose build.py is measured (default: this one)")
    parser.add_argument("--note", action="append", default=[], help="a line for the Notes section (repeatable)")
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md", help="where to write the results (default: bench/RESULTS.md)")
    args = parser.parse_args(argv)
    args.arsip = args.arsip.resolve()
    if not (args.arsip / "build.py").is_file():
        parser.error(f"--arsip {args.arsip} holds no build.py")
    try:
        args.sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    except ValueError:
        parser.error(f"--sizes must be numbers separated by commas, not '{args.sizes}'")
    if not args.sizes or min(args.sizes) < 1 or args.runs < 1:
        parser.error("--sizes and --runs must be positive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    load_before = os.getloadavg()
    tools = peers.install() if args.peers else None
    versions = peers.versions(tools) if tools else {}
    results: dict[int, report.Medians] = {}
    for size in args.sizes:
        results[size] = report.medians(run_size(size, args.runs, tools, args.arsip))
    command = shlex.join(["bench/run.py", *(sys.argv[1:] if argv is None else argv)])
    load = f"Load average (1, 5, 15 min) before the run: {_load(load_before)}; after it: {_load(os.getloadavg())}."
    text = build_report(results, command, args.runs, versions, args.arsip, [load, *args.note])
    args.output.write_text(text, encoding="utf-8")
    print_tables(text)
    log(f"results written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
