"""The open data as a re-user meets it: the CSV in an Indonesian spreadsheet, the workbook, the Data Package,
the data page in both languages, and scores across a change of method marked as not directly comparable.

The files are read back with the tools a re-user would use: Python's csv module, openpyxl, and the
`frictionless` library that checks a Data Package against its own Table Schemas.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import openpyxl
from frictionless import Package, validate
from sitetools import read_page, run_here

from arsip.site.opendata import columns

COLUMNS = columns(("province",))  # the sample site's: its geography is ["province"]

BOM = b"\xef\xbb\xbf"


def data_dir(root: Path) -> Path:
    return root / "output" / "data"


def csv_rows(root: Path) -> list[list[str]]:
    text = (data_dir(root) / "awards.csv").read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def csv_records(root: Path) -> list[dict[str, str]]:
    header, *rows = csv_rows(root)
    return [dict(zip(header, row, strict=True)) for row in rows]


def row_of(records: list[dict[str, str]], slug: str, year: int) -> dict[str, str]:
    return next(record for record in records if record["slug"] == slug and record["year"] == str(year))


def test_csv_opens_in_an_indonesian_spreadsheet_with_the_published_decimals(sample_site: Path) -> None:
    data = (data_dir(sample_site) / "awards.csv").read_bytes()
    assert data.startswith(BOM)  # Excel reads UTF-8 (Kantor Pertanahan, Pemerintah Aceh's names) only behind a BOM
    header, *rows = csv_rows(sample_site)
    assert header == [column.name for column in COLUMNS]
    assert rows and all(len(row) == len(header) for row in rows)  # semicolons: one cell per column, not one column
    records = csv_records(sample_site)
    # Exactly as the releases published them: trailing zeros kept, one decimal stays one, a dot becomes a comma.
    assert row_of(records, "kota-banjarbaru", 2023)["score"] == "92,00"
    assert row_of(records, "kantah-hulu-sungai-utara", 2021)["score"] == "87,50"
    assert row_of(records, "kota-tanjungbalai", 2022)["score"] == "50,2"
    assert row_of(records, "kota-tebing-tinggi", 2022)["score"] == "88,6"
    assert row_of(records, "kota-jambi", 2024)["score"] == "93,68"
    assert row_of(records, "provinsi-kalimantan-timur", 2023)["score"] == ""  # no score published, none invented
    assert "." not in "".join(record["score"] for record in records)


def test_the_workbook_has_typed_cells_and_matches_the_csv_row_for_row(sample_site: Path) -> None:
    workbook = openpyxl.load_workbook(data_dir(sample_site) / "awards.xlsx")
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows())
    header, *body = csv_rows(sample_site)
    assert [cell.value for cell in rows[0]] == header
    assert len(rows) - 1 == len(body)
    columns = {name: index for index, name in enumerate(header)}
    for cells, expected in zip(rows[1:], body, strict=True):
        shown = [_as_csv(cell) for cell in cells] + [""] * (len(header) - len(cells))
        assert shown == expected
        assert isinstance(cells[columns["year"]].value, int)
        assert isinstance(cells[columns["date"]].value, dt.datetime) and cells[columns["date"]].is_date
        score = cells[columns["score"]]
        assert score.value is None or isinstance(score.value, int | float)
    banjarbaru = next(cells for cells in rows if cells[columns["slug"]].value == "kota-banjarbaru" and cells[0].value == 2023)
    assert banjarbaru[columns["score"]].value == 92 and banjarbaru[columns["score"]].number_format == "0.00"  # shown as 92,00
    assert banjarbaru[columns["comparable_with_previous"]].value is True
    described = [row[0] for row in workbook.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert described == header  # the second sheet says what each column means


def _as_csv(cell: openpyxl.cell.Cell) -> str:
    """A typed cell written as the CSV writes it: a number with its format's decimals and a comma, a date as ISO."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float | int) and cell.number_format.startswith("0"):
        places = len(cell.number_format.partition(".")[2])
        return f"{value:.{places}f}".replace(".", ",")
    return str(value)


def test_the_workbook_carries_no_clock_time(sample_site: Path) -> None:
    """Two builds of the same data give the same bytes: every timestamp inside is the newest result's date."""
    newest = max(record["date"] for record in csv_records(sample_site))
    year, month, day = (int(part) for part in newest.split("-"))
    with zipfile.ZipFile(data_dir(sample_site) / "awards.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(year, month, day, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert core.count(f">{newest}T00:00:00Z<") == 2  # created and modified


def test_the_data_package_validates_and_describes_every_file(sample_site: Path) -> None:
    folder = data_dir(sample_site)
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    awards = len(csv_records(sample_site))
    data = json.loads((folder / "awards.json").read_text(encoding="utf-8"))
    assert rows == {
        "awards-csv": awards,
        "awards-xlsx": awards,
        "institutions-json": len(data["institutions"]),
        "releases-json": len(data["releases"]),
    }
    package = Package(str(folder / "datapackage.json"))
    assert {resource.path for resource in package.resources} == {"awards.csv", "awards.xlsx", "awards.json"}
    assert all(resource.schema.fields for resource in package.resources)
    assert [(item["name"], item["path"]) for item in package.licenses] == [
        ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/")
    ]  # as site_config.toml's [open_data] says
    assert package.sources and package.sources[0]["title"] == "Ombudsman Republik Indonesia"
    score = package.get_resource("awards-csv").schema.get_field("score")
    assert score.description.startswith("Nilai kepatuhan")  # the site's language


def test_scores_across_the_2022_change_of_method_are_marked_not_comparable(sample_site: Path) -> None:
    """Kota Banjarbaru: 85,74 in 2021 (zones), 84,74 in 2022 and 92,00 in 2023 (quality categories)."""
    records = csv_records(sample_site)
    assert [row_of(records, "kota-banjarbaru", year)["comparable_with_previous"] for year in (2021, 2022, 2023)] == ["", "false", "true"]
    assert row_of(records, "kota-banjarbaru", 2021)["rubric_period"] == "Penilaian Kepatuhan 2021"
    assert row_of(records, "kota-banjarbaru", 2022)["rubric_period"] == "Penilaian Kepatuhan 2022-2024"
    data = json.loads((data_dir(sample_site) / "awards.json").read_text(encoding="utf-8"))
    awards = next(i for i in data["institutions"] if i["slug"] == "kota-banjarbaru")["awards"]
    assert [(a["year"], a["comparable"]) for a in awards] == [(2021, None), (2022, False), (2023, True)]

    page = read_page(sample_site, "/instansi/kota-banjarbaru/")
    history = [row.get_text(" ", strip=True) for row in page.select("section[aria-labelledby='riwayat'] tbody tr")]
    assert [text[:4] for text in history] == ["2023", "2022", "Meto", "2021"]
    assert "tidak dapat dibandingkan langsung" in history[2]
    chart = page.select_one("figure.chart svg")
    assert len(chart.select("line.method-break")) == 1 and "Metode baru 2022" in chart.get_text(" ")
    assert len(chart.select("line.line")) == 1  # 2022-2023 joined; 2021 stands alone
    change = page.find("dt", string=lambda text: text and text.startswith("Perubahan sejak 2021")).find_next("dd")
    assert "melintasi perubahan metode" in change.get_text()

    same_method = read_page(sample_site, "/instansi/kabupaten-hulu-sungai-selatan/")
    assert not same_method.select(".method-break")
    assert "tidak dapat dibandingkan" in read_page(sample_site, "/penilaian/2022/").select_one("p.not-comparable").get_text()
    assert read_page(sample_site, "/penilaian/2023/").select_one("p.not-comparable") is None


def test_the_data_page_describes_every_column_and_names_the_licence(sample_site: Path) -> None:
    page = read_page(sample_site, "/data/")
    assert page.h1.get_text(strip=True) == "Data terbuka"
    rows = page.select("section[aria-labelledby='kolom'] tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == csv_rows(sample_site)[0]
    assert all(row.select("td")[1].get_text(strip=True) for row in rows)
    licence = page.select_one("a[rel=license]")
    assert licence["href"] == "https://creativecommons.org/licenses/by/4.0/"
    links = {a["href"] for a in page.select("section[aria-labelledby='berkas'] a")}
    assert links == {"/data/awards.csv", "/data/awards.xlsx", "/data/awards.json", "/data/datapackage.json"}


def test_the_english_site_describes_the_same_columns_in_english(mini_site) -> None:
    release = "---\ntitle: A\ndate: 2024-12-03\ninstitution: Pemkot Jambi\nyear: 2024\nscore: 93,60\n---\nIsi.\n"
    root = mini_site({"content/a.md": release})
    config = root / "site_config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('language = "id"', 'language = "en"'), encoding="utf-8")
    assert run_here(root).returncode == 0
    page = read_page(root, "/data/")
    assert page.h1.get_text(strip=True) == "Open data"
    meaning = {row.th.get_text(strip=True): row.select("td")[1].get_text(strip=True) for row in page.select("tbody tr")}
    assert list(meaning) == [column.name for column in COLUMNS]
    assert meaning["score"].startswith("The compliance score")
    assert csv_records(root)[0]["score"] == "93,60"  # the data are the same whatever the interface's language
    package = json.loads((data_dir(root) / "datapackage.json").read_text(encoding="utf-8"))
    assert package["resources"][0]["schema"]["fields"][5]["description"] == meaning["score"]
