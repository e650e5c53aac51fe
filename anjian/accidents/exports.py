"""Excel workbooks of the accidents ledger and of the statistics (anjian.core.xlsx)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from anjian.accidents.models import Accident
from anjian.accidents.selectors import IndicatorStatus, YearOverYear
from anjian.core.xlsx import Column, table_xlsx

LEDGER_COLUMNS = [
    Column("序号", 6, "int"), Column("发生时间", 17, "datetime"), Column("发生地点", 24),
    Column("村（社区）/网格", 16), Column("事故单位", 22), Column("分类标准", 14),
    Column("事故类型", 16), Column("事故等级", 10), Column("死亡", 6, "int"),
    Column("下落不明", 8, "int"), Column("重伤", 6, "int"), Column("其中急性工业中毒", 10, "int"),
    Column("轻伤", 6, "int"), Column("直接经济损失（元）", 14, "number"),
    Column("道路交通", 8), Column("火灾", 6), Column("工矿商贸", 8), Column("事故简要经过", 40),
    Column("事故原因", 30),
]


def ledger_xlsx(accidents: Iterable[Accident]) -> bytes:
    rows = ([i, a.occurred_at, a.place, a.region.name, a.unit.name if a.unit_id else "",
             a.get_classification_version_display(), a.type_label, a.get_grade_display(),
             a.deaths, a.missing, a.serious_injuries, a.poisonings, a.minor_injuries,
             a.direct_loss, a.road_traffic, a.fire, a.industrial, a.description, a.cause]
            for i, a in enumerate(accidents, start=1))
    return table_xlsx("生产安全事故台账", LEDGER_COLUMNS, rows, sheet_name="事故台账")


STAT_COLUMNS = [Column("项目", 30), Column("本期", 12, "number"), Column("上年同期", 12, "number"),
                Column("同比", 12)]


def statistics_xlsx(yoy: YearOverYear, indicators: IndicatorStatus | None) -> bytes:
    cur, prev = yoy.current, yoy.previous
    title = f"生产安全事故统计（{cur.start:%Y-%m-%d}至{cur.end:%Y-%m-%d}，同比{prev.start:%Y-%m-%d}至{prev.end:%Y-%m-%d}）"
    rows: list[list] = [[c.label, c.current, c.previous, c.words] for c in yoy.changes]
    for heading, groups in (("按事故类型", cur.by_type), ("按村（社区）", cur.by_region),
                            ("按月份", cur.by_month)):
        rows.append([heading, None, None, None])
        rows.extend([f"  {g.label}", g.count, None, f"死亡{g.deaths}人 受伤{g.injured}人"]
                    for g in groups)
    if indicators is not None:
        rows.append([f"控制指标（{indicators.year}年）", "实际值", "控制指标", "状态"])
        for r in indicators.rows:
            state = {True: "控制在指标内", False: "超出控制指标", None: "未设指标或缺少基数"}[r.within]
            rows.append([f"  {r.label}（{r.unit}）", r.value, r.target, state])
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    rows.append([f"导出时间 {stamp}", None, None, None])
    return table_xlsx(title, STAT_COLUMNS, rows, sheet_name="事故统计")
