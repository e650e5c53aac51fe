"""python-docx helpers shared by every Word document (交办单, 一患一档, bulletins, reports): an A4
page, Chinese fonts on every run, form tables and signature lines.

Word and LibreOffice pick the font of Chinese characters from the run's `w:eastAsia` attribute,
which python-docx's `font.name` does not set; `set_font` writes it (and `w:lang` eastAsia zh-CN on
the Normal style), so the documents open in 仿宋/宋体/黑体 on both.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt

BODY_FONT = "仿宋"
TABLE_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(14)  # 四号
TABLE_SIZE = Pt(12)  # 小四
TEXT_WIDTH = Cm(16)  # A4 width less the margins below
BLANK = "—"
SPACE_AFTER = Pt(4)
FORM_WIDTHS = (Cm(3), Cm(5), Cm(3), Cm(5))  # label, value, label, value
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def set_font(run, east_asia: str = BODY_FONT, size=None, bold: bool | None = None) -> None:
    """Latin and East Asian font of one run (w:rFonts ascii/hAnsi and eastAsia)."""
    run.font.name = LATIN_FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold


def new_document(title: str):
    """An empty A4 document with 2.5 cm margins and Chinese fonts on the Normal style."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = BODY_SIZE
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    document.core_properties.title = title
    document.core_properties.author = "安监"
    return document


def clean(text) -> str:
    """Text as XML allows it: no control characters but tab and newline; newlines as \\n."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def write(paragraph, text, *, font: str = BODY_FONT, size=None, bold: bool = False) -> None:
    """Append `text` to a paragraph, one line break per newline."""
    for i, line in enumerate(clean(text).split("\n")):
        run = paragraph.add_run()
        set_font(run, font, size, bold)
        if i:
            run.add_break()
        run.add_text(line)


def paragraph(container, text: str = "", *, font: str = BODY_FONT, size=None, bold: bool = False,
              align=None, first_line_indent: bool = False, space_after=SPACE_AFTER):
    """A new paragraph in a document or a table cell."""
    p = container.add_paragraph()
    if text:
        write(p, text, font=font, size=size, bold=bold)
    if align is not None:
        p.alignment = align
    if first_line_indent:
        p.paragraph_format.first_line_indent = Pt(28)
    p.paragraph_format.space_after = space_after
    return p


def title(document, text: str) -> None:
    paragraph(document, text, font=TABLE_FONT, size=Pt(20), bold=True,
              align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(12))


def heading(document, text: str) -> None:
    p = paragraph(document, text, font=HEADING_FONT, size=Pt(15), space_after=Pt(6))
    p.paragraph_format.space_before = Pt(10)
    p.paragraph_format.keep_with_next = True


def cell_text(cell, text, *, bold: bool = False, align=None) -> None:
    """Replace a cell's text (its first paragraph is reused, so no empty line is left)."""
    p = cell.paragraphs[0]
    for run in list(p.runs):
        run._element.getparent().remove(run._element)
    write(p, BLANK if text in (None, "") else str(text), font=TABLE_FONT, size=TABLE_SIZE,
          bold=bold)
    if align is not None:
        p.alignment = align


def _widths(table, widths) -> None:
    """Column widths on the grid (LibreOffice reads these) and on every cell (Word does)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def form_table(document, rows, widths=FORM_WIDTHS):
    """A label/value form: each row is (label, value) spanning the width or
    (label, value, label, value) side by side."""
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, widths)
    for row, items in zip(table.rows, rows, strict=True):
        cells = row.cells
        if len(items) == 2:
            cells[1].merge(cells[3])
        for j in range(0, len(items), 2):
            cell_text(cells[j], items[j], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            cell_text(cells[j + 1], items[j + 1])
    paragraph(document, space_after=Pt(2))
    return table


def grid_table(document, headers, rows, widths):
    """A table with a header row and one row per item."""
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, widths)
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell_text(cell, header, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell_text(cell, value)
    paragraph(document, space_after=Pt(2))
    return table


def cn_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return f"{value.year}年{value.month}月{value.day}日"


def cn_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{cn_date(local)} {local:%H:%M}"


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def even_widths(columns: int) -> tuple:
    """Equal column widths filling the text width."""
    return tuple(Emu(int(TEXT_WIDTH / columns)) for _ in range(columns))
