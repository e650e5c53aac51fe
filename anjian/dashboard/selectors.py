"""The dashboard's figures for one region subtree, each with the address of the list behind it.

Every figure starts from the user's scoped querysets (`for_user`) narrowed to the chosen region, so a
leader sees the town, a village cadre the village. Counts are grouped in the database: one query per
panel, whatever the number of hazards.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection, transaction
from django.db.models import Count, Q
from django.urls import reverse

from anjian.core.scope import holds_subtree
from anjian.hazards.choices import OPEN_STATES, HazardLevel, HazardState
from anjian.hazards.models import Hazard
from anjian.hazards.selectors import rectification_figures
from anjian.inspections.selectors import coverage_by_region, day_start, unit_scope
from anjian.regions.models import Region
from anjian.units.choices import UnitStatus
from anjian.units.models import Unit

WEEKS = 12
COVERAGE_DAYS = 30
OVERDUE_SHOWN = 10


def ledger_url(region: Region, **params) -> str:
    """The hazard ledger filtered to `params` within `region`."""
    query = {"region": region.pk, **{k: v for k, v in params.items() if v is not None}}
    return f"{reverse('hazards:list')}?{urlencode(query)}"


# A subtree up to this many regions (a town's villages and grids) is written as a list of ids.
SUBTREE_LIST_MAX = 500


def region_filter(region: Region, field: str = "region") -> Q:
    """`field` in `region`'s subtree without joining the region table: nothing when the subtree is
    every region there is (a county's own installation), a list of ids when small, else a
    subquery. Read once per region object (a request's)."""
    cached = region.__dict__.get("_dashboard_subtree")
    if cached is None:
        subtree = Region.objects.filter(path__startswith=region.path)
        if not Region.objects.exclude(path__startswith=region.path).exists():
            cached = ()
        else:
            ids = list(subtree.values_list("pk", flat=True)[:SUBTREE_LIST_MAX + 1])
            cached = (ids if len(ids) <= SUBTREE_LIST_MAX else None,)
        region.__dict__["_dashboard_subtree"] = cached
    if not cached:
        return Q()
    ids = cached[0]
    if ids is None:
        ids = Region.objects.filter(path__startswith=region.path).values("pk")
    return Q(**{f"{field}__in": ids})


def _hazards(user, region: Region):
    """The hazards of `region`'s subtree the user may see."""
    if holds_subtree(user, region, Hazard):
        return Hazard.objects.filter(region_filter(region))
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
    mondays = [first + dt.timedelta(weeks=i) for i in range(WEEKS)]
    since = day_start(first)
    hazards = _hazards(user, region).order_by()
    found = _per_week(hazards.filter(discovered_at__gte=since), "discovered_at", mondays)
    closed = _per_week(hazards.filter(state=HazardState.CLOSED, closed_at__gte=since),
                       "closed_at", mondays)
    return [Week(start, found[i], closed[i], ledger_url(
        region, discovered_from=start.isoformat(),
        discovered_to=(start + dt.timedelta(days=6)).isoformat()))
        for i, start in enumerate(mondays)]


def _per_week(hazards, field: str, mondays: list[dt.date]) -> list[int]:
    """How many of `hazards` have `field` in each week from `mondays` (Monday 00:00 to the next,
    local time), in one query: a count per week between two bounds costs the database two
    comparisons a row, where grouping by the week (TruncWeek) converts every row's time to the
    local zone — a third of the query's time over a county's 70,000 hazards of 12 weeks. Counting
    `field` itself (never null inside its bounds) lets the database answer from its index."""
    bounds = [day_start(m) for m in mondays] + [day_start(mondays[-1] + dt.timedelta(weeks=1))]
    counts = hazards.aggregate(**{f"w{i}": Count(field, filter=Q(**{
        f"{field}__gte": bounds[i], f"{field}__lt": bounds[i + 1]})) for i in range(len(mondays))})
    return [counts[f"w{i}"] for i in range(len(mondays))]


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
    stats = rectification_figures(hazards.filter(discovered_at__gte=day_start(start)))
    # Both counts are of open hazards: reading only those (an index on state) instead of every
    # hazard of the region gives the same figures from a few per cent of the rows.
    counts = hazards.filter(state__in=OPEN_STATES).order_by().aggregate(
        overdue=Count("pk", filter=Q(deadline__lt=today)),
        listed=Count("pk", filter=Q(listed_on__isnull=False, lifted_on__isnull=True)))
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


@contextmanager
def _without_jit():
    """PostgreSQL: no JIT compilation for the queries inside (SET LOCAL: until the transaction
    ends). A county's coverage query is planned just above `jit_above_cost`; compiling it takes
    20–45 ms, a quarter to a half of the query itself, and saves nothing measurable."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def coverage(user, region: Region, today: dt.date):
    """Inspection coverage of the last COVERAGE_DAYS days per child region (a town's villages)."""
    start = today - dt.timedelta(days=COVERAGE_DAYS - 1)
    if holds_subtree(user, region, Unit):  # the same units as unit_scope, without the scope's join
        units = Unit.objects.filter(region_filter(region), status=UnitStatus.ACTIVE)
    else:
        units = unit_scope(user, region=region)
    with _without_jit():
        rows = coverage_by_region(units, day_start(start),
                                  day_start(today + dt.timedelta(days=1)), region)
    url = reverse("inspections:coverage")
    return [(row, f"{url}?{urlencode({'region': row.region.pk, 'start': start, 'end': today})}")
            for row in rows]
