"""The open data as tables: data/awards.csv and data/datapackage.json (data/awards.xlsx is made by `workbook`).

Input: each institution's reference with its awards (not its releases: a release's title or tags change no
table) and the site's levels of place (`levels`: a column each, none for a national programme), the `Urls`, and the
recording view of the configuration (its language, title, description, base_url, `open_data` licence and sources
are read through it, so they are recorded). Output: bytes. One row per award, in the columns of `columns(levels)`
(those of `COLUMNS` the site has); the CSV is written for a spreadsheet set to Indonesian (UTF-8 with a byte-order
mark, semicolons between cells, a decimal comma) and keeps each score's published precision (91,20 stays
91,20); the Data Package describes every file with a Table Schema, the licence and the sources.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..render.strings import site_strings
from ..source.registry import make_slug
from .routes import Urls

CSV_FILE, XLSX_FILE, JSON_FILE = "awards.csv", "awards.xlsx", "awards.json"
DELIMITER = ";"
DECIMAL = ","
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list for CSV injection


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the awards table: its name, its Table Schema type and constraints."""

    name: str
    type: str
    constraints: tuple[tuple[str, Any], ...] = ()


COLUMNS = (
    Column("year", "integer", (("required", True),)),
    Column("institution", "string", (("required", True),)),
    Column("slug", "string", (("required", True),)),
    Column("kind", "string", (("enum", "kinds"),)),  # the programme's kinds and grades: `table_schema` names them
    Column("province", "string"),  # a level of place: only when the site has it (`columns`)
    Column("regency", "string"),
    Column("score", "number", (("minimum", 0),)),
    Column("zone", "string", (("enum", "grades"),)),
    Column("category", "string"),
    Column("rank", "string"),
    Column("rubric_period", "string"),
    Column("comparable_with_previous", "boolean"),
    Column("date", "date"),
    Column("release_url", "string", (("required", True),)),  # never empty: the workbook's rows keep their width
)


LEVELS = ("province", "regency")  # the columns that are levels of place (`geography`)


def columns(levels: tuple[str, ...]) -> tuple[Column, ...]:
    """The columns of a site whose levels of place are `levels`: no always-empty column of a level it does not have."""
    return tuple(column for column in COLUMNS if column.name not in LEVELS or column.name in levels)


def award_rows(histories: Iterable[tuple[Any, tuple[Any, ...]]], urls: Urls, levels: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    """Each award of each (institution reference, awards) pair as typed values in the order of `columns(levels)` (None
    where nothing was published)."""
    places = tuple(level in levels for level in LEVELS)
    for ref, awards in histories:
        where = tuple(place for place, shown in zip((ref.province, ref.regency), places, strict=True) if shown)
        for award in awards:
            yield (
                award.year,
                ref.name,
                ref.slug,
                ref.kind,
                *where,
                award.score,
                award.zone,
                award.category,
                award.rank,
                award.period.label if award.period else None,
                award.comparable,
                award.date,
                urls.path("release", award.release),
            )


def decimals(score: Decimal | None) -> int | None:
    """How many decimals a score was published with (91,20: 2; 92,5: 1; 74: 0)."""
    if score is None:
        return None
    exponent = score.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def csv_cell(value: object) -> str:
    """A CSV cell as published (a score with its own decimals and a decimal comma) that a spreadsheet will not run
    as a formula (nor one behind a leading TAB or carriage return)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", DECIMAL)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def awards_csv(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(column.name for column in columns(values["levels"]))
    for row in award_rows(values["histories"], urls, values["levels"]):
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def words_of(config: Any) -> dict[str, str]:
    """The site's words in its language (the theme's under its own `[strings]`), read through the recording view."""
    return site_strings(config.language, config.programme.strings)


def describe(column: Column, words: Mapping[str, str]) -> str:
    return words["col_" + column.name]


def _constraint(value: Any, programme: Any) -> Any:
    if value in ("kinds", "grades"):
        return [item.name for item in getattr(programme, value)]
    return value


def table_schema(words: Mapping[str, str], programme: Any, levels: tuple[str, ...], *, decimal_comma: bool) -> dict[str, Any]:
    """The Table Schema of the awards table; the CSV writes scores with a decimal comma, the workbook as numbers."""
    fields = []
    for column in columns(levels):
        item: dict[str, Any] = {"name": column.name, "type": column.type, "description": describe(column, words)}
        if column.type == "date":
            item["format"] = "default"
        if column.type == "number" and decimal_comma:
            item["decimalChar"] = DECIMAL
        constraints = {key: _constraint(value, programme) for key, value in column.constraints}
        if constraints and constraints.get("enum") != []:  # a programme without grades: any zone is none
            item["constraints"] = constraints
        fields.append(item)
    return {"fields": fields, "missingValues": [""], "primaryKey": ["slug", "year"]}


INSTITUTION_FIELDS = (
    ("slug", "string"),
    ("name", "string"),
    ("kind", "string"),
    ("province", "string"),
    ("regency", "string"),
    ("url", "string"),
    ("awards", "array"),
)
RELEASE_FIELDS = (
    ("slug", "string"),
    ("title", "string"),
    ("date", "date"),
    ("url", "string"),
    ("institution", "string"),
    ("year", "integer"),
    ("score", "number"),
    ("zone", "string"),
    ("source", "string"),
)


def institution_fields(levels: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The fields of an institution in awards.json: a level of place only when the site has it."""
    return tuple(item for item in INSTITUTION_FIELDS if item[0] not in LEVELS or item[0] in levels)


def _json_resource(name: str, key: str, fields: tuple[tuple[str, str], ...], description: str) -> dict[str, Any]:
    keys = [field for field, _ in fields]
    return {
        "name": name,
        "type": "table",
        "path": JSON_FILE,
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
        "description": description,
        # Data Package v2 names the array and its items' keys; frictionless 5 reads its own "json" control.
        "dialect": {"property": key, "itemType": "object", "itemKeys": keys, "json": {"property": key, "keyed": True, "keys": keys}},
        "schema": {"fields": [{"name": field, "type": kind} for field, kind in fields], "missingValues": [""], "primaryKey": ["slug"]},
    }


def datapackage(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    """data/datapackage.json: the files of data/ with a Table Schema each, the licence and the sources."""
    words, data, levels = words_of(config), config.programme.open_data, values["levels"]
    package: dict[str, Any] = {
        "name": make_slug(config.title) or "arsip",
        "title": config.title,
        "description": config.description,
        "homepage": urls.absolute(urls.path("open_data")),
    }
    if data.license:
        license_ = {"name": data.license} | ({"title": data.license_title} if data.license_title else {})
        package["licenses"] = [license_ | ({"path": data.license_url} if data.license_url else {})]
    if data.sources:
        package["sources"] = [{"title": source.title, "path": source.path} for source in data.sources]
    package["resources"] = [
        {
            "name": "awards-csv",
            "path": CSV_FILE,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "description": words["data_file_csv"],
            "dialect": {"delimiter": DELIMITER, "header": True},
            "schema": table_schema(words, config.programme, levels, decimal_comma=True),
        },
        {
            "name": "awards-xlsx",
            "path": XLSX_FILE,
            "format": "xlsx",
            "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "description": words["data_file_xlsx"],
            "schema": table_schema(words, config.programme, levels, decimal_comma=False),
        },
        _json_resource("institutions-json", "institutions", institution_fields(levels), words["data_file_json"]),
        _json_resource("releases-json", "releases", RELEASE_FIELDS, words["data_file_json"]),
    ]
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
