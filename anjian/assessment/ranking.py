"""The live ranking (考核排名): measures read through the other apps' selectors, never stored.

A scheme scores the targets of its kind in its town — villages (村（社区）), organisations (机关站所)
or leaders (领导干部). Each indicator key has one small function in `INDICATORS` that turns the
shared figures of the period (`Period`, read once per computation) into one `Line` of one target.
docs/assessment.md gives each formula."""


from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from anjian.accidents.models import Accident
from anjian.accidents.selectors import in_period
from anjian.accounts.models import Person
from anjian.assessment import scoring
from anjian.assessment.models import (
    Indicator,
    IndicatorKey,
    Scheme,
    TargetKind,
)
from anjian.dailyreports.selectors import compliance
from anjian.hazards.models import Hazard
from anjian.hazards.selectors import Stats, hazard_statistics
from anjian.inspections.models import InspectionRecord
from anjian.inspections.selectors import coverage as unit_coverage
from anjian.inspections.selectors import coverage_by_region, day_start, leader_compliance
from anjian.regions.models import Organisation, Region
from anjian.responsibility.selectors import (
    agreement_coverage,
    expected_organisations,
    town_leaders,
    visits_by_leader,
)
from anjian.training.selectors import training_compliance
from anjian.units.choices import UnitStatus
from anjian.units.models import Unit


@dataclass
class Line:
    """One indicator of one target: the measure, its explanation, points and the list behind it."""

    key: str
    label: str
    weight: int
    measure: float | int | None
    detail: str
    points: float
    link: str = ""


@dataclass
class Target:
    """What a scheme scores: a village (Region), an organisation or a leader (Person), with the
    filters that find its units, hazards and accidents within the town."""

    kind: str
    obj: Region | Organisation | Person
    town: Region

    @property
    def pk(self) -> int:
        return self.obj.pk

    @property
    def name(self) -> str:
        return self.obj.name

    @cached_property
    def sector_ids(self) -> list[int]:
        return list(self.obj.sectors.values_list("pk", flat=True)) \
            if self.kind == TargetKind.ORGANISATION else []

    def unit_q(self, prefix: str = "") -> Q:
        """The target's units (through `prefix`, e.g. "unit__"): a village's units lie in it, an
        organisation's are the town's units in the sectors it supervises, a leader's are the units
        linked to the leader (挂钩联系)."""
        if self.kind == TargetKind.VILLAGE:
            return Q(**{f"{prefix}region__path__startswith": self.obj.path})
        in_town = Q(**{f"{prefix}region__path__startswith": self.town.path})
        if self.kind == TargetKind.ORGANISATION:
            return in_town & Q(**{f"{prefix}sector__in": self.sector_ids})
        return in_town & Q(**{f"{prefix}linked_leader": self.obj})

    def record_q(self) -> Q:
        """Hazards and accidents of the target: a village's by where they are; an organisation's
        by their sector (三管三必须) within the town; a leader's through the linked units."""
        if self.kind == TargetKind.LEADER:
            return self.unit_q("unit__")
        return self.unit_q()

    @cached_property
    def unit_ids(self) -> set[int]:
        return set(Unit.objects.filter(self.unit_q(), status=UnitStatus.ACTIVE).values_list("pk", flat=True))


@dataclass
class Row:
    target: Target
    lines: list[Line] = field(default_factory=list)
    rank: int = 0

    @property
    def total(self) -> float:
        return round(sum(line.points for line in self.lines), 2)

    @property
    def pk(self) -> int:
        return self.target.pk

    @property
    def name(self) -> str:
        return self.target.name

    @property
    def kind(self) -> str:
        return self.target.kind

    @property
    def region(self) -> Region | None:
        """The village of a village row (None for the other kinds)."""
        return self.target.obj if self.target.kind == TargetKind.VILLAGE else None


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _url(name: str, **query) -> str:
    return f"{reverse(name)}?{urlencode(query)}"


def targets(scheme: Scheme) -> list[Target]:
    """The scheme's targets in the town, in a stable order."""
    town = scheme.region
    if scheme.target == TargetKind.ORGANISATION:
        objs = list(expected_organisations(town).order_by("name", "pk"))
    elif scheme.target == TargetKind.LEADER:
        objs = list(town_leaders(town))
    else:
        objs = list(Region.objects.filter(parent=town).order_by("code", "path"))
    return [Target(scheme.target, obj, town) for obj in objs]


@dataclass
class Period:
    """The figures of one computation, each read once for the whole town and shared by targets."""

    town: Region
    start: dt.date
    end: dt.date
    today: dt.date

    @property
    def last(self) -> dt.date:
        return min(self.end, self.today)

    @cached_property
    def reports(self) -> dict:
        return {r.reporter.key: r for r in compliance(self.town, self.start, self.last)}

    @cached_property
    def training(self) -> dict:
        result = training_compliance(self.town, self.end.year, today=self.last)
        return {r.unit.pk: r for r in result.rows}

    @cached_property
    def agreements(self):
        return agreement_coverage(self.town, self.end.year)

    @cached_property
    def visits(self) -> dict:
        return {v.leader.pk: v for v in visits_by_leader(self.town, self.start, self.end)}

    @cached_property
    def leader_rules(self) -> dict:
        """Leader -> the shortest 带队检查 interval (days) among the rules naming them."""
        rows = leader_compliance(self.last, town_leaders(self.town))
        result: dict[int, int] = {}
        for row in rows:
            days = row.rule.interval_days
            result[row.person.pk] = min(days, result.get(row.person.pk, days))
        return result

    def _hazards(self, found_in_period: bool):
        qs = Hazard.objects.filter(region__path__startswith=self.town.path)
        if found_in_period:
            qs = qs.filter(discovered_at__date__gte=self.start, discovered_at__date__lte=self.end)
        return qs

    def hazards(self, target: Target, *, found_in_period: bool) -> Stats:
        if target.kind == TargetKind.VILLAGE:
            by_village = (self.village_hazards_found if found_in_period
                          else self.village_hazards_all)
            return by_village.get(target.pk) or Stats(target.pk, "")
        qs = self._hazards(found_in_period).filter(target.record_q())
        return hazard_statistics(qs, today=self.today)[0]

    def _accidents(self):
        return in_period(Accident.objects.filter(region__path__startswith=self.town.path),
                         self.start, self.end)

    def accidents(self, target: Target) -> dict:
        if target.kind == TargetKind.VILLAGE:
            return self.village_accidents.get(target.pk, {"count": 0, "deaths": 0})
        return self._accidents().filter(target.record_q()).aggregate(
            count=Count("pk"), deaths=Sum("deaths"))

    # Villages: each figure read once for all the town's villages, grouped by the village a
    # region path lies in (the same rows as each village's own filter, without a query a village).

    def _village_of(self, path: str) -> int | None:
        segments = path.strip("/").split("/")
        depth = len(self.town.ancestor_ids)  # the village's id follows the town's in a path
        return int(segments[depth]) if len(segments) > depth else None

    @cached_property
    def village_units(self) -> dict[int, set[int]]:
        result: dict[int, set[int]] = defaultdict(set)
        units = Unit.objects.filter(region__path__startswith=self.town.path,
                                    status=UnitStatus.ACTIVE).values_list("pk", "region__path")
        for pk, path in units:
            village = self._village_of(path)
            if village is not None:
                result[village].add(pk)
        return result

    @cached_property
    def village_coverage(self) -> dict[int, tuple[int, int]]:
        rows = coverage_by_region(Unit.objects.filter(status=UnitStatus.ACTIVE), self.start,
                                  self.end + dt.timedelta(days=1), self.town)
        return {c.region.pk: (c.inspected, c.total) for c in rows if not c.own}

    @cached_property
    def village_hazards_found(self) -> dict[int, Stats]:
        rows = hazard_statistics(self._hazards(True), by="region", within=self.town,
                                 today=self.today)
        return {s.key: s for s in rows}

    @cached_property
    def village_hazards_all(self) -> dict[int, Stats]:
        rows = hazard_statistics(self._hazards(False), by="region", within=self.town,
                                 today=self.today)
        return {s.key: s for s in rows}

    @cached_property
    def village_accidents(self) -> dict[int, dict]:
        result: dict[int, dict] = {}
        rows = (self._accidents().order_by().values("region__path")
                .annotate(count=Count("pk"), deaths=Sum("deaths")))
        for row in rows:
            village = self._village_of(row["region__path"])
            if village is None:
                continue
            sums = result.setdefault(village, {"count": 0, "deaths": 0})
            sums["count"] += row["count"]
            sums["deaths"] += row["deaths"] or 0
        return result


IndicatorFunction = Callable[[Period, Target, Indicator], Line]


def _line(ind: Indicator, measure, detail: str, points: float, link: str = "") -> Line:
    return Line(ind.key, ind.get_key_display(), ind.weight, measure, detail, points, link)


def _rate_line(ind: Indicator, part: int, whole: int, link: str = "") -> Line:
    rate = _rate(part, whole)
    return _line(ind, rate, f"{part}/{whole} {_pct(rate)}",
                 scoring.rate_points(rate, ind.weight, ind.target), link)


def _hazard_link(p: Period, t: Target, **extra) -> str:
    return _url("hazards:list", region=t.pk, **extra) if t.kind == TargetKind.VILLAGE else ""


def coverage_line(p: Period, t: Target, ind: Indicator) -> Line:
    """检查覆盖率: the target's active units inspected at least once in the period / its active
    units."""
    if t.kind == TargetKind.VILLAGE:
        inspected, total = p.village_coverage.get(t.pk, (0, 0))
        return _rate_line(ind, inspected, total, _url(
            "inspections:record_list", region=t.pk, start=p.start, end=p.end))
    c = unit_coverage(Unit.objects.filter(pk__in=t.unit_ids), p.start, p.end + dt.timedelta(days=1))
    return _rate_line(ind, c.inspected, c.total)


def on_time_line(p: Period, t: Target, ind: Indicator) -> Line:
    """隐患按期整改率: of the hazards found in the period, closed on time / (closed + open overdue):
    an open overdue hazard counts against the rate, not only once it is closed late."""
    s = p.hazards(t, found_in_period=True)
    return _rate_line(ind, s.on_time, s.rectified + s.overdue, _hazard_link(p, t))


def overdue_line(p: Period, t: Target, ind: Indicator) -> Line:
    """超期未整改隐患: open hazards past their deadline today, whenever found (penalty)."""
    count = p.hazards(t, found_in_period=False).overdue
    return _line(ind, count, str(count), scoring.penalty_points(count, ind.weight, ind.target),
                 _hazard_link(p, t, overdue="true"))


def daily_report_line(p: Period, t: Target, ind: Indicator) -> Line:
    """日报按时报送率: days with a report / days due (villages and agencies both report)."""
    key = f"v{t.pk}" if t.kind == TargetKind.VILLAGE else f"o{t.pk}"
    r = p.reports.get(key)
    if r is None or not r.due:
        return _line(ind, None, "—", scoring.rate_points(None, ind.weight, ind.target))
    return _rate_line(ind, r.filed, r.due)


def training_line(p: Period, t: Target, ind: Indicator) -> Line:
    """企业培训达标率: months of the period in which the target's enterprises held or attended a
    training / months due (每月一次), summed over its enterprises."""
    first = p.start.month if p.start.year == p.end.year else 1
    held = due = 0
    for unit_id in t.unit_ids:
        row = p.training.get(unit_id)
        if row is None:
            continue
        months = [m for m in row.months[first - 1:p.end.month] if m is not None]
        due += len(months)
        held += sum(1 for m in months if m)
    link = _url("training:compliance", year=p.end.year,
                **({"region": t.pk} if t.kind == TargetKind.VILLAGE else {}))
    return _rate_line(ind, held, due, link)


def agreements_line(p: Period, t: Target, ind: Indicator) -> Line:
    """责任书签订率 of the period's year: a village's own agreement and its units'; an
    organisation's own; a leader's linked units' agreements."""
    if t.kind == TargetKind.VILLAGE:
        parties = [x for x in p.agreements.parties
                   if x.village_id == t.pk or (x.unit_id and x.unit_id in t.unit_ids)]
    elif t.kind == TargetKind.ORGANISATION:
        parties = [x for x in p.agreements.parties if x.organisation_id == t.pk]
    else:
        parties = [x for x in p.agreements.parties if x.unit_id and x.unit_id in t.unit_ids]
    signed = sum(1 for x in parties if x.signed)
    return _rate_line(ind, signed, len(parties),
                      _url("responsibility:agreement_coverage", year=p.end.year))


def _accident_link(p: Period, t: Target) -> str:
    return _url("accidents:list", region=t.pk, occurred_from=p.start, occurred_to=p.end) \
        if t.kind == TargetKind.VILLAGE else ""


def accidents_line(p: Period, t: Target, ind: Indicator) -> Line:
    """事故起数: accidents that occurred in the period (penalty per accident)."""
    count = p.accidents(t)["count"] or 0
    return _line(ind, count, str(count), scoring.penalty_points(count, ind.weight, ind.target),
                 _accident_link(p, t))


def accident_deaths_line(p: Period, t: Target, ind: Indicator) -> Line:
    """事故死亡: deaths in the accidents of the period (penalty per death)."""
    deaths = p.accidents(t)["deaths"] or 0
    return _line(ind, deaths, str(deaths), scoring.penalty_points(deaths, ind.weight, ind.target),
                 _accident_link(p, t))


def leader_inspection_line(p: Period, t: Target, ind: Indicator) -> Line:
    """领导带队检查完成率: inspections the leader led in the period / inspections due by the
    shortest 带队检查 rule naming them (the period's days elapsed ÷ its interval, at least one)."""
    interval = p.leader_rules.get(t.pk)
    led = InspectionRecord.objects.filter(leader=t.obj, inspected_at__gte=day_start(p.start),
                                          inspected_at__lt=day_start(p.end + dt.timedelta(days=1))).count()
    if interval is None:
        return _line(ind, None, f"{led}/—", scoring.rate_points(None, ind.weight, ind.target),
                     reverse("inspections:leaders"))
    days = max((p.last - p.start).days + 1, 1)
    due = max(days // interval, 1)
    return _rate_line(ind, led, due, reverse("inspections:leaders"))


def visits_line(p: Period, t: Target, ind: Indicator) -> Line:
    """挂钩联系走访: linked units visited at least once in the period / units linked to the leader."""
    v = p.visits.get(t.pk)
    return _rate_line(ind, v.units_visited if v else 0, v.units if v else 0,
                      reverse("responsibility:leader_detail", args=[t.pk]))


INDICATORS: dict[str, IndicatorFunction] = {
    IndicatorKey.COVERAGE: coverage_line,
    IndicatorKey.ON_TIME: on_time_line,
    IndicatorKey.OVERDUE: overdue_line,
    IndicatorKey.DAILY_REPORT: daily_report_line,
    IndicatorKey.TRAINING: training_line,
    IndicatorKey.AGREEMENTS: agreements_line,
    IndicatorKey.ACCIDENTS: accidents_line,
    IndicatorKey.ACCIDENT_DEATHS: accident_deaths_line,
    IndicatorKey.LEADER_INSPECTION: leader_inspection_line,
    IndicatorKey.VISITS: visits_line,
}


def compute(scheme: Scheme, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[Row]:
    """Every target of the scheme in its town, scored over [start, end] and ranked (ties share)."""
    period = Period(scheme.region, start, end, today or timezone.localdate())
    indicators = list(scheme.indicators.all())
    found = targets(scheme)
    for t in found:
        if t.kind == TargetKind.VILLAGE:  # one query for all villages instead of one each
            t.__dict__["unit_ids"] = period.village_units.get(t.pk, set())
    rows = [Row(t, [INDICATORS[ind.key](period, t, ind) for ind in indicators]) for t in found]
    for row, position in zip(rows, scoring.rank([r.total for r in rows]), strict=True):
        row.rank = position
    order = {id(r): n for n, r in enumerate(rows)}
    return sorted(rows, key=lambda r: (r.rank, order[id(r)]))
