"""Reads of the duty ledger: who is on duty now, the roster's coverage (uncovered hours and
overlapping shifts), the shifts starting in a window (for notifications) and the towns a user
may see the roster of."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from anjian.core.scope import VIEW
from anjian.duty.models import DutyLogEntry, DutyShift, ancestor_paths
from anjian.regions.models import Region


def _shifts(region: Region) -> QuerySet[DutyShift]:
    return (DutyShift.objects.filter(region=region).select_related("region", "leader")
            .prefetch_related("people").order_by("start", "pk"))


def on_duty_now(region: Region, at: dt.datetime | None = None) -> list[DutyShift]:
    """The shift(s) of `region` running at `at` (now by default): start <= at < end."""
    at = at or timezone.now()
    return list(_shifts(region).filter(start__lte=at, end__gt=at))


def on_duty_now_of_regions(regions, at: dt.datetime | None = None) -> dict[int, list[DutyShift]]:
    """`on_duty_now` of several regions at once (two queries): region id -> the very list
    `on_duty_now(region, at)` gives; regions with no shift running map to []."""
    at = at or timezone.now()
    regions = list(regions)
    result: dict[int, list[DutyShift]] = {r.pk: [] for r in regions}
    if not regions:
        return result
    shifts = (DutyShift.objects.filter(region__in=regions, start__lte=at, end__gt=at)
              .select_related("region", "leader").prefetch_related("people")
              .order_by("start", "pk"))
    for shift in shifts:
        result[shift.region_id].append(shift)
    return result


def next_shift(region: Region, at: dt.datetime | None = None) -> DutyShift | None:
    """The first shift of `region` starting after `at`."""
    at = at or timezone.now()
    return _shifts(region).filter(start__gt=at).first()


def shifts_starting(region: Region, start: dt.datetime, end: dt.datetime) -> list[DutyShift]:
    """Shifts of `region` starting in [start, end): what a reminder worker announces."""
    return list(_shifts(region).filter(start__gte=start, start__lt=end))


@dataclass(frozen=True)
class Interval:
    start: dt.datetime
    end: dt.datetime
    shifts: tuple[DutyShift, ...] = ()  # for an overlap: the shifts that overlap there

    @property
    def hours(self) -> float:
        return round((self.end - self.start).total_seconds() / 3600, 1)

    def touches(self, start: dt.datetime, end: dt.datetime) -> bool:
        return self.start < end and start < self.end


@dataclass
class Coverage:
    shifts: list[DutyShift]
    gaps: list[Interval] = field(default_factory=list)  # hours nobody is on duty
    overlaps: list[Interval] = field(default_factory=list)  # hours two or more shifts share


def coverage_gaps(region: Region, start: dt.datetime, end: dt.datetime) -> Coverage:
    """The shifts of `region` in [start, end), the uncovered intervals inside the window and the
    intervals where shifts overlap (a sweep over the shifts' start and end points)."""
    shifts = list(_shifts(region).overlapping(start, end))
    coverage = Coverage(shifts)
    points = sorted({start, end} | {max(s.start, start) for s in shifts}
                    | {min(s.end, end) for s in shifts})
    for a, b in zip(points, points[1:], strict=False):
        running = tuple(s for s in shifts if s.start < b and a < s.end)
        if not running:
            _extend(coverage.gaps, a, b, ())
        elif len(running) > 1:
            _extend(coverage.overlaps, a, b, running)
    return coverage


def _extend(intervals: list[Interval], a, b, shifts: tuple) -> None:
    """Append [a, b), merging with the previous interval when they touch and share the shifts."""
    if intervals and intervals[-1].end == a and set(intervals[-1].shifts) == set(shifts):
        intervals[-1] = Interval(intervals[-1].start, b, intervals[-1].shifts)
    else:
        intervals.append(Interval(a, b, shifts))


def open_entries(shift: DutyShift) -> QuerySet[DutyLogEntry]:
    """The open log entries a shift hands over: its own and those carried over to it."""
    return (DutyLogEntry.objects.filter(closed=False)
            .filter(Q(shift=shift) | Q(handovers__to_shift=shift)).distinct()
            .order_by("received_at", "pk"))


def duty_towns(user) -> QuerySet[Region]:
    """The towns whose roster the user may read: those inside the user's scope and
    those above the user's own region (a village cadre's town)."""
    towns = Region.objects.order_by("path")
    if user.is_superuser:
        return towns.filter(level=2)
    label = DutyShift._meta.label_lower
    q = Q(pk__in=[])
    for grant in user.scope_grants:
        if grant.region_path and grant.allows(label, VIEW):
            q |= Q(path__startswith=grant.region_path) | Q(path__in=ancestor_paths(grant.region_path))
    return towns.filter(q, level=2)


def home_town(user) -> Region | None:
    """The town a user's pages start from: the first town they may read the roster of."""
    return duty_towns(user).first()


def shift_list(user, action: str = VIEW) -> QuerySet[DutyShift]:
    return (DutyShift.objects.for_user(user, action).select_related("region", "leader")
            .prefetch_related("people"))


def log_list(user, action: str = VIEW) -> QuerySet[DutyLogEntry]:
    return (DutyLogEntry.objects.for_user(user, action)
            .select_related("shift", "shift__region", "logged_by").order_by("-received_at", "-pk"))


def entries_for_user(user) -> QuerySet[DutyLogEntry]:
    """The log entries the user may read: their scope's, and those of the shifts they are on
    themself (someone on duty who holds no role over the log)."""
    own = DutyLogEntry.objects.none()
    if getattr(user, "person_id", None):
        own = DutyLogEntry.objects.filter(
            Q(shift__people=user.person_id) | Q(shift__leader=user.person_id))
    mine = DutyLogEntry.objects.filter(pk__in=own.values("pk"))
    return (DutyLogEntry.objects.for_user(user) | mine).select_related(
        "shift", "shift__region", "logged_by")
