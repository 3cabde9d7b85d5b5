"""data/awards.xlsx: the awards table as an Excel workbook with typed cells, the same bytes for the same data.

Input: each institution's reference with its awards and the site's levels of place, the `Urls` and the recording
view of the configuration (its language and title). Output: the workbook's bytes. The first sheet holds the rows of
`opendata.columns`: years as whole numbers, scores as numbers shown with the decimals they were published with
(91,20 keeps two), dates as dates, the comparability as true/false; the second describes each column. openpyxl
stamps the clock into docProps/core.xml and into every zip entry: both are replaced by the newest award's date,
so two builds of the same data give identical bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .opendata import award_rows, columns, decimals, describe, words_of
from .routes import Urls

if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

DATE_FORMAT = "yyyy-mm-dd"
EARLIEST = dt.date(1980, 1, 1)  # a zip entry cannot be older
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def awards_xlsx(values: Mapping[str, Any], urls: Urls, config: Any) -> bytes:
    from openpyxl import Workbook  # here, not on top: a tenth of a second of every start of the command otherwise
    from openpyxl.styles import Font

    words = words_of(config)
    rows, shown = list(award_rows(values["histories"], urls, values["levels"])), columns(values["levels"])
    workbook = Workbook(write_only=True)
    workbook.properties.title = config.title
    workbook.properties.creator = config.title
    data_sheet, columns_sheet = (workbook.create_sheet(title) for title in (words["data_sheet_results"], words["data_sheet_columns"]))
    data_sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    data_sheet.append([_cell(data_sheet, column.name, bold) for column in shown])
    for row in rows:
        data_sheet.append([_typed(data_sheet, value) for value in row])
    columns_sheet.append([_cell(columns_sheet, words[key], bold) for key in ("data_column", "data_type", "data_meaning")])
    for column in shown:
        columns_sheet.append([column.name, words["type_" + column.type], describe(column, words)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    date = next(index for index, column in enumerate(shown) if column.name == "date")
    newest = max((row[date] for row in rows), default=EARLIEST)
    return _stamped(buffer.getvalue(), max(newest, EARLIEST))


def _cell(sheet: Any, value: object, font: Font | None = None) -> WriteOnlyCell:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    return cell


def _typed(sheet: Any, value: object) -> object:
    """A score keeps its published decimals as the cell's number format; a date is shown as a date."""
    if isinstance(value, Decimal):
        cell = _cell(sheet, value)
        places = decimals(value) or 0
        cell.number_format = "0." + "0" * places if places else "0"
        return cell
    if isinstance(value, dt.date):
        cell = _cell(sheet, value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def _stamped(data: bytes, day: dt.date) -> bytes:
    """The workbook with every timestamp (core properties, zip entries) set to `day`, entries in a fixed order."""
    stamp = f"{day.isoformat()}T00:00:00Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _STAMP.sub(lambda match: match.group(1) + stamp + match.group(2), content)
            entry = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, content)
    return out.getvalue()
