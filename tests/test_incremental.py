"""Rebuilds with a kept cache (as the dev server does) redo only what changed, and equal a clean build."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sitetools import copy_project, read_page, run_build, tree_bytes

from arsip import pipeline, routes
from arsip.cache import BuildCache

RELEASE = "content/2024/2024-12-03-kota-jambi.md"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "site")


def build(root: Path, cache: BuildCache) -> pipeline.BuildResult:
    return pipeline.build(pipeline.configure(root), cache=cache)


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def clean_build_of(root: Path, tmp_path: Path) -> dict[str, bytes]:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("output"))
    build(clean, BuildCache())
    return tree_bytes(clean / "output")


def test_no_change_renders_and_writes_nothing(site: Path) -> None:
    cache = BuildCache()
    first = build(site, cache)
    assert first.rendered == first.pages
    second = build(site, cache)
    assert second.rendered == 0
    assert second.report.written == () and second.report.removed == ()


def test_body_edit_renders_one_page(site: Path) -> None:
    cache = BuildCache()
    build(site, cache)
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih kemudian menyatakan")
    result = build(site, cache)
    assert result.rendered == 1
    pages = [path for path in result.report.written if not path.startswith("pagefind/")]
    assert len(pages) == 1 and pages[0].startswith("rilis/2024-12-03-pemkot-jambi")  # and the search index, which holds the body


def test_search_index_is_rebuilt_only_where_what_it_reads_changed(site: Path) -> None:
    cache = BuildCache()
    build(site, cache)
    assert cache.search is not None
    first = {folder: files for folder, (_, files) in cache.search.items()}
    edit(site, "templates/base.html", "<footer", "<footer data-edited")
    footer_edit = build(site, cache)
    assert footer_edit.rendered == footer_edit.pages
    assert all(cache.search[folder][1] is files for folder, files in first.items())  # no bundle was built again
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih kemudian menyatakan")
    body_edit = build(site, cache)
    rebuilt = {folder for folder, files in first.items() if cache.search[folder][1] is not files}
    assert rebuilt == {"pagefind/tahun-2024"}  # the release's assessment year; the other years' bundles stay as they were
    assert any(path.startswith("pagefind/tahun-2024/") for path in body_edit.report.written)


def test_a_build_that_fails_late_leaves_nothing_stale_for_the_next(site: Path, tmp_path: Path) -> None:
    """A build that rendered its pages and then could not write them (output/ was not a folder) changed
    nothing, so the next build must not take what it rendered for what output/ holds."""
    cache = BuildCache()
    build(site, cache)
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih kemudian menyatakan")
    output, aside = site / "output", tmp_path / "aside"
    output.rename(aside)
    output.write_text("not a folder", encoding="utf-8")
    with pytest.raises(pipeline.BuildFailed):
        build(site, cache)
    output.unlink()
    aside.rename(output)
    build(site, cache)
    assert b"Sri Purwaningsih kemudian menyatakan" in (site / "output" / "rilis").joinpath(
        "2024-12-03-pemkot-jambi-raih-nilai-93-68-terbaik-se-provinsi-jambi-pada", "index.html"
    ).read_bytes()
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)


def test_a_big_year_is_indexed_in_parts_and_an_edit_rebuilds_one_part(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A year of more releases than one Pagefind process should hold is split; the search page merges every part."""
    whole = BuildCache()
    build(site, whole)
    assert whole.search is not None
    pages_2024 = sorted(path for path, _ in whole.search["pagefind/tahun-2024"][0])
    monkeypatch.setattr(routes, "BUNDLE_PAGES", 2)
    cache = BuildCache()
    build(site, cache)
    assert cache.search is not None
    parts = [folder for folder in cache.search if folder.startswith("pagefind/tahun-2024-")]
    assert len(parts) == -(-len(pages_2024) // 2) > 1 and "pagefind/tahun-2024" not in cache.search
    assert sorted(path for folder in parts for path, _ in cache.search[folder][0]) == pages_2024  # each in exactly one part
    merged = read_page(site, "cari/").select_one("form#pencarian")["data-merge"].split()
    assert {f"/{folder}/" for folder in parts} <= set(merged)
    first = {folder: files for folder, (_, files) in cache.search.items()}
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih kemudian menyatakan")
    build(site, cache)
    rebuilt = [folder for folder, files in first.items() if cache.search[folder][1] is not files]
    assert len(rebuilt) == 1 and rebuilt[0] in parts


def test_body_edits_in_the_preview_render_only_their_pages_and_equal_a_clean_build(site: Path, tmp_path: Path) -> None:
    """The preview reuses its plan of the site when only bodies changed; the next front-matter edit plans anew."""
    cache = BuildCache(on_disk={})
    build(site, cache)
    edited = sorted((site / "content").rglob("*.md"))[:3]
    for path in edited:
        path.write_text(path.read_text(encoding="utf-8") + "\nParagraf tambahan dari penyunting.\n", encoding="utf-8")
    result = build(site, cache)
    assert result.rendered == len(edited)
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)
    edit(site, RELEASE, "zone: hijau", "zone: kuning")
    result = build(site, cache)
    assert result.rendered > 1  # the zone shows on the institution's, the year's and the zones' pages too
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)


def test_template_edit_renders_every_page_without_converting_markdown_again(site: Path) -> None:
    cache = BuildCache()
    build(site, cache)
    converted = dict(cache.markdown)
    edit(site, "templates/base.html", "<footer", "<footer data-edited")
    result = build(site, cache)
    assert result.rendered == result.pages
    assert cache.markdown == converted


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


@pytest.mark.parametrize("in_place", [False, True], ids=["swapped-output", "dev-server-preview"])
def test_sequence_of_changes_matches_clean_builds(site: Path, tmp_path: Path, in_place: bool) -> None:
    cache = BuildCache(on_disk={} if in_place else None)  # the dev server writes changed files in place
    build(site, cache)
    for step in change_steps(site, "juga"):
        step()
        build(site, cache)
        assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)


def test_cli_rebuilds_with_the_saved_cache_match_clean_builds(site: Path, tmp_path: Path) -> None:
    assert run_build(site).returncode == 0
    assert (site / ".arsip-cache" / "build-cache" / "index.bin").is_file()
    for step in change_steps(site, "pun"):
        step()
        result = run_build(site)
        assert result.returncode == 0, result.stderr
        assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)


def damage(path: Path, offset_from_end: int = 10) -> None:
    data = bytearray(path.read_bytes())
    data[-offset_from_end] ^= 0xFF
    path.write_bytes(bytes(data))


def test_damaged_cache_is_detected_and_rebuilt(site: Path, tmp_path: Path) -> None:
    from sitetools import run_build

    assert run_build(site).returncode == 0
    shard = sorted((site / ".arsip-cache" / "build-cache").glob("docs-*.bin"))[0]  # any one file spoils the whole cache
    damage(shard)
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih pun menyatakan")
    result = run_build(site)
    assert result.returncode == 0
    assert "arsip: the cache is damaged; rebuilding it" in result.stderr.splitlines()
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)
    assert run_build(site).stderr == ""  # the rebuilt cache is trusted again


def test_cache_of_another_version_is_ignored(site: Path) -> None:
    from sitetools import run_build

    assert run_build(site).returncode == 0
    cache = site / ".arsip-cache" / "build-cache" / "index.bin"
    data = cache.read_bytes()
    cache.write_bytes(data.replace(b"|arsip ", b"|arsip 0.0.0-old ", 1))
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih pun menyatakan")
    result = run_build(site)
    assert "arsip: the cache was written by another version; rebuilding it" in result.stderr.splitlines()


def test_clean_forgets_the_cache(site: Path) -> None:
    from sitetools import run_build

    assert run_build(site).returncode == 0
    damage(site / ".arsip-cache" / "build-cache" / "index.bin")
    result = run_build(site, "build", "--clean")
    assert result.returncode == 0 and "damaged" not in result.stderr
    assert (site / ".arsip-cache" / "build-cache" / "index.bin").is_file()


def test_no_op_build_redoes_nothing_but_notices_any_change(site: Path, tmp_path: Path) -> None:
    from sitetools import run_build, tree_state

    assert run_build(site).returncode == 0
    before = tree_state(site / "output")
    again = run_build(site)
    assert again.returncode == 0 and again.stdout.startswith("Nothing changed: ")
    assert tree_state(site / "output") == before
    (site / "output" / "index.html").write_text("edited by hand", encoding="utf-8")
    repaired = run_build(site)
    assert repaired.stdout.startswith("Built ")
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)
    page = next((site / "output" / "rilis").glob("*/index.html"))
    feed = next((site / "output" / "instansi").glob("*/feed.xml"))
    kept = {path: path.read_bytes() for path in (page, feed)}
    for path, data in kept.items():
        path.write_bytes(data.replace(b"<title", b"<titlf", 1))  # the same size: noticed by its new timestamp
    assert run_build(site).stdout.startswith("Built ")
    assert {path: path.read_bytes() for path in kept} == kept
    edit(site, RELEASE, "Sri Purwaningsih menyatakan", "Sri Purwaningsih pun menyatakan")
    assert run_build(site).stdout.startswith("Built ")
    assert run_build(site, "build", "--drafts").stdout.startswith("Built ")  # other options, other site


def test_work_shared_among_processes_gives_the_same_site(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Big builds convert Markdown and render pages in a process per core; the site must not depend on it."""
    from arsip import render, workers

    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    monkeypatch.setattr(render, "PARALLEL_RENDER_FROM", 1)
    result = build(site, BuildCache())
    assert result.rendered == result.pages
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)
    edit(site, "templates/release.html", "{{ release.title }}", "{{ release.title }}{{ no_such_value }}")
    with pytest.raises(pipeline.BuildFailed) as failed:
        build(site, BuildCache())
    (problem,) = failed.value.problems  # one report for the template, however many pages and processes met it
    assert problem.path == "templates/release.html" and problem.line == 3 and "no_such_value" in problem.message
