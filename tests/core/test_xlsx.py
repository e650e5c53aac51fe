"""The shared one-sheet ledger writer, read back with openpyxl."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
from django.utils import timezone

from anjian.core.xlsx import Column, table_xlsx


def test_a_table_reads_back_with_title_headers_and_typed_cells():
    when = timezone.make_aware(dt.datetime(2026, 3, 1, 9, 30))
    data = table_xlsx("值班日志", [Column("时间", kind="datetime"), Column("内容", 30),
                                   Column("金额", kind="number"), Column("零报告")],
                      [(when, "=1+1", Decimal("12.50"), True), (None, "来电", 3, False)])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.title == "值班日志" and sheet["A1"].value == "值班日志"
    assert [c.value for c in sheet[2]] == ["时间", "内容", "金额", "零报告"]
    assert sheet["A3"].value == dt.datetime(2026, 3, 1, 9, 30)  # local time, as offices read it
    assert sheet["B3"].value == "=1+1" and sheet["B3"].data_type == "s"  # text, never a formula
    assert sheet["C3"].value == 12.5 and sheet["D3"].value == "是"
    assert sheet["A4"].value is None and sheet["D4"].value == "否"
