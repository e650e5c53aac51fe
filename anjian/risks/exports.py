"""Excel exports of the filtered ledgers (core.xlsx.table_xlsx)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from anjian.core.xlsx import Column, table_xlsx
from anjian.risks.choices import Method
from anjian.units.choices import RiskLevel


def _label(choices, value) -> str:
    try:
        return str(choices(value).label) if value else ""
    except ValueError:
        return value


def _place(unit) -> str:
    region = unit.region
    return f"{region.parent.name} · {region.name}" if region.level == 4 else region.name


def commitments_xlsx(commitments) -> bytes:
    columns = [Column(_("日期"), 12, "date"), Column(_("单位"), 30), Column(_("村（社区）/网格"), 20),
               Column(_("主要负责人"), 12), Column(_("各项均受控"), 10),
               Column(_("今日危险作业（处）"), 10, "int"), Column(_("未整改隐患（条）"), 10, "int"),
               Column(_("研判情况说明"), 30), Column(_("填报人"), 12),
               Column(_("首次填报时间"), 17, "datetime"), Column(_("迟报"), 8),
               Column(_("更正次数"), 8, "int")]
    rows = ([c.date, c.unit.name, _place(c.unit), c.principal, c.all_ok, c.dangerous_work_count,
             c.open_hazards, c.judgement_note, c.filer_name, c.first_filed_at, c.is_late,
             c.corrections] for c in commitments.select_related("unit__region__parent"))
    return table_xlsx(_("安全承诺台账"), columns, rows)


def points_xlsx(points) -> bytes:
    columns = [Column(_("单位"), 30), Column(_("村（社区）/网格"), 20), Column(_("风险点名称"), 20),
               Column(_("所在位置"), 16), Column(_("作业活动/危险有害因素"), 30),
               Column(_("可能导致的事故类型"), 16), Column(_("评价方法"), 12),
               Column(_("风险值"), 10, "number"), Column(_("风险等级"), 14),
               Column(_("管控措施"), 30), Column(_("责任人"), 10), Column(_("责任人电话"), 14),
               Column(_("评价时间"), 17, "datetime"), Column(_("在用"), 6)]
    rows = ([p.unit.name, _place(p.unit), p.name, p.location, p.hazard_factor, p.accident_type,
             _label(Method, p.method), p.score, _label(RiskLevel, p.colour), p.control_measures,
             p.responsible_person, p.responsible_phone, p.assessed_at, p.is_active]
            for p in points.select_related("unit__region__parent"))
    return table_xlsx(_("风险点台账"), columns, rows)
