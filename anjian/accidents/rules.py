"""Pure rules of the accidents ledger (生产安全事故), without the database.

- `grade`: the accident grade (事故等级) of State Council Order 493 Art. 3 (domain.md §1.1): the
  highest grade any one of deaths, serious injuries (重伤, including 急性工业中毒) and direct economic
  loss (直接经济损失) reaches; "以上" is inclusive, "以下" exclusive.
- The two accident-type lists of GB 6441 (事故类别): the 1986 list (20 types, codes 01–20) for
  accidents before 2026-07-01 and the 2025 list (27 basic types) from that day (domain.md §2).
  The 2025 list's official codes are unconfirmed (domain.md §2.2 ⚠️): they are numbered 1–27 here in
  the published order.
- The reporting timeline (Arts 9–13, 29, 32; domain.md §1.2–1.3): the unit reports within 1 hour,
  each escalation level within 2 hours, how far up depends on the grade; supplementary reports (补报)
  on casualty changes within 30 days (7 for road traffic and fire); the investigation report within
  60 days (extension of at most 60); approval (批复) within 15 days (30 for 特别重大).
- Year-over-year change and the control-indicator rates (控制指标, domain.md §7 ⚠️).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

# Grades, lowest first (values stored on the accident).
ORDINARY, RELATIVELY_SERIOUS, SERIOUS, EXTRAORDINARY = "ordinary", "relatively_serious", "serious", "extraordinary"
GRADES = (ORDINARY, RELATIVELY_SERIOUS, SERIOUS, EXTRAORDINARY)
GRADE_LABELS = {ORDINARY: "一般事故", RELATIVELY_SERIOUS: "较大事故", SERIOUS: "重大事故",
                EXTRAORDINARY: "特别重大事故"}

WAN = Decimal(10_000)  # yuan per 万元
# Lower bounds (inclusive, 以上) of 较大, 重大 and 特别重大 per dimension; loss in yuan.
DEATH_BOUNDS = (3, 10, 30)
INJURY_BOUNDS = (10, 50, 100)
LOSS_BOUNDS = (1_000 * WAN, 5_000 * WAN, 10_000 * WAN)


def _level(value, bounds) -> int:
    return sum(1 for bound in bounds if value >= bound)


def grade(deaths: int, serious_injuries: int, loss_yuan: Decimal | int | float) -> str:
    """The Order 493 grade: the highest grade any one dimension reaches (以上 ≥, 以下 <)."""
    if deaths < 0 or serious_injuries < 0 or loss_yuan < 0:
        raise ValueError("casualty figures and loss cannot be negative")
    level = max(_level(deaths, DEATH_BOUNDS), _level(serious_injuries, INJURY_BOUNDS),
                _level(Decimal(str(loss_yuan)), LOSS_BOUNDS))
    return GRADES[level]


def grade_rank(value: str) -> int:
    return GRADES.index(value)


# GB 6441 type lists ------------------------------------------------------------------------------

V1986, V2025 = "1986", "2025"
VERSION_LABELS = {V1986: "GB 6441-1986", V2025: "GB 6441-2025"}
NEW_LIST_FROM = dt.date(2026, 7, 1)  # GB 6441-2025 in force (domain.md §2, MEM announcement)

GB6441_1986: tuple[tuple[str, str], ...] = tuple((f"{i:02d}", name) for i, name in enumerate((
    "物体打击", "车辆伤害", "机械伤害", "起重伤害", "触电", "淹溺", "灼烫", "火灾", "高处坠落",
    "坍塌", "冒顶片帮", "透水", "放炮", "火药爆炸", "瓦斯爆炸", "锅炉爆炸", "容器爆炸", "其他爆炸",
    "中毒和窒息", "其他伤害"), start=1))

# ⚠️ Codes unconfirmed: numbered 1–27 in the order published (domain.md §2.2).
GB6441_2025: tuple[tuple[str, str], ...] = tuple((str(i), name) for i, name in enumerate((
    "物体打击", "厂（场）内车辆致害", "道路（轨道）车辆致害", "机械致害", "起重致害", "触电", "淹溺",
    "灼烫", "火灾", "高处坠落", "跌落", "坍塌", "水害", "容器爆炸", "管道爆炸", "可燃气体爆炸",
    "可燃液体蒸气爆炸", "粉尘爆炸", "民用爆炸物品爆炸", "烟花爆竹爆炸", "其他可燃固体爆炸",
    "高温熔融物爆炸", "中毒", "窒息", "滑坡", "泄漏", "其他（事故）"), start=1))

TYPE_LISTS = {V1986: GB6441_1986, V2025: GB6441_2025}


def classification_version_for(day: dt.date | dt.datetime) -> str:
    """GB 6441-1986 for an accident before 2026-07-01, GB 6441-2025 from that day."""
    if isinstance(day, dt.datetime):
        day = day.date()
    return V2025 if day >= NEW_LIST_FROM else V1986


def type_label(version: str, code: str) -> str:
    return dict(TYPE_LISTS.get(version, ())).get(code, "")


# Reporting timeline --------------------------------------------------------------------------------

UNIT_REPORT_LIMIT = dt.timedelta(hours=1)  # Art. 9
LEVEL_LIMIT = dt.timedelta(hours=2)  # Art. 11, per level
INVESTIGATION_DAYS = 60  # Art. 29
MAX_EXTENSION_DAYS = 60  # Art. 29
FOLLOW_UP_DAYS = 30  # Art. 13
FOLLOW_UP_DAYS_ROAD_FIRE = 7  # Art. 13, 道路交通 and 火灾

# Escalation steps above the county, lowest first (Art. 10): 一般 up to 设区的市, 较大 up to 省,
# 重大 and 特别重大 up to 国务院.
TO_CITY, TO_PROVINCE, TO_STATE_COUNCIL = "to_city", "to_province", "to_state_council"
ESCALATION_LEVELS = (TO_CITY, TO_PROVINCE, TO_STATE_COUNCIL)
_ESCALATION_DEPTH = {ORDINARY: 1, RELATIVELY_SERIOUS: 2, SERIOUS: 3, EXTRAORDINARY: 3}

# Who investigates (Art. 19).
INVESTIGATOR = {ORDINARY: "县级人民政府", RELATIVELY_SERIOUS: "设区的市级人民政府",
                SERIOUS: "省级人民政府", EXTRAORDINARY: "国务院或国务院授权的有关部门"}


def escalation_levels(grade_value: str) -> tuple[str, ...]:
    """The levels a report climbs above the county for an accident of this grade (Art. 10)."""
    return ESCALATION_LEVELS[:_ESCALATION_DEPTH[grade_value]]


def follow_up_days(*, road_traffic: bool, fire: bool) -> int:
    return FOLLOW_UP_DAYS_ROAD_FIRE if road_traffic or fire else FOLLOW_UP_DAYS


def follow_up_end(occurred_at: dt.datetime, *, road_traffic: bool, fire: bool) -> dt.datetime:
    """The end of the window in which a casualty change is a 补报 that regrades the accident."""
    return occurred_at + dt.timedelta(days=follow_up_days(road_traffic=road_traffic, fire=fire))


def unit_report_due(occurred_at: dt.datetime) -> dt.datetime:
    return occurred_at + UNIT_REPORT_LIMIT


def next_level_due(previous: dt.datetime) -> dt.datetime:
    """Each level reports up within 2 hours of receiving the report (or of its own deadline)."""
    return previous + LEVEL_LIMIT


def investigation_due(occurred_at: dt.datetime, extension_days: int = 0) -> dt.datetime:
    if not 0 <= extension_days <= MAX_EXTENSION_DAYS:
        raise ValueError("extension out of range")
    return occurred_at + dt.timedelta(days=INVESTIGATION_DAYS + extension_days)


def approval_due(report_received: dt.datetime, grade_value: str) -> dt.datetime:
    """批复 within 15 days of receiving the report; 30 for 特别重大 (Art. 32)."""
    return report_received + dt.timedelta(days=30 if grade_value == EXTRAORDINARY else 15)


def is_late(due_at: dt.datetime | None, done_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Late: done after its deadline, or not done and the deadline has passed."""
    if due_at is None:
        return False
    return (done_at or now) > due_at


# Statistics and indicators -------------------------------------------------------------------------

ONE_DECIMAL = Decimal("0.1")


def change_percent(current, previous) -> Decimal | None:
    """(current − previous) ÷ previous in %, rounded half-up to 1 decimal; None when previous is 0."""
    previous = Decimal(str(previous))
    if previous == 0:
        return None
    value = (Decimal(str(current)) - previous) / previous * 100
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def change_words(change: Decimal | None) -> str:
    """下降17.5% / 上升5.0% / 持平 / — (no base)."""
    if change is None:
        return "—"
    if change == 0:
        return "持平"
    return f"{'下降' if change < 0 else '上升'}{abs(change)}%"


def same_day_last_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def rate(numerator, denominator, per: int | Decimal = 1) -> Decimal | None:
    """numerator ÷ denominator × per, to 3 decimals; None without a denominator."""
    if denominator in (None, 0) or Decimal(str(denominator)) == 0:
        return None
    value = Decimal(str(numerator)) * Decimal(str(per)) / Decimal(str(denominator))
    return value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
