"""The editors' commands: `new` writes a release that builds, `check` finds what a build would not show."""

from __future__ import annotations

from pathlib import Path

from sitetools import copy_project, run_here, template_file


def test_new_writes_a_skeleton_that_builds_and_refuses_to_overwrite(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    args = ("new", "Pemkot Jambi Raih Zona Hijau Lagi", "--institution", "pemkot  jambi", "--date", "2025-12-10", "--score", "94,10")
    first = run_here(root, *args)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "content/2025/2025-12-10-pemkot-jambi-raih-zona-hijau-lagi.md"
    text = (root / first.stdout.strip()).read_text(encoding="utf-8")
    assert 'institution: "Pemerintah Kota Jambi"' in text
    assert 'score: "94,10"' in text and "# zone: hijau" in text and "# awards:" in text
    built = run_here(root)
    assert built.returncode == 0, built.stderr
    page = root / "output" / "rilis" / "2025-12-10-pemkot-jambi-raih-zona-hijau-lagi" / "index.html"
    assert "94,10" in page.read_text(encoding="utf-8")
    second = run_here(root, *args[:-2])
    assert second.returncode == 1
    assert "already exists" in second.stderr
    assert (root / first.stdout.strip()).read_text(encoding="utf-8") == text


def test_new_refuses_values_that_would_not_build(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    result = run_here(root, "new", "Rilis", "--institution", "Pemkot Jambi", "--date", "2024-12-10", "--score", "abc", "--zone", "hijo")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "content/2024/2024-12-10-rilis.md:11: error: score 'abc' is not a number (write e.g.  score: 93,68  or  score: 93.68)" in lines
    assert any("zone 'hijo' is not one of hijau, kuning, merah (did you mean 'hijau'?)" in line for line in lines)
    assert not (root / "content" / "2024" / "2024-12-10-rilis.md").exists()


def test_new_suggests_a_registered_name(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    result = run_here(root, "new", "Rilis", "--institution", "Pemerintah Kota Jamby", "--date", "2025-12-10")
    assert result.returncode == 0
    assert "did you mean 'Pemerintah Kota Jambi'?" in result.stderr


def test_new_registers_a_new_institution_only_when_asked_and_told_enough(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    registry = root / "content" / "institutions.toml"
    before = registry.read_text(encoding="utf-8")
    name = "Pemerintah Kabupaten Tanjung Jabung Timur"  # a regency of its own, one word from the registered Tanjung Jabung Barat
    release = "content/2024/2024-12-05-pemkab-tanjabtim-raih-zona-hijau.md"
    args = ("new", "Pemkab Tanjabtim Raih Zona Hijau", "--institution", name, "--date", "2024-12-05", "--score", "88,10")

    told = run_here(root, *args, "--register")
    assert told.returncode == 1 and told.stdout == ""
    assert told.stderr.splitlines() == [
        f"content/institutions.toml: error: '{name}' is of the kind kabupaten, which belongs to a province "
        "(add the province, e.g.  --province Jambi)",
        "nothing was written; run the command again with corrected values",
    ]
    assert registry.read_text(encoding="utf-8") == before and not (root / release).exists()

    registered = run_here(root, *args, "--register", "--province", "Jambi")
    assert registered.returncode == 0, registered.stderr
    assert registered.stdout == release + "\n"
    assert registered.stderr == f"registered '{name}' in content/institutions.toml\n"
    added = f'[[institution]]\nname = "{name}"\nslug = "pemerintah-kabupaten-tanjung-jabung-timur"\nkind = "kabupaten"\n'
    added += 'province = "Jambi"\n'
    assert registry.read_text(encoding="utf-8") == before.rstrip("\n") + "\n\n" + added
    built = run_here(root, "check", "--strict")
    assert built.returncode == 0, built.stderr
    page = run_here(root)
    assert page.returncode == 0, page.stderr
    assert (root / "output" / "instansi" / "pemerintah-kabupaten-tanjung-jabung-timur" / "index.html").is_file()

    again = run_here(root, "new", "Rilis Kedua", "--institution", name, "--date", "2024-12-06", "--register", "--province", "Jambi")
    assert again.returncode == 0 and again.stderr == ""  # registered already: nothing added twice
    assert registry.read_text(encoding="utf-8").count(f'name = "{name}"') == 1


def test_new_will_not_register_a_name_whose_slug_is_taken(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    registry = root / "content" / "institutions.toml"
    before = registry.read_text(encoding="utf-8")
    name = "Kementérian Keuangan"  # not a registered name, but its slug is Kementerian Keuangan's
    result = run_here(root, "new", "Rilis", "--institution", name, "--date", "2024-12-05", "--register")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"content/institutions.toml: error: the slug 'kementerian-keuangan' of '{name}' is already the slug of 'Kementerian Keuangan' "
        "(register it by hand in content/institutions.toml, with a slug of its own)"
    )
    assert registry.read_text(encoding="utf-8") == before


def test_check_passes_on_the_sample_site_and_writes_nothing(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    result = run_here(root, "check", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Checked ")
    assert not (root / "output").exists()


def test_check_finds_a_broken_link_planted_in_a_template(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    template = template_file(root, "zones.html")
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("<h1>", '<a href="/tidak-ada/">x</a><a href="#hilang">y</a><h1>', 1), encoding="utf-8")
    result = run_here(root, "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "templates/zones.html:5: error: broken link '/tidak-ada/': no such page or file (fix the link in the template)" in lines
    assert "templates/zones.html:5: error: broken link '#hilang': no element with id 'hilang' (fix the link in the template)" in lines
    assert run_here(root).returncode == 0  # a build checks the links release bodies wrote, not the templates' (tests/test_links.py)


def test_check_warns_about_likely_duplicate_institutions(mini_site) -> None:
    release = "---\ntitle: {title}\ndate: 2024-12-0{day}\ninstitution: {name}\nzone: hijau\n---\nIsi.\n"
    root = mini_site(
        {
            "content/a.md": release.format(title="A", day=1, name="Pemkot Sungai Penuh"),
            "content/b.md": release.format(title="B", day=2, name="Pemerintah Kota Sungai Penuh"),
        },
        registry=False,
    )
    result = run_here(root, "check")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "content/b.md:4: warning: 'Pemerintah Kota Sungai Penuh' and 'Pemkot Sungai Penuh' look like the same institution "
        "(add one [[institution]] to content/institutions.toml with the other name among its aliases)"
    ]
    assert run_here(root, "check", "--strict").returncode == 1


def run_on_terminal(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run build.py with stdout and stderr on a pseudo-terminal, as an editor's shell would."""
    import os
    import pty
    import subprocess
    import sys

    from sitetools import REPO

    main, secondary = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | (env or {})
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), *args], stdout=secondary, stderr=secondary, env=environment
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8", errors="replace")


BROKEN = "---\ntitle: A\ndate: 2024-12-03\ninstitution: Pemkot Jambi\nzone: hijo\n---\nIsi.\n"


def test_problems_are_coloured_on_a_terminal_unless_no_color(mini_site) -> None:
    root = mini_site({"content/a.md": BROKEN})
    assert "\x1b[1;31merror\x1b[0m" in run_on_terminal(root)
    assert "\x1b[" not in run_on_terminal(root, env={"NO_COLOR": "1"})
    assert "\x1b[" not in run_here(root).stderr


def test_quiet_prints_only_problems(mini_site) -> None:
    root = mini_site({"content/a.md": BROKEN.replace("hijo", "hijau")})
    result = run_here(root, "build", "--quiet")
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    loud = run_here(root, "build", "--clean")
    assert loud.stdout.startswith("Built ") and " pages from 1 release in " in loud.stdout


def test_large_builds_show_a_progress_bar_on_a_terminal(mini_site) -> None:
    release = "---\ntitle: Rilis {n}\ndate: 2024-01-{day:02d}\ninstitution: Pemkot Jambi\n---\nIsi {n}.\n"
    root = mini_site({f"content/r{n}.md": release.format(n=n, day=n % 28 + 1) for n in range(320)})
    shown = run_on_terminal(root)
    assert "page/s" in shown and "Built " in shown
    assert "page/s" not in run_here(root).stderr


def test_timings_say_where_a_build_spent_its_time_in_the_editors_language(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    first = run_here(root, "build", "--timings", "--lang", "id")
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    assert lines[0].startswith("Ke mana waktunya")
    stages = {line.split("  ")[1].strip() for line in lines[2:] if line.startswith("  ") and not line.startswith("    ")}
    expected = {"membaca content/", "membuat yang berubah (Markdown, halaman, berkas)", "menerbitkan output/ (menunggu indeks pencarian)"}
    assert expected <= stages
    pagefind = [line for line in lines if "Pagefind, bundel" in line]
    assert pagefind, "each Pagefind run has a line of its own"
    total = next(line for line in lines if "semua tahap" in line).split()
    assert float(total[2].replace(",", ".")) > 0  # wall seconds, written with a decimal comma
    again = run_here(root, "build", "--timings", "--lang", "id")
    assert again.returncode == 0, again.stderr
    assert "membandingkan dengan build terakhir yang berhasil" in again.stderr
    assert "membuat yang berubah" not in again.stderr  # nothing changed: the build stopped after comparing
    english = run_here(root, "build", "--timings", "--lang", "en")
    assert english.stderr.startswith("Where the time went") and "make what changed (Markdown, pages, files)" in english.stderr
    checked = run_here(root, "check", "--timings", "--lang", "id")
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.startswith("Ke mana waktunya") and "memeriksa tautan" in checked.stderr  # `check` says it too
