"""Excel exports of the filtered training and publicity ledgers (core.xlsx.table_xlsx)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from anjian.core.xlsx import Column, table_xlsx


def sessions_xlsx(sessions) -> bytes:
    columns = [Column(_("培训日期"), 12, "date"), Column(_("培训主题"), 32), Column(_("培训类型"), 14),
               Column(_("组织单位"), 22), Column(_("培训对象"), 20), Column(_("授课人"), 10),
               Column(_("地点"), 16), Column(_("学时"), 8, "number"),
               Column(_("参训人次"), 10, "int"), Column(_("签到名单人数"), 10, "int"),
               Column(_("参训单位"), 30), Column(_("培训资料"), 30)]
    rows = [[s.held_on, s.topic, s.get_kind_display(), s.organiser_name, s.audience, s.trainer,
             s.place, s.hours, s.attendance_count, len(s.attendances.all()),
             "、".join(u.name for u in s.participating_units.all()), s.materials]
            for s in sessions.prefetch_related("participating_units", "attendances")]
    return table_xlsx(_("教育培训台账"), columns, rows)


def activities_xlsx(activities) -> bytes:
    columns = [Column(_("活动日期"), 12, "date"), Column(_("活动名称"), 30), Column(_("活动形式"), 14),
               Column(_("区划"), 12), Column(_("地点"), 16), Column(_("参与人次"), 10, "int"),
               Column(_("入户户数"), 10, "int"), Column(_("推送人数"), 10, "int"),
               Column(_("发放资料"), 36), Column(_("发放份数"), 10, "int"), Column(_("活动内容"), 40)]
    rows = []
    for a in activities.prefetch_related("materials"):
        materials = list(a.materials.all())
        rows.append([a.held_on, a.title, a.get_kind_display(), a.region.name, a.place,
                     a.participants, a.households, a.recipients,
                     "、".join(f"{m.name}{m.quantity}份" for m in materials),
                     sum(m.quantity for m in materials), a.summary])
    return table_xlsx(_("宣传活动台账"), columns, rows)


def compliance_xlsx(compliance) -> bytes:
    columns = [Column(_("单位"), 30), Column(_("所在村"), 12),
               *[Column(f"{m}月", 6) for m in range(1, 13)],
               Column(_("已培训月数"), 10, "int"), Column(_("应培训月数"), 10, "int"),
               Column(_("缺训月数"), 10, "int")]
    mark = {True: "✓", False: "✗", None: ""}
    rows = [[r.unit.name, r.unit.region.name, *[mark[m] for m in r.months], r.held, r.due,
             r.missed] for r in compliance.rows]
    return table_xlsx(_("%(y)s年企业每月培训情况") % {"y": compliance.year}, columns, rows)


def hours_xlsx(rows, year: int) -> bytes:
    columns = [Column(_("姓名"), 12), Column(_("单位"), 28), Column(_("人员类别"), 16),
               Column(_("参训次数"), 10, "int"), Column(_("已完成学时"), 12, "number"),
               Column(_("应完成学时"), 12, "number"), Column(_("依据"), 30), Column(_("是否达标"), 10)]
    label = {"met": _("达标"), "short": _("不足"), "": ""}
    data = [[r.name, r.unit.name if r.unit else "", r.role_label, r.sessions, r.hours,
             r.requirement.hours, r.requirement.basis, label[r.status]] for r in rows]
    return table_xlsx(_("%(y)s年培训学时台账") % {"y": year}, columns, data)
