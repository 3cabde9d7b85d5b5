"""The editors' commands: `new` writes a release that builds, `check` finds what a build would not show."""

from __future__ import annotations

from pathlib import Path

from sitetools import copy_project, run_build


def test_new_writes_a_skeleton_that_builds_and_refuses_to_overwrite(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    args = ("new", "Pemkot Jambi Raih Zona Hijau Lagi", "--institution", "pemkot  jambi", "--date", "2025-12-10", "--score", "94,10")
    first = run_build(root, *args)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "content/2025-12-10-pemkot-jambi-raih-zona-hijau-lagi.md"
    text = (root / first.stdout.strip()).read_text(encoding="utf-8")
    assert 'institution: "Pemerintah Kota Jambi"' in text
    assert 'score: "94,10"' in text and "# zone: hijau" in text and "# awards:" in text
    built = run_build(root)
    assert built.returncode == 0, built.stderr
    page = root / "output" / "rilis" / "2025-12-10-pemkot-jambi-raih-zona-hijau-lagi" / "index.html"
    assert "94,10" in page.read_text(encoding="utf-8")
    second = run_build(root, *args[:-2])
    assert second.returncode == 1
    assert "already exists" in second.stderr
    assert (root / first.stdout.strip()).read_text(encoding="utf-8") == text


def test_new_suggests_a_registered_name(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    result = run_build(root, "new", "Rilis", "--institution", "Pemerintah Kota Jamby", "--date", "2025-12-10")
    assert result.returncode == 0
    assert "did you mean 'Pemerintah Kota Jambi'?" in result.stderr


def test_check_passes_on_the_sample_site_and_writes_nothing(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    result = run_build(root, "check", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Checked ")
    assert not (root / "output").exists()


def test_check_finds_a_broken_link_planted_in_a_template(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    template = root / "templates" / "zones.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("<h1>", '<a href="/tidak-ada/">x</a><a href="#hilang">y</a><h1>', 1), encoding="utf-8")
    result = run_build(root, "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        "output/zona/index.html: error: broken link '/tidak-ada/': no such page or file (fix the link in the template or content)" in lines
    )
    assert "output/zona/index.html: error: broken link '#hilang': no element with id 'hilang'" in lines
    assert run_build(root).returncode == 0  # a plain build does not check links


def test_check_warns_about_likely_duplicate_institutions(mini_site) -> None:
    release = "---\ntitle: {title}\ndate: 2024-12-0{day}\ninstitution: {name}\nzone: hijau\n---\nIsi.\n"
    root = mini_site(
        {
            "content/a.md": release.format(title="A", day=1, name="Pemkot Sungai Penuh"),
            "content/b.md": release.format(title="B", day=2, name="Pemerintah Kota Sungai Penuh"),
        },
        registry=False,
    )
    result = run_build(root, "check")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "content/b.md:4: warning: 'Pemerintah Kota Sungai Penuh' and 'Pemkot Sungai Penuh' look like the same institution "
        "(add one [[institution]] to content/institutions.toml with the other name among its aliases)"
    ]
    assert run_build(root, "check", "--strict").returncode == 1
