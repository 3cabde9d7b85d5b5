"""Rebuilds with the build database (and, in the preview, the session's memos) redo only what changed,
and equal a clean build."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sitetools import COMPILED, edit_file, read_page, run_here, small_sample, tree_bytes, tree_state

from arsip import pipeline
from arsip.session import Session
from arsip.site import routes

RELEASE = "content/2024/2024-12-03-kota-jambi.md"


# Seven sample releases of four assessment years and the institutions they name (about 300 pages in two languages):
# every kind of page, several search bundles, and the releases the edits below touch.
RELEASES = (
    RELEASE,
    "content/2024/2024-12-11-kantah-tala-2024.md",
    "content/2024/2024-12-04-pemprov-kalbar-2024.md",
    "content/2023/2023-01-26-sumut-zona-merah-2022.md",
    "content/2023/2023-12-14-pemprov-banten-2023.md",
    "content/2022/2022-02-11-tanah-bumbu-2021.md",
    "content/2026/2026-01-30-pemprov-jambi-opini-2025.md",
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return small_sample(tmp_path / "site", RELEASES)


def session_of(root: Path, *, in_place: bool = False) -> Session:
    """A session of builds of `root`, as a process opens it; the templates compiled here are shared (by their text)."""
    return Session.open(root / "output", in_place=in_place, compiled=COMPILED)


def build(root: Path, session: Session | None = None) -> pipeline.BuildResult:
    """A build in `session`, or in a session of its own (all it knows from the build database), as `build.py` runs it."""
    own = None if session else session_of(root)
    try:
        return pipeline.build(pipeline.configure(root), session=session or own)
    finally:
        if own:
            own.close()


def edit(root: Path, relative: str, old: str, new: str) -> None:
    edit_file(root, relative, old, new)


def clean_build_of(root: Path, tmp_path: Path) -> dict[str, bytes]:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("output", ".arsip-cache"))
    build(clean)
    return tree_bytes(clean / "output")


def pages_with_footer(root: Path) -> set[str]:
    """Every HTML page but the redirect pages at old addresses, which have no header or footer (nor base.html)."""
    pages = {path.relative_to(root / "output").as_posix(): path for path in (root / "output").rglob("*.html")}
    return {name for name, path in pages.items() if b'http-equiv="refresh"' not in path.read_bytes()}


def bundle_files(session: Session) -> dict[str, tuple[object, ...]]:
    """Each search bundle's files with their status as the last build left them (equal: not built again)."""
    return {folder: bundle.files for folder, bundle in (session.bundles or {}).items()}


def test_no_change_renders_and_writes_nothing(site: Path) -> None:
    session = session_of(site)
    first = build(site, session)
    assert first.rendered == first.files
    second = build(site, session)
    assert second.rendered == 0
    assert second.report.written == () and second.report.removed == ()


FEED_FILES = ("feed.xml", "rss.xml", "feed.json")  # each feed carries its releases' whole bodies


def only_pages_and_feeds_of(site: Path, result: pipeline.BuildResult, slugs: list[str]) -> None:
    """What a body edit made again: the edited releases' pages and the feeds that carry them (and the search index)."""
    made = [path for path in result.report.written if not path.startswith("pagefind/")]
    pages = [path for path in made if not path.endswith(FEED_FILES)]
    assert sorted(pages) == sorted(f"{folder}rilis/{slug}/index.html" for slug in slugs for folder in ("", "en/"))  # in each language
    feeds = [path for path in made if path.endswith(FEED_FILES)]
    assert {"feed.xml", "rss.xml", "feed.json"} <= set(feeds)  # the site's own feeds hold the newest releases
    assert all(any(slug in (site / "output" / path).read_text(encoding="utf-8") for slug in slugs) for path in feeds)
    assert result.rendered == len(made)


def test_body_edit_renders_its_page_and_the_feeds_that_carry_it(site: Path) -> None:
    build(site)
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih kemudian menyatakan")
    result = build(site)  # a new session, as a new `build.py` process: what it knows comes from the build database
    slug = next(path.name for path in (site / "output" / "rilis").iterdir() if path.name.startswith("2024-12-03-pemkot-jambi"))
    only_pages_and_feeds_of(site, result, [slug])  # and the search index, which holds the body
    assert len(result.report.written) > result.rendered
    assert "instansi/kota-jambi/feed.json" in result.report.written
    assert "instansi/kota-sibolga/feed.json" not in result.report.written


def test_search_index_is_rebuilt_only_where_what_it_reads_changed(site: Path) -> None:
    session = session_of(site)
    build(site, session)
    first = bundle_files(session)
    assert "pagefind" in first and "pagefind/2024" in first
    edit(site, "templates/base.html", "<footer", "<footer data-edited")
    footer_edit = build(site, session)
    html = pages_with_footer(site)
    assert footer_edit.rendered == len(html) and html <= set(footer_edit.report.written)  # the pages that show the footer
    assert not any(path.endswith((".svg", ".xml", ".json")) for path in footer_edit.report.written)  # badges and feeds have none
    assert bundle_files(session) == first  # no bundle was built again: Pagefind reads no footer
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih kemudian menyatakan")
    body_edit = build(site, session)
    rebuilt = {folder for folder, files in bundle_files(session).items() if first[folder] != files}
    assert rebuilt == {"pagefind/2024"}  # the release's assessment year; the other years' bundles stay as they were
    assert any(path.startswith("pagefind/2024/") for path in body_edit.report.written)


def test_a_build_that_fails_late_leaves_nothing_stale_for_the_next(site: Path, tmp_path: Path) -> None:
    """A build that rendered its pages and then could not write them (output/ was not a folder) changed
    nothing, so the next build must not take what it rendered for what output/ holds."""
    session = session_of(site)
    build(site, session)
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih kemudian menyatakan")
    output, aside = site / "output", tmp_path / "aside"
    output.rename(aside)
    output.write_text("not a folder", encoding="utf-8")
    with pytest.raises(pipeline.BuildFailed):
        build(site, session)
    output.unlink()
    aside.rename(output)
    build(site, session)
    assert b"Sri Purwaningsih kemudian menyatakan" in (site / "output" / "rilis").joinpath(
        "2024-12-03-pemkot-jambi-raih-nilai-93-68-terbaik-se-provinsi-jambi-pada", "index.html"
    ).read_bytes()
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)


def pages_in(site: Path, folder: str) -> int:
    entry = json.loads((site / "output" / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def test_a_big_year_is_indexed_in_parts_and_an_edit_rebuilds_one_part(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A year of more releases than one Pagefind process should hold is split; the search page merges every part."""
    build(site)
    pages_2024 = pages_in(site, "pagefind/2024")
    monkeypatch.setattr(routes, "BUNDLE_PAGES", 2)
    shutil.rmtree(site / ".arsip-cache")  # another Arsip (its code is part of every digest), so its own build database
    session = session_of(site)
    build(site, session)
    parts = [folder for folder in bundle_files(session) if folder.startswith("pagefind/2024-")]
    assert len(parts) == -(-pages_2024 // 2) > 1 and "pagefind/2024" not in bundle_files(session)
    assert sum(pages_in(site, folder) for folder in parts) == pages_2024  # each page in exactly one part
    merged = read_page(site, "cari/").select_one("form#pencarian")["data-merge"].split()
    assert {f"/{folder}/" for folder in parts} <= set(merged)
    first = bundle_files(session)
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih kemudian menyatakan")
    build(site, session)
    rebuilt = [folder for folder, files in bundle_files(session).items() if first.get(folder) != files]
    assert len(rebuilt) == 1 and rebuilt[0] in parts


def test_body_edits_in_the_preview_render_only_their_pages_and_equal_a_clean_build(site: Path, tmp_path: Path) -> None:
    """The preview keeps its plan of the site when the releases are the same; bodies are read where pages show them."""
    session = session_of(site, in_place=True)
    build(site, session)
    edited = sorted((site / "content").rglob("*.md"))[:3]
    for path in edited:
        path.write_text(path.read_text(encoding="utf-8") + "\nParagraf tambahan dari penyunting.\n", encoding="utf-8")
    result = build(site, session)
    slugs = [slug for path, url in result.release_urls if (site / path) in edited for slug in [url.strip("/").split("/")[-1]]]
    assert len(slugs) == len(edited)
    only_pages_and_feeds_of(site, result, slugs)
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)
    edit(site, RELEASE, "zone: hijau", "zone: kuning")
    result = build(site, session)
    assert result.rendered > 1  # the zone shows on the institution's, the year's and the zones' pages too
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)


def test_a_listing_template_that_shows_bodies_follows_body_edits(site: Path, tmp_path: Path) -> None:
    """No list of 'fields that matter': the home page reads bodies once its template shows them, and is made again."""
    shown = "{{ site.description }}{% for r in newest %}<q>{{ r.body_md[:60] }}</q>{% endfor %}"
    edit(site, "templates/home.html", "{{ site.description }}", shown)
    for session in (None, session_of(site, in_place=True)):
        build(site, session)
        first = sorted((site / "content" / "2024").glob("*.md"))[-1]
        first.write_text(first.read_text(encoding="utf-8").replace("\n---\n", "\n---\nKalimat pembuka baru. ", 1), encoding="utf-8")
        result = build(site, session)
        assert result.rendered >= 2  # the release's page and the home page
        assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)
        assert b"Kalimat pembuka baru" in (site / "output" / "index.html").read_bytes()


def test_template_edit_renders_every_page_without_converting_markdown_again(site: Path) -> None:
    session = session_of(site)
    build(site, session)
    converted = session.db.connection.execute("SELECT count(*) FROM markdown").fetchone()[0]
    edit(site, "templates/base.html", "<footer", "<footer data-edited")
    result = build(site, session_of(site))
    assert result.rendered == len(pages_with_footer(site))
    assert session.db.connection.execute("SELECT count(*) FROM markdown").fetchone()[0] == converted > 0


def change_steps(site: Path, tag: str) -> list[Callable[[], object]]:
    """The changes of an editor's day, each followed by a rebuild; `tag` makes each run's text its own."""
    return [
        lambda: edit(site, RELEASE, "Sri Purwaningsih menyatakan", f"Sri Purwaningsih {tag} menyatakan"),
        lambda: edit(site, RELEASE, 'institution: "Pemkot Jambi"', 'institution: "Pemprov Banten"\nyear: 2023'),
        lambda: (site / "content" / "baru.md").write_text(
            "---\ntitle: Rilis Baru\ndate: 2025-01-05\ninstitution: Kota Sibolga\nyear: 2024\nscore: 60\n---\nIsi.\n", encoding="utf-8"
        ),
        lambda: (site / "content" / "2024" / "2024-12-11-kantah-tala-2024.md").unlink(),
        lambda: (site / "content" / "baru.md").rename(site / "content" / "baru-lagi.md"),
        lambda: edit(site, "templates/release.html", '<article class="release"', f'<article data-{tag} class="release"'),
        lambda: edit(site, "templates/base.html", "<footer", f"<footer data-{tag}"),
        lambda: edit(site, "site_config.toml", "home_releases = 8", "home_releases = 5"),
        lambda: edit(site, "content/institutions.toml", 'name = "Pemerintah Kota Jambi"', 'name = "Pemerintah Kota Jambi (Tanah Pilih)"'),
    ]


def test_a_day_of_changes_matches_clean_builds_in_each_way_of_rebuilding(site: Path, tmp_path: Path) -> None:
    """Three copies of the project go through the same day, rebuilt after each change in the three ways Arsip
    rebuilds: in one session into a swapped output/, in the preview's session in place, and by `build.py` (a new
    process each time, all it knows from the build database). After each change all three equal one clean build."""
    # The day takes pages off the site (a release deleted, one moved to another institution): accepted here, under
    # [redirects] gone, as an editor accepts it for `build.py`; tests/test_addresses.py tests that it stops without it.
    edit(site, "site_config.toml", "gone = []", 'gone = ["/"]')
    preview, cli = tmp_path / "preview", tmp_path / "cli"
    for copy in (preview, cli):
        shutil.copytree(site, copy)
    sessions = {site: session_of(site), preview: session_of(preview, in_place=True)}  # the dev server writes in place
    for root, session in sessions.items():
        build(root, session)
    assert run_here(cli).returncode == 0
    assert (cli / ".arsip-cache" / "build-output.db").is_file()
    days = {root: change_steps(root, "juga") for root in (site, preview, cli)}
    for number, steps in enumerate(zip(*days.values(), strict=True)):
        for step in steps:
            step()
        for root, session in sessions.items():
            build(root, session)
        result = run_here(cli)
        assert result.returncode == 0, result.stderr
        clean = clean_build_of(site, tmp_path)
        for root, way in ((site, "swapped output/"), (preview, "preview, in place"), (cli, "build.py")):
            assert tree_bytes(root / "output") == clean, f"change {number + 1}, {way}: not what a clean build makes"


def test_clean_forgets_the_build_database(site: Path) -> None:
    assert run_here(site).returncode == 0
    (site / ".arsip-cache" / "build-output.db").write_bytes(b"not a database at all" * 100)
    result = run_here(site, "build", "--clean")
    assert result.returncode == 0 and result.stderr == ""
    assert (site / ".arsip-cache" / "build-output.db").is_file() and not (site / ".arsip-cache" / "build-output.db.set-aside").exists()


def test_no_op_build_redoes_nothing_but_notices_any_change(site: Path, tmp_path: Path) -> None:
    assert run_here(site).returncode == 0
    before = tree_state(site / "output")
    again = run_here(site)
    assert again.returncode == 0 and again.stdout.startswith("Nothing changed: ")
    assert tree_state(site / "output") == before
    (site / "output" / "index.html").write_text("edited by hand", encoding="utf-8")
    repaired = run_here(site)
    assert repaired.stdout.startswith("Built ")
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)
    page = next((site / "output" / "rilis").glob("*/index.html"))
    feed = next((site / "output" / "instansi").glob("*/feed.xml"))
    kept = {path: path.read_bytes() for path in (page, feed)}
    for path, data in kept.items():
        path.write_bytes(data.replace(b"<title", b"<titlf", 1))  # the same size: noticed by its new timestamp
    assert run_here(site).stdout.startswith("Built ")
    assert {path: path.read_bytes() for path in kept} == kept
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih pun menyatakan")
    assert run_here(site).stdout.startswith("Built ")
    assert run_here(site, "build", "--drafts").stdout.startswith("Built ")  # other options, other site


def test_work_shared_among_processes_gives_the_same_site(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Big builds convert Markdown and render pages in a process per core; the site must not depend on it."""
    from arsip import workers
    from arsip.render import produce, templates

    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(templates, "PARALLEL_FROM", 1)
    monkeypatch.setattr(produce, "PARALLEL_RENDER_FROM", 1)
    result = build(site)
    assert result.rendered == result.files
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)
    edit(site, "templates/release.html", "{{ release.title }}", "{{ release.title }}{{ no_such_value }}")
    with pytest.raises(pipeline.BuildFailed) as failed:
        build(site)
    (problem,) = failed.value.problems  # one report for the template, however many pages and processes met it
    assert problem.path == "templates/release.html" and problem.line == 3 and "no_such_value" in str(problem.message)


@pytest.mark.parametrize("in_place", [False, True], ids=["swapped-output", "dev-server-preview"])
def test_what_an_imported_macro_file_reads_is_followed_on_every_page(site: Path, tmp_path: Path, in_place: bool) -> None:
    """Jinja keeps an imported template's module; what making it read must count for every page that imports it."""
    (site / "templates" / "_icons.html").write_text("{% macro star() %}*{% endmacro %}\n", encoding="utf-8")
    shown = '{% from "_icons.html" import star %}{% set by = site.publisher %}\n{% macro result(item) %}{{ star() }}{{ by }}'
    edit(site, "templates/_macros.html", "{% macro result(item) %}", shown)
    session = session_of(site, in_place=in_place)
    build(site, session)
    edit(site, "templates/_icons.html", "*", "&#9733;")
    assert build(site, session).rendered > 1
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)
    edit(site, "site_config.toml", 'publisher = "', 'publisher = "Ombudsman RI · ')
    build(site, session)
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)


def test_what_pagefind_reads_outside_the_body_rebuilds_the_index(site: Path, tmp_path: Path) -> None:
    """Pagefind takes a page's title from its first heading, wherever it is: a new heading is a new index."""
    edit(site, "templates/institution.html", "<h1>{{ institution.ref.name }}</h1>", "")
    edit(site, "templates/institution.html", "<div data-pagefind-body>", "<h1>{{ institution.ref.name }}</h1>\n<div data-pagefind-body>")
    session = session_of(site)
    build(site, session)
    first = bundle_files(session)
    edit(site, "templates/institution.html", "<h1>{{ institution.ref.name }}</h1>", "<h1>Profil {{ institution.ref.name }}</h1>")
    build(site, session)
    assert bundle_files(session)["pagefind"] != first["pagefind"]
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)


def test_a_method_of_the_configuration_in_a_template_is_followed(site: Path, tmp_path: Path) -> None:
    edit(site, "templates/404.html", "{% block content %}", "{% block content %}<p>{{ site.permalink('search') }}</p>")
    session = session_of(site)
    build(site, session)
    edit(site, "site_config.toml", 'search = "/cari/"', 'search = "/pencarian/"')
    build(site, session)
    assert b"/pencarian/" in (site / "output" / "404.html").read_bytes()
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)


def test_the_no_op_shortcut_follows_links_and_the_year(site: Path, tmp_path: Path) -> None:
    """A release reached through a link can change without the link changing; validation follows the year."""
    shared = site / "shared"
    shared.mkdir()
    (site / RELEASE).rename(shared / "kota-jambi.md")
    (site / RELEASE).symlink_to(shared / "kota-jambi.md")
    assert run_here(site).returncode == 0
    edit(site, "shared/kota-jambi.md", "Sri Purwaningsih menyatakan", "Sri Purwaningsih pun menyatakan")
    again = run_here(site)
    assert again.returncode == 0 and again.stdout.startswith("Built ")
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)
    (site / RELEASE).unlink()
    (shared / "kota-jambi.md").rename(site / RELEASE)
    assert run_here(site).returncode == 0
    earlier = run_here(site, env={"SOURCE_DATE_EPOCH": "1704067200"})  # 1 January 2024: the 2026 releases lie ahead
    assert earlier.returncode == 1 and not earlier.stdout.startswith("Nothing changed")


def test_the_same_project_named_another_way_rebuilds_only_what_changed(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`build.py --root site` one day and `--root /home/x/site` (or the preview started elsewhere) the next: the
    project's templates are the same, so a body edit still renders only its own pages."""
    build(site.resolve())
    monkeypatch.chdir(site.parent)
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih kemudian menyatakan")
    result = build(Path(site.name))
    slug = next(path.name for path in (site / "output" / "rilis").iterdir() if path.name.startswith("2024-12-03-pemkot-jambi"))
    only_pages_and_feeds_of(site, result, [slug])


@pytest.mark.parametrize("in_place", [False, True], ids=["new-process", "dev-server-preview"])
def test_a_search_filter_renamed_remakes_the_pages_indexed_under_it(site: Path, tmp_path: Path, in_place: bool) -> None:
    """A name of `[search]` changed: the pages that carry that filter and the search page follow it, the others are
    kept, and the site equals a clean build."""
    session = session_of(site, in_place=True) if in_place else None
    build(site, session)
    before = tree_bytes(site / "output")
    edit(site, "site_config.toml", 'grade = "zona"', 'grade = "peringkat"')
    build(site, session)
    after = tree_bytes(site / "output")
    assert after == clean_build_of(site, tmp_path)
    changed = {path for path in after if path.endswith(".html") and before.get(path) != after[path]}
    release = "rilis/2024-12-03-pemkot-jambi-raih-nilai-93-68-terbaik-se-provinsi-jambi-pada/index.html"
    institution = "instansi/kota-jambi/index.html"
    assert {"cari/index.html", "en/cari/index.html", release, institution} <= changed
    assert b'data-pagefind-filter="tahun_peringkat:2024:hijau"' in after[release] and b'"zona:' not in after[release]
    assert "linimasa/index.html" not in changed and "index.html" not in changed  # no search filter there
