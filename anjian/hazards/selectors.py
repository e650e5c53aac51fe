"""Reads of the hazard ledger: the scoped list, one page of it, and the statistics every page, API
call and export takes from the same function (`hazard_statistics`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from anjian.hazards.choices import (
    OPEN_STATES,
    HazardCategory,
    HazardLevel,
    HazardSource,
    HazardState,
)
from anjian.hazards.models import Hazard
from anjian.regions.models import Region
from anjian.units.choices import Category

LEDGER_ROW_FIELDS = (
    "number", "description", "level", "state", "source", "category", "deadline",
    "deadline_provisional", "discovered_at",
    "responsible_person", "escalation", "unit__name", "region__name", "region__level",
    "region__parent__name", "closed_at", "fixed_on_spot",
)


def hazard_list(user, *, action: str = "view") -> QuerySet:
    return Hazard.objects.for_user(user, action)


# The ledger counts its hazards exactly up to this many; beyond, it says "10000+" and pages through
# the first COUNT_CAP of them (a million hazards take ~100 ms just to count, on every page load).
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """A paginator over at most `cap` objects that knows whether there were more.

    The count is `SELECT count(*) FROM (… LIMIT cap + 1)`, which the database stops after
    cap + 1 rows: exact for smaller results, and `capped` (count == cap) beyond. Pages past the
    cap are not offered (get_page(201) is the last page, 200 at 50 a page)."""

    def __init__(self, object_list, per_page, *, cap: int = COUNT_CAP, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def _counted(self) -> int:
        objects = self.object_list
        if isinstance(objects, QuerySet):
            return objects.order_by()[:self.cap + 1].count()
        return len(objects[:self.cap + 1])

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @cached_property
    def capped(self) -> bool:
        """Whether more objects matched than were counted (the count shows as "10000+")."""
        return self._counted > self.cap


def hazard_page(hazards: QuerySet, number, *, per_page: int = 50, cap: int = COUNT_CAP) -> Page:
    """One page of the ledger: a capped count and the page's ids from the filtered query, then
    only the page's rows. `page.paginator.capped` tells a count of "cap+" from an exact one."""
    ids = hazards.order_by("-discovered_at", "-pk").values_list("pk", flat=True)
    page = CappedPaginator(ids, per_page, cap=cap).get_page(number)
    wanted = list(page.object_list)
    rows = (Hazard.objects.filter(pk__in=wanted)
            .select_related("unit", "region", "region__parent").only(*LEDGER_ROW_FIELDS))
    by_pk = {h.pk: h for h in rows}
    page.object_list = [by_pk[pk] for pk in wanted if pk in by_pk]
    return page


@dataclass
class Stats:
    key: object
    label: str
    found: int = 0
    cancelled: int = 0
    rectified: int = 0
    on_time: int = 0
    overdue: int = 0
    major: int = 0
    open: int = 0

    @property
    def valid(self) -> int:
        return self.found - self.cancelled

    @property
    def rectification_rate(self) -> float | None:
        return round(100 * self.rectified / self.valid, 1) if self.valid else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.rectified, 1) if self.rectified else None

    def add(self, other: Stats) -> None:
        for name in ("found", "cancelled", "rectified", "on_time", "overdue", "major", "open"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _closed_on_time() -> Q:
    """Closed by the deadline (the close-out day, local time), fixed on the spot, or with none."""
    return Q(state=HazardState.CLOSED) & (Q(fixed_on_spot=True) | Q(deadline__isnull=True)
                                          | Q(closed_at__date__lte=F("deadline")))


def _measures(today: dt.date) -> dict:
    closed = Q(state=HazardState.CLOSED)
    return {
        "found": Count("pk"),
        "cancelled": Count("pk", filter=Q(state=HazardState.CANCELLED)),
        "rectified": Count("pk", filter=closed),
        "on_time": Count("pk", filter=_closed_on_time()),
        "overdue": Count("pk", filter=Q(state__in=OPEN_STATES, deadline__lt=today)),
        "major": Count("pk", filter=Q(level=HazardLevel.MAJOR)),
        "open": Count("pk", filter=Q(state__in=OPEN_STATES)),
    }


GROUPS = {
    "category": ("category", HazardCategory),
    "source": ("source", HazardSource),
    "level": ("level", HazardLevel),
    "unit_category": ("unit__category", Category),
    "month": ("month", None),
    "region": ("region_id", None),
}


def hazard_statistics(hazards: QuerySet, *, by: str | None = None, within: Region | None = None,
                      today: dt.date | None = None) -> list[Stats]:
    """Found, rectified, rectification rate, on-time rate, overdue and major, for the hazards given
    (already scoped and filtered, e.g. by discovery period), in total or grouped `by` one of
    GROUPS. By region, figures roll up to the children of `within` (a town's villages)."""
    today = today or timezone.localdate()
    measures = _measures(today)
    if by is None:
        return [Stats(None, _("合计"), **hazards.aggregate(**measures))]
    column, choices = GROUPS[by]
    if by == "month":
        hazards = hazards.annotate(month=TruncMonth("discovered_at"))
    rows = hazards.order_by().values(column).annotate(**measures)
    if by == "region":
        return _roll_up(rows, within)
    result = []
    for row in rows:
        key = row.pop(column)
        label = _label(choices, key) if choices else (f"{key:%Y-%m}" if key else "")
        result.append(Stats(key, label, **row))
    return sorted(result, key=lambda s: str(s.key))


def rectification_figures(hazards: QuerySet) -> Stats:
    """Found, cancelled, rectified and rectified on time of the hazards given — the figures behind
    the two rates — in one query: `hazard_statistics(hazards)[0]` without its overdue, major and
    open counts (left 0), about a third cheaper over a county's year (the dashboard)."""
    counts = hazards.order_by().aggregate(
        found=Count("pk"), cancelled=Count("pk", filter=Q(state=HazardState.CANCELLED)),
        rectified=Count("pk", filter=Q(state=HazardState.CLOSED)),
        on_time=Count("pk", filter=_closed_on_time()))
    return Stats(None, _("合计"), **counts)


def _label(choices, key) -> str:
    try:
        return str(choices(key).label)
    except ValueError:
        return str(key or _("未分类"))


def _roll_up(rows, within: Region | None) -> list[Stats]:
    """Add up per-region rows into the children of `within` (or the top level present)."""
    rows = list(rows)
    paths = dict(Region.objects.filter(pk__in=[r["region_id"] for r in rows])
                 .values_list("pk", "path"))
    depth = (within.level if within else 1) + 1
    groups: dict[int, Stats] = {}
    for row in rows:
        ids = [int(p) for p in paths[row.pop("region_id")].strip("/").split("/")]
        key = ids[min(depth, len(ids)) - 1]
        groups.setdefault(key, Stats(key, "")).add(Stats(key, "", **row))
    names = dict(Region.objects.filter(pk__in=groups).values_list("pk", "name"))
    for key, stats in groups.items():
        stats.label = names.get(key, "")
    return sorted(groups.values(), key=lambda s: s.label)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date, dt.date]:
    """(first day, first day after, report due date) of a quarter: due by the 15th of the next
    quarter's first month (16号令 Art. 14); the fourth quarter's report is also the annual one,
    due by 31 January."""
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    due = dt.date(year + 1, 1, 15) if quarter == 4 else end.replace(day=15)
    return start, end, due


def annual_due(year: int) -> dt.date:
    return dt.date(year + 1, 1, 31)
