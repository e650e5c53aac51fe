"""The weekly bulletin as a Word document (python-docx through `core.word`): title, the week's
figures in prose, the table per village, overdue hazards by owner and escalations."""

from __future__ import annotations

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from anjian.core import word
from anjian.hazards.choices import ResponsibleParty
from anjian.reports.selectors import BulletinFigures

PARTIES = dict(ResponsibleParty.choices)


def bulletin_title(f: BulletinFigures) -> str:
    return _("%(region)s安全生产工作周通报（%(year)s年第%(week)s周）") % {
        "region": f.region.name, "year": f.year, "week": f.week_number}


def rate(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def bulletin_docx(f: BulletinFigures) -> bytes:
    document = word.new_document(bulletin_title(f))
    word.title(document, bulletin_title(f))
    word.paragraph(document, _("（%(start)s至%(end)s）") % {
        "start": word.cn_date(f.start), "end": word.cn_date(f.end)}, align=WD_ALIGN_PARAGRAPH.CENTER)
    word.heading(document, _("一、隐患排查情况"))
    word.paragraph(document, _(
        "本周共开展检查%(records)s次，检查生产经营单位和场所%(units)s家（次去重）。") % {
        "records": f.records, "units": f.units_inspected}, first_line_indent=True)
    word.heading(document, _("二、隐患治理情况"))
    word.paragraph(document, _(
        "本周新发现隐患%(found)s处（其中重大隐患%(major)s处），整改销号%(closed)s处，其中按期整改"
        "%(on_time)s处，按期率%(rate)s。截至周末，尚未销号隐患%(open)s处，逾期未整改%(overdue)s处。") % {
        "found": f.found, "major": f.found_major, "closed": f.closed, "on_time": f.closed_on_time,
        "rate": rate(f.closed_on_time, f.closed), "open": f.open_at_end,
        "overdue": f.overdue_at_end}, first_line_indent=True)
    word.grid_table(document, [_("区域"), _("检查次数"), _("检查单位"), _("新发现隐患"),
                               _("整改销号"), _("逾期未整改")],
                    [(r.name, r.records, r.units_inspected, r.found, r.closed, r.overdue)
                     for r in f.rows], widths=word.even_widths(6))
    _overdue(document, f)
    _escalations(document, f)
    _daily_reports(document, f)
    word.paragraph(document)
    word.paragraph(document, _("%(region)s安全生产委员会办公室") % {"region": f.region.name},
                   align=WD_ALIGN_PARAGRAPH.RIGHT)
    return word.to_bytes(document)


def _overdue(document, f: BulletinFigures) -> None:
    word.heading(document, _("三、逾期未整改隐患（按责任方）"))
    if not f.owners:
        word.paragraph(document, _("本周无逾期未整改隐患。"), first_line_indent=True)
        return
    word.grid_table(document, [_("责任方"), _("责任人"), _("单位"), _("逾期隐患")],
                    [(PARTIES.get(o.party, o.party or "—"), o.person or "—", o.unit or "—", o.count)
                     for o in f.owners[:100]], widths=word.even_widths(4))
    if len(f.owners) > 100:
        word.paragraph(document, _("其余%(n)s个责任方见隐患台账。") % {"n": len(f.owners) - 100})
    word.paragraph(document, _("逾期时间最长的隐患：") + "；".join(
        f"{h.number} {h.unit.name if h.unit_id else ''}（{word.cn_date(h.deadline)}到期）"
        for h in f.overdue[:10]) + "。", first_line_indent=True)


def _escalations(document, f: BulletinFigures) -> None:
    word.heading(document, _("四、督促升级情况"))
    counts = "、".join(f"{label}{n}次" for label, n in f.escalation_counts.items() if n)
    if not counts:
        word.paragraph(document, _("本周无督促升级。"), first_line_indent=True)
        return
    word.paragraph(document, _("本周对逾期隐患%(counts)s。") % {"counts": counts},
                   first_line_indent=True)
    word.grid_table(document, [_("隐患编号"), _("单位"), _("措施"), _("文号")],
                    [(e.hazard.number, e.hazard.unit.name if e.hazard.unit_id else "—",
                      e.comment[:40], e.document_number or "—") for e in f.escalations],
                    widths=word.even_widths(4))


def _daily_reports(document, f: BulletinFigures) -> None:
    word.heading(document, _("五、日报告情况"))
    due = sum(r.due for r in f.daily)
    if not due:
        word.paragraph(document, _("本周无应报日报告。"), first_line_indent=True)
        return
    filed, late = sum(r.filed for r in f.daily), sum(r.late for r in f.daily)
    word.paragraph(document, _(
        "本周应报日报告%(due)s份，实报%(filed)s份（其中迟报%(late)s份），漏报%(missing)s份，"
        "报送率%(rate)s。") % {"due": due, "filed": filed, "late": late, "missing": due - filed,
                             "rate": rate(filed, due)}, first_line_indent=True)
    behind = [r for r in f.daily if r.missing or r.late]
    if behind:
        word.grid_table(document, [_("报送单位"), _("应报"), _("实报"), _("迟报"), _("漏报")],
                        [(r.reporter.name, r.due, r.filed, r.late, r.missing) for r in behind],
                        widths=word.even_widths(5))
