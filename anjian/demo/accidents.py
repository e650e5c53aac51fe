"""The demo year of the accidents ledger (事故统计): accidents of the town over the demo year and the
year before — mostly ordinary (一般) ones, a few road-traffic deaths, none 较大 or above, losses in
the tens of thousands of yuan — with their reporting timelines, one supplementary report (补报),
and the control indicators' denominators and targets for both years, so the statistics page shows
a plausible year-over-year fall.

Deterministic (its own seeded generator), through the services, a second or two. Idempotent: a town
that already has accidents gets none (indicator years are added only where missing)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from anjian.accidents import rules, services
from anjian.accidents.choices import StepKind
from anjian.accidents.models import Accident, AccidentReportStep, IndicatorYear
from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.demo.yearkit import YearKit
from anjian.regions.models import Region

SEED = "xizhangcun-2023:accidents"


@dataclass(frozen=True)
class Case:
    kind: str  # road, work or fire
    type_1986: str
    type_2025: str
    place: str
    description: str
    cause: str


ROAD = [
    Case("road", "02", "3", "310国道{v}段", "一辆三轮车与小型货车在路口相撞，三轮车驾驶人受伤。",
         "三轮车驾驶人未戴安全头盔、未让行；路口视线不良。"),
    Case("road", "02", "3", "{v}村道弯道", "一辆无牌摩托车在弯道处侧翻，驾驶人受伤。",
         "无证驾驶无牌摩托车，弯道超速。"),
    Case("road", "02", "3", "县道{v}路口", "农用车违法载人，行驶中车厢乘员被甩出车外。",
         "农用车违法载人，驾驶人安全意识淡薄。"),
]
WORK = [
    Case("work", "03", "4", "{u}", "工人清理设备时未停机，手部被卷入受伤。",
         "违章作业，设备未断电挂牌；安全培训不到位。"),
    Case("work", "09", "10", "{u}", "工人在屋顶检修时未系安全带，从约3米高处坠落受伤。",
         "高处作业未落实防护措施，现场无人监护。"),
    Case("work", "01", "1", "{u}", "堆放的物料倒塌砸中作业人员腿部。", "物料堆放过高且未固定。"),
]
FIRE = [
    Case("fire", "08", "9", "{u}", "店内电动自行车充电时起火，烧毁部分货物，无人员伤亡。",
         "电动自行车室内充电，线路老化。"),
    Case("fire", "08", "9", "{u}", "厨房油锅起火引燃排烟管道，过火面积约10平方米。",
         "排烟管道油垢长期未清理，操作人员离岗。"),
]
# (cases, accidents) per year: the year before is worse than the demo year.
YEARS = {"before": [(ROAD, 6), (WORK, 5), (FIRE, 3)], "demo": [(ROAD, 4), (WORK, 4), (FIRE, 2)]}
ROAD_DEATHS = {"before": 4, "demo": 2}


def build(kit: YearKit) -> None:
    town = kit.town
    _indicators(kit)
    if Accident.objects.filter(region__path__startswith=town.path).exists():
        return
    rng = random.Random(SEED)
    office = kit.users.get("demo_office")
    villages = list(Region.objects.filter(parent=town, level=3).order_by("code"))
    works = [u for u in kit.units if u.category in ("enterprise", "mine")]
    venues = [u for u in kit.units if u.category in ("small_venue", "street_shop")]
    now = kit.year.now
    year = kit.year
    spans = {"before": (year.start - dt.timedelta(days=365), year.start - dt.timedelta(days=1)),
             "demo": (year.start, year.last)}
    first_road_demo = True
    changed: list[AccidentReportStep] = []
    for key, groups in YEARS.items():
        start, end = spans[key]
        deaths_left = ROAD_DEATHS[key]
        for cases, count in groups:
            for _i in range(count):
                case = rng.choice(cases)
                day = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
                occurred = year.at(day, rng, hours=(6, 20))
                village = rng.choice(villages)
                unit = None
                if case.kind == "work" and works:
                    unit = rng.choice(works)
                elif case.kind == "fire" and venues:
                    unit = rng.choice(venues)
                figures = _figures(case, rng)
                if case.kind == "road" and deaths_left:
                    figures["deaths"], deaths_left = 1, deaths_left - 1
                version = rules.classification_version_for(timezone.localtime(occurred))
                code = case.type_1986 if version == rules.V1986 else case.type_2025
                accident = services.accident_create(actor=office, data={
                    "occurred_at": occurred, "unit": unit, "region": village,
                    "place": case.place.format(v=village.name, u=unit.name if unit else ""),
                    "road_traffic": case.kind == "road", "fire": case.kind == "fire",
                    "industrial": case.kind == "work", "type_code": f"{version}:{code}",
                    "description": case.description, "cause": case.cause, **figures,
                }, unit_reported_at=occurred + dt.timedelta(minutes=rng.choice(
                    [15, 20, 30, 40, 45, 50, 75])))
                kit.created["accidents"] += 1
                if key == "demo" and case.kind == "road" and first_road_demo:
                    first_road_demo = False
                    _supplementary(accident, office, kit)
                changed.extend(_steps(accident, office, rng, now))
    _save_steps(changed, office)


def _figures(case: Case, rng: random.Random) -> dict:
    if case.kind == "fire":
        return {"direct_loss": Decimal(rng.randrange(15, 90) * 1000)}
    serious = rng.choice([0, 0, 1])
    minor = rng.choice([0, 1]) if serious else rng.choice([1, 1, 2])
    return {"serious_injuries": serious, "minor_injuries": minor,
            "direct_loss": Decimal(rng.randrange(3, 40) * 1000)}


def _supplementary(accident: Accident, office, kit: YearKit) -> None:
    """A serious injury who died two days later: 补报 within the 7-day road window."""
    at = accident.occurred_at + dt.timedelta(days=2)
    if at >= kit.year.now:
        return
    services.accident_casualties_update(
        actor=office, accident=accident, note="一名重伤人员经抢救无效死亡",
        figures={"deaths": accident.deaths + 1,
                 "serious_injuries": max(accident.serious_injuries - 1, 0)}, at=at)
    kit.created["accident supplementary reports"] += 1


def _steps(accident: Accident, office, rng: random.Random, now: dt.datetime) -> list:
    """Escalation done within the 2 hours; investigation and approval done for older accidents.
    Set on the rows directly (the service would re-sync the timeline after each step); returns
    the steps changed, for one bulk update and journal write."""
    steps = {s.kind: s for s in accident.steps.all()}
    changed = []

    def done(kind: str, at: dt.datetime, recipient: str, note: str = "") -> None:
        step = steps[kind]
        step.done_at, step.recipient, step.note, step.done_by = at, recipient, note, office
        changed.append(step)

    unit_done = steps[StepKind.UNIT_REPORT].done_at
    if StepKind.TO_CITY in steps and unit_done:
        done(StepKind.TO_CITY, unit_done + dt.timedelta(minutes=rng.randrange(30, 110)),
             "三门峡市应急管理局")
    report_at = accident.occurred_at + dt.timedelta(days=rng.randrange(30, 58))
    if report_at < now - dt.timedelta(days=1):
        done(StepKind.INVESTIGATION, report_at, "陕州区人民政府", "事故调查组提交调查报告")
        approval_at = report_at + dt.timedelta(days=rng.randrange(5, 14))
        steps[StepKind.APPROVAL].due_at = rules.approval_due(report_at, accident.grade)
        if approval_at < now:
            done(StepKind.APPROVAL, approval_at, "陕州区人民政府")
        elif steps[StepKind.APPROVAL] not in changed:
            changed.append(steps[StepKind.APPROVAL])
    return changed


def _save_steps(steps: list, office) -> None:
    fields = ["done_at", "recipient", "note", "done_by", "due_at"]
    AccidentReportStep.objects.bulk_update(steps, fields, batch_size=500)
    journal.record_many([journal.build(office, step, JournalAction.UPDATE, journal.diff(
        {}, journal.snapshot(step, ["done_at", "recipient", "note"]))) for step in steps])


def _indicators(kit: YearKit) -> None:
    """Denominators and targets (as a county would hand them down) for this year and the last."""
    office = kit.users.get("demo_office")
    this_year = kit.year.today.year
    for year, gdp in ((this_year - 1, "18.60"), (this_year, "19.80")):
        if IndicatorYear.objects.filter(region=kit.town, year=year).exists():
            continue
        services.indicator_year_save(actor=office, data={
            "region": kit.town, "year": year, "gdp": Decimal(gdp),
            "motor_vehicles": 6200 + 300 * (year - this_year + 1), "industry_workers": 3400,
            "target_deaths": 4, "target_gdp_rate": Decimal("0.250"),
            "target_road_rate": Decimal("6.500"), "target_worker_rate": Decimal("30.000"),
            "note": f"陕州区{year}年安全生产控制指标"})
        kit.created["accident indicator years"] += 1
