"""The figures of a weekly bulletin (周通报) for a region and an ISO week, each read from its ledger.

Per-region rows roll up to the children of the region (a town's villages, a county's towns): each
query groups by the unit's or hazard's region path, and the path's next segment names the child.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from anjian.dailyreports.selectors import compliance as daily_compliance
from anjian.hazards.choices import OPEN_STATES, EscalationStep, HazardLevel, HazardState
from anjian.hazards.models import Hazard, HazardEvent
from anjian.inspections.models import InspectionRecord
from anjian.inspections.selectors import day_start
from anjian.regions.models import Region

OVERDUE_LISTED = 200  # overdue hazards listed by name; the rest are counted per owner


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


@dataclass
class RegionRow:
    name: str
    records: int = 0
    units_inspected: int = 0
    found: int = 0
    closed: int = 0
    overdue: int = 0


@dataclass
class Owner:
    party: str
    person: str
    unit: str
    count: int


@dataclass
class BulletinFigures:
    region: Region
    start: dt.date
    end: dt.date
    records: int = 0
    units_inspected: int = 0
    found: int = 0
    found_major: int = 0
    closed: int = 0
    closed_on_time: int = 0
    open_at_end: int = 0
    overdue_at_end: int = 0
    rows: list[RegionRow] = field(default_factory=list)
    overdue: list[Hazard] = field(default_factory=list)  # the oldest OVERDUE_LISTED
    owners: list[Owner] = field(default_factory=list)
    escalations: list[HazardEvent] = field(default_factory=list)
    escalation_counts: dict[str, int] = field(default_factory=dict)
    daily: list = field(default_factory=list)  # dailyreports ComplianceRow per reporter

    @property
    def week_number(self) -> int:
        return self.start.isocalendar()[1]

    @property
    def year(self) -> int:
        return self.start.isocalendar()[0]


class _Children:
    """Maps a region path to the child of `region` it lies in."""

    def __init__(self, region: Region) -> None:
        self.depth = len(region.ancestor_ids)
        self.rows: dict[int, RegionRow] = {
            child.pk: RegionRow(child.name)
            for child in Region.objects.filter(parent=region).order_by("code", "path")}
        self.own = RegionRow(region.name)

    def row(self, path: str) -> RegionRow:
        segments = path.strip("/").split("/")
        if len(segments) <= self.depth:
            return self.own
        return self.rows.get(int(segments[self.depth]), self.own)

    def result(self) -> list[RegionRow]:
        rows = list(self.rows.values())
        return rows + [self.own] if (self.own.records or self.own.found or self.own.overdue) else rows


def bulletin_figures(region: Region, day: dt.date) -> BulletinFigures:
    start, end = week_bounds(day)
    since, until = day_start(start), day_start(end + dt.timedelta(days=1))
    figures = BulletinFigures(region, start, end)
    children = _Children(region)
    _inspections(figures, children, region, since, until)
    _hazards(figures, children, region, since, until, end)
    figures.rows = children.result()
    _escalations(figures, region, since, until)
    figures.daily = daily_compliance(region, start, end) if region.level <= 3 else []
    return figures


def _inspections(figures, children, region, since, until) -> None:
    rows = (InspectionRecord.objects.filter(unit__region__path__startswith=region.path,
                                            inspected_at__gte=since, inspected_at__lt=until)
            .order_by().values("unit__region__path")
            .annotate(n=Count("pk"), units=Count("unit", distinct=True)))
    for group in rows:
        row = children.row(group["unit__region__path"])
        row.records += group["n"]
        row.units_inspected += group["units"]
        figures.records += group["n"]
    # distinct units over the whole region (a unit inspected twice counts once)
    figures.units_inspected = (InspectionRecord.objects.filter(
        unit__region__path__startswith=region.path, inspected_at__gte=since,
        inspected_at__lt=until).order_by().values("unit").distinct().count())


def _hazards(figures, children, region, since, until, end) -> None:
    hazards = Hazard.objects.filter(region__path__startswith=region.path).order_by()
    found = Q(discovered_at__gte=since, discovered_at__lt=until)
    closed = Q(state=HazardState.CLOSED, closed_at__gte=since, closed_at__lt=until)
    # Overdue at the end of the week: past its deadline by Sunday and still open when generated
    # (a bulletin is drawn up on the Monday after, so "still open" is as good as at week's end).
    overdue = Q(state__in=OPEN_STATES, deadline__lte=end)
    rows = (hazards.filter(found | closed | Q(state__in=OPEN_STATES))
            .values("region__path").annotate(
                found=Count("pk", filter=found),
                found_major=Count("pk", filter=found & Q(level=HazardLevel.MAJOR)),
                closed=Count("pk", filter=closed),
                closed_on_time=Count("pk", filter=closed & (
                    Q(fixed_on_spot=True) | Q(deadline__isnull=True)
                    | Q(closed_at__date__lte=F("deadline")))),
                open=Count("pk", filter=Q(state__in=OPEN_STATES)),
                overdue=Count("pk", filter=overdue)))
    for group in rows:
        row = children.row(group["region__path"])
        row.found += group["found"]
        row.closed += group["closed"]
        row.overdue += group["overdue"]
        figures.found += group["found"]
        figures.found_major += group["found_major"]
        figures.closed += group["closed"]
        figures.closed_on_time += group["closed_on_time"]
        figures.open_at_end += group["open"]
        figures.overdue_at_end += group["overdue"]
    late = hazards.filter(overdue)
    figures.overdue = list(late.select_related("unit", "region").order_by("deadline", "pk")
                           [:OVERDUE_LISTED])
    owners = Counter(late.values_list("responsible_party", "responsible_person", "unit__name")
                     .iterator(chunk_size=2000))
    figures.owners = [Owner(*key, count) for key, count in owners.most_common()]


def _escalations(figures, region, since, until) -> None:
    events = (HazardEvent.objects.filter(
        action="escalate", at__gte=since, at__lt=until,
        hazard__region__path__startswith=region.path)
        .select_related("hazard", "hazard__unit").order_by("at", "pk"))
    figures.escalations = list(events[:OVERDUE_LISTED])
    counts = Counter(events.values_list("data__step", flat=True))
    figures.escalation_counts = {str(label): counts.get(value, 0)
                                 for value, label in EscalationStep.choices}


def now_week() -> dt.date:
    return week_bounds(timezone.localdate())[0]
