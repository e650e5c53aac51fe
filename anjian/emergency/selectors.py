"""Reads of the emergency ledgers, for the pages, the API and the future dashboard and notices:
`plans_due_review`, `drills_behind`, `supplies_flagged`, and the scoped lists."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Max, Q, QuerySet
from django.http import Http404

from anjian.core.scope import VIEW
from anjian.emergency.choices import RequirementTarget
from anjian.emergency.models import (
    Drill,
    DrillRequirement,
    EmergencyPlan,
    EmergencyPlanVersion,
    EmergencyTeam,
    Incident,
    SupplyItem,
)
from anjian.emergency.models.drills import DEFAULT_REQUIREMENTS
from anjian.emergency.models.plans import DUE_SOON_DAYS
from anjian.emergency.models.resources import EXPIRY_WARNING_DAYS
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region
from anjian.units.choices import UnitStatus
from anjian.units.models import Unit

TOWN_INTERVAL_MONTHS = 24  # when the table has no town row


def _in(region: Region | None) -> Q:
    return Q(region__path__startswith=region.path) if region is not None else Q()


# Scoped lists ------------------------------------------------------------------------------------

def plan_list(user, action: str = VIEW) -> QuerySet[EmergencyPlan]:
    return (EmergencyPlan.objects.for_user(user, action)
            .select_related("region", "unit", "department", "current_version"))


def drill_list(user, action: str = VIEW) -> QuerySet[Drill]:
    return Drill.objects.for_user(user, action).select_related("region", "unit", "plan")


def team_list(user, action: str = VIEW) -> QuerySet[EmergencyTeam]:
    return EmergencyTeam.objects.for_user(user, action).select_related("region", "unit")


def supply_list(user, action: str = VIEW) -> QuerySet[SupplyItem]:
    return SupplyItem.objects.for_user(user, action).select_related("region", "unit")


def incident_list(user, action: str = VIEW) -> QuerySet[Incident]:
    return Incident.objects.for_user(user, action).select_related("region", "unit")


def version_for_user(user, pk: int) -> EmergencyPlanVersion:
    """One plan version through its plan's scope (404 outside it)."""
    version = (EmergencyPlanVersion.objects.select_related("plan")
               .filter(pk=pk, plan__in=EmergencyPlan.objects.for_user(user).values("pk")).first())
    if version is None:
        raise Http404
    return version


# Flags for the dashboard and notices -----------------------------------------------------------

def plans_due_review(region: Region | None, today: dt.date,
                     within_days: int = DUE_SOON_DAYS) -> QuerySet[EmergencyPlan]:
    """Plans in force under `region` whose evaluation is overdue or due within `within_days`,
    the most overdue first."""
    limit = today + dt.timedelta(days=within_days)
    return (EmergencyPlan.objects.filter(_in(region), is_active=True,
                                         current_version__review_due__lte=limit)
            .select_related("region", "unit", "current_version")
            .order_by("current_version__review_due", "pk"))


def supplies_flagged(region: Region | None, today: dt.date) -> QuerySet[SupplyItem]:
    """Items under `region` below their minimum stock, expired, or expiring within 30 days."""
    soon = today + dt.timedelta(days=EXPIRY_WARNING_DAYS)
    return (SupplyItem.objects.filter(_in(region))
            .filter(Q(quantity__lt=F("minimum_stock")) | Q(expires_on__lte=soon))
            .select_related("region", "unit").order_by("expires_on", "name", "pk"))


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Behind:
    """An owner that has not drilled as often as it must."""

    name: str
    region: Region
    unit: Unit | None
    interval_months: int
    last_drill: dt.date | None
    due: dt.date | None  # when the next drill was due (None: never drilled)

    @property
    def is_town(self) -> bool:
        return self.unit is None


def requirement_rows() -> list[DrillRequirement]:
    """The drill-frequency table; the defaults of `DEFAULT_REQUIREMENTS` (unsaved) when it is
    empty."""
    return list(DrillRequirement.objects.all()) or [
        DrillRequirement(target=target, category=category, subcategory=subcategory,
                         interval_months=months)
        for target, category, subcategory, months in DEFAULT_REQUIREMENTS]


def requirements() -> tuple[int, list[DrillRequirement]]:
    """The town interval and the unit rows of the drill-frequency table."""
    rows = requirement_rows()
    town = [r.interval_months for r in rows if r.target == RequirementTarget.TOWN]
    return (town[0] if town else TOWN_INTERVAL_MONTHS,
            [r for r in rows if r.target == RequirementTarget.UNIT])


def units_required(region: Region | None, units: QuerySet[Unit] | None = None
                   ) -> dict[int, tuple[Unit, int]]:
    """{unit id: (unit, interval in months)} for active units that must drill periodically."""
    _town, rows = requirements()
    if not rows:
        return {}
    match = Q()
    for row in rows:
        match |= Q(category=row.category, **({"subcategory": row.subcategory}
                                             if row.subcategory else {}))
    base = units if units is not None else Unit.objects.all()
    found = {}
    for unit in base.filter(_in(region), match, status=UnitStatus.ACTIVE).select_related("region"):
        intervals = [r.interval_months for r in rows if r.category == unit.category
                     and r.subcategory in ("", unit.subcategory)]
        found[unit.pk] = (unit, min(intervals))
    return found


def drills_behind(region: Region | None, today: dt.date,
                  units: QuerySet[Unit] | None = None) -> list[Behind]:
    """Towns under `region` whose last town-level drill is older than the town interval (24
    months), then units that must drill every 6 months and have not (their own drills count),
    each with its last drill date. `units` narrows the units looked at (the user's scope)."""
    town_months, _rows = requirements()
    behind: list[Behind] = []
    if region is not None and region.level <= RegionLevel.TOWN:
        towns = Region.objects.filter(path__startswith=region.path, level=RegionLevel.TOWN)
        last_town = dict(Drill.objects.filter(region__in=towns, unit__isnull=True)
                         .values("region").annotate(last=Max("held_on"))
                         .values_list("region", "last"))
        for town in towns.order_by("path"):
            behind.extend(_if_behind(town.name, town, None, town_months,
                                     last_town.get(town.pk), today))
    required = units_required(region, units)
    last_unit = dict(Drill.objects.filter(unit__in=list(required)).values("unit")
                     .annotate(last=Max("held_on")).values_list("unit", "last"))
    for unit, months in sorted(required.values(), key=lambda pair: (pair[0].region.path,
                                                                    pair[0].name)):
        behind.extend(_if_behind(unit.name, unit.region, unit, months, last_unit.get(unit.pk),
                                 today))
    return behind


def _if_behind(name, region, unit, months, last, today) -> list[Behind]:
    due = add_months(last, months) if last else None
    if due is not None and due >= today:
        return []
    return [Behind(name, region, unit, months, last, due)]
