"""Checking an uploaded ledger and reading it with python-calamine (.xlsx and .xls)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

import python_calamine
from django.conf import settings
from django.utils.translation import gettext as _

from anjian.units.ledger.cells import to_text
from anjian.units.ledger.columns import Header, find_header

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EXTENSIONS = (".xlsx", ".xls")
HEADER_SCAN_ROWS = 30
MAX_ROWS = 300_000


class LedgerFileError(ValueError):
    """The file as a whole cannot be imported; the message is in Chinese."""


def check_upload(name: str, data: bytes) -> None:
    """Extension, size and content (magic bytes) of an upload; raises LedgerFileError."""
    lower = (name or "").lower()
    if not lower.endswith(EXTENSIONS):
        raise LedgerFileError(_("只能导入Excel文件（.xlsx或.xls），“%(n)s”不是。") % {"n": name})
    limit = settings.ANJIAN_MAX_LEDGER_BYTES
    if len(data) > limit:
        raise LedgerFileError(_("文件过大（%(s).1f MB），最大允许%(m).1f MB。") % {
            "s": len(data) / 2**20, "m": limit / 2**20})
    if not data:
        raise LedgerFileError(_("文件是空的。"))
    if data.startswith(XLS_MAGIC):
        return
    if data.startswith(XLSX_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                unpacked = sum(i.file_size for i in archive.infolist())
        except zipfile.BadZipFile:
            names, unpacked = set(), 0
        if "xl/workbook.xml" in names:
            if unpacked > max(20 * limit, 200 * 2**20):
                raise LedgerFileError(_("文件解压后过大，请拆分后分批导入。"))
            return
    raise LedgerFileError(_("“%(n)s”的内容不是Excel表格（可能只是改了扩展名），"
                            "请用Excel或WPS打开后另存为.xlsx再导入。") % {"n": name})


@dataclass
class LedgerSheet:
    name: str
    header: Header
    first_column: int  # 0-based sheet column of the data's first column
    rows: Iterator[tuple[int, list]]  # (0-based sheet row, cells) after the header


def _numbered_row(cells: list) -> bool:
    """The 栏次 row some forms put under the header: 1, 2, 3 …"""
    values = [c for c in cells if c != ""]
    if len(values) < 3:
        return False
    try:
        numbers = [int(float(to_text(v))) for v in values]
    except ValueError:
        return False
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def open_ledger(data: bytes) -> LedgerSheet:
    """The first visible sheet with a recognisable header; raises LedgerFileError."""
    unreadable = _("无法读取该Excel文件：文件可能已损坏或设置了密码。")
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [m.name for m in workbook.sheets_metadata
                  if m.typ == python_calamine.SheetTypeEnum.WorkSheet
                  and m.visible == python_calamine.SheetVisibleEnum.Visible]
        for name in sheets:
            found = _read_sheet(workbook.get_sheet_by_name(name))
            if found is not None:
                return found
    except LedgerFileError:
        raise
    except (python_calamine.CalamineError, OSError, ValueError, RuntimeError) as exc:
        raise LedgerFileError(unreadable) from exc
    raise LedgerFileError(_("没有找到表头：请确认表格有“单位名称”以及类别、所在村等列名"
                            "（可下载导入模板对照）。"))


def _read_sheet(sheet) -> LedgerSheet | None:
    if sheet.start is None:
        return None
    first_column = sheet.start[1]
    merged = [((r0, c0 - first_column), (r1, c1 - first_column))
              for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
    iterator = sheet.iter_rows()
    head = [row for _i, row in zip(range(HEADER_SCAN_ROWS), iterator, strict=False)]
    header = find_header(head, merged)
    if header is None:
        return None
    if sheet.height > MAX_ROWS:
        raise LedgerFileError(_("行数过多（%(n)d行），每次最多导入%(m)d行，请拆分后导入。") % {
            "n": sheet.height, "m": MAX_ROWS})
    start = header.rows[-1] + 1
    rows = enumerate(chain(head[start:], iterator), start=start)
    return LedgerSheet(sheet.name, header, first_column, _data_rows(rows))


def _data_rows(rows) -> Iterator[tuple[int, list]]:
    checked = 0
    for index, cells in rows:
        if checked < 3:
            checked += 1
            if _numbered_row(cells):
                continue
        yield index, cells
