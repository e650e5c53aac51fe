"""Excel exports of the filtered patrol ledgers (core.xlsx.table_xlsx)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from anjian.core.xlsx import Column, table_xlsx


def points_xlsx(points) -> bytes:
    columns = [Column(_("劝导点名称"), 24), Column(_("所在道路"), 20), Column(_("区划"), 12),
               Column(_("牵头单位"), 18), Column(_("值守人员"), 24), Column(_("纬度"), 12, "number"),
               Column(_("经度"), 12, "number"), Column(_("劝导次数"), 10, "int"), Column(_("启用"), 8)]
    rows = [[p.name, p.road, p.region.name, p.organisation.name if p.organisation_id else "",
             p.staffed_by, p.latitude, p.longitude, p.record_count, p.is_active] for p in points]
    return table_xlsx(_("劝导点台账"), columns, rows)


def records_xlsx(records) -> bytes:
    columns = [Column(_("劝导时间"), 16, "datetime"), Column(_("劝导点"), 20), Column(_("区划"), 12),
               Column(_("车辆类型"), 10), Column(_("违法行为"), 14), Column(_("驾驶人"), 10),
               Column(_("号牌"), 10), Column(_("教育内容"), 30), Column(_("处理结果"), 16)]
    rows = [[r.recorded_at, r.point.name, r.region.name, r.get_vehicle_type_display(),
             r.get_violation_display(), r.driver, r.plate, r.education, r.get_outcome_display()]
            for r in records]
    return table_xlsx(_("交通劝导记录"), columns, rows)


def checkins_xlsx(checkins) -> bytes:
    columns = [Column(_("打卡时间"), 16, "datetime"), Column(_("护林员"), 10), Column(_("所在村"), 12),
               Column(_("巡护地点"), 24), Column(_("纬度"), 12, "number"), Column(_("经度"), 12, "number"),
               Column(_("巡护情况"), 36)]
    rows = [[c.checked_at, c.ranger.name, c.region.name, c.place, c.latitude, c.longitude, c.note]
            for c in checkins]
    return table_xlsx(_("护林员巡护打卡记录"), columns, rows)


def checkpoints_xlsx(checkpoints) -> bytes:
    columns = [Column(_("检查站名称"), 24), Column(_("区划"), 12), Column(_("位置"), 24),
               Column(_("值守人员"), 24), Column(_("启用"), 8)]
    rows = [[c.name, c.region.name, c.location, c.staffed_by, c.is_active] for c in checkpoints]
    return table_xlsx(_("防火检查站"), columns, rows)


def fire_sources_xlsx(sources) -> bytes:
    columns = [Column(_("发现时间"), 16, "datetime"), Column(_("地点"), 24), Column(_("区划"), 12),
               Column(_("火源类型"), 10), Column(_("发现人"), 10), Column(_("情况描述"), 30),
               Column(_("处置情况"), 30), Column(_("处置时间"), 16, "datetime")]
    rows = [[s.found_at, s.place, s.region.name, s.get_kind_display(),
             s.found_by.name if s.found_by_id else "", s.description, s.handling, s.handled_at]
            for s in sources]
    return table_xlsx(_("野外火源台账"), columns, rows)


def stats_xlsx(stats, title: str) -> bytes:
    columns = [Column(_("车辆类型"), 12), *[Column(label, 12, "int") for _c, label in stats.violations],
               Column(_("合计"), 10, "int")]
    rows = [[label, *cells, total] for label, cells, total in stats.rows()]
    rows.append([_("合计"), *stats.column_totals(), stats.total])
    return table_xlsx(title, columns, rows)
