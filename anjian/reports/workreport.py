"""The figures of a work report (工作开展情况汇报) for any region and period, each read from its
ledger through that ledger's own selector where one exists, so the report and the app's pages agree.

The report follows seed 001 (西张村镇安全生产基础提升工作开展情况): 一、工作部署情况 (meetings,
responsibility lists), 二、机构建立情况 (leading group, villages, grids, grid workers, agencies),
三、责任落实情况 (leader linkage, agreements, enterprises' monthly training, daily reports),
四、检查范围和重点领域 (units by category, inspections, hazards, enforcement, patrols),
五、宣传教育情况 (trainings, publicity, drills) and 下一步 (accidents, what is left open).

Stock figures (units on the register, people on the tree, rangers) are as they stand now; flow
figures (meetings, inspections, hazards found …) count what is dated inside [start, end]. Hazards
found in the period are counted in their state now (rectified, still open, overdue today).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from anjian.accidents.models import Accident
from anjian.accidents.selectors import accident_statistics
from anjian.accounts.choices import Duty as PersonDuty
from anjian.accounts.models import Person
from anjian.dailyreports.selectors import compliance as daily_compliance
from anjian.emergency.models import Drill
from anjian.enforcement.selectors import EnforcementCounts, enforcement_counts
from anjian.hazards.models import Hazard
from anjian.hazards.selectors import Stats, hazard_statistics
from anjian.inspections.models import InspectionRecord
from anjian.inspections.selectors import coverage, coverage_by_region, day_start
from anjian.patrols.models import FireCheckpoint, PatrolCheckIn
from anjian.patrols.selectors import fire_totals, persuasion_stats, rangers
from anjian.regions.choices import RegionKind, RegionLevel
from anjian.regions.models import Organisation, Region
from anjian.responsibility.models import Duty as ListDuty
from anjian.responsibility.models import ResponsibilityList
from anjian.responsibility.selectors import (
    Coverage,
    MeetingCount,
    agreement_coverage,
    meetings_count,
    visits_by_leader,
)
from anjian.training.selectors import publicity_totals, training_compliance
from anjian.units.choices import Category, Subcategory, UnitStatus
from anjian.units.models import Unit

GROUP = "领导小组"  # the leading group's name in people's positions (demo/people.py)
MAX_DAYS = 2 * 366  # the longest period a report may cover

# How a region calls itself: 我镇 … 全镇 (seed 001).
SELF_NAMES = {
    RegionKind.DISTRICT: "区", RegionKind.COUNTY: "县", RegionKind.TOWN: "镇",
    RegionKind.TOWNSHIP: "乡", RegionKind.STREET: "街道", RegionKind.VILLAGE: "村",
    RegionKind.COMMUNITY: "社区", RegionKind.GRID: "网格",
}


@dataclass
class GroupMember:
    name: str
    post: str  # the position without the group role: 镇党委书记
    role: str  # 组长, 常务副组长, 副组长, 成员


@dataclass
class LeadingGroup:
    """The leading group(s) found among the people of the region (positions naming 领导小组)."""

    members: list[GroupMember] = field(default_factory=list)
    office: str = ""  # the organisation of the group office's head (领导小组办公室主任)

    def with_role(self, role: str) -> list[GroupMember]:
        return [m for m in self.members if m.role == role]


@dataclass
class UnitCount:
    key: str
    label: str
    count: int
    subcategories: list[tuple[str, str, int]] = field(default_factory=list)  # key, label, count


@dataclass
class ChildRow:
    """One child region (a town's village) in the table of the report."""

    name: str
    units: int = 0
    inspected: int = 0
    found: int = 0
    rectified: int = 0
    open: int = 0


@dataclass
class WorkReportFigures:
    region: Region
    start: dt.date
    end: dt.date
    today: dt.date
    # 一、工作部署
    meetings: MeetingCount | None = None
    lists: int = 0  # responsibility lists of the end's year
    list_duties: int = 0
    # 二、机构建立
    group: LeadingGroup = field(default_factory=LeadingGroup)
    villages: int = 0
    grids: int = 0
    grid_workers: int = 0
    village_secretaries: int = 0
    organisations: int = 0
    # 三、责任落实
    leaders_linked: int = 0  # leaders with units linked to them
    units_linked: int = 0
    visits: int = 0
    units_visited: int = 0
    agreements: Coverage | None = None
    agreements_in_period: int = 0  # of those, signed between start and end
    monthly_units: int = 0  # enterprises owing a training every month
    monthly_compliant: int = 0
    monthly_months: int = 0  # months due in the end's year
    daily_due: int = 0
    daily_filed: int = 0
    daily_late: int = 0
    # 四、检查范围和重点领域
    units_total: int = 0
    units: list[UnitCount] = field(default_factory=list)
    records: int = 0
    records_led: int = 0  # inspections led by a leader (带队检查)
    units_inspected: int = 0
    hazards: Stats | None = None
    enforcement: EnforcementCounts | None = None
    rangers: int = 0
    checkins: int = 0
    checkpoints: int = 0
    fire_found: int = 0
    fire_handled: int = 0
    persuasions: int = 0
    children: list[ChildRow] = field(default_factory=list)
    # 五、宣传教育
    training: dict = field(default_factory=dict)  # training.selectors.publicity_totals
    drills: int = 0
    drill_participants: int = 0
    # 下一步
    accidents: int = 0
    deaths: int = 0
    injured: int = 0
    loss: Decimal = Decimal(0)

    @property
    def self_name(self) -> str:
        """镇 for a town, 村 for a village …: 我镇, 全镇."""
        return SELF_NAMES.get(self.region.kind, "")

    @property
    def units_missed(self) -> int:
        return self.units_total - self.units_inspected

    def unit_count(self, category: str) -> int:
        return next((u.count for u in self.units if u.key == category), 0)


def work_report_figures(region: Region, start: dt.date, end: dt.date,
                        today: dt.date | None = None) -> WorkReportFigures:
    """Every figure of the work report of `region`'s subtree over [start, end] (both included)."""
    today = today or timezone.localdate()
    f = WorkReportFigures(region, start, end, today)
    _deployment(f)
    _organisation(f)
    _responsibility(f)
    _units(f)
    _inspections(f)
    _patrols(f)
    _education(f)
    _accidents(f)
    return f


def _deployment(f: WorkReportFigures) -> None:
    f.meetings = meetings_count(f.region, f.start, f.end)
    lists = ResponsibilityList.objects.filter(region__path__startswith=f.region.path,
                                              year=f.end.year)
    f.lists = lists.count()
    f.list_duties = ListDuty.objects.filter(responsibility_list__in=lists.values("pk")).count()


def leading_group(region: Region) -> LeadingGroup:
    """Members of the leading group among the active people of `region`'s subtree, read from their
    positions ("镇党委书记、领导小组组长")."""
    group = LeadingGroup()
    people = (Person.objects.filter(region__path__startswith=region.path, is_active=True,
                                    position__contains=GROUP)
              .select_related("organisation").order_by("pk"))
    for person in people:
        parts = [p for p in person.position.replace("，", "、").split("、") if p]
        role = next((p.split(GROUP, 1)[1] for p in parts if p.startswith(GROUP)), "")
        post = "、".join(p for p in parts if not p.startswith(GROUP))
        if role.startswith("办公室"):  # 领导小组办公室主任 as the only group role
            role = "成员"
        group.members.append(GroupMember(person.name, post, role or "成员"))
        if f"{GROUP}办公室" in person.position and not group.office:
            group.office = person.organisation.name if person.organisation_id else ""
    return group


def _organisation(f: WorkReportFigures) -> None:
    f.group = leading_group(f.region)
    regions = Region.objects.filter(path__startswith=f.region.path).order_by()
    levels = dict(regions.values_list("level").annotate(n=Count("pk")))
    f.villages = levels.get(RegionLevel.VILLAGE, 0)
    f.grids = levels.get(RegionLevel.GRID, 0)
    people = Person.objects.filter(region__path__startswith=f.region.path, is_active=True)
    duties = dict(people.order_by().values_list("duty").annotate(n=Count("pk")))
    f.grid_workers = duties.get(PersonDuty.GRID_WORKER, 0)
    f.village_secretaries = duties.get(PersonDuty.VILLAGE_SECRETARY, 0)
    f.organisations = Organisation.objects.filter(region__path__startswith=f.region.path,
                                                  is_active=True).count()


def _responsibility(f: WorkReportFigures) -> None:
    linkage = visits_by_leader(f.region, f.start, f.end)
    f.leaders_linked = sum(1 for row in linkage if row.units)
    f.units_linked = sum(row.units for row in linkage)
    f.visits = sum(row.visits for row in linkage)
    f.units_visited = sum(row.units_visited for row in linkage)
    f.agreements = agreement_coverage(f.region, f.end.year)
    f.agreements_in_period = sum(
        1 for p in f.agreements.parties
        if p.agreement is not None and f.start <= p.agreement.signed_on <= f.end)
    monthly = training_compliance(f.region, f.end.year, today=min(f.end, f.today))
    f.monthly_units, f.monthly_compliant = len(monthly.rows), monthly.compliant_units
    f.monthly_months = monthly.months_due
    rows = daily_compliance(f.region, f.start, f.end)
    f.daily_due = sum(r.due for r in rows)
    f.daily_filed = sum(r.filed for r in rows)
    f.daily_late = sum(r.late for r in rows)


def _active_units(region: Region):
    return Unit.objects.filter(region__path__startswith=region.path, status=UnitStatus.ACTIVE)


def _units(f: WorkReportFigures) -> None:
    counts = Counter()
    for category, subcategory, n in (_active_units(f.region).order_by()
                                     .values_list("category", "subcategory")
                                     .annotate(n=Count("pk"))):
        counts[(category, subcategory)] += n
    sub_labels = dict(Subcategory.choices)
    for key, label in Category.choices:
        subs = [(sub, str(sub_labels.get(sub, sub)), n)
                for (cat, sub), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                if cat == key]
        if subs:
            f.units.append(UnitCount(key, str(label), sum(n for _s, _l, n in subs), subs))
    f.units_total = sum(u.count for u in f.units)


def _inspections(f: WorkReportFigures) -> None:
    since, until = day_start(f.start), day_start(f.end + dt.timedelta(days=1))
    records = InspectionRecord.objects.filter(unit__region__path__startswith=f.region.path,
                                              inspected_at__gte=since, inspected_at__lt=until)
    counts = records.order_by().aggregate(n=Count("pk"), led=Count("pk", filter=Q(
        leader__isnull=False)))
    f.records, f.records_led = counts["n"], counts["led"]
    units = _active_units(f.region)
    f.units_inspected = coverage(units, since, until).inspected
    hazards = Hazard.objects.filter(region__path__startswith=f.region.path,
                                    discovered_at__gte=since, discovered_at__lt=until)
    [f.hazards] = hazard_statistics(hazards, today=f.today)
    f.enforcement = enforcement_counts(f.region, f.start, f.end)
    by_child = {s.key: s for s in hazard_statistics(hazards, by="region", within=f.region,
                                                    today=f.today)}
    for row in coverage_by_region(units, since, until, f.region):
        stats = by_child.get(row.region.pk)
        f.children.append(ChildRow(
            row.region.name, row.total, row.inspected, stats.found if stats else 0,
            stats.rectified if stats else 0, stats.open if stats else 0))


def _patrols(f: WorkReportFigures) -> None:
    since, until = day_start(f.start), day_start(f.end + dt.timedelta(days=1))
    f.rangers = rangers(f.region).count()
    f.checkins = PatrolCheckIn.objects.filter(region__path__startswith=f.region.path,
                                              checked_at__gte=since, checked_at__lt=until).count()
    f.checkpoints = FireCheckpoint.objects.filter(region__path__startswith=f.region.path,
                                                  is_active=True).count()
    fires = fire_totals(f.region, f.start, f.end)
    f.fire_found, f.fire_handled = fires["found"], fires["handled"]
    f.persuasions = persuasion_stats(f.region, f.start, f.end).total


def _education(f: WorkReportFigures) -> None:
    f.training = publicity_totals(f.region, f.start, f.end)
    drills = Drill.objects.filter(region__path__startswith=f.region.path,
                                  held_on__range=(f.start, f.end))
    totals = drills.aggregate(n=Count("pk"), people=Sum("participants"))
    f.drills, f.drill_participants = totals["n"], totals["people"] or 0


def _accidents(f: WorkReportFigures) -> None:
    stats = accident_statistics(Accident.objects.filter(region__path__startswith=f.region.path),
                                f.start, f.end)
    f.accidents, f.deaths = stats.total.count, stats.total.deaths
    f.injured, f.loss = stats.total.injured, stats.total.loss


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """This year up to today."""
    today = today or timezone.localdate()
    return dt.date(today.year, 1, 1), today
