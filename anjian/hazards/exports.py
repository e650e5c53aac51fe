"""Writing the hazard ledger (隐患排查治理台账) and the statistics report (隐患排查治理统计分析表) to
.xlsx with XlsxWriter.

The ledger streams: rows come from `values()` through `.iterator(chunk_size=2000)` and XlsxWriter's
constant_memory mode writes each row to a temporary file as soon as the next one starts, so 100,000
hazards export in bounded memory. The statistics take every figure from
`selectors.hazard_statistics`, the one function pages, API and exports share.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import xlsxwriter
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.hazards import selectors
from anjian.hazards.choices import (
    OPEN_STATES,
    CauseClass,
    EscalationStep,
    HazardCategory,
    HazardLevel,
    HazardSource,
    HazardState,
)
from anjian.regions.models import Region
from anjian.units.choices import Category

WORKBOOK_OPTIONS = {"strings_to_numbers": False, "strings_to_formulas": False,
                    "strings_to_urls": False}


@dataclass(frozen=True)
class Column:
    key: str
    header: object  # lazy text
    width: float
    kind: str = "text"  # text, number, money, date, datetime


LEDGER_COLUMNS = (
    Column("seq", gettext_lazy("序号"), 6, "number"),
    Column("number", gettext_lazy("隐患编号"), 15),
    Column("town", gettext_lazy("乡镇"), 12),
    Column("village", gettext_lazy("村（社区）"), 12),
    Column("grid", gettext_lazy("网格"), 14),
    Column("unit__name", gettext_lazy("单位名称"), 24),
    Column("unit__category", gettext_lazy("单位类别"), 12),
    Column("description", gettext_lazy("隐患描述"), 40),
    Column("category", gettext_lazy("隐患类别"), 12),
    Column("level", gettext_lazy("隐患等级"), 10),
    Column("cause_class", gettext_lazy("成因类别"), 14),
    Column("source", gettext_lazy("来源"), 12),
    Column("discovered_at", gettext_lazy("发现时间"), 17, "datetime"),
    Column("discoverer_name", gettext_lazy("发现人"), 10),
    Column("measures", gettext_lazy("整改措施"), 36),
    Column("responsible_person", gettext_lazy("责任人"), 10),
    Column("responsible_phone", gettext_lazy("联系电话"), 14),
    Column("deadline", gettext_lazy("整改期限"), 12, "date"),
    Column("funds", gettext_lazy("整改资金（元）"), 13, "money"),
    Column("state", gettext_lazy("状态"), 9),
    Column("overdue", gettext_lazy("是否逾期"), 9),
    Column("escalation", gettext_lazy("督促级别"), 9),
    Column("supervision_authority", gettext_lazy("挂牌督办单位"), 18),
    Column("closed_at", gettext_lazy("销号时间"), 17, "datetime"),
    Column("acceptance_opinion", gettext_lazy("验收意见"), 30),
)
LEDGER_FIELDS = (
    "number", "region_id", "unit__name", "unit__category", "description", "category", "level",
    "cause_class", "source", "discovered_at", "discoverer_name", "measures", "responsible_person",
    "responsible_phone", "deadline", "funds", "state", "escalation", "supervision_authority",
    "closed_at", "acceptance_opinion",
)
LABELLED = {"unit__category": Category, "category": HazardCategory, "level": HazardLevel,
            "cause_class": CauseClass, "source": HazardSource, "state": HazardState,
            "escalation": EscalationStep}


def _new_workbook(buffer, **options):
    return xlsxwriter.Workbook(buffer, {**WORKBOOK_OPTIONS, **options})


def _local_naive(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value).replace(tzinfo=None)


def _region_columns(hazards: QuerySet) -> dict[int, tuple[str, str, str]]:
    """(town, village, grid) names of every region the hazards lie in, in one query: a hazard's
    region is a grid (level 4), a village (3) or, rarely, the town itself (2)."""
    rows = Region.objects.filter(pk__in=hazards.order_by().values("region_id")).values_list(
        "pk", "level", "name", "parent__level", "parent__name", "parent__parent__level",
        "parent__parent__name")
    result = {}
    for pk, *chain in rows:
        names = {level: name for level, name in zip(chain[::2], chain[1::2], strict=True)
                 if level is not None}
        result[pk] = (names.get(2, ""), names.get(3, ""), names.get(4, ""))
    return result


def _ledger_formats(workbook) -> dict:
    return {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                       "text_wrap": True, "valign": "vcenter",
                                       "align": "center"}),
        "text": workbook.add_format({"num_format": "@", "valign": "top"}),
        "number": workbook.add_format({"valign": "top"}),
        "money": workbook.add_format({"num_format": "#,##0.00", "valign": "top"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"}),
        "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm", "valign": "top"}),
    }


def _write(sheet, row: int, col: int, value, kind: str, formats: dict) -> None:
    if value is None or value == "":
        return
    if kind == "datetime":
        sheet.write_datetime(row, col, _local_naive(value), formats[kind])
    elif kind == "date":
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time.min), formats[kind])
    elif kind in ("number", "money"):
        sheet.write_number(row, col, float(value), formats[kind])
    else:
        sheet.write_string(row, col, str(value), formats["text"])


def ledger_xlsx(hazards: QuerySet, *, today: dt.date | None = None) -> bytes:
    """The hazards (already scoped and filtered) as the 隐患排查治理台账, one row each, in the
    queryset's order: a title row with the export time and the row count, then the header."""
    today = today or timezone.localdate()
    regions = _region_columns(hazards)
    total = hazards.count()
    buffer = io.BytesIO()
    workbook = _new_workbook(buffer, constant_memory=True)
    with translation.override(settings.LANGUAGE_CODE):
        labels = {k: {v: str(lbl) for v, lbl in c.choices} for k, c in LABELLED.items()}
        yes, no = _("是"), _("否")
        formats = _ledger_formats(workbook)
        sheet = workbook.add_worksheet(_("隐患排查治理台账"))
        for j, column in enumerate(LEDGER_COLUMNS):
            sheet.set_column(j, j, column.width)
        sheet.write_string(0, 0, _("隐患排查治理台账（导出时间：%(time)s，共 %(n)s 条）") % {
            "time": f"{timezone.localtime():%Y-%m-%d %H:%M}", "n": total}, formats["title"])
        sheet.set_row(1, 30)
        sheet.write_row(1, 0, [str(c.header) for c in LEDGER_COLUMNS], formats["header"])
        sheet.freeze_panes(2, 2)
        row = 1
        for row, values in enumerate(hazards.values(*LEDGER_FIELDS).iterator(chunk_size=2000),
                                     start=2):
            values["seq"] = row - 1
            values["town"], values["village"], values["grid"] = regions.get(
                values["region_id"], ("", "", ""))
            is_open = values["state"] in OPEN_STATES
            deadline = values["deadline"]
            values["overdue"] = yes if is_open and deadline and deadline < today else no
            for key, lookup in labels.items():
                values[key] = lookup.get(values[key], values[key])
            for j, column in enumerate(LEDGER_COLUMNS):
                _write(sheet, row, j, values[column.key], column.kind, formats)
        sheet.autofilter(1, 0, max(row, 1), len(LEDGER_COLUMNS) - 1)
    workbook.close()
    return buffer.getvalue()


# --- Statistics ----------------------------------------------------------------------------------

STAT_SHEETS = (
    ("region", gettext_lazy("按区划"), gettext_lazy("区划")),
    ("category", gettext_lazy("按隐患类别"), gettext_lazy("隐患类别")),
    ("source", gettext_lazy("按来源"), gettext_lazy("来源")),
    ("level", gettext_lazy("按隐患等级"), gettext_lazy("隐患等级")),
    ("unit_category", gettext_lazy("按单位类别"), gettext_lazy("单位类别")),
)
# (header, Stats attribute, kind)
STAT_COLUMNS = (
    (gettext_lazy("发现"), "found", "count"),
    (gettext_lazy("撤销"), "cancelled", "count"),
    (gettext_lazy("已整改"), "rectified", "count"),
    (gettext_lazy("整改率"), "rectification_rate", "rate"),
    (gettext_lazy("按期整改"), "on_time", "count"),
    (gettext_lazy("按期整改率"), "on_time_rate", "rate"),
    (gettext_lazy("逾期"), "overdue", "count"),
    (gettext_lazy("重大隐患"), "major", "count"),
)


def _stat_formats(workbook) -> dict:
    border = {"border": 1, "valign": "vcenter"}
    return {
        "title": workbook.add_format({"bold": True, "font_size": 16, "align": "center",
                                      "valign": "vcenter"}),
        "subtitle": workbook.add_format({"align": "left"}),
        "header": workbook.add_format({**border, "bold": True, "bg_color": "#DDEBF7",
                                       "align": "center", "text_wrap": True}),
        "label": workbook.add_format(border),
        "count": workbook.add_format({**border, "num_format": "0"}),
        "rate": workbook.add_format({**border, "num_format": "0.0%"}),
        "total_label": workbook.add_format({**border, "bold": True}),
        "total_count": workbook.add_format({**border, "bold": True, "num_format": "0"}),
        "total_rate": workbook.add_format({**border, "bold": True, "num_format": "0.0%"}),
        "note": workbook.add_format({"text_wrap": True, "valign": "top", "font_size": 10}),
        "sign": workbook.add_format({"valign": "vcenter"}),
    }


def _stat_row(sheet, row: int, stats, formats: dict, prefix: str = "") -> None:
    sheet.write_string(row, 0, stats.label, formats[f"{prefix}label"])
    for j, (_header, attr, kind) in enumerate(STAT_COLUMNS, start=1):
        value = getattr(stats, attr)
        if value is None:
            sheet.write_string(row, j, "—", formats[f"{prefix}count"])
        elif kind == "rate":
            sheet.write_number(row, j, value / 100, formats[f"{prefix}rate"])
        else:
            sheet.write_number(row, j, value, formats[f"{prefix}count"])


def _stat_sheet(workbook, formats, *, name: str, group_header: str, rows, total, title: str,
                subtitle: str, due: dt.date | None) -> None:
    sheet = workbook.add_worksheet(name)
    last = len(STAT_COLUMNS)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, last, 11)
    sheet.set_row(0, 30)
    sheet.merge_range(0, 0, 0, last, title, formats["title"])
    sheet.merge_range(1, 0, 1, last, subtitle, formats["subtitle"])
    sheet.write_row(2, 0, [group_header, *(str(h) for h, _a, _k in STAT_COLUMNS)], formats["header"])
    row = 2
    for row, stats in enumerate(rows, start=3):
        _stat_row(sheet, row, stats, formats)
    row += 1
    _stat_row(sheet, row, total, formats, prefix="total_")
    sheet.freeze_panes(3, 1)
    row += 1
    sheet.merge_range(row, 0, row, last, _(
        "注：整改率 = 已整改 ÷（发现 − 撤销）；按期整改率 = 按期整改 ÷ 已整改；逾期为截至制表日"
        "超过整改期限仍未销号的隐患。"), formats["note"])
    sheet.set_row(row, 30)
    row += 2
    sheet.merge_range(row, 0, row, last, _(
        "主要负责人（签字）：______________　　填表人：__________　　"
        "填报日期：______年____月____日"), formats["sign"])
    sheet.set_row(row, 24)
    if due is not None:
        row += 1
        sheet.merge_range(row, 0, row, last, _(
            "报送期限：%(due)s前（《安全生产事故隐患排查治理暂行规定》第十四条：季度统计分析表于下一"
            "季度15日前、年度统计分析表于次年1月31日前报送，并由主要负责人签字）。") % {
            "due": f"{due.year}年{due.month}月{due.day}日"}, formats["note"])
        sheet.set_row(row, 30)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)


def statistics_xlsx(hazards: QuerySet, *, title: str, period_label: str,
                    within: Region | None = None, due: dt.date | None = None,
                    today: dt.date | None = None) -> bytes:
    """The 隐患排查治理统计分析表 of the hazards given (already scoped and limited to the period):
    one sheet per grouping, each with a 合计 row, the principal's signature line and the due
    date. By region, figures roll up to the children of `within`."""
    today = today or timezone.localdate()
    buffer = io.BytesIO()
    workbook = _new_workbook(buffer, in_memory=True)
    with translation.override(settings.LANGUAGE_CODE):
        formats = _stat_formats(workbook)
        total = selectors.hazard_statistics(hazards, today=today)[0]
        subtitle = _("统计期间：%(period)s　　填报单位：%(office)s　　制表日期：%(today)s") % {
            "period": period_label, "office": within.name if within else "",
            "today": f"{today:%Y-%m-%d}"}
        for by, name, header in STAT_SHEETS:
            rows = selectors.hazard_statistics(hazards, by=by, within=within, today=today)
            _stat_sheet(workbook, formats, name=str(name), group_header=str(header), rows=rows,
                        total=total, title=title, subtitle=subtitle, due=due)
    workbook.close()
    return buffer.getvalue()
