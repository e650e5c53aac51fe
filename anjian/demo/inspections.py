"""A year of inspections (隐患排查) in the demo township, with the hazards they find.

`build_year` runs after the units and users exist. It creates:

- plans of every kind with their tasks (through `plan_create`): a 常态化 plan, a 领导带队督导检查 plan and an
  企业自查 plan per quarter, the spring 九小场所 fire-safety campaign of seed 001 §四, key-period checks
  (春节, 全国两会, 国庆), joint enforcement (联合执法) by the police station, the fire service centre and
  market supervision, and a monthly expert check of the mines and tailings ponds;
- about 3,000 inspection records: red and orange units more often, the grid workers' patrols, the
  leaders' led inspections, the experts' and the enterprise's own checks; four remote villages
  fall behind and the red tailings pond is overdue, so coverage is high but not complete;
- the hazards of `hazard_cases` and small problems fixed on the spot, all through the hazard
  services (`demo.hazards`).

Every record that raises a hazard, every record with photos, every leader-led inspection and the
enterprise's own self-checks (about 300) go through `record_submit`, hooks and all. The other,
uneventful records (all items conforming, no photo) are written in bulk (`_Bulk`: the same rows
`record_submit` writes: record, answers, inspectors, task done, journal entry), which keeps
`anjian demo` at a few seconds instead of a minute.

Dates: everything is anchored to the build date (`periods.DemoYear`): the year is the 365 days up
to today, so the demo always looks current, and the same build time gives the same data (one seeded
random generator, the units in the plan's order). Services stamp their rows with `timezone.now()`;
afterwards the demo moves the timestamps of its own new rows into the past with `QuerySet.update`
(records' submission time, photos' receive time, plans' creation time, hazards' events and dates;
see `demo.hazards`). This back-dating is for the demo only; the journal keeps the real build time.

Idempotent: when the town already has the campaign plan (`MARKER`), the year exists and nothing is
added.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.demo import hazards as demo_hazards
from anjian.demo.logins import ENTERPRISE_UNIT
from anjian.demo.organisations import EXPERT_AGENCY, POLICE, SAFETY_OFFICE
from anjian.demo.periods import DemoYear, Period
from anjian.demo.records import Visit, answers_for, record_data
from anjian.demo.yearkit import SEED, YearKit
from anjian.inspections.choices import (
    LeaderRank,
    PlanKind,
    TaskStatus,
)
from anjian.inspections.models import (
    InspectionAnswer,
    InspectionPhoto,
    InspectionPlan,
    InspectionRecord,
    InspectionTask,
    LeaderInspectionRule,
)
from anjian.inspections.selectors import risk_intervals
from anjian.inspections.services import (
    AnswerInput,
    inspection_rules_update,
    plan_close,
    plan_create,
    record_submit,
)
from anjian.units.models import Unit

K = PlanKind
MARKER = "九小场所和沿街门店消防安全大排查大整治"
FIRE_SERVICE, MARKET = "西张村镇消防服务中心", "陕州区市场监督管理局西张村市场监管所"
ENFORCEMENT, SCHOOL_OFFICE = "西张村镇综合行政执法队", "西张村镇中心校"
POWER, TRAFFIC = "西张村供电所（电管所）", "西张村镇交通管理站"
KEY_CATEGORIES = ["crowded_place", "gas_station", "gas_sales_point", "fireworks_outlet", "mine",
                  "tailings_pond", "enterprise"]
PATROLLED = {"abandoned_pit", "geological_hazard", "forest_area", "reservoir", "accident_prone_spot"}
# Inspections a year by risk colour (the configured frequencies are an aim, not met everywhere).
PER_YEAR = {"orange": 3.2, "yellow": 1.8, "blue": 1.1, "": 1.0}
PIT_PER_YEAR = {"orange": 2.5, "yellow": 1.5, "blue": 1.0, "": 1.0}
UP_TO_DATE = 0.8  # share of units inspected within their colour's interval (up to 90 days)
# Remote villages that fall behind: half the visits, none in the last 50 days.
BEHIND_VILLAGES = ("崖底村", "核桃坪村", "南沟村", "下河村")
BEHIND_RED = "陕州区西张村选矿厂尾矿库"  # red, weekly, last inspected 11 days ago
SPOT_FIXES = 18  # small problems found and fixed on the spot during ordinary records
EXPERT_ENTERPRISES = ("陕州区西张村选矿厂", "三门峡西张村黄金矿业有限公司")

QUIET_SUMMARIES = {
    "abandoned_pit": "坑口封堵设施完好，警示牌齐全，周边无塌陷、无私挖滥采痕迹。",
    "geological_hazard": "隐患点巡查，未见新的裂缝、变形，监测责任人在岗，预警信号畅通。",
    "forest_area": "林区巡查，进山路口登记、宣传到位，未发现野外用火。",
    "reservoir": "库区巡查，警示牌、救生圈完好，未发现游泳、垂钓人员。",
    "accident_prone_spot": "警示标志、防护设施完好，未发现新的安全问题。",
    "road_section": "路段巡查，警示标志、减速设施完好，临崖路段防护栏无损坏。",
    "fireworks_outlet": "检查经营许可证、储存量和警示标志，未发现问题。",
}
SUMMARIES = ("逐项检查，未发现问题。", "检查%(n)s项，均符合要求。",
             "现场检查未发现安全隐患，已提醒负责人做好日常防火巡查。",
             "逐项检查符合要求，已向负责人宣传安全用火用电常识。")


def year_exists(town) -> bool:
    return InspectionPlan.objects.filter(region=town, name__endswith=MARKER).exists()


def build_year(kit: YearKit) -> None:
    """Plans, records and hazards of the demo year (see the module docstring)."""
    kit.intervals = risk_intervals()
    _plans(kit)
    kit.tasks = {(t.plan_id, t.unit_id): t for t in InspectionTask.objects.filter(
        plan__in=[p for plans in kit.plans.values() for _, p in plans])}
    first_record = InspectionRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    visits = _visits(kit)
    cases = demo_hazards.timed_cases(kit)
    timeline = [(v.when, 0, n, v) for n, v in enumerate(visits)]
    timeline += [(timed.when, 1, n, timed) for n, timed in enumerate(cases)]
    timeline.sort(key=lambda row: row[:3])
    answers_rng = random.Random(f"{SEED}:answers")
    bulk = _Bulk()
    for _when, is_case, _n, item in timeline:
        if is_case:
            demo_hazards.run_case(kit, item)
        else:
            submit(kit, item, answers_rng, bulk)
    bulk.flush(kit)
    _back_date(first_record, list(kit.users.values()))
    _close_past_plans(kit)
    _leader_rules(kit)


# Plans ---------------------------------------------------------------------------------------------

def _plans(kit: YearKit) -> None:
    year, office = kit.year, kit.users["demo_office"]
    orgs = kit.organisations
    safety, police, fire, market = (orgs[n] for n in (SAFETY_OFFICE, POLICE, FIRE_SERVICE, MARKET))
    specs: list[tuple] = []  # (kind, period, name, categories, organisations, inspectors, text)
    for q in year.quarters():
        specs.append((K.ROUTINE, q, f"{q.name}常态化安全隐患排查", [], [safety, police],
                      [kit.head(SAFETY_OFFICE), kit.head(POLICE)],
                      "按风险等级确定检查频次，网格员日常巡查与站所检查相结合，做到横向到边、纵向到底、不留死角。"))
        specs.append((K.LEADER_LED, q, f"{q.name}领导带队督导检查", KEY_CATEGORIES, [safety],
                      kit.leaders[:2], "书记、镇长每周带队督导检查重点领域安全生产工作（“四个一次、三个全员”）。"))
        specs.append((K.SELF_CHECK, q, f"{q.name}企业安全生产自查", ["enterprise"], [safety], [],
                      "企业每月开展一次内部安全隐患自查自纠，自查表报镇应急管理办公室。"))
    campaign = year.spring_campaign()
    specs.append((K.SPECIAL_CAMPAIGN, campaign, f"{campaign.name}{MARKER}",
                  ["small_venue", "street_shop"],
                  [orgs[ENFORCEMENT], safety, fire, police, orgs[SCHOOL_OFFICE], orgs[POWER]],
                  [kit.head(ENFORCEMENT), kit.head(FIRE_SERVICE), kit.head(POLICE)],
                  "对全镇九小场所355家、沿街门店231家开展消防安全大排查、大整治：消防安全责任制、日常防火巡查、"
                  "建筑消防设施、安全出口和疏散通道、应急疏散预案。"))
    for period, what, categories in (
            (year.spring_festival(), "期间安全生产检查", KEY_CATEGORIES),
            (year.two_sessions(), "期间安全防范检查", [c for c in KEY_CATEGORIES if c != "fireworks_outlet"]),
            (year.national_day(), "、中秋节期间安全生产检查", KEY_CATEGORIES)):
        specs.append((K.KEY_PERIOD, period, f"{period.name}{what}", categories, [safety, police],
                      [kit.head(SAFETY_OFFICE)], "节日和重要会议期间，对人员密集场所、危化品、矿山等重点单位开展检查。"))
    festival = year.spring_festival()
    before = Period(festival.name, festival.start - dt.timedelta(days=12),
                    festival.start + dt.timedelta(days=10))
    month = year.safety_month()
    winter = year.winter_gas()
    for period, name, categories in (
            (before, f"{festival.name}前烟花爆竹和燃气安全联合执法",
             ["fireworks_outlet", "gas_sales_point", "gas_station"]),
            (month, f"{month.name}联合执法检查",
             ["crowded_place", "gas_station", "gas_sales_point", "enterprise"]),
            (winter, f"{winter.name}燃气安全联合执法检查", ["gas_sales_point", "gas_station"])):
        specs.append((K.JOINT_ENFORCEMENT, period, name, categories, [police, fire, market, safety],
                      [kit.head(POLICE), kit.head(FIRE_SERVICE), kit.head(MARKET)],
                      "派出所、消防服务中心、市场监管所、应急管理办公室联合执法。"))
    for m in year.months():
        specs.append((K.EXPERT_MONTHLY, m, f"{m.name}专家指导服务检查（矿山、尾矿库）",
                      ["mine", "tailings_pond"], [orgs[EXPERT_AGENCY]], kit.experts[:2],
                      "委托三门峡安泰安全技术服务有限公司专家每月对矿山、尾矿库和选矿企业开展指导服务检查。"))
    for kind, period, name, categories, organisations, inspectors, text in specs:
        plan = plan_create(actor=office, data={
            "name": name, "kind": kind, "region": kit.town, "categories": categories,
            "start_date": period.start, "end_date": period.end, "description": text,
            "template": kit.checklist(_sample_unit(kit, "small_venue")).template
            if kind == K.SPECIAL_CAMPAIGN else None,
        }, inspectors=inspectors, organisations=organisations)
        kit.plans.setdefault(kind, []).append((period, plan))
        created = timezone.make_aware(dt.datetime.combine(period.start - dt.timedelta(days=3),
                                                          dt.time(9, 30)))
        InspectionPlan.objects.filter(pk=plan.pk).update(created_at=created)
        kit.created["plans"] += 1


def _sample_unit(kit: YearKit, category: str) -> Unit:
    return next(u for u in kit.units if u.category == category)


def _close_past_plans(kit: YearKit) -> None:
    """Plans whose period has ended are closed (their undone tasks stay pending, as missed)."""
    office = kit.users["demo_office"]
    for plans in kit.plans.values():
        for period, plan in plans:
            if period.end < kit.year.today:
                plan_close(actor=office, plan=plan, comment="计划期满结束")


def _leader_rules(kit: YearKit) -> None:
    """Who the 带队检查 rules apply to, where the office has not chosen yet: the secretary, the town
    head, and the two deputies responsible for safety (section-level cadres)."""
    people = {LeaderRank.PARTY_SECRETARY: [kit.leaders[0]], LeaderRank.TOWN_HEAD: [kit.leaders[1]],
              LeaderRank.SECTION_CADRE: [kit.leaders[5], kit.leaders[6]]}
    chosen = {rule.pk: (None, people[rule.rank])
              for rule in LeaderInspectionRule.objects.filter(rank__in=people)
              if not rule.people.exists()}
    inspection_rules_update(actor=kit.users["demo_office"], intervals={}, rules=chosen,
                            visible_ids=set())


# Visits --------------------------------------------------------------------------------------------

def _days(year: DemoYear, rng: random.Random, per_year: float) -> list[dt.date]:
    """About `per_year` days spread over the window, evenly with some jitter."""
    count = int(per_year) + (rng.random() < per_year - int(per_year))
    if not count:
        return []
    spacing = 365 / count
    first = rng.uniform(0, spacing)
    days = set()
    for n in range(count):
        offset = first + n * spacing + rng.uniform(-0.25, 0.25) * spacing
        day = year.start + dt.timedelta(days=int(min(max(offset, 0), 364)))
        if day <= year.last:
            days.add(day)
    return sorted(days)


def _unit_days(kit: YearKit, unit: Unit, rng: random.Random) -> list[dt.date]:
    """Days of a unit's everyday inspections: spread over the year at its colour's rate, and, for
    most units, one within its configured interval before today (the winter fire-prevention push),
    so that most are up to date. Red units are inspected every week."""
    year = kit.year
    if unit.risk_level == "red":
        days, day = [], year.day(rng.randint(1, 4))
        while day >= year.start:
            days.append(day)
            day -= dt.timedelta(days=rng.randint(5, 8))
        return days
    per_year = (PIT_PER_YEAR if unit.category == "abandoned_pit" else PER_YEAR)[unit.risk_level]
    window = min(kit.intervals.get(unit.risk_level, 180), 90)
    recent = year.day(window - 1)
    days = [d for d in _days(year, rng, per_year) if d < recent]
    if rng.random() < UP_TO_DATE:
        days.append(recent + dt.timedelta(days=rng.randint(0, window - 2)))
    return days


def _visits(kit: YearKit) -> list[Visit]:
    rng, year = kit.rng, kit.year
    behind = {kit.village_code[v] for v in BEHIND_VILLAGES}
    visits = [_routine(kit, unit, day, rng) for unit in kit.units for day in _unit_days(kit, unit, rng)]
    visits += _special_visits(kit, rng) + _expert_visits(kit, rng) + _leader_visits(kit, rng)
    visits += _self_checks(kit, rng)
    kept = []
    for visit in visits:
        day = timezone.localtime(visit.when).date()
        if kit.village_of(visit.unit) in behind and visit.kind not in (K.LEADER_LED, K.EXPERT_MONTHLY):
            if day > year.day(50) or rng.random() < 0.5:
                continue
        if visit.unit.name == BEHIND_RED and day > year.day(11):
            continue
        kept.append(visit)
    _spot_fixes(kept, kit, rng)
    return kept


def _routine(kit: YearKit, unit: Unit, day: dt.date, rng: random.Random) -> Visit:
    """An everyday inspection: the grid worker or village in 张一村, the police station on its
    sectors, the office elsewhere; patrols of pits, forests and hazard points by those who watch
    them (entered by the office)."""
    when = kit.year.at(day, rng)
    plan = kit.plan_for(K.ROUTINE, day)
    if unit.category in PATROLLED:
        return Visit(when, unit, K.GRID_PATROL, "demo_office", plan, [kit.patroller(unit, rng)])
    if kit.grid_of(unit) == kit.home_grid and rng.random() < 0.7:
        return Visit(when, unit, K.GRID_PATROL, "demo_grid", plan, [kit.grid_workers[kit.home_grid]])
    if kit.in_home_village(unit) and rng.random() < 0.5:
        return Visit(when, unit, K.GRID_PATROL, "demo_village", plan,
                     [kit.secretaries[kit.home_village]])
    if kit.police_may(unit) and rng.random() < 0.55:
        return Visit(when, unit, K.ROUTINE, "demo_police", plan, [kit.member(POLICE, rng)])
    if unit.category in ("small_venue", "street_shop") and rng.random() < 0.6:
        return Visit(when, unit, K.GRID_PATROL, "demo_office", plan, [kit.patroller(unit, rng)])
    inspectors = [kit.member(SAFETY_OFFICE, rng)]
    if unit.category in ("road_section",):
        inspectors.append(kit.member(TRAFFIC, rng))
    return Visit(when, unit, K.ROUTINE, "demo_office", plan, inspectors)


def _workday_in(period: Period, year: DemoYear, rng: random.Random) -> dt.date | None:
    period = year.clip(period)
    if period.end < period.start:
        return None
    for _ in range(10):
        day = period.start + dt.timedelta(days=rng.randint(0, (period.end - period.start).days))
        if day.weekday() < 5:
            return day
    return day


def _special_visits(kit: YearKit, rng: random.Random) -> list[Visit]:
    """The campaign, key-period and joint-enforcement plans: most of their units visited once."""
    visits = []
    for kind, share in ((K.SPECIAL_CAMPAIGN, 0.55), (K.KEY_PERIOD, 0.8), (K.JOINT_ENFORCEMENT, 0.7)):
        for period, plan in kit.plans.get(kind, ()):
            for unit in kit.units:
                if unit.category not in plan.categories or rng.random() > share:
                    continue
                day = _workday_in(period, kit.year, rng)
                if day is None:
                    continue
                if kind == K.JOINT_ENFORCEMENT:
                    actor = "demo_office"
                    inspectors = [kit.member(POLICE, rng), kit.member(FIRE_SERVICE, rng),
                                  kit.member(MARKET, rng)]
                elif kit.police_may(unit) and rng.random() < 0.6:
                    actor = "demo_police"
                    inspectors = [kit.member(POLICE, rng), kit.member(FIRE_SERVICE, rng)]
                else:
                    actor = "demo_office"
                    inspectors = [kit.member(SAFETY_OFFICE, rng), kit.member(ENFORCEMENT, rng)]
                visits.append(Visit(kit.year.at(day, rng), unit, kind, actor, plan, inspectors))
    return visits


def _expert_visits(kit: YearKit, rng: random.Random) -> list[Visit]:
    units = [u for u in kit.units if u.category in ("mine", "tailings_pond")
             or u.name in EXPERT_ENTERPRISES]
    visits = []
    for period, plan in kit.plans.get(K.EXPERT_MONTHLY, ()):
        for unit in units:
            if rng.random() < 0.88 and (day := _workday_in(period, kit.year, rng)):
                visits.append(Visit(kit.year.at(day, rng), unit, K.EXPERT_MONTHLY, "demo_expert",
                                    plan, [kit.experts[0], rng.choice(kit.experts[1:])]))
    return visits


def _leader_visits(kit: YearKit, rng: random.Random) -> list[Visit]:
    """燕生 leads an inspection most weeks (last one two days ago); 钱熙浩 most weeks too, but none
    in the last 11 days, so he is behind the weekly rule; the two deputies for safety every two
    weeks or so."""
    year = kit.year
    key_units = [u for u in kit.units if u.category in KEY_CATEGORIES]
    # (leader, days between, share of those days with an inspection, last one days ago, login)
    schedule = [(kit.leaders[0], 7, 0.88, 2, "demo_leader"),
                (kit.leaders[1], 7, 0.8, 11, "demo_office"),
                (kit.leaders[5], 14, 0.9, 3, "demo_office"),
                (kit.leaders[6], 14, 0.85, 6, "demo_office")]
    visits = []
    for leader, every, share, last_ago, actor in schedule:
        linked = [u for u in key_units if u.linked_leader_id == leader.pk] or key_units
        day = year.day(last_ago)
        while day >= year.start:
            if day == year.day(last_ago) or rng.random() < share:
                unit = rng.choice(linked if rng.random() < 0.6 else key_units)
                office_staff = kit.member(SAFETY_OFFICE, rng)
                visits.append(Visit(year.at(day, rng, (9, 16)), unit, K.LEADER_LED, actor,
                                    kit.plan_for(K.LEADER_LED, day), [leader, office_staff], leader))
            day -= dt.timedelta(days=every + rng.randint(-2, 2))
    return visits


def _self_checks(kit: YearKit, rng: random.Random) -> list[Visit]:
    """The machinery works checks itself every month (demo_enterprise); the other enterprises'
    quarterly self-check forms are entered by the office, most of them."""
    year, visits = kit.year, []
    for unit in (u for u in kit.units if u.category == "enterprise"):
        if unit.name == ENTERPRISE_UNIT:
            for month in year.months():
                if (day := _workday_in(Period("", month.start, month.start + dt.timedelta(days=9)),
                                       year, rng)):
                    visits.append(Visit(year.at(day, rng), unit, K.SELF_CHECK, "demo_enterprise",
                                        kit.plan_for(K.SELF_CHECK, day)))
            continue
        for period, plan in kit.plans.get(K.SELF_CHECK, ()):
            if rng.random() < 0.7 and (day := _workday_in(period, year, rng)):
                visits.append(Visit(year.at(day, rng), unit, K.SELF_CHECK, "demo_office", plan))
    return visits


def _spot_fixes(visits: list[Visit], kit: YearKit, rng: random.Random) -> None:
    """Mark a few ordinary visits as finding a small problem that is fixed on the spot."""
    def fits(visit: Visit) -> bool:
        checklist = kit.checklist(visit.unit)
        return (visit.kind not in (K.LEADER_LED, K.SELF_CHECK) and checklist is not None
                and checklist.template.family in demo_hazards.SPOT_POOL)

    pool = [v for v in visits if fits(v)]
    for visit in rng.sample(pool, min(SPOT_FIXES, len(pool))):
        visit.spot = rng.choice(demo_hazards.SPOT_POOL[kit.checklist(visit.unit).template.family])


# Records -------------------------------------------------------------------------------------------

def submit(kit: YearKit, visit: Visit, rng: random.Random, bulk: _Bulk) -> None:
    unit, checklist = visit.unit, kit.checklist(visit.unit)
    if visit.spot is not None and checklist:
        demo_hazards.spot_fix(kit, visit, checklist, rng)
        return
    with_photo = rng.random() < 0.03
    if checklist:
        answers = answers_for(kit, unit, checklist, rng, with_photo=with_photo, when=visit.when)
        summary = rng.choice(SUMMARIES) % {"n": len(answers)}
    else:
        answers = []
        summary = QUIET_SUMMARIES.get(unit.category, SUMMARIES[0])
    if visit.kind == K.LEADER_LED:
        summary = f"{visit.leader.name}带队督导检查：{summary}"
    data = record_data(kit, visit, checklist, summary)
    kit.created["records"] += 1
    if any(a.photos for a in answers) or visit.kind == K.LEADER_LED or visit.actor == "demo_enterprise":
        record_submit(actor=kit.users[visit.actor], unit=unit, data=data, answers=answers)
    else:
        bulk.add(kit.users[visit.actor], unit, data, answers)


class _Bulk:
    """Uneventful records written in bulk: the rows `record_submit` writes for a record whose
    answers all conform and that has no photo (no hook has anything to do for it)."""

    def __init__(self) -> None:
        self.rows: list[tuple] = []  # (actor, record, answers, inspectors, task)

    def add(self, actor, unit: Unit, data: dict, answers: list[AnswerInput]) -> None:
        task = data["task"]
        record = InspectionRecord(
            unit=unit, kind=data["kind"], plan=data["plan"], task=task,  # the task's plan
            template=data["template"], inspected_at=data["inspected_at"],
            inspector_names=data["inspector_names"][:200], leader=data["leader"],
            latitude=data["latitude"], longitude=data["longitude"], location=unit.address[:255],
            summary=data["summary"], signature=data["signature"], nonconforming_count=0,
            created_by=actor)
        self.rows.append((actor, record, answers, data["inspectors"], task))

    def flush(self, kit: YearKit) -> None:
        if not self.rows:
            return
        InspectionRecord.objects.bulk_create([row[1] for row in self.rows], batch_size=500)
        InspectionAnswer.objects.bulk_create([
            InspectionAnswer(record=record, item_id=a.item_id, verdict=a.verdict or "",
                             number=None if a.number in (None, "") else Decimal(str(a.number)))
            for _actor, record, answers, _people, _task in self.rows for a in answers],
            batch_size=2000)
        Through = InspectionRecord.inspectors.through
        Through.objects.bulk_create([
            Through(inspectionrecord_id=record.pk, person_id=person.pk)
            for _actor, record, _answers, people, _task in self.rows for person in people],
            batch_size=2000)
        tasks = [task.pk for *_rest, task in self.rows if task is not None]
        for start in range(0, len(tasks), 500):
            InspectionTask.objects.filter(pk__in=tasks[start:start + 500]).update(
                status=TaskStatus.DONE)
        journal.record_many([journal.build(actor, record, JournalAction.CREATE,
                                           journal.snapshot(record))
                             for actor, record, *_rest in self.rows])


def _back_date(first_record: int, users) -> None:
    """The demo's records were submitted 25 minutes after the inspection, with their photos."""
    records = InspectionRecord.objects.filter(pk__gt=first_record, created_by__in=users)
    records.update(created_at=F("inspected_at") + dt.timedelta(minutes=25))
    InspectionPhoto.objects.filter(record__in=records).update(received_at=Subquery(
        InspectionRecord.objects.filter(pk=OuterRef("record_id")).values("created_at")[:1]))
