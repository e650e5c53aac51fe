"""Reads of commitments and risk grading. For later use by the dashboard and notifications:
`commitments_missing(region, day)` and `unit_risk_colour(unit)`; pages pass the user so that
everything stays in the user's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from anjian.core.scope import VIEW
from anjian.inspections.services import units_reachable
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region
from anjian.risks import rules
from anjian.risks.choices import DEFAULT_FILING_GROUPS, GROUP_Q
from anjian.risks.models import (
    DEFAULT_CUTOFF,
    CommitmentSettings,
    GradingScheme,
    RiskLevelOverride,
    RiskPoint,
    SafetyCommitment,
)
from anjian.units.choices import UnitStatus
from anjian.units.models import Unit


def town_of(region: Region) -> Region | None:
    """The town/street (乡镇/街道, level 2) holding `region` (itself when it is one)."""
    if region.level == RegionLevel.TOWN:
        return region
    return Region.objects.filter(pk__in=region.ancestor_ids, level=RegionLevel.TOWN).first()


# Grading scheme -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scheme:
    """The bands in force and how an assessment names them."""

    bands: rules.Bands
    version: str  # e.g. "西张村镇 第2版" or "内置默认"
    row: GradingScheme | None = None


def scheme_for(region: Region | None) -> Scheme:
    """The town's grading scheme, else the installation's default row, else the built-in default
    (domain.md LEC variant A, LS variant 1)."""
    town = town_of(region) if region is not None else None
    rows = {row.town_id: row for row in GradingScheme.objects.filter(
        Q(town=town) | Q(town=None) if town else Q(town=None)).select_related("town")}
    row = rows.get(town.pk if town else None) or rows.get(None)
    if row is None:
        return Scheme(rules.DEFAULT_BANDS, "内置默认")
    return Scheme(row.bands, f"{row.town.name if row.town else '全域默认'} 第{row.version}版", row)


# Commitments ------------------------------------------------------------------------------------

def commitment_settings(town: Region) -> CommitmentSettings:
    """The town's settings, or the defaults (09:00; the usual groups) unsaved."""
    row = CommitmentSettings.objects.filter(town=town).first()
    return row or CommitmentSettings(town=town, cutoff=DEFAULT_CUTOFF,
                                     groups=[str(g) for g in DEFAULT_FILING_GROUPS])


def deadline(town: Region, day: dt.date, cutoff: dt.time | None = None) -> dt.datetime:
    """The moment a commitment of `day` becomes late: the town's cut-off time that day."""
    cutoff = cutoff or commitment_settings(town).cutoff
    return timezone.make_aware(dt.datetime.combine(day, cutoff))


def groups_q(groups) -> Q:
    q = Q(pk__in=[])
    for group in groups:
        if group in GROUP_Q:
            q |= GROUP_Q[group]
    return q


def must_file(unit: Unit) -> bool:
    town = town_of(unit.region)
    if town is None:
        return False
    groups = commitment_settings(town).groups
    return Unit.objects.filter(groups_q(groups), pk=unit.pk).exists()


def expected_units(region: Region) -> QuerySet[Unit]:
    """Active units under `region` that owe a daily commitment under their town's settings."""
    towns = list(Region.objects.filter(level=RegionLevel.TOWN).filter(
        Q(path__startswith=region.path) | Q(pk__in=region.ancestor_ids)))
    q = Q(pk__in=[])
    for town in towns:
        q |= Q(region__path__startswith=town.path) & groups_q(commitment_settings(town).groups)
    return Unit.objects.filter(q, region__path__startswith=region.path,
                               status=UnitStatus.ACTIVE)


def commitments_missing(region: Region, day: dt.date) -> QuerySet[Unit]:
    """Units under `region` that owe a commitment of `day` and have not filed it (unscoped: for
    the dashboard and notifications; pages narrow it to the user)."""
    filed = SafetyCommitment.objects.filter(date=day).values("unit_id")
    return expected_units(region).exclude(pk__in=filed)


@dataclass
class DayRow:
    unit: Unit
    commitment: SafetyCommitment | None
    overdue: bool  # not filed and the cut-off has passed


def commitment_day(user, day: dt.date, now: dt.datetime | None = None) -> list[DayRow]:
    """Every unit in the user's scope that owes a commitment of `day`, with its filing if any:
    the office's "who has not filed" page reads the rows without a commitment."""
    now = now or timezone.now()
    visible = Unit.objects.for_user(user, VIEW).values("pk")
    towns = towns_for_user(user)
    rows: list[DayRow] = []
    for town in towns:
        limit = deadline(town, day)
        units = (expected_units(town).filter(pk__in=visible).select_related("region")
                 .order_by("region__path", "name"))
        filed = {c.unit_id: c for c in SafetyCommitment.objects.filter(date=day, unit__in=units)}
        for unit in units:
            commitment = filed.get(unit.pk)
            rows.append(DayRow(unit, commitment, commitment is None and now >= limit))
    return rows


def towns_for_user(user) -> list[Region]:
    """The towns holding some unit the user may see (through any grant)."""
    if user.is_superuser:
        return list(Region.objects.filter(level=RegionLevel.TOWN).order_by("path"))
    paths = set()
    for grant in user.scope_grants:
        if grant.region_path:
            paths.add(grant.region_path)
    ids: set[int] = set()
    for path in paths:
        ids.update(int(p) for p in path.strip("/").split("/") if p)
    q = Q(pk__in=ids)
    for path in paths:
        q |= Q(path__startswith=path)
    unit_ids = {i for g in user.scope_grants for i in g.unit_ids}
    for path in Unit.objects.filter(pk__in=unit_ids).values_list("region__path", flat=True):
        q |= Q(pk__in=[int(p) for p in path.strip("/").split("/") if p])
    return list(Region.objects.filter(q, level=RegionLevel.TOWN).order_by("path"))


# Unit colours -------------------------------------------------------------------------------------

def active_override(unit: Unit) -> RiskLevelOverride | None:
    return RiskLevelOverride.objects.filter(unit=unit, lifted_at=None).first()


def assessed_colour(unit: Unit) -> str | None:
    """The highest colour among the current assessments of the unit's active risk points."""
    colours = RiskPoint.objects.filter(unit=unit, is_active=True).exclude(colour="").values_list(
        "colour", flat=True).distinct()
    return rules.highest(colours)


def unit_risk_colour(unit: Unit) -> str | None:
    """A unit's risk colour: the office's override while one stands, else its highest assessed
    risk; None when it has neither (the registry's own value then stays)."""
    override = active_override(unit)
    if override is not None:
        return override.colour
    return assessed_colour(unit)


def point_list(user, action: str = VIEW) -> QuerySet[RiskPoint]:
    return RiskPoint.objects.for_user(user, action).select_related("unit", "unit__region")


def commitment_list(user) -> QuerySet[SafetyCommitment]:
    return SafetyCommitment.objects.for_user(user).select_related("unit", "unit__region")


def units_for(user, label: str, action: str) -> QuerySet[Unit]:
    """Active units on which the user may `action` objects of `label` (e.g. file a commitment)."""
    return units_reachable(user, label, action).filter(status=UnitStatus.ACTIVE)
