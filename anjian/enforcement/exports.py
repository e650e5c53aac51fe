"""Excel exports of the enforcement ledger and the dishonesty list (the filtered lists)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.xlsx import Column, table_xlsx
from anjian.enforcement.choices import OrderState


def actions_xlsx(rows) -> bytes:
    today = timezone.localdate()
    columns = [Column(_("类型"), 18), Column(_("文书编号"), 20), Column(_("执法日期"), 12, "date"),
               Column(_("单位/场所"), 24), Column(_("执法人员"), 18), Column(_("参与单位"), 20),
               Column(_("法律依据"), 30), Column(_("检查发现"), 30), Column(_("处理结果"), 30),
               Column(_("整改期限"), 12, "date"), Column(_("复查情况"), 12),
               Column(_("罚款金额（元）"), 12, "number"), Column(_("发现隐患"), 8, "int"),
               Column(_("制止非法违法行为"), 10, "int")]
    rows = rows.prefetch_related("officers", "organisations")

    def state(a):
        value = a.order_state(today)
        return str(OrderState(value).label) if value else ""
    return table_xlsx(_("执法记录台账"), columns, (
        [a.get_kind_display(), a.number, a.acted_on, a.unit.name,
         "、".join(p.name for p in a.officers.all()),
         "、".join(o.name for o in a.organisations.all()), a.legal_basis, a.findings, a.outcome,
         a.deadline, state(a), a.penalty_amount, a.hazards_found, a.illegal_acts_stopped]
        for a in rows))


def listings_xlsx(rows) -> bytes:
    today = timezone.localdate()
    columns = [Column(_("单位/场所"), 24), Column(_("列入事由"), 40), Column(_("列入日期"), 12, "date"),
               Column(_("期满日期"), 12, "date"), Column(_("在列"), 8),
               Column(_("移出日期"), 12, "date"), Column(_("移出理由"), 30)]
    return table_xlsx(_("失信名单"), columns, (
        [r.unit.name, r.reason, r.listed_on, r.until, r.is_active(today), r.lifted_on,
         r.lift_reason] for r in rows))
