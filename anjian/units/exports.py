"""Writing unit ledgers (监管对象台账) to .xlsx with XlsxWriter, in the column format the importer
reads back, so export → import changes nothing; and the blank template offices fill in."""

from __future__ import annotations

import io
from collections.abc import Iterable

import xlsxwriter
from django.utils import translation
from django.utils.translation import gettext as _

from anjian.units.choices import (
    SUBCATEGORIES,
    Category,
    IndustrySection,
    RiskLevel,
    StandardisationGrade,
    Subcategory,
)
from anjian.units.ledger.columns import COLUMNS
from anjian.units.models import Unit

TEXT_KEYS = {"credit_code", "principal_phone", "safety_officer_phone", "industry_code"}
NUMBER_FORMATS = {"longitude": "0.000000", "latitude": "0.000000", "floor_area": "0.00",
                  "employees": "0"}
LABELLED = {"category": Category, "subcategory": Subcategory, "risk_level": RiskLevel,
            "standardisation_grade": StandardisationGrade, "industry_section": IndustrySection}


def _formats(workbook) -> dict:
    return {
        "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                       "text_wrap": True, "valign": "vcenter", "align": "center"}),
        "text": workbook.add_format({"num_format": "@"}),
        **{k: workbook.add_format({"num_format": f}) for k, f in NUMBER_FORMATS.items()},
    }


def _sheet(workbook, formats, title: str):
    sheet = workbook.add_worksheet(title)
    for j, column in enumerate(COLUMNS):
        fmt = formats["text"] if column.key in TEXT_KEYS else formats.get(column.key)
        sheet.set_column(j, j, column.width, fmt)
    sheet.set_row(0, 30)
    sheet.write_row(0, 0, [c.header for c in COLUMNS], formats["header"])
    sheet.freeze_panes(1, 2)
    return sheet


def _row(seq: int, unit: Unit, labels: dict) -> list:
    region = unit.region
    village, grid = (region.parent, region) if region.level == 4 else (region, None)
    values = {
        "seq": seq, "village": village.name if village else "", "grid": grid.name if grid else "",
        "linked_leader": unit.linked_leader.name if unit.linked_leader_id else "",
        "above_designated_size": "是" if unit.above_designated_size else "否",
    }
    for key, choices in labels.items():
        value = getattr(unit, key)
        values[key] = choices.get(value, value) if value else ""
    row = []
    for column in COLUMNS:
        value = values[column.key] if column.key in values else getattr(unit, column.key)
        row.append("" if value is None else value)
    return row


def ledger_export(units: Iterable[Unit]) -> bytes:
    """The units as a ledger .xlsx (header in row 1, one unit per row)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                            "strings_to_formulas": False, "strings_to_urls": False})
    with translation.override("zh-hans"):
        labels = {k: {v: str(label) for v, label in c.choices} for k, c in LABELLED.items()}
        formats = _formats(workbook)
        sheet = _sheet(workbook, formats, str(_("监管对象台账")))
        if hasattr(units, "select_related"):
            units = units.select_related("region", "region__parent", "linked_leader").iterator(
                chunk_size=2000)
        last = 0
        for last, unit in enumerate(units, start=1):
            for j, value in enumerate(_row(last, unit, labels)):
                if isinstance(value, str):
                    sheet.write_string(last, j, value)
                elif isinstance(value, bool):
                    sheet.write_string(last, j, "是" if value else "否")
                else:
                    sheet.write_number(last, j, float(value))
        if last:
            sheet.autofilter(0, 0, last, len(COLUMNS) - 1)
    workbook.close()
    return buffer.getvalue()


def ledger_template() -> bytes:
    """A blank ledger: the header row, drop-down lists for the coded columns, and a sheet that
    explains each column and lists the allowed values."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    with translation.override("zh-hans"):
        formats = _formats(workbook)
        sheet = _sheet(workbook, formats, str(_("监管对象台账")))
        options = workbook.add_worksheet(str(_("可选值")))
        lists = {
            "category": [str(label) for _v, label in Category.choices],
            "subcategory": [str(Subcategory(s).label) for subs in SUBCATEGORIES.values() for s in subs],
            "risk_level": [str(label) for _v, label in RiskLevel.choices],
            "standardisation_grade": [str(label) for _v, label in StandardisationGrade.choices],
            "industry_section": [str(label) for _v, label in IndustrySection.choices],
            "above_designated_size": ["是", "否"],
        }
        for j, (key, values) in enumerate(lists.items()):
            header = next(c.header for c in COLUMNS if c.key == key)
            options.write(0, j, header, formats["header"])
            options.write_column(1, j, values)
            options.set_column(j, j, 22)
            col = next(i for i, c in enumerate(COLUMNS) if c.key == key)
            letter = xlsxwriter.utility.xl_col_to_name(j)
            sheet.data_validation(1, col, 5000, col, {
                "validate": "list", "source": f"='{options.name}'!${letter}$2:${letter}${len(values) + 1}",
                "error_type": "warning", "error_message": str(_("请从下拉列表中选择")),
            })
        notes = workbook.add_worksheet(str(_("填写说明")))
        notes.set_column(0, 0, 22)
        notes.set_column(1, 1, 90)
        notes.write_row(0, 0, [str(_("列")), str(_("说明"))], formats["header"])
        for i, (header, text) in enumerate(_guide(), start=1):
            notes.write_row(i, 0, [header, text])
    workbook.close()
    return buffer.getvalue()


def _guide() -> list[tuple[str, str]]:
    return [
        (_("单位名称"), _("必填。也认“名称”“企业名称”“场所名称”等列名。")),
        (_("统一社会信用代码"), _("18位，校验位按GB 32100检查；没有的填“无”或留空。"
                              "已登记的对象按信用代码匹配，没有信用代码时按名称+地址匹配。")),
        (_("类别 / 子类"), _("按“可选值”表填写中文名称，如“九小场所”“小餐馆”；只填子类也可以。")),
        (_("所在村（社区） / 网格"), _("村（社区）填名称或区划代码，必填；网格可不填。只能导入到您管辖的村（社区）。")),
        (_("负责人电话 / 安全管理员电话"), _("手机11位或座机如0398-1234567；多个号码用顿号或逗号隔开。")),
        (_("从业人数 / 建筑面积 / 经纬度"), _("填数字，如“12”“12人”“1,200”都可以。")),
        (_("规模以上"), _("填“是/否”，也可以填√、Y/N。")),
        (_("其他"), _("表格上方可以有标题行和“填报单位：… 日期：…”行；表头可以占两行；列的顺序不限。"
                    "上传后先预览，全部无误才能导入；同一文件重复导入不会产生变化。")),
    ]


def ledger_problems(preview) -> bytes:
    """Every problem a preview found, one per line (row, unit name, column, message), for the
    clerk to work through in Excel."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": True})
    with translation.override("zh-hans"):
        formats = _formats(workbook)
        sheet = workbook.add_worksheet(str(_("问题清单")))
        for j, (title, width) in enumerate(((_("行号"), 8), (_("单位名称"), 28), (_("列"), 22),
                                            (_("问题"), 70))):
            sheet.set_column(j, j, width)
            sheet.write(0, j, str(title), formats["header"])
        line = 0
        for message in preview.file_errors:
            line += 1
            sheet.write_row(line, 0, ["", "", "", str(message)])
        for row in preview.error_rows:
            for label, message in row.messages:
                line += 1
                sheet.write_number(line, 0, row.row)
                sheet.write_row(line, 1, [str(row.name), str(label), str(message)])
        sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()
