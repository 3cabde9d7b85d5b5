"""Two programmes on one engine: the Ombudsman sample site and the information-openness example share no words;
`init` starts a third archive in one command; a grade's label or colour changes exactly the pages that show it.

The example (examples/keterbukaan-informasi) and the sample are each built once per session (conftest fixtures);
`init` builds its small starter project, which the grade edits then rebuild.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from sitetools import REPO, copy_project, new_in_both_languages, read_page, run_here, sources_of, tree_bytes

EXAMPLE = REPO / "examples" / "keterbukaan-informasi"
OMBUDSMAN_WORDS = ("ombudsman", "zona hijau", "kepatuhan")
OPENNESS_WORDS = ("informatif", "keterbukaan informasi", "komisi informasi")
READABLE = (".html", ".xml", ".json", ".csv", ".txt", ".svg")


def _text_of(root: Path) -> dict[str, str]:
    """Every file of output/ a reader or a program reads as text (the search bundle's own files left out)."""
    found = {}
    for relative, data in tree_bytes(root / "output").items():
        if relative.endswith(READABLE) and not relative.startswith("pagefind/"):
            found[relative] = data.decode("utf-8", "replace").lower()
    return found


def _holding(texts: dict[str, str], words: tuple[str, ...]) -> list[str]:
    return sorted(f"{relative}: {word}" for relative, text in texts.items() for word in words if word in text)


def test_the_openness_site_has_none_of_the_ombudsman_words(openness_site: Path) -> None:
    texts = _text_of(openness_site)
    assert len(texts) > 40
    assert _holding(texts, OMBUDSMAN_WORDS) == []
    assert not (openness_site / "templates").exists()  # the package's theme alone


def test_the_ombudsman_site_has_none_of_the_openness_words(sample_site: Path) -> None:
    texts = _text_of(sample_site)
    assert _holding(texts, OPENNESS_WORDS) == []
    assert any("zona hijau" in text for text in texts.values())  # its own words are there


def test_the_openness_site_speaks_its_programme_and_says_it_is_sample_content(openness_site: Path) -> None:
    home = read_page(openness_site, "/")
    assert "karangan" in home.get_text()  # the footer: the content is made up
    ratings = read_page(openness_site, "/predikat/")
    words = ratings.get_text(" ", strip=True)
    for label in ("Informatif", "Menuju Informatif", "Cukup Informatif", "Kurang Informatif", "Tidak Informatif"):
        assert label in words
    assert ratings.find("h1").get_text(strip=True) == "Predikat"
    year = read_page(openness_site, "/penilaian/2025/").get_text(" ", strip=True)
    assert "Perguruan Tinggi Negeri" in year and "Tidak Informatif" in year


def test_the_openness_site_searches_by_its_own_filter_names(openness_site: Path) -> None:
    """The example names its search filters itself ([search]: `predikat`, not the Ombudsman site's `zona`): its pages
    are indexed and its search page narrows (and writes its address) by those names only."""
    chosen = tomllib.loads((EXAMPLE / "site_config.toml").read_text(encoding="utf-8"))["search"]
    expected = {*chosen.values(), f"{chosen['year']}_{chosen['grade']}", f"{chosen['year']}_{chosen['category']}"}
    names: set[str] = set()
    for relative, text in _text_of(openness_site).items():
        if relative.endswith(".html"):
            names |= set(re.findall(r'data-pagefind-(?:filter|meta)="([^":]+):', text))
            assert "zona" not in text, relative
    assert names == expected and "tahun_predikat" in names
    search = read_page(openness_site, "/cari/")
    assert [select["name"] for select in search.find_all("select")] == ["tahun", "predikat", "kategori", "jenis", "provinsi"]
    assert search.find("select", attrs={"name": "predikat"})["data-paired"] == "tahun_predikat"
    assert search.find("form", id="pencarian")["data-meta-institution"] == "badan-publik"


@pytest.fixture(scope="module")
def national_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example as a national programme: `geography = []`, so no kind belongs to a place and no body has a province."""
    root = tmp_path_factory.mktemp("national") / "site"
    shutil.copytree(EXAMPLE, root)
    config = root / "site_config.toml"
    text = config.read_text(encoding="utf-8").replace("home_releases = 6\n", "home_releases = 6\ngeography = []\n")
    config.write_text(text.replace("regional = true\n", ""), encoding="utf-8")
    registry = root / "content" / "institutions.toml"
    registry.write_text(registry.read_text(encoding="utf-8").replace('province = "Contoh Utara"\n', ""), encoding="utf-8")
    result = run_here(root)
    assert result.returncode == 0, result.stderr
    return root


def test_a_national_programme_has_no_province_pages_filters_or_links(national_site: Path) -> None:
    assert not any(path.startswith("provinsi/") for path in tree_bytes(national_site / "output"))
    pages = {relative: text for relative, text in _text_of(national_site).items() if relative.endswith(".html")}
    assert len(pages) > 30
    for relative, text in pages.items():
        assert "/provinsi/" not in text and 'data-pagefind-filter="provinsi:' not in text, relative
    search = read_page(national_site, "/cari/")
    assert [select["name"] for select in search.find_all("select")] == ["tahun", "predikat", "kategori", "jenis"]
    home = read_page(national_site, "/")
    assert "Provinsi" not in home.find("nav").get_text() and "Provinsi" not in home.find("main").get_text(" ")
    result = run_here(national_site, "check", "--strict")  # every link of every page leads somewhere
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_national_programme_refuses_a_province_in_its_registry(national_site: Path, tmp_path: Path) -> None:
    root = sources_of(national_site, tmp_path / "site")
    shutil.copy2(EXAMPLE / "content" / "institutions.toml", root / "content" / "institutions.toml")  # with its province
    line = (root / "content" / "institutions.toml").read_text(encoding="utf-8").splitlines().index('province = "Contoh Utara"') + 1
    result = run_here(root, "--lang", "en", "check")
    assert result.returncode == 1
    assert (
        f"content/institutions.toml:{line}: error: Pemerintah Provinsi Contoh Utara: a province is given,"
        " but site_config.toml says geography = [] (no places)"
    ) in result.stderr
    indonesian = run_here(root, "--lang", "id", "check")
    assert f"content/institutions.toml:{line}: kesalahan: Pemerintah Provinsi Contoh Utara: provinsinya ditulis" in indonesian.stderr


def test_a_national_programme_has_no_province_column_in_its_open_data(national_site: Path) -> None:
    data = national_site / "output" / "data"
    header = (data / "awards.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    assert header[:4] == ["year", "institution", "slug", "kind"] and "province" not in header
    assert all("province" not in item for item in json.loads((data / "awards.json").read_text(encoding="utf-8"))["institutions"])
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert all(field["name"] != "province" for resource in package["resources"] for field in resource["schema"]["fields"])
    assert "province" not in read_page(national_site, "/data/").find("main").get_text(" ")


def test_a_national_programme_refuses_new_with_a_province(national_site: Path, tmp_path: Path) -> None:
    root = sources_of(national_site, tmp_path / "site")
    arguments = ("Rilis Contoh", "--institution", "Badan Contoh Baru", "--register", "--province", "Contoh Utara")
    result, indonesian, unchanged = new_in_both_languages(root, *arguments)
    assert result.returncode == 2 and unchanged
    assert "--province is not for this site: site_config.toml says geography = [] (no places)" in result.stderr
    assert "--province tidak berlaku untuk situs ini" in indonesian.stderr


def test_a_national_programme_refuses_new_with_a_regency(national_site: Path, tmp_path: Path) -> None:
    root = sources_of(national_site, tmp_path / "site")
    arguments = ("Rilis Contoh", "--institution", "Badan Contoh Baru", "--register", "--regency", "Kabupaten Contoh")
    result, indonesian, unchanged = new_in_both_languages(root, *arguments)
    assert result.returncode == 2 and unchanged
    assert "--regency is not for this site: site_config.toml's geography has no 'regency'" in result.stderr
    assert indonesian.returncode == 2
    assert "--regency tidak berlaku untuk situs ini: geography di site_config.toml tidak memuat 'regency'" in indonesian.stderr


def test_a_national_programme_suggests_no_province_to_register_with(national_site: Path, tmp_path: Path) -> None:
    """The ways to register an unknown institution name no place on a site without places: `new` says --register alone,
    and the lines the build offers for content/institutions.toml have no `province`."""
    root = sources_of(national_site, tmp_path / "site")
    result = run_here(root, "--lang", "en", "new", "Rilis Contoh", "--institution", "Badan Contoh Baru", "--date", "2025-06-02")
    assert result.returncode == 0, result.stderr
    assert "to register it, run the command again with --register" in result.stderr and "--province" not in result.stderr
    indonesian = run_here(root, "--lang", "id", "new", "Rilis Lain", "--institution", "Badan Contoh Baru", "--date", "2025-06-03")
    assert "dengan --register" in indonesian.stderr and "--province" not in indonesian.stderr
    checked = run_here(root, "--lang", "en", "check")
    assert 'the lines  [[institution]]  name = "Badan Contoh Baru"  kind = ' in checked.stderr
    assert "province" not in checked.stderr


def test_a_site_with_provinces_only_refuses_new_with_a_regency(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    before = tree_bytes(root / "content")
    arguments = ("new", "Rilis Contoh", "--institution", "Pemerintah Kabupaten Contoh", "--register", "--province", "Jambi")
    result = run_here(root, "--lang", "en", *arguments, "--regency", "Kabupaten Contoh")
    assert result.returncode == 2 and tree_bytes(root / "content") == before
    assert "--regency is not for this site: site_config.toml's geography has no 'regency'" in result.stderr


def test_the_sample_site_keeps_its_province_pages_and_filter(sample_site: Path) -> None:
    assert (sample_site / "output" / "provinsi" / "index.html").exists()
    assert (sample_site / "output" / "provinsi" / "jambi" / "index.html").exists()
    search = read_page(sample_site, "/cari/")
    assert search.find("select", attrs={"name": "provinsi"})["data-facet"] == "place"
    assert read_page(sample_site, "/").find("nav").find("a", href="/provinsi/") is not None
    institution = (sample_site / "output" / "instansi" / "kota-jambi" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="provinsi:jambi"' in institution and 'href="/provinsi/jambi/"' in institution


def test_the_example_passes_check_with_its_links(openness_site: Path) -> None:
    result = run_here(openness_site, "check", "--strict")  # links of every page checked too; warnings count as errors
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_example_has_both_languages_for_every_grade_kind_and_word() -> None:
    text = (EXAMPLE / "site_config.toml").read_text(encoding="utf-8")
    labels = re.findall(r"^label = \{ id = \"[^\"]+\", en = \"[^\"]+\" \}$", text, flags=re.M)
    assert len(labels) == text.count("\n[[grade]]") + text.count("\n[[kind]]") == 11
    ids = re.findall(r"^(\w+) = ", text.split("[strings.id]")[1].split("[strings.en]")[0], flags=re.M)
    ens = re.findall(r"^(\w+) = ", text.split("[strings.en]")[1], flags=re.M)
    assert ids == ens and len(ids) >= 10


def _init(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(REPO / "build.py"), *args, "init", str(folder)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, env=env)


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("init") / "arsip-baru"
    environment = {key: value for key, value in os.environ.items() if key != "ARSIP_LANG"}
    return folder, _init(folder, env=environment)


def test_init_writes_a_commented_project_with_sample_releases_and_builds_it(started) -> None:
    folder, result = started
    assert result.returncode == 0, result.stderr
    assert "Arsip contoh ditulis di" in result.stdout  # Indonesian first: the editor asked for no language
    config = (folder / "site_config.toml").read_text(encoding="utf-8")
    assert config.count("\n# ") >= 10 and "[[grade]]" in config and "[[kind]]" in config
    releases = sorted((folder / "content").rglob("*.md"))
    assert len(releases) == 2 and all("contoh" in path.read_text(encoding="utf-8").lower() for path in releases)
    assert (folder / "content" / "institutions.toml").exists() and not (folder / "templates").exists()
    home = read_page(folder, "/")
    assert home.find("a", string=re.compile("Contoh: Badan Contoh Nasional")) is not None
    assert "bukan hasil penilaian sungguhan" in home.get_text()


def test_init_leaves_an_existing_project_alone(started) -> None:
    folder, _ = started
    before = (folder / "site_config.toml").read_bytes()
    result = _init(folder, "--lang", "id")
    assert result.returncode == 1
    assert "sudah berisi proyek" in result.stderr
    assert (folder / "site_config.toml").read_bytes() == before
    english = _init(folder, "--lang", "en")
    assert english.returncode == 1 and "already holds a project" in english.stderr


def _site_files(folder: Path) -> dict[str, bytes]:
    return {path: data for path, data in tree_bytes(folder / "output").items() if not path.startswith("pagefind/")}


def _edit_and_rebuild(folder: Path, old: str, new: str) -> dict[str, tuple[bytes, bytes]]:
    """Replace `old` by `new` in site_config.toml, rebuild; the files whose bytes changed, before and after (the
    search bundle's files are named by their content, so they are left out)."""
    before = _site_files(folder)
    config = folder / "site_config.toml"
    text = config.read_text(encoding="utf-8")
    assert text.count(old) == 1
    config.write_text(text.replace(old, new), encoding="utf-8")
    result = run_here(folder)
    assert result.returncode == 0, result.stderr
    after = _site_files(folder)
    assert set(before) == set(after)
    return {path: (before[path], after[path]) for path in after if before[path] != after[path]}


def test_a_grade_label_changes_every_page_that_shows_it_and_nothing_else(started) -> None:
    folder, _ = started
    pages = tree_bytes(folder / "output")
    shows = {path for path, data in pages.items() if path.endswith(".html") and b"Predikat Cukup" in data}
    assert len(shows) >= 4
    changed = _edit_and_rebuild(folder, 'label = { id = "Predikat Cukup"', 'label = { id = "Predikat Sedang"')
    changed_pages = {path for path in changed if path.endswith(".html")}
    assert changed_pages == shows
    for path in changed_pages:
        assert b"Predikat Sedang" in changed[path][1] and b"Predikat Cukup" not in changed[path][1]
    others = {path for path in changed if not path.endswith(".html")}
    assert all(path.endswith(("card.png", ".xml", ".json", ".svg")) for path in others), others


def test_a_grade_colour_changes_the_badges_and_cards_that_show_it(started) -> None:
    folder, _ = started
    changed = _edit_and_rebuild(folder, 'colour = "#1b6e2d"', 'colour = "#145a24"')
    badges = {path for path in changed if path.endswith("badge.svg")}
    assert badges == {"instansi/badan-contoh-nasional/badge.svg"}  # the only institution graded "baik"
    assert all(b"#145a24" in changed[path][1] for path in badges)
    assert {path for path in changed if path.endswith(".html")} == set()
    assert "card.png" in changed  # the site's card shows every grade in its colour
    assert b"--grade-baik: #145a24;" in changed["static/grades.css"][1]  # and every page's badges, through the stylesheet
