"""Excel exports of the filtered emergency ledgers (core.xlsx.table_xlsx)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.xlsx import Column, table_xlsx
from anjian.emergency.choices import ReviewStatus


def _owner(obj) -> str:
    return obj.unit.name if obj.unit_id else obj.region.name


def plans_xlsx(plans) -> bytes:
    today = timezone.localdate()
    columns = [Column(_("预案名称"), 36), Column(_("预案类型"), 14), Column(_("所属")),
               Column(_("现行版本"), 10), Column(_("批准日期"), 12, "date"),
               Column(_("审批/印发单位"), 20), Column(_("下次评估期限"), 14, "date"),
               Column(_("评估状态"), 12), Column(_("现行有效"), 8)]
    rows = []
    for p in plans.select_related("current_version"):
        v = p.current_version
        rows.append([p.title, p.get_kind_display(), _owner(p), v.number if v else "",
                     v.approved_on if v else None, v.approved_by if v else "",
                     v.review_due if v else None,
                     str(ReviewStatus(p.review_status(today)).label), p.is_active])
    return table_xlsx(_("应急预案台账"), columns, rows)


def drills_xlsx(drills) -> bytes:
    columns = [Column(_("演练日期"), 12, "date"), Column(_("演练名称"), 30), Column(_("演练类型"), 14),
               Column(_("演练形式"), 10), Column(_("所属")), Column(_("依据预案"), 28),
               Column(_("演练地点"), 18), Column(_("组织单位"), 24), Column(_("参演单位/村"), 30),
               Column(_("参演人数"), 8, "int"), Column(_("演练情景"), 40),
               Column(_("演练评估"), 40), Column(_("发现问题"), 8, "int"),
               Column(_("已转隐患"), 8, "int")]
    rows = []
    drills = drills.prefetch_related("organisers", "participating_organisations",
                                     "participating_regions", "participating_units", "problems")
    for d in drills:
        problems = list(d.problems.all())
        rows.append([d.held_on, d.title, d.get_kind_display(), d.get_form_display(), _owner(d),
                     d.plan.title if d.plan_id else "", d.location,
                     "、".join(o.name for o in d.organisers.all()), "、".join(d.taking_part()),
                     d.participants, d.scenario, d.evaluation, len(problems),
                     sum(1 for p in problems if p.hazard_id)])
    return table_xlsx(_("应急演练台账"), columns, rows)


def teams_xlsx(teams) -> bytes:
    columns = [Column(_("队伍名称"), 28), Column(_("队伍类型"), 14), Column(_("所属")),
               Column(_("队长"), 10), Column(_("联系电话"), 16), Column(_("队员人数"), 8, "int"),
               Column(_("队员"), 50), Column(_("主要职责"), 36)]
    rows = []
    for t in teams.prefetch_related("members"):
        members = list(t.members.all())
        rows.append([t.name, t.get_kind_display(), _owner(t), t.leader, t.phone, len(members),
                     "、".join(f"{m.name}({m.role}) {m.phone}".strip() for m in members),
                     t.duties])
    return table_xlsx(_("应急队伍台账"), columns, rows)


def supplies_xlsx(items) -> bytes:
    today = timezone.localdate()
    columns = [Column(_("物资名称"), 22), Column(_("物资类别"), 14), Column(_("规格型号"), 16),
               Column(_("数量"), 10, "number"), Column(_("计量单位"), 8),
               Column(_("最低储备量"), 10, "number"), Column(_("所属")), Column(_("存放地点"), 24),
               Column(_("保管人"), 10), Column(_("保管人电话"), 16),
               Column(_("有效期至"), 12, "date"), Column(_("提示"), 16)]
    rows = []
    for s in items:
        flags = []
        if s.is_low:
            flags.append(_("库存不足"))
        if s.is_expired(today):
            flags.append(_("已过期"))
        elif s.is_expiring(today):
            flags.append(_("即将到期"))
        rows.append([s.name, s.get_category_display(), s.specification, s.quantity,
                     s.unit_of_measure, s.minimum_stock, _owner(s), s.location, s.custodian,
                     s.custodian_phone, s.expires_on, "、".join(flags)])
    return table_xlsx(_("应急物资台账"), columns, rows)


def incidents_xlsx(incidents) -> bytes:
    columns = [Column(_("发生时间"), 16, "datetime"), Column(_("事件名称"), 30),
               Column(_("事件类别"), 12), Column(_("发生地点"), 24), Column(_("所属")),
               Column(_("状态"), 10), Column(_("基本情况"), 40), Column(_("处置结果"), 40),
               Column(_("处置完毕时间"), 16, "datetime"), Column(_("进展条数"), 8, "int")]
    rows = [[i.occurred_at, i.title, i.get_kind_display(), i.place, _owner(i),
             i.get_status_display(), i.summary, i.outcome, i.closed_at, len(i.events.all())]
            for i in incidents.prefetch_related("events")]
    return table_xlsx(_("突发事件台账"), columns, rows)
