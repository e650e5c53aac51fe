"""Reads of the patrol ledgers: scoped lists, persuasion statistics (vehicle type × violation),
the rangers who have not checked in on a day, and fire-source figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from anjian.accounts.choices import Duty
from anjian.accounts.models import Person
from anjian.core.scope import VIEW
from anjian.patrols.choices import VehicleType, Violation
from anjian.patrols.models import (
    FireCheckpoint,
    FireSource,
    PatrolCheckIn,
    PersuasionPoint,
    PersuasionRecord,
)
from anjian.regions.models import Region


def is_ranger(user) -> bool:
    """A login of an active forest ranger (护林员), who checks in themself."""
    person = getattr(user, "person", None)
    return person is not None and person.duty == Duty.FOREST_RANGER and person.is_active


def _in_region(region: Region | None, field: str = "region") -> Q:
    return Q(**{f"{field}__path__startswith": region.path}) if region is not None else Q()


def point_list(user, action: str = VIEW):
    return (PersuasionPoint.objects.for_user(user, action).select_related("region", "organisation")
            .annotate(record_count=Count("records")).order_by("region__path", "name"))


def record_list(user, action: str = VIEW):
    return PersuasionRecord.objects.for_user(user, action).select_related("point", "region")


def checkin_list(user, action: str = VIEW):
    return PatrolCheckIn.objects.for_user(user, action).select_related("ranger", "region")


def checkpoint_list(user, action: str = VIEW):
    return FireCheckpoint.objects.for_user(user, action).select_related("region")


def fire_source_list(user, action: str = VIEW):
    return FireSource.objects.for_user(user, action).select_related("region", "found_by")


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


@dataclass
class PersuasionStats:
    vehicle_types: list[tuple[str, str]]
    violations: list[tuple[str, str]]
    cells: dict[tuple[str, str], int]
    total: int

    def row(self, vehicle: str) -> list[int]:
        return [self.cells.get((vehicle, v), 0) for v, _label in self.violations]

    def rows(self) -> list[tuple[str, list[int], int]]:
        return [(label, self.row(code), sum(self.row(code))) for code, label in self.vehicle_types]

    def column_totals(self) -> list[int]:
        return [sum(self.cells.get((t, v), 0) for t, _l in self.vehicle_types)
                for v, _label in self.violations]


def persuasion_stats(region: Region | None, start: dt.date, end: dt.date,
                     records=None) -> PersuasionStats:
    """Persuasions (劝导) between `start` and `end` (inclusive) by vehicle type × violation."""
    qs = records if records is not None else PersuasionRecord.objects.all()
    qs = qs.filter(_in_region(region), recorded_at__gte=day_bounds(start)[0],
                   recorded_at__lt=day_bounds(end)[1])
    cells = {(row["vehicle_type"], row["violation"]): row["n"]
             for row in qs.values("vehicle_type", "violation").annotate(n=Count("pk"))
             .order_by()}
    return PersuasionStats([(c, str(label)) for c, label in VehicleType.choices],
                           [(c, str(label)) for c, label in Violation.choices], cells,
                           sum(cells.values()))


def rangers(region: Region | None, people=None):
    """The active forest rangers (护林员) of `region` (or among `people`)."""
    qs = people if people is not None else Person.objects.all()
    return (qs.filter(_in_region(region), duty=Duty.FOREST_RANGER, is_active=True)
            .select_related("region").order_by("region__path", "name"))


def rangers_missing(region: Region | None, day: dt.date, people=None):
    """Rangers who have no patrol check-in on `day`."""
    start, end = day_bounds(day)
    done = PatrolCheckIn.objects.filter(checked_at__gte=start, checked_at__lt=end).values(
        "ranger_id")
    return rangers(region, people).exclude(pk__in=done)


def checkins_on(region: Region | None, day: dt.date):
    start, end = day_bounds(day)
    return PatrolCheckIn.objects.filter(_in_region(region), checked_at__gte=start,
                                        checked_at__lt=end)


def fire_totals(region: Region | None, start: dt.date, end: dt.date) -> dict:
    qs = FireSource.objects.filter(_in_region(region), found_at__gte=day_bounds(start)[0],
                                   found_at__lt=day_bounds(end)[1])
    return {"found": qs.count(), "handled": qs.filter(handled_at__isnull=False).count(),
            "by_kind": dict(qs.values_list("kind").annotate(n=Count("pk")).order_by())}
