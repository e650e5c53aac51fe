"""Excel exports of the responsibility ledgers (one sheet each, core.xlsx.table_xlsx)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from anjian.core.xlsx import Column, table_xlsx
from anjian.responsibility.models import Agreement, LinkageVisit, Meeting, ResponsibilityList
from anjian.responsibility.selectors import Coverage


def lists_xlsx(lists: Iterable[ResponsibilityList]) -> bytes:
    columns = [Column(_("年度"), 8, "int"), Column(_("所属区划"), 14), Column(_("岗位"), 30),
               Column(_("责任人"), 10), Column(_("版本"), 6, "int"), Column(_("责任类别"), 14),
               Column(_("职责内容"), 70)]
    rows = []
    for r in lists:
        for d in r.duties.all():
            rows.append([r.year, r.region.name, r.post, r.holder.name if r.holder else "",
                         r.version, d.get_category_display(), d.text])
    return table_xlsx(_("安全生产责任清单"), columns, rows)


def agreements_xlsx(agreements: Iterable[Agreement]) -> bytes:
    columns = [Column(_("年度"), 8, "int"), Column(_("类型"), 12), Column(_("签订对象"), 30),
               Column(_("所在区划"), 14), Column(_("甲方签字人"), 10), Column(_("乙方签字人"), 10),
               Column(_("签订日期"), 12, "date"), Column(_("扫描件"), 8),
               Column(_("扫描件 SHA-256"), 66)]
    rows = [[a.year, a.get_kind_display(), str(a.counterparty), a.region.name, a.first_signatory,
             a.second_signatory, a.signed_on, bool(a.sha256), a.sha256] for a in agreements]
    return table_xlsx(_("安全生产责任书签订台账"), columns, rows)


def missing_xlsx(coverage: Coverage) -> bytes:
    columns = [Column(_("类型"), 14), Column(_("签订对象"), 36), Column(_("所在村（社区）"), 14)]
    rows = [[p.kind_label, p.name, p.place] for p in coverage.missing]
    title = _("%(region)s%(year)s年未签订安全生产责任书名单") % {
        "region": coverage.region.name, "year": coverage.year}
    return table_xlsx(title, columns, rows, sheet_name=_("未签订名单"))


def visits_xlsx(visits: Iterable[LinkageVisit]) -> bytes:
    columns = [Column(_("走访日期"), 12, "date"), Column(_("挂钩领导"), 10), Column(_("单位"), 30),
               Column(_("检查指导内容"), 40), Column(_("发现问题"), 40), Column(_("跟踪落实"), 40)]
    rows = [[v.visited_on, v.leader.name, v.unit.name, v.checked, v.problems, v.follow_up]
            for v in visits]
    return table_xlsx(_("领导挂钩走访记录"), columns, rows)


def meetings_xlsx(meetings: Iterable[Meeting]) -> bytes:
    columns = [Column(_("会议日期"), 12, "date"), Column(_("会议类型"), 16), Column(_("会议名称"), 36),
               Column(_("所属区划"), 12), Column(_("主持人"), 10), Column(_("参会人数"), 8, "int"),
               Column(_("安全生产第一议题"), 10), Column(_("学习研究内容"), 40),
               Column(_("议定事项"), 40)]
    rows = [[m.held_on, m.get_kind_display(), m.title, m.region.name,
             m.chaired_by.name if m.chaired_by else "", m.attendees, m.safety_first, m.topics,
             m.decisions] for m in meetings]
    return table_xlsx(_("安全生产会议记录台账"), columns, rows)
