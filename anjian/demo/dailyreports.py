"""The demo year of daily reporting (日报告制度): every village/community and every agency of the town
reports every day of the window, with realistic gaps.

Most reporters are compliant (a missed day or a late report now and then); two are often late and
two often miss days. A day on which the platform recorded inspections or hazards of the reporter
(the inspections year built before this) gets a full report with those figures and the measures
taken; a few carry a small incident; every other day is a zero report (零报告). Today, a couple of
reporters have not reported yet, so the office's "today" page has someone to call.

Fast: the rows are bulk-created and journaled with `journal.record_many`; the cut-off time goes
through `report_settings_set`. Idempotent: a town that already has reports before today gets none.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.dailyreports.models import DEFAULT_CUTOFF, DailyReport, ReportSettings
from anjian.dailyreports.selectors import Reporter, cutoff_for, deadline, town_reporters
from anjian.dailyreports.services import report_settings_set
from anjian.demo.organisations import POLICE
from anjian.demo.yearkit import YearKit
from anjian.hazards.models import Hazard
from anjian.inspections.models import InspectionRecord
from anjian.regions.models import Region

SEED = "xizhangcun-2023:dailyreports"
ONE_DAY = dt.timedelta(days=1)

VILLAGE_INCIDENTS = [
    ("村民在田间焚烧秸秆引发小范围火情，村干部和网格员及时扑灭，无人员伤亡。",
     "组织巡查队加强田间巡查，通过大喇叭宣传禁烧规定。"),
    ("村内一处老旧房屋墙体因降雨局部坍塌，无人员伤亡。",
     "已拉警戒线并疏散周边住户，报镇规划建设办公室核查。"),
    ("村道弯道处发生一起三轮车侧翻，驾驶人轻微擦伤。",
     "联系交管站在弯道增设警示标志，入户开展交通安全劝导。"),
    ("一户村民家中液化气瓶胶管老化漏气，发现及时未造成事故。",
     "协助更换胶管和减压阀，对全村燃气用户开展入户检查。"),
]
ORGANISATION_INCIDENTS = [
    ("辖区道路发生一起轻微交通事故，无人员伤亡。", "现场处置后恢复通行，对肇事车辆驾驶人开展安全教育。"),
    ("一处沿街门店电动车室内充电，当场制止。", "责令立即整改，对周边门店开展消防安全宣传。"),
]
VILLAGE_MEASURES = [
    "对检查发现的问题当场督促整改，不能立即整改的已上报隐患并明确整改期限。",
    "网格员逐户排查，对发现的隐患拍照上报，督促责任人落实整改。",
    "对九小场所和沿街门店开展检查，讲解消防安全常识，发放宣传资料。",
]
ORGANISATION_MEASURES = [
    "按照三管三必须要求对本行业领域单位开展检查，发现问题已下达整改通知。",
    "联合村（社区）开展检查，督促企业落实主体责任，隐患已录入平台跟踪整改。",
]


@dataclass
class Habit:
    """How a reporter behaves: the chance of missing a day and of reporting late."""

    miss: float
    late: float


def build(kit: YearKit) -> None:
    town = kit.town
    if DailyReport.objects.filter(town=town, date__lt=kit.year.today).exists():
        return
    if not ReportSettings.objects.filter(town=town).exists():
        report_settings_set(actor=None, town=town, cutoff=DEFAULT_CUTOFF)
        kit.created["daily report settings"] += 1
    rng = random.Random(SEED)
    reporters = town_reporters(town)
    submitters = _submitters(kit, reporters)
    habits = _habits(reporters, rng, {k for k, (user, _name) in submitters.items() if user})
    counts = _platform_counts(town, reporters, kit.year.start, kit.year.today)
    cutoff = cutoff_for(town)
    rows: list[DailyReport] = []
    day = kit.year.start
    while day <= kit.year.today:
        for reporter in reporters:
            report = _report(kit, rng, town, reporter, deadline(town, day, cutoff),
                             habits[reporter.key], counts.get((reporter.key, day), (0, 0)),
                             submitters[reporter.key])
            if report is not None:
                rows.append(report)
        day += ONE_DAY
    DailyReport.objects.bulk_create(rows, batch_size=2000)
    content_type = ContentType.objects.get_for_model(DailyReport)
    journal.record_many([
        journal.build(report.submitted_by, report, JournalAction.CREATE,
                      journal.diff({}, journal.snapshot(report)),
                      content_type=content_type)
        for report in rows])
    kit.created["daily reports"] += len(rows)


def _habits(reporters: list[Reporter], rng: random.Random, logins: set[str]) -> dict[str, Habit]:
    """Two reporters often late, two often missing (never the demo logins' own), the rest
    compliant."""
    keys = [r.key for r in reporters]
    picked = rng.sample([k for k in keys if k not in logins], 4)
    habits = {key: Habit(miss=0.01, late=0.03) for key in keys}
    for key in picked[:2]:
        habits[key] = Habit(miss=0.04, late=0.3)
    for key in picked[2:]:
        habits[key] = Habit(miss=0.18, late=0.12)
    return habits


def _village_of(path: str, villages: dict[str, str]) -> str | None:
    """The reporter key of the village whose path `path` lies under."""
    parts = path.strip("/").split("/")
    for depth in range(len(parts), 0, -1):
        key = villages.get("/" + "/".join(parts[:depth]) + "/")
        if key:
            return key
    return None


def _platform_counts(town: Region, reporters: list[Reporter], start: dt.date,
                     end: dt.date) -> dict[tuple[str, dt.date], tuple[int, int]]:
    """(reporter key, day) -> (inspections, hazards) as the platform recorded them (in bulk; the
    same rules as selectors.platform_counts)."""
    lo = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    hi = timezone.make_aware(dt.datetime.combine(end + ONE_DAY, dt.time.min))
    villages = {r.region.path: r.key for r in reporters if r.is_village}
    orgs = {r.organisation_id: r.key for r in reporters if not r.is_village}
    inspections: dict[tuple, set] = {}
    hazards: Counter = Counter()
    records = InspectionRecord.objects.filter(inspected_at__gte=lo, inspected_at__lt=hi,
                                              unit__region__path__startswith=town.path)
    for pk, at, path in records.values_list("pk", "inspected_at", "unit__region__path"):
        key = _village_of(path, villages)
        if key:
            inspections.setdefault((key, timezone.localtime(at).date()), set()).add(pk)
    through = InspectionRecord.inspectors.through.objects.filter(
        inspectionrecord__inspected_at__gte=lo, inspectionrecord__inspected_at__lt=hi,
        person__organisation_id__in=list(orgs))
    for pk, at, org in through.values_list("inspectionrecord_id", "inspectionrecord__inspected_at",
                                           "person__organisation_id"):
        inspections.setdefault((orgs[org], timezone.localtime(at).date()), set()).add(pk)
    found = Hazard.objects.filter(discovered_at__gte=lo, discovered_at__lt=hi,
                                  region__path__startswith=town.path)
    for at, path, org in found.values_list("discovered_at", "region__path",
                                           "discovered_by__person__organisation_id"):
        day = timezone.localtime(at).date()
        key = _village_of(path, villages)
        if key:
            hazards[(key, day)] += 1
        if org in orgs:
            hazards[(orgs[org], day)] += 1
    keys = set(inspections) | set(hazards)
    return {k: (len(inspections.get(k, ())), hazards.get(k, 0)) for k in keys}


def _submitters(kit: YearKit, reporters: list[Reporter]) -> dict[str, tuple]:
    """Who files for each reporter: (user or None, name) — the demo logins for the home village
    and the police station, the secretary or the agency's head elsewhere."""
    village_user = kit.users.get("demo_village")
    police_user = kit.users.get("demo_police")
    result = {}
    for r in reporters:
        user = None
        if r.is_village and r.region.code == kit.home_village:
            user = village_user
        elif r.organisation is not None and r.organisation.name == POLICE:
            user = police_user
        result[r.key] = (user, (user.display_name if user else "") or r.contact)
    return result


def _report(kit: YearKit, rng: random.Random, town: Region, reporter: Reporter,
            cutoff: dt.datetime, habit: Habit, known: tuple[int, int],
            submitter: tuple) -> DailyReport | None:
    """One reporter's report of one day (the day of `cutoff`), or None for a missed day.

    Every report draws the same six numbers whatever the data or the clock, so that today's
    platform counts (which depend on the build's time of day) cannot shift the draws of the
    reports after it."""
    miss, late, minute, incident, pick_incident, pick_measure = (
        rng.random(), rng.random(), rng.random(), rng.random(), rng.random(), rng.random())
    day = timezone.localtime(cutoff).date()
    today = day == kit.year.today
    user, name = submitter
    if miss < habit.miss or (today and (habit.miss > 0.1 or user is not None)):
        # missed; today the often-missing reporters and the demo logins' own have not reported
        # yet (the village cadre can try the one-tap zero report)
        return None
    if today:
        opening = timezone.make_aware(dt.datetime.combine(day, dt.time(7, 30)))
        minutes = int((kit.year.now - opening).total_seconds() // 60)
        if minutes < 30:
            return None  # before office hours nobody has reported yet
        at = opening + dt.timedelta(minutes=int(minute * (minutes - 5)))
    elif late < habit.late:
        at = cutoff + dt.timedelta(minutes=5 + int(minute * 15 * 60))  # that evening or next morning
    else:
        at = cutoff - dt.timedelta(minutes=20 + int(minute * 9 * 60))
    inspections, hazards = known
    events = measures = ""
    incidents = VILLAGE_INCIDENTS if reporter.is_village else ORGANISATION_INCIDENTS
    if incident < (0.012 if reporter.is_village else 0.006):
        events, measures = incidents[int(pick_incident * len(incidents))]
    if inspections or hazards:
        pool = VILLAGE_MEASURES if reporter.is_village else ORGANISATION_MEASURES
        measure = pool[int(pick_measure * len(pool))]
        measures = (measures + "\n" if measures else "") + measure
    return DailyReport(
        date=day, town=town, region=reporter.region, organisation=reporter.organisation,
        inspections_count=inspections, hazards_count=hazards, events=events, measures=measures,
        is_zero=not (inspections or hazards or events or measures), is_late=at > cutoff,
        submitted_by=user, submitter_name=name, first_submitted_at=at, submitted_at=at)
