"""Reads of inspections (隐患排查): coverage of a scope in a period (横向到边、纵向到底、不留死角),
units behind their risk colour's inspection frequency, leaders behind their 带队检查 rule, and the
scoped lists the pages start from. Other apps (dashboard, assessment, reports) read through here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DurationField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from anjian.accounts.models import Person
from anjian.inspections.choices import PlanStatus, TaskStatus
from anjian.inspections.models import (
    ChecklistTemplate,
    InspectionRecord,
    InspectionTask,
    LeaderInspectionRule,
    RiskFrequency,
)
from anjian.inspections.services import units_reachable
from anjian.regions.models import Region
from anjian.units.models import Unit

RECENT_DAYS = 90  # "how many led in the last 90 days" on the leader page


def day_start(day: dt.date | dt.datetime) -> dt.datetime:
    """Midnight at the start of `day` in the installation's time zone (a datetime passes as is)."""
    if isinstance(day, dt.datetime):
        return day if timezone.is_aware(day) else timezone.make_aware(day)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _inspected_between(start, end):
    """EXISTS: the outer unit has a record with inspected_at in [start, end)."""
    return Exists(InspectionRecord.objects.filter(
        unit=OuterRef("pk"), inspected_at__gte=day_start(start), inspected_at__lt=day_start(end)))


def _share(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


# Coverage ------------------------------------------------------------------------------------------

@dataclass
class Coverage:
    total: int
    inspected: int
    uninspected: QuerySet  # units of the scope with no record in the period

    @property
    def share(self) -> float | None:
        """Percent of units inspected (one decimal), None for an empty scope."""
        return _share(self.inspected, self.total)

    @property
    def missing(self) -> int:
        return self.total - self.inspected


def coverage(units_qs: QuerySet, start, end) -> Coverage:
    """Which units of `units_qs` (already scoped and filtered) were inspected in [start, end).

    `start` and `end` are dates (midnight, local time) or aware datetimes. The two counts come from
    one query; the uninspected units are a lazy queryset (NOT EXISTS)."""
    inspected = _inspected_between(start, end)
    counts = units_qs.order_by().aggregate(
        total=Count("pk"), inspected=Count("pk", filter=Q(inspected)))
    return Coverage(total=counts["total"], inspected=counts["inspected"],
                    uninspected=units_qs.filter(~inspected))


@dataclass
class RegionCoverage:
    region: Region
    total: int = 0
    inspected: int = 0
    own: bool = False  # units placed on `within` itself rather than in one of its children

    @property
    def share(self) -> float | None:
        return _share(self.inspected, self.total)

    @property
    def missing(self) -> int:
        return self.total - self.inspected


def coverage_by_region(units_qs: QuerySet, start, end, within: Region) -> list[RegionCoverage]:
    """Coverage rolled up to the children of `within` (the villages of a town, the grids of a
    village), one row per child in code order, children without units included. Units placed on
    `within` itself come last as a row of their own (`own=True`) when there are any.

    One grouped query (per region of the units, with an EXISTS per unit) plus the children and
    the subtree's paths (grouping by the units' region id spares joining every unit to its
    region: a county's 50,000 units)."""
    children = list(Region.objects.filter(parent=within).order_by("code", "path"))
    rows = {child.pk: RegionCoverage(child) for child in children}
    own = RegionCoverage(within, own=True)
    depth = len(within.ancestor_ids)  # the child's id is the next segment of a unit region's path
    subtree = Region.objects.filter(path__startswith=within.path)
    paths = dict(subtree.values_list("pk", "path"))
    grouped = (units_qs.filter(region__in=subtree.values("pk")).order_by()
               .values("region_id")
               .annotate(total=Count("pk"), inspected=Count("pk", filter=Q(
                   _inspected_between(start, end)))))
    for group in grouped:
        path = paths.get(group["region_id"])
        if path is None:  # a region created after `paths` was read
            continue
        segments = path.strip("/").split("/")
        row = rows.get(int(segments[depth])) if len(segments) > depth else own
        if row is None:  # a child created after `children` was read
            continue
        row.total += group["total"]
        row.inspected += group["inspected"]
    result = [rows[child.pk] for child in children]
    if own.total:
        result.append(own)
    return result


# Frequencies ---------------------------------------------------------------------------------------

def risk_intervals() -> dict[str, int]:
    """Risk colour ('' = unrated) -> days between inspections, as the office configured them."""
    return dict(RiskFrequency.objects.values_list("risk_level", "interval_days"))


def behind_frequency(units_qs: QuerySet, today: dt.date | None = None) -> QuerySet:
    """Units of `units_qs` whose last inspection is older than their risk colour's interval, or
    that were never inspected, oldest first (never inspected at the top).

    Each unit carries `last_inspected` (datetime or None), `interval_days` and `due_at` (the last
    inspection plus the interval; None when never inspected). A unit is behind when its due day
    has passed: with red every 7 days, a unit inspected 7 days ago is due today, not yet behind.
    A colour without a RiskFrequency row is not tracked. One query."""
    today = today or timezone.localdate()
    intervals = risk_intervals()
    if not intervals:
        return units_qs.none()
    condition = Q()
    interval_cases, due_cases = [], []
    for level, days in intervals.items():
        cutoff = day_start(today - dt.timedelta(days=days))
        condition |= Q(risk_level=level) & (Q(last_inspected__isnull=True)
                                            | Q(last_inspected__lt=cutoff))
        interval_cases.append(When(risk_level=level, then=Value(days)))
        due_cases.append(When(risk_level=level, then=F("last_inspected") + Value(
            dt.timedelta(days=days), output_field=DurationField())))
    return (units_qs.annotate(last_inspected=Max("inspection_records__inspected_at"))
            .filter(condition)
            .annotate(interval_days=Case(*interval_cases, output_field=IntegerField()),
                      due_at=Case(*due_cases, output_field=DateTimeField()))
            .order_by(F("last_inspected").asc(nulls_first=True), "pk"))


@dataclass
class LeaderRow:
    rule: LeaderInspectionRule
    person: Person
    last_led: dt.datetime | None = None
    last_record_id: int | None = None
    recent: int = 0  # inspections led in the last RECENT_DAYS days
    due: dt.date | None = None  # the day of the last led inspection plus the rule's interval
    behind: bool = True
    last_record: InspectionRecord | None = field(default=None, repr=False)


def leader_compliance(today: dt.date | None = None, people_scope: QuerySet | None = None,
                      ) -> list[LeaderRow]:
    """For each 带队检查 rule and each of its people within `people_scope` (the Person queryset
    the user may see): the last inspection they led (record.leader), when the next is due, whether
    they are behind (never led, or the due day has passed) and how many they led in the last
    90 days. Ordered by rule (shortest interval first), behind first, then by name. Four queries."""
    today = today or timezone.localdate()
    people_scope = Person.objects.all() if people_scope is None else people_scope
    rules = list(LeaderInspectionRule.objects.all())
    if not rules:
        return []
    Through = LeaderInspectionRule.people.through
    memberships = list(Through.objects.filter(person__in=people_scope.values("pk"))
                       .values_list("leaderinspectionrule_id", "person_id"))
    if not memberships:
        return []
    latest = InspectionRecord.objects.filter(leader=OuterRef("pk")).order_by("-inspected_at", "-pk")
    since = day_start(today - dt.timedelta(days=RECENT_DAYS - 1))
    people = {p.pk: p for p in Person.objects.filter(pk__in={pid for _, pid in memberships})
              .annotate(last_led=Subquery(latest.values("inspected_at")[:1]),
                        last_record_id=Subquery(latest.values("pk")[:1]),
                        recent=Count("led_inspections",
                                     filter=Q(led_inspections__inspected_at__gte=since)))
              .select_related("region")}
    records = InspectionRecord.objects.select_related("unit").in_bulk(
        [p.last_record_id for p in people.values() if p.last_record_id])
    by_rule = {rule.pk: rule for rule in rules}
    rows = []
    for rule_id, person_id in memberships:
        rule, person = by_rule[rule_id], people[person_id]
        row = LeaderRow(rule=rule, person=person, last_led=person.last_led,
                        last_record_id=person.last_record_id, recent=person.recent,
                        last_record=records.get(person.last_record_id))
        if row.last_led is not None:
            row.due = timezone.localdate(row.last_led) + dt.timedelta(days=rule.interval_days)
            row.behind = row.due < today
        rows.append(row)
    order = {rule.pk: n for n, rule in enumerate(rules)}
    rows.sort(key=lambda r: (order[r.rule.pk], not r.behind, r.person.name))
    return rows


# Lists ---------------------------------------------------------------------------------------------

def record_list(user) -> QuerySet:
    """The inspection records the user may see, with what list and detail pages show."""
    return (InspectionRecord.objects.for_user(user)
            .select_related("unit", "unit__region", "unit__region__parent", "leader", "template",
                            "plan"))


def task_list(user) -> QuerySet:
    """The inspection tasks the user may see."""
    return (InspectionTask.objects.for_user(user)
            .select_related("plan", "unit", "unit__region", "unit__region__parent", "assignee"))


def my_tasks(user) -> QuerySet:
    """Pending tasks of active plans on units the user may inspect, nearest due first: the grid
    worker's to-do list."""
    return (InspectionTask.objects
            .filter(status=TaskStatus.PENDING, plan__status=PlanStatus.ACTIVE,
                    unit__in=units_reachable(user).values("pk"))
            .select_related("plan", "unit", "unit__region", "unit__region__parent")
            .order_by("due_date", "id"))


def plan_list(user) -> QuerySet:
    """The plans the user may see, with their task counts (total, done)."""
    from anjian.inspections.models import InspectionPlan

    return (InspectionPlan.objects.for_user(user).select_related("region", "template", "leader")
            .annotate(task_total=Count("tasks", distinct=True),
                      task_done=Count("tasks", filter=Q(tasks__status=TaskStatus.DONE),
                                      distinct=True))
            .order_by("-start_date", "-id"))


def current_templates() -> QuerySet:
    """The current version of every checklist, with its number of items; built-in ones last."""
    return (ChecklistTemplate.objects.filter(is_current=True)
            .annotate(item_count=Count("items")).order_by("builtin", "name"))


def template_versions(template: ChecklistTemplate) -> QuerySet:
    """Every version of a checklist's family, newest first, with how many records used each."""
    return (ChecklistTemplate.objects.filter(family=template.family)
            .annotate(record_count=Count("records")).order_by("-version"))


def reachable_units(user) -> QuerySet:
    """Units on which the user may submit an inspection record."""
    return units_reachable(user)


def top_region(user) -> Region | None:
    """The highest region the user sees (their town for an office): the default coverage scope."""
    return Region.objects.for_user(user).order_by("level", "path").first()


def unit_scope(user, *, region: Region | None = None, categories=(), active_only: bool = True):
    """The units a coverage view counts: the user's, in `region`'s subtree and `categories`."""
    from anjian.units.choices import UnitStatus

    units = Unit.objects.for_user(user)
    if region is not None:
        units = units.filter(region__path__startswith=region.path)
    if categories:
        units = units.filter(category__in=list(categories))
    if active_only:
        units = units.filter(status=UnitStatus.ACTIVE)
    return units
