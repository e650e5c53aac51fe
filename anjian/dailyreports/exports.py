"""Downloads of daily reporting: the filtered list and compliance as Excel (core.xlsx), the town's
summary of a day as Excel and Word (core.word)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from docx.shared import Cm

from anjian.core import word
from anjian.core.xlsx import Column, table_xlsx
from anjian.dailyreports.selectors import ComplianceRow, Reporter, TownSummary
from anjian.regions.models import Region


def _kind(reporter_is_village: bool) -> str:
    return _("村（社区）") if reporter_is_village else _("机关站所")


def report_list_xlsx(reports) -> bytes:
    columns = [Column(_("报告日期"), 12, "date"), Column(_("报告单位"), 24),
               Column(_("类型"), 10), Column(_("开展检查（次）"), 10, "int"),
               Column(_("发现隐患（条）"), 10, "int"), Column(_("突发事件/事故情况"), 36),
               Column(_("采取的措施"), 36), Column(_("零报告"), 8), Column(_("迟报"), 8),
               Column(_("填报人"), 12), Column(_("报送时间"), 17, "datetime"),
               Column(_("更正次数"), 8, "int"), Column(_("备注"), 24)]
    rows = ([r.date, r.reporter_name, _kind(r.organisation_id is None), r.inspections_count,
             r.hazards_count, r.events, r.measures, r.is_zero, r.is_late, r.submitter_name,
             r.submitted_at, r.corrections, r.note] for r in reports.iterator(chunk_size=2000))
    return table_xlsx(_("日报告台账"), columns, rows)


def compliance_xlsx(town: Region, start: dt.date, end: dt.date, rows: list[ComplianceRow]) -> bytes:
    columns = [Column(_("报告单位"), 26), Column(_("类型"), 10), Column(_("联系人"), 10),
               Column(_("联系电话"), 15), Column(_("应报天数"), 9, "int"),
               Column(_("已报"), 8, "int"), Column(_("按时"), 8, "int"), Column(_("迟报"), 8, "int"),
               Column(_("未报"), 8, "int"), Column(_("零报告"), 8, "int"),
               Column(_("报送率"), 9, "percent"), Column(_("按时率"), 9, "percent")]
    title = _("%(town)s日报告报送情况（%(start)s至%(end)s）") % {
        "town": town.name, "start": f"{start:%Y-%m-%d}", "end": f"{end:%Y-%m-%d}"}
    data = ([r.reporter.name, _kind(r.reporter.is_village), r.reporter.contact, r.reporter.phone,
             r.due, r.filed, r.on_time, r.late, r.missing, r.zero, r.rate, r.on_time_rate]
            for r in rows)
    return table_xlsx(title, columns, data, sheet_name=_("报送率"))


def _summary_title(s: TownSummary) -> str:
    return _("%(town)s安全生产日报汇总（%(day)s）") % {"town": s.town.name,
                                                 "day": word.cn_date(s.day)}


def _missing_text(missing: list[Reporter]) -> str:
    return "、".join(r.name for r in missing) or _("无")


def summary_xlsx(s: TownSummary) -> bytes:
    columns = [Column(_("报告单位"), 24), Column(_("类型"), 10), Column(_("报送情况"), 10),
               Column(_("开展检查（次）"), 10, "int"), Column(_("发现隐患（条）"), 10, "int"),
               Column(_("突发事件/事故情况"), 36), Column(_("采取的措施"), 36),
               Column(_("报送时间"), 17, "datetime"), Column(_("联系人"), 10),
               Column(_("联系电话"), 15)]
    rows = []
    for row in s.rows:
        r, rep = row.report, row.reporter
        if r is None:
            state = _("未报")
        else:
            state = _("零报告") if r.is_zero else _("已报")
            state += _("（迟报）") if r.is_late else ""
        rows.append([rep.name, _kind(rep.is_village), state,
                     r.inspections_count if r else None, r.hazards_count if r else None,
                     r.events if r else "", r.measures if r else "",
                     r.submitted_at if r else None, rep.contact, rep.phone])
    t = s.totals
    rows.append([_("合计"), "", _("已报 %(f)s / 应报 %(n)s") % {"f": t["filed"], "n": t["reporters"]},
                 t["inspections"], t["hazards"], "", "", None, "", ""])
    return table_xlsx(_summary_title(s), columns, rows, sheet_name=_("日报汇总"))


def summary_docx(s: TownSummary) -> bytes:
    """The day's summary as the office sends it up: figures, events and measures, who is missing."""
    document = word.new_document(_summary_title(s))
    word.title(document, _summary_title(s))
    t = s.totals
    word.paragraph(document, _(
        "%(day)s，全镇应报送日报告单位 %(n)s 个（村、社区和机关站所），已报送 %(f)s 个，其中零报告 "
        "%(z)s 个、迟报 %(l)s 个，未报送 %(m)s 个。各单位当日共开展安全检查 %(i)s 次，发现隐患 %(h)s 条。"
        "截止时间为每日 %(cutoff)s。") % {
        "day": word.cn_date(s.day), "n": t["reporters"], "f": t["filed"], "z": t["zero"],
        "l": t["late"], "m": t["missing"], "i": t["inspections"], "h": t["hazards"],
        "cutoff": s.cutoff.strftime("%H:%M")}, first_line_indent=True)
    word.heading(document, _("一、事件及处置措施"))
    if s.with_events:
        word.grid_table(document, [_("报告单位"), _("突发事件/事故情况"), _("采取的措施")],
                        [[row.reporter.name, row.report.events, row.report.measures]
                         for row in s.with_events], (Cm(3.5), Cm(6.25), Cm(6.25)))
    else:
        word.paragraph(document, _("各单位当日未报告突发事件。"), first_line_indent=True)
    word.heading(document, _("二、未报送单位"))
    word.paragraph(document, _missing_text(s.missing), first_line_indent=True)
    return word.to_bytes(document)
