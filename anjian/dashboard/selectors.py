"""The dashboard's figures for one region subtree, each with the address of the list behind it.

Every figure starts from the user's scoped querysets (`for_user`) narrowed to the chosen region, so a
leader sees the town, a village cadre the village. Counts are grouped in the database: one query per
panel, whatever the number of hazards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone

from anjian.hazards.choices import OPEN_STATES, HazardLevel, HazardState
from anjian.hazards.models import Hazard
from anjian.hazards.selectors import hazard_statistics
from anjian.inspections.selectors import coverage_by_region, day_start, unit_scope
from anjian.regions.models import Region

WEEKS = 12
COVERAGE_DAYS = 30
OVERDUE_SHOWN = 10


def ledger_url(region: Region, **params) -> str:
    """The hazard ledger filtered to `params` within `region`."""
    query = {"region": region.pk, **{k: v for k, v in params.items() if v is not None}}
    return f"{reverse('hazards:list')}?{urlencode(query)}"


def _hazards(user, region: Region):
    return Hazard.objects.for_user(user).filter(region__path__startswith=region.path)


@dataclass
class Cell:
    count: int
    url: str


@dataclass
class OpenMatrix:
    """Open hazards by level (rows) and state (columns)."""

    levels: list[tuple[str, str]]
    states: list[tuple[str, str]]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    level_totals: dict[str, Cell] = field(default_factory=dict)
    total: Cell | None = None

    @property
    def rows(self) -> list[tuple[str, list[Cell], Cell]]:
        """(level label, one cell per state, the level's total) for tables."""
        return [(label, [self.cells[(level, state)] for state, _n in self.states],
                 self.level_totals[level]) for level, label in self.levels]


def open_matrix(user, region: Region) -> OpenMatrix:
    rows = (_hazards(user, region).filter(state__in=OPEN_STATES).order_by()
            .values("level", "state").annotate(n=Count("pk")))
    counts = {(r["level"], r["state"]): r["n"] for r in rows}
    matrix = OpenMatrix(levels=[(v, str(label)) for v, label in HazardLevel.choices],
                        states=[(s.value, str(s.label)) for s in HazardState if s in OPEN_STATES])
    for level, _label in matrix.levels:
        for state, _name in matrix.states:
            matrix.cells[(level, state)] = Cell(counts.get((level, state), 0),
                                                ledger_url(region, level=level, state=state))
        matrix.level_totals[level] = Cell(sum(n for (lv, _s), n in counts.items() if lv == level),
                                          ledger_url(region, level=level))
    matrix.total = Cell(sum(counts.values()), reverse("hazards:list") + f"?region={region.pk}")
    return matrix


@dataclass
class Week:
    start: dt.date
    found: int
    rectified: int
    url: str  # the hazards found that week


def weekly_flow(user, region: Region, today: dt.date) -> list[Week]:
    """Hazards found and rectified (closed) per week, the last WEEKS weeks up to this one."""
    monday = today - dt.timedelta(days=today.weekday())
    first = monday - dt.timedelta(weeks=WEEKS - 1)
    since = day_start(first)
    hazards = _hazards(user, region).order_by()
    found = dict(hazards.filter(discovered_at__gte=since)
                 .annotate(week=TruncWeek("discovered_at")).values("week")
                 .annotate(n=Count("pk")).values_list("week", "n"))
    closed = dict(hazards.filter(state=HazardState.CLOSED, closed_at__gte=since)
                  .annotate(week=TruncWeek("closed_at")).values("week")
                  .annotate(n=Count("pk")).values_list("week", "n"))
    found = {_date(k): v for k, v in found.items()}
    closed = {_date(k): v for k, v in closed.items()}
    weeks = []
    for i in range(WEEKS):
        start = first + dt.timedelta(weeks=i)
        end = start + dt.timedelta(days=6)
        weeks.append(Week(start, found.get(start, 0), closed.get(start, 0), ledger_url(
            region, discovered_from=start.isoformat(), discovered_to=end.isoformat())))
    return weeks


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@dataclass
class Rates:
    found: int
    rectified: int
    rectification_rate: float | None
    on_time_rate: float | None
    overdue: Cell
    listed: Cell
    year: int


def year_rates(user, region: Region, today: dt.date) -> Rates:
    """Rectification and on-time rates of the hazards found this year; overdue and listed now."""
    start = dt.date(today.year, 1, 1)
    hazards = _hazards(user, region)
    [stats] = hazard_statistics(hazards.filter(discovered_at__gte=day_start(start)), today=today)
    counts = hazards.order_by().aggregate(
        overdue=Count("pk", filter=Q(state__in=OPEN_STATES, deadline__lt=today)),
        listed=Count("pk", filter=Q(state__in=OPEN_STATES, listed_on__isnull=False,
                                    lifted_on__isnull=True)))
    return Rates(stats.found, stats.rectified, stats.rectification_rate, stats.on_time_rate,
                 Cell(counts["overdue"], ledger_url(region, overdue="true")),
                 Cell(counts["listed"], ledger_url(region, listed="true")), today.year)


def overdue_hazards(user, region: Region, today: dt.date) -> list[Hazard]:
    """The longest-overdue open hazards with who must rectify them."""
    return list(_hazards(user, region).filter(state__in=OPEN_STATES, deadline__lt=today)
                .select_related("unit").order_by("deadline", "pk")[:OVERDUE_SHOWN])


def listed_majors(user, region: Region) -> list[Hazard]:
    """Major hazards under listed supervision (挂牌督办) now."""
    return list(_hazards(user, region).filter(
        state__in=OPEN_STATES, level=HazardLevel.MAJOR, listed_on__isnull=False,
        lifted_on__isnull=True).select_related("unit").order_by("listed_on", "pk")[:20])


def coverage(user, region: Region, today: dt.date):
    """Inspection coverage of the last COVERAGE_DAYS days per child region (a town's villages)."""
    start = today - dt.timedelta(days=COVERAGE_DAYS - 1)
    units = unit_scope(user, region=region)
    rows = coverage_by_region(units, day_start(start), day_start(today + dt.timedelta(days=1)),
                              region)
    url = reverse("inspections:coverage")
    return [(row, f"{url}?{urlencode({'region': row.region.pk, 'start': start, 'end': today})}")
            for row in rows]
