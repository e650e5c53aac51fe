"""Excel exports of the duty ledger (core.xlsx.table_xlsx): the roster and the duty log."""

from __future__ import annotations

from django.utils.translation import gettext as _

from anjian.core.xlsx import Column, table_xlsx


def _names(people) -> str:
    return "、".join(f"{p.name}{'（' + p.phone + '）' if p.phone else ''}" for p in people)


def roster_xlsx(shifts) -> bytes:
    """值班表: one row per shift, with phones so the sheet can hang on the wall."""
    columns = [Column(_("乡镇"), 12), Column(_("开始时间"), 17, "datetime"),
               Column(_("结束时间"), 17, "datetime"), Column(_("带班领导"), 22),
               Column(_("值班人员"), 48), Column(_("备注"), 24)]
    rows = ([s.region.name, s.start, s.end, _names([s.leader]), _names(s.people.all()), s.note]
            for s in shifts)
    return table_xlsx(_("值班表"), columns, rows)


def log_xlsx(entries) -> bytes:
    """值班记录: one row per entry."""
    columns = [Column(_("接报时间"), 17, "datetime"), Column(_("乡镇"), 12), Column(_("班次"), 22),
               Column(_("类别"), 10), Column(_("来电人/来源"), 18), Column(_("联系电话"), 14),
               Column(_("内容"), 40), Column(_("处理情况"), 40), Column(_("已报告/通知"), 24),
               Column(_("是否办结"), 9), Column(_("办结时间"), 17, "datetime"),
               Column(_("记录人"), 12)]
    rows = ([e.received_at, e.shift.region.name, str(e.shift), e.get_kind_display(), e.source,
             e.source_phone, e.content, e.handling, e.notified, e.closed, e.closed_at,
             str(e.logged_by) if e.logged_by else ""] for e in entries)
    return table_xlsx(_("值班记录"), columns, rows)
