"""A ledger as one .xlsx sheet: a title row, a header row, one row per object (XlsxWriter).

For the simple ledgers (daily reports, duty, emergency, accidents …): an app describes its columns
and hands over rows of plain values; dates and times become real Excel dates, text stays text (no
formulas or URLs are interpreted, so a cell starting with "=" is inert).
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import xlsxwriter
from django.utils import timezone

FORMATS = {"text": "@", "int": "0", "number": "0.00", "date": "yyyy-mm-dd",
           "datetime": "yyyy-mm-dd hh:mm", "percent": "0.0%"}


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 14
    kind: str = "text"  # a key of FORMATS


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def table_xlsx(title: str, columns: Sequence[Column], rows: Iterable[Sequence],
               sheet_name: str | None = None) -> bytes:
    """`title` in row 1 across the columns, headers in row 2, then `rows` (values in column order)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                            "strings_to_formulas": False, "strings_to_urls": False})
    sheet = workbook.add_worksheet((sheet_name or title)[:31])
    title_format = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
    header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                  "text_wrap": True, "valign": "vcenter", "align": "center"})
    formats = [workbook.add_format({"num_format": FORMATS[c.kind]}) for c in columns]
    for j, column in enumerate(columns):
        sheet.set_column(j, j, column.width, formats[j])
    if len(columns) > 1:
        sheet.merge_range(0, 0, 0, len(columns) - 1, title, title_format)
    else:
        sheet.write(0, 0, title, title_format)
    sheet.set_row(1, 30)
    sheet.write_row(1, 0, [c.header for c in columns], header)
    sheet.freeze_panes(2, 0)
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(row):
            value = _cell(value)
            if isinstance(value, dt.datetime | dt.date):
                sheet.write_datetime(i, j, value, formats[j])
            else:
                sheet.write(i, j, value, formats[j])
    workbook.close()
    return buffer.getvalue()
