"""Reads of the enforcement ledger: scoped lists, overdue orders, the dishonesty list and the
counts per period that feed the statistics (seed 004: joint actions, hazards, illegal acts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from anjian.enforcement.choices import ActionKind
from anjian.enforcement.models import DishonestyListing, EnforcementAction, active_listing_q
from anjian.regions.models import Region


def action_list(user) -> QuerySet[EnforcementAction]:
    return (EnforcementAction.objects.for_user(user).with_reinspection()
            .select_related("unit", "region", "follows"))


def listing_list(user) -> QuerySet[DishonestyListing]:
    return DishonestyListing.objects.for_user(user).select_related("unit", "region", "lifted_by")


def listed_unit_ids(today: dt.date | None = None) -> set[int]:
    """The units on the dishonesty list today (for the 失信 badge)."""
    today = today or timezone.localdate()
    return set(DishonestyListing.objects.filter(active_listing_q(today))
               .values_list("unit_id", flat=True))


def orders_overdue(region: Region, today: dt.date) -> QuerySet[EnforcementAction]:
    return (EnforcementAction.objects.filter(region__path__startswith=region.path)
            .orders_overdue(today).select_related("unit"))


@dataclass(frozen=True)
class EnforcementCounts:
    by_kind: dict[str, int]
    total: int
    penalties_total: Decimal
    joint_actions: int
    hazards_found: int
    illegal_acts_stopped: int
    orders_overdue: int
    units_listed: int

    def rows(self) -> list[tuple[str, int]]:
        return [(label, self.by_kind.get(value, 0)) for value, label in ActionKind.choices]


def enforcement_counts(region: Region, start: dt.date, end: dt.date) -> EnforcementCounts:
    """Counts of the actions in `region` dated start..end (inclusive)."""
    actions = EnforcementAction.objects.filter(region__path__startswith=region.path,
                                               acted_on__range=(start, end))
    by_kind = dict(actions.values_list("kind").annotate(n=Count("pk")).order_by())
    sums = actions.aggregate(penalties=Sum("penalty_amount"), hazards=Sum("hazards_found"),
                             illegal=Sum("illegal_acts_stopped"))
    overdue = actions.orders_overdue(min(end, timezone.localdate())).count()
    listed = DishonestyListing.objects.filter(region__path__startswith=region.path,
                                              listed_on__range=(start, end)).count()
    return EnforcementCounts(
        by_kind=by_kind, total=sum(by_kind.values()),
        penalties_total=sums["penalties"] or Decimal("0"),
        joint_actions=by_kind.get(ActionKind.JOINT, 0), hazards_found=sums["hazards"] or 0,
        illegal_acts_stopped=sums["illegal"] or 0, orders_overdue=overdue, units_listed=listed)
