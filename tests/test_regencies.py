"""A second level of place: `geography = ["province", "regency"]`. Each institution of the registry may name the
regency or city it lies in; the site then has a page per regency or city (its institutions, their scores per year),
linked from its province's page and from each institution's page, a search filter for it, and a column in the open
data. The site is tests/data/two-levels (sample content, made up) with the sample site's configuration."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sitetools import edit_file, new_in_both_languages, read_page, run_here, sources_of, tree_bytes, two_levels

from arsip import pipeline
from arsip.session import Session

HULU, HILIR = "/kabupaten-kota/kabupaten-contoh-hulu/", "/kabupaten-kota/kota-contoh-hilir/"
PESISIR = "/kabupaten-kota/kabupaten-contoh-pesisir/"
REGISTRY = "content/institutions.toml"


@pytest.fixture
def site(two_level_site: Path) -> Path:
    return two_level_site


def names_in_first_table(root: Path, url: str) -> list[str]:
    page = read_page(root, url)
    return [cell.get_text(strip=True) for cell in page.find("table").find_all("th", scope="row")]


def test_each_regency_or_city_has_a_page_listing_its_institutions(site: Path) -> None:
    assert names_in_first_table(site, HULU) == [
        "Pemerintah Kabupaten Contoh Hulu",
        "Kepolisian Resor Contoh Hulu",
        "Rumah Sakit Umum Daerah Contoh Hulu",
    ]
    assert names_in_first_table(site, HILIR) == ["Pemerintah Kota Contoh Hilir", "Kantor Pertanahan Kota Contoh Hilir"]
    assert names_in_first_table(site, PESISIR) == ["Pemerintah Kabupaten Contoh Pesisir"]
    page = read_page(site, HULU)
    assert page.find("h1").get_text(strip=True) == "Kabupaten Contoh Hulu"
    assert page.find("a", href="/provinsi/contoh-tengah/") is not None  # the province it lies in
    ranking = page.find("h2", id="peringkat-2024").find_parent("section")
    assert [row.find("th").get_text(strip=True) for row in ranking.find("tbody").find_all("tr")] == [
        "Kepolisian Resor Contoh Hulu",  # 81,00
        "Pemerintah Kabupaten Contoh Hulu",  # 79,25
        "Rumah Sakit Umum Daerah Contoh Hulu",  # 66,75
    ]
    assert "81,00" in ranking.get_text() and page.find("h2", id="peringkat-2023") is not None  # its scores across years
    english = read_page(site, "/en" + HULU)
    assert english.find("h2", id="anggota").get_text(strip=True) == "Institutions in this regency or city"


def test_the_province_page_links_to_its_regencies_and_cities_only(site: Path) -> None:
    central = read_page(site, "/provinsi/contoh-tengah/")
    section = central.find("h2", id="kabupaten-kota").find_parent("section")
    assert [(a["href"], a.get_text(strip=True)) for a in section.find_all("a")] == [
        (HULU, "Kabupaten Contoh Hulu"),
        (HILIR, "Kota Contoh Hilir"),
    ]
    western = read_page(site, "/provinsi/contoh-barat/")
    assert [a["href"] for a in western.find("h2", id="kabupaten-kota").find_parent("section").find_all("a")] == [PESISIR]


def test_an_institution_page_links_to_its_regency_and_search_narrows_by_it(site: Path) -> None:
    hospital = (site / "output" / "instansi" / "rsud-contoh-hulu" / "index.html").read_text(encoding="utf-8")
    assert f'href="{HULU}"' in hospital and 'data-pagefind-filter="kabupaten-kota:kabupaten-contoh-hulu"' in hospital
    ministry = (site / "output" / "instansi" / "kementerian-contoh-urusan-umum" / "index.html").read_text(encoding="utf-8")
    assert "/kabupaten-kota/" not in ministry and 'data-pagefind-filter="kabupaten-kota:' not in ministry
    search = read_page(site, "/cari/")
    select = search.find("select", attrs={"name": "kabupaten-kota"})
    assert select is not None and search.find("label", attrs={"for": select["id"]}).get_text(strip=True) == "Kabupaten/kota"
    options = [option["value"] for option in select.find_all("option")]
    assert options == ["", "kabupaten-contoh-hulu", "kabupaten-contoh-pesisir", "kota-contoh-hilir"]


def test_the_open_data_says_where_each_institution_lies(site: Path) -> None:
    lines = (site / "output" / "data" / "awards.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    assert header[3:6] == ["kind", "province", "regency"]
    hospital = next(line.split(";") for line in lines if line.startswith("2024;Rumah Sakit Umum Daerah Contoh Hulu;"))
    assert hospital[4:6] == ["Contoh Tengah", "Kabupaten Contoh Hulu"]
    data = json.loads((site / "output" / "data" / "awards.json").read_text(encoding="utf-8"))
    by_slug = {item["slug"]: item for item in data["institutions"]}
    assert by_slug["kota-contoh-hilir"]["regency"] == "Kota Contoh Hilir" and by_slug["kementerian-contoh-urusan-umum"]["regency"] is None
    package = json.loads((site / "output" / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert "regency" in [field["name"] for field in package["resources"][0]["schema"]["fields"]]


def test_the_site_passes_check_with_its_links(site: Path) -> None:
    result = run_here(site, "check", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_regency_pages_follow_their_permalink(tmp_path: Path) -> None:
    root = two_levels(tmp_path / "site")
    permalink = 'province = "/provinsi/{slug}/"\n'
    edit_file(root, "site_config.toml", permalink, permalink + 'regency = "/wilayah/{slug}/"\n')
    result = run_here(root)
    assert result.returncode == 0, result.stderr
    assert (root / "output" / "wilayah" / "kota-contoh-hilir" / "index.html").exists()
    assert not (root / "output" / "kabupaten-kota").exists()
    assert read_page(root, "/provinsi/contoh-tengah/").find("a", href="/wilayah/kota-contoh-hilir/") is not None


def build(root: Path) -> None:
    session = Session.open(root / "output")
    try:
        pipeline.build(pipeline.configure(root), session=session)
    finally:
        session.close()


def test_a_regency_edited_in_the_registry_rebuilds_equal_to_a_clean_build(site: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(site, root)  # built, with its build database
    before = tree_bytes(root / "output")
    hospital = '[[institution]]\nname = "Rumah Sakit Umum Daerah Contoh Hulu"\nslug = "rsud-contoh-hulu"\nkind = "lainnya"\n'
    edit_file(root, REGISTRY, hospital + 'province = "Contoh Tengah"\nregency = "Kabupaten Contoh Hulu"\n',
              hospital + 'province = "Contoh Tengah"\nregency = "Kota Contoh Hilir"\n')  # fmt: skip
    build(root)
    after = tree_bytes(root / "output")
    clean = tmp_path / "clean"
    sources_of(root, clean)
    build(clean)
    assert after == tree_bytes(clean / "output")
    assert after != before
    assert names_in_first_table(root, HILIR)[-1] == "Rumah Sakit Umum Daerah Contoh Hulu"
    assert "Rumah Sakit Umum Daerah Contoh Hulu" not in names_in_first_table(root, HULU)


def test_a_regency_without_its_level_is_an_error_at_its_line(site: Path, tmp_path: Path) -> None:
    root = sources_of(site, tmp_path / "site")
    edit_file(root, "site_config.toml", 'geography = ["province", "regency"]', 'geography = ["province"]')
    lines = (root / REGISTRY).read_text(encoding="utf-8").splitlines()
    first = lines.index('regency = "Kabupaten Contoh Hulu"') + 1
    result = run_here(root, "--lang", "en", "check")
    assert result.returncode == 1
    expected = (
        f"{REGISTRY}:{first}: error: 'Pemerintah Kabupaten Contoh Hulu' lies in the regency or city 'Kabupaten Contoh Hulu',"
        " but site_config.toml's geography has no 'regency'"
    )
    assert expected in result.stderr
    assert result.stderr.count("but site_config.toml's geography has no 'regency'") == 6  # every institution that names one
    indonesian = run_here(root, "--lang", "id", "check")
    assert (
        f"{REGISTRY}:{first}: kesalahan: 'Pemerintah Kabupaten Contoh Hulu' berada di kabupaten/kota 'Kabupaten Contoh Hulu',"
        " tetapi geography di site_config.toml tidak memuat 'regency'"
    ) in indonesian.stderr


def test_a_regency_must_lie_in_one_province_at_its_line(site: Path, tmp_path: Path) -> None:
    root = sources_of(site, tmp_path / "site")
    police = 'slug = "polres-contoh-hulu"\nkind = "kepolisian"\nprovince = "Contoh Tengah"\n'
    edit_file(root, REGISTRY, police, police.replace('province = "Contoh Tengah"\n', 'province = "Contoh Barat"\n'))
    hospital = 'slug = "rsud-contoh-hulu"\nkind = "lainnya"\nprovince = "Contoh Tengah"\n'
    edit_file(root, REGISTRY, hospital, hospital.replace('province = "Contoh Tengah"\n', ""))
    lines = (root / REGISTRY).read_text(encoding="utf-8").splitlines()
    police_line = lines.index('regency = "Kabupaten Contoh Hulu"', lines.index('slug = "polres-contoh-hulu"')) + 1
    hospital_line = lines.index('regency = "Kabupaten Contoh Hulu"', lines.index('slug = "rsud-contoh-hulu"')) + 1
    result = run_here(root, "--lang", "en", "check")
    assert result.returncode == 1
    assert (
        f"{REGISTRY}:{police_line}: error: 'Kepolisian Resor Contoh Hulu' lies in 'Kabupaten Contoh Hulu' (Contoh Barat),"
        " but 'Pemerintah Kabupaten Contoh Hulu' in 'Kabupaten Contoh Hulu' (Contoh Tengah): one place written two ways"
    ) in result.stderr
    assert (
        f"{REGISTRY}:{hospital_line}: error: 'Rumah Sakit Umum Daerah Contoh Hulu' lies in the regency or city"
        " 'Kabupaten Contoh Hulu', but no province is given"
    ) in result.stderr
    indonesian = run_here(root, "--lang", "id", "check")
    assert f"{REGISTRY}:{hospital_line}: kesalahan: 'Rumah Sakit Umum Daerah Contoh Hulu' berada di kabupaten/kota" in indonesian.stderr


def test_new_registers_an_institution_in_its_regency(site: Path, tmp_path: Path) -> None:
    root = sources_of(site, tmp_path / "site")
    name = "Dinas Contoh Pendidikan Kabupaten Contoh Hulu"
    arguments = ("new", "Rilis Contoh", "--institution", name, "--date", "2024-12-09", "--register")
    result = run_here(root, "--lang", "en", *arguments, "--province", "Contoh Tengah", "--regency", "Kabupaten Contoh Hulu")
    assert result.returncode == 0, result.stderr
    registered = (root / REGISTRY).read_text(encoding="utf-8").split("[[institution]]")[-1]
    assert f'name = "{name}"' in registered
    assert registered.endswith('province = "Contoh Tengah"\nregency = "Kabupaten Contoh Hulu"\n')
    assert run_here(root).returncode == 0
    institution = read_page(root, "/instansi/dinas-contoh-pendidikan-kabupaten-contoh-hulu/")
    assert institution.find("a", href=HULU) is not None  # its page links to its regency


def test_new_refuses_a_regency_without_its_province(site: Path, tmp_path: Path) -> None:
    root = sources_of(site, tmp_path / "site")
    arguments = ("Rilis Contoh", "--institution", "Dinas Contoh Baru", "--register", "--regency", "Kabupaten Contoh Hulu")
    result, indonesian, unchanged = new_in_both_languages(root, *arguments)
    assert result.returncode == 1 and unchanged
    assert "'Dinas Contoh Baru' lies in the regency or city 'Kabupaten Contoh Hulu', but no province is given" in result.stderr
    assert indonesian.returncode == 1 and "berada di kabupaten/kota 'Kabupaten Contoh Hulu'" in indonesian.stderr


def test_the_ways_to_register_an_unknown_institution_name_its_regency_too(site: Path, tmp_path: Path) -> None:
    root = sources_of(site, tmp_path / "site")
    result = run_here(root, "--lang", "en", "new", "Rilis Contoh", "--institution", "Dinas Contoh Baru", "--date", "2024-12-09")
    assert result.returncode == 0, result.stderr
    assert "--register (and --province, --regency)" in result.stderr
    checked = run_here(root, "--lang", "en", "check")
    assert 'name = "Dinas Contoh Baru"  kind = "lainnya"  province = "…"  regency = "…"' in checked.stderr
