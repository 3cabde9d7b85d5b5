"""Exact by construction: after any sequence of edits, an incremental build equals a clean build, byte for byte.

Seeded random sequences of the edits editors and site authors make (bodies, every front-matter field,
renames, deletions, new releases, drafts, the registry, templates that print bodies on listing pages,
site_config.toml with its grades' labels and colours and its search filters' names, static files) run on two copies of the sample site
(cut down: `small_project`): one rebuilt as `build.py` does (a new session per build, all it knows from the
build database; only the code of templates compiled from the same text is shared, as the preview shares it)
and one as the preview does (one session, files replaced in place). After every step both must equal a clean
build of the same sources, or, when the sources are wrong, all three must fail and output/ must be as it was.

Deletions and renames here take published pages off the site on purpose, as an editor may. The `build`
command would stop at them until they are redirected or listed under `[redirects] gone`
(`pipeline.build(keep_published=True)`, tested in tests/test_addresses.py); these builds accept every
removal (`keep_published=False`, as the preview does), since a clean build has no publication to compare
with and the property is about what a build makes, not about which edits it lets through.

`make test` runs STEPS steps; `pytest -m long tests/test_exact.py` runs the long version.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitetools import copy_project, cut_registry, in_effect, tree_bytes

from arsip import pipeline
from arsip.problems import BuildFailed
from arsip.render import produce
from arsip.render.compiled import CompiledTemplates
from arsip.session import Session

STEPS = 200  # in `make test`: SEEDS runs of STEPS // SEEDS steps
SEEDS = 4
LONG_SEEDS, LONG_STEPS = 8, 100  # 800 steps: about 12 minutes on 2 cores

BROKEN = "rusak.md"
Edit = list[tuple[str, ...]]  # ("write", path, text) | ("delete", path) | ("rename", old, new)

WORDS = ("rapor", "kepatuhan", "ombudsman", "pelayanan", "publik", "zona", "hijau", "nilai", "layanan", "penilaian")
WORDS += ("instansi", "warga", "pengaduan")
KEPT_WITH_AWARDS = ("2024-12-03-kota-jambi.md", "2024-01-24-kalsel-hasil-2023.md", "2026-01-29-opini-ombudsman-2025-kementerian.md")
NAMES = ("Pemkot Jambi", "Pemprov Banten", "Kota Sibolga", "Pemkab Tanah Bumbu", "Pemprov Jambi", "Tanjab Barat", "Pemkot Banjarmasin")
LISTINGS = {
    "templates/home.html": ("{{ site.description }}", "{% for r in newest %}<q>{{ r.body_md[:50] }}</q>{% endfor %}"),
    "templates/timeline_year.html": (
        "{% block content %}",
        "{% for m in months %}{% for r in m.releases %}<i>{{ r.body_md|length }}</i>{% endfor %}{% endfor %}",
    ),
    "templates/institution.html": ("{% block content %}", "{% for r, c in entries %}<s>{{ r.body_md[-30:] }}</s>{% endfor %}"),
    "templates/zone.html": ("{% block content %}", "<b>{{ site.title }}</b>"),
    "templates/_macros.html": ("{% macro result(item) %}", "<u>{{ site.publisher[:4] }}</u>"),  # imported by many pages
}


@dataclass
class Sites:
    cli: Path
    preview: Path
    clean: Path
    session: Session
    compiled: CompiledTemplates  # shared by every build here: a template's code is kept by its text, nothing else

    def sources(self) -> list[Path]:
        return [self.cli, self.preview]


def read(root: Path, relative: str) -> str:
    """A file of the project; a template or static file the project does not override is read from the theme."""
    return in_effect(root, relative).read_text(encoding="utf-8")


def releases(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in (root / "content").rglob("*.md") if path.name != BROKEN)


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9))).capitalize() + "."


def set_field(text: str, key: str, value: str | None) -> str:
    """The release's front-matter with `key:` set to `value` (None: removed), at the top level only."""
    head, separator, body = text.partition("\n---\n")
    lines = [line for line in head.split("\n") if not line.startswith(f"{key}:")]
    if value is not None:
        lines.insert(2, f"{key}: {value}")
    return "\n".join(lines) + separator + body


def body_edit(rng: random.Random, root: Path) -> Edit:
    path = rng.choice(releases(root))
    text = read(root, path)
    kind = rng.randrange(3)
    if kind == 0:
        text += "\n" + sentence(rng) + "\n"
    elif kind == 1:
        head, separator, body = text.partition("\n---\n")
        text = head + separator + sentence(rng) + " " + body
    else:
        text += f"\n| Tahun | Nilai |\n|---|---|\n| {rng.randint(2019, 2024)} | {rng.randint(40, 99)} |\n"
    return [("write", path, text)]


def field_edit(rng: random.Random, root: Path) -> Edit:
    path = rng.choice(releases(root))
    text = read(root, path)
    key = rng.choice(("title", "date", "institution", "score", "zone", "rank", "summary", "tags", "draft", "year"))
    if key == "title":
        value: str | None = f'"{sentence(rng)[:-1]}"'
    elif key == "date":
        text = set_field(text, "year", None)  # the assessment year follows the date
        value = f"{rng.randint(2021, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    elif key == "institution":
        value = f'"{rng.choice(NAMES)}"'
    elif key == "score":
        text = set_field(set_field(text, "zone", None), "category", None)
        value = f'"{rng.randint(40, 99)},{rng.randint(0, 99):02d}"'
    elif key == "zone":
        value = rng.choice(("hijau", "kuning", "merah", None))
    elif key == "rank":
        value = rng.choice((f'"{rng.randint(1, 30)} dari 98 pemerintah kota"', None))
    elif key == "summary":
        value = rng.choice((f'"{sentence(rng)}"', None))
    elif key == "tags":
        value = "[" + ", ".join(rng.sample(WORDS, rng.randint(0, 3))) + "]"
    elif key == "year":
        published = re.search(r"^date: (\d{4})", text, flags=re.M)
        value = rng.choice((str(int(published.group(1)) - 1), None)) if published else None
    else:
        value = None if "\ndraft: true" in text else "true"
    return [("write", path, set_field(text, key, value))]


def file_edit(rng: random.Random, root: Path) -> Edit:
    files = releases(root)
    kind = rng.randrange(3)
    if kind == 0 and len(files) > 5:
        return [("delete", rng.choice(files))]
    if kind == 1:
        old = rng.choice(files)
        return [("rename", old, f"content/{rng.randint(2021, 2026)}/dipindah-{rng.randrange(10**6)}.md")]
    date = f"{rng.randint(2022, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    score = f'score: "{rng.randint(60, 99)},{rng.randint(10, 99)}"\n' if rng.random() < 0.7 else ""
    title, name = sentence(rng)[:-1], rng.choice(NAMES)
    text = f'---\ntitle: "{title}"\ndate: {date}\ninstitution: "{name}"\n{score}---\n\n{sentence(rng)}\n'
    return [("write", f"content/baru-{rng.randrange(10**6)}.md", text)]


def template_edit(rng: random.Random, root: Path) -> Edit:
    """An override of a theme template written, changed, or removed again (the theme's file then shows)."""
    overrides = sorted(path.relative_to(root).as_posix() for path in (root / "templates").glob("*.html"))
    if overrides and rng.random() < 0.2:
        return [("delete", rng.choice(overrides))]
    if rng.random() < 0.25:
        base = read(root, "templates/base.html")
        return [("write", "templates/base.html", base.replace("<footer", f"<footer data-v{rng.randrange(99)}", 1))]
    path = rng.choice(sorted(LISTINGS))
    anchor, shown = LISTINGS[path]
    text = read(root, path)
    text = text.replace(anchor + shown, anchor, 1) if anchor + shown in text else text.replace(anchor, anchor + shown, 1)
    return [("write", path, text)]


def registry_edit(rng: random.Random, root: Path) -> Edit:
    text = read(root, "content/institutions.toml")
    names = re.findall(r'^name = "([^"]+)"$', text, flags=re.M)
    name = rng.choice(names)
    if rng.random() < 0.5:
        changed = re.sub(rf'^name = "{re.escape(name)}"$', f'name = "{name} ({rng.choice(WORDS)})"', text, count=1, flags=re.M)
    else:
        changed = text.replace(f'name = "{name}"', f'name = "{name}"\n# catatan {rng.randrange(99)}', 1)
    return [("write", "content/institutions.toml", changed)]


def config_edit(rng: random.Random, root: Path) -> Edit:
    text = read(root, "site_config.toml")
    kind = rng.randrange(6)
    if kind == 5:  # a search filter's name ([search]): the pages indexed under it and the search page must follow it
        start = text.index("\n[search]\n")
        end = text.index("\n\n", start + 1)
        key = rng.choice(("year", "grade", "category", "kind", "province", "institution", "score", "latest"))
        table = re.sub(rf'^{key} = "[^"]*"', f'{key} = "{key}-{rng.choice(WORDS)}"', text[start:end], count=1, flags=re.M)
        text = text[:start] + table + text[end:]
    elif kind == 3:  # a grade's or kind's label: the pages that show it, and only those, must show the new one
        named = rng.choice(re.findall(r'^name = "(\w+)"\nlabel = \{ id = "[^"]*"', text, flags=re.M))
        label = f'label = {{ id = "Zona {rng.choice(WORDS).title()}"'
        text = re.sub(rf'^(name = "{named}"\n)label = \{{ id = "[^"]*"', rf"\g<1>{label}", text, count=1, flags=re.M)
    elif kind == 4:  # a grade's colour (the badges show it)
        text = re.sub(r'^colour = "#[0-9a-f]{6}"', f'colour = "#{rng.randrange(16**6):06x}"', text, count=1, flags=re.M)
    elif kind == 0:
        text = re.sub(r"^home_releases = \d+", f"home_releases = {rng.randint(2, 12)}", text, count=1, flags=re.M)
    elif kind == 1:
        text = re.sub(r'^title = "[^"]*"', f'title = "Arsip {rng.choice(WORDS).title()}"', text, count=1, flags=re.M)
    else:
        text = re.sub(r'^description = "[^"]*"', f'description = "{sentence(rng)}"', text, count=1, flags=re.M)
    return [("write", "site_config.toml", text)]


def static_edit(rng: random.Random, root: Path) -> Edit:
    if (root / "templates/static/style.css").exists() and rng.random() < 0.3:
        return [("delete", "templates/static/style.css")]  # the theme's own style.css again
    return [("write", "templates/static/style.css", read(root, "templates/static/style.css") + f"\n/* {rng.randrange(10**6)} */\n")]


def mistake(rng: random.Random, root: Path) -> Edit:
    """A broken release appears: the build must fail and leave output/ alone (the next step removes it)."""
    broken = rng.choice(("---\ntitle: [tidak ditutup\n---\nIsi.\n", "---\ntitle: X\ndate: 2024-02-30\n---\n"))
    return [("write", f"content/{BROKEN}", broken)]


EDITS: tuple[tuple[Callable[[random.Random, Path], Edit], int], ...] = (
    (body_edit, 6),
    (field_edit, 7),
    (file_edit, 3),
    (template_edit, 3),
    (registry_edit, 1),
    (config_edit, 2),
    (static_edit, 1),
    (mistake, 2),
)


def apply(edit: Edit, root: Path) -> None:
    for op, *args in edit:
        if op == "write":
            (root / args[0]).parent.mkdir(parents=True, exist_ok=True)
            (root / args[0]).write_text(args[1], encoding="utf-8")
        elif op == "delete":
            (root / args[0]).unlink()
        else:
            (root / args[1]).parent.mkdir(parents=True, exist_ok=True)
            (root / args[0]).rename(root / args[1])


def build(root: Path, session: Session | None = None, compiled: CompiledTemplates | None = None) -> bool:
    """True when the build succeeded; False when it reported problems (then nothing may have changed). Without a
    `session`, the build has one of its own, as `build.py` has, knowing only the build database."""
    config = pipeline.configure(root)
    own = None if session else Session.open(config.output_dir, compiled=compiled)
    try:
        pipeline.build(config, session=session or own)
    except BuildFailed:
        return False
    finally:
        if own:
            own.close()
    return True


def clean_build(sites: Sites) -> tuple[bool, dict[str, bytes]]:
    shutil.rmtree(sites.clean, ignore_errors=True)
    shutil.copytree(sites.cli, sites.clean, ignore=shutil.ignore_patterns("output", ".arsip-cache"))
    built = build(sites.clean, compiled=sites.compiled)
    return built, tree_bytes(sites.clean / "output") if built else {}


def small_project(destination: Path) -> Path:
    """The sample site cut down, so that 200 steps fit in `make test`: its releases that list no other institution's
    result, three that do, and the registry entries of the institutions they show or NAMES calls (the other 30-odd
    institutions only add more pages of the same kinds). Every kind of edit still meets every kind of page."""
    root = copy_project(destination)
    for path in (root / "content").rglob("*.md"):
        if "\n  - institution:" in path.read_text(encoding="utf-8") and path.name not in KEPT_WITH_AWARDS:
            path.unlink()
    assert build(root)
    awards = json.loads((root / "output/data/awards.json").read_text(encoding="utf-8"))
    shown = {institution["slug"] for institution in awards["institutions"] if institution["awards"]}
    shown |= {release["institution"] for release in awards["releases"]}
    registry = root / "content/institutions.toml"
    whole = registry.read_text(encoding="utf-8")
    cut = cut_registry(whole, lambda entry: _wanted(entry, shown))
    assert cut.count("[[institution]]") < whole.count("[[institution]]") // 2, "the registry was not cut down"
    registry.write_text(cut, encoding="utf-8")
    for built in ("output", ".arsip-cache"):
        shutil.rmtree(root / built)
    return root


def _wanted(entry: dict[str, object], shown: set[str]) -> bool:
    names = {entry["name"], *entry.get("aliases", ())}  # type: ignore[misc]
    return entry["slug"] in shown or bool(names & set(NAMES))


def run_sequence(tmp_path: Path, seed: int, steps: int) -> dict[str, int]:
    rng = random.Random(seed)
    small = small_project(tmp_path / "small")
    cli, preview = tmp_path / "cli", tmp_path / "preview"
    for root in (cli, preview):
        shutil.copytree(small, root)
    compiled = CompiledTemplates()
    sites = Sites(cli, preview, tmp_path / "clean", Session.open(preview / "output", in_place=True, compiled=compiled), compiled)
    assert build(cli, compiled=compiled) and build(preview, sites.session)
    published = {root: tree_bytes(root / "output") for root in sites.sources()}  # what each output/ holds now
    seen = {"built": 0, "failed": 0}
    kinds, weights = zip(*EDITS, strict=True)
    for step in range(steps):
        make = rng.choices(kinds, weights)[0]
        edit = make(rng, cli)
        if (cli / "content" / BROKEN).exists() and make is not mistake:
            edit.append(("delete", f"content/{BROKEN}"))
        for root in sites.sources():
            apply(edit, root)
        expected_ok, expected = clean_build(sites)
        for root, session in ((cli, None), (preview, sites.session)):
            built = build(root, session, compiled)
            where = f"seed {seed}, step {step} ({make.__name__}: {edit!r:.300}), {root.name}"
            assert built == expected_ok, f"{where}: the incremental build {'succeeded' if built else 'failed'}, a clean one did not"
            now = tree_bytes(root / "output")
            if built:
                assert_same(now, expected, where)
            else:
                assert now == published[root], f"{where}: a failed build changed output/"
            published[root] = now
        seen["built" if expected_ok else "failed"] += 1
    sites.session.close()
    return seen


def assert_same(got: dict[str, bytes], expected: dict[str, bytes], where: str) -> None:
    if got == expected:
        return
    differ = sorted(path for path in got.keys() | expected.keys() if got.get(path) != expected.get(path))
    pytest.fail(f"{where}: output/ differs from a clean build in {len(differ)} files: {differ[:8]}")


@pytest.mark.parametrize("seed", range(SEEDS))
def test_incremental_builds_equal_clean_builds(tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    if seed % 2:  # half the seeds make their pages in worker processes, as a big site does, from a hundred pages to make
        monkeypatch.setattr(produce, "PARALLEL_RENDER_FROM", 100)
    seen = run_sequence(tmp_path, seed, STEPS // SEEDS)
    assert seen["built"] >= (STEPS // SEEDS) // 2 and seen["failed"] > 0, seen  # both outcomes compared, mostly valid sites


@pytest.mark.long
@pytest.mark.parametrize("seed", range(100, 100 + LONG_SEEDS))
def test_long_sequences_of_edits_equal_clean_builds(tmp_path: Path, seed: int) -> None:
    seen = run_sequence(tmp_path, seed, LONG_STEPS)
    assert seen["built"] >= LONG_STEPS // 2 and seen["failed"] > 0, seen
