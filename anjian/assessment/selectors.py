"""The live ranking (考核排名): measures read through the other apps' selectors, never stored."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from anjian.assessment import scoring
from anjian.assessment.models import AccountabilityAction, IndicatorKey, Scheme
from anjian.core.scope import VIEW
from anjian.dailyreports.selectors import compliance
from anjian.hazards.models import Hazard
from anjian.hazards.selectors import hazard_statistics
from anjian.inspections.selectors import coverage_by_region
from anjian.regions.models import Region
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
class Row:
    region: Region
    lines: list[Line] = field(default_factory=list)
    rank: int = 0

    @property
    def total(self) -> float:
        return round(sum(line.points for line in self.lines), 2)


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def compute(scheme: Scheme, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[Row]:
    """Every village of the scheme's town, scored over [start, end] and ranked (ties share a rank)."""
    today = today or timezone.localdate()
    town = scheme.region
    villages = list(Region.objects.filter(parent=town).order_by("code", "path"))
    coverage = {c.region.pk: c for c in coverage_by_region(
        Unit.objects.all(), start, end + dt.timedelta(days=1), town)}
    found = Hazard.objects.filter(region__path__startswith=town.path,
                                  discovered_at__date__gte=start, discovered_at__date__lte=end)
    hazards = {s.key: s for s in hazard_statistics(found, by="region", within=town, today=today)}
    overdue = {s.key: s for s in hazard_statistics(
        Hazard.objects.filter(region__path__startswith=town.path), by="region", within=town, today=today)}
    reports = {r.reporter.key: r for r in compliance(town, start, min(end, today))}
    hazard_url = reverse("hazards:list")
    rows = []
    indicators = list(scheme.indicators.all())
    for village in villages:
        row = Row(village)
        for ind in indicators:
            label = ind.get_key_display()
            if ind.key == IndicatorKey.COVERAGE:
                c = coverage.get(village.pk)
                rate = c.share if c else None
                detail = f"{c.inspected}/{c.total}" if c else "0/0"
                row.lines.append(Line(ind.key, label, ind.weight, rate, f"{detail} {_pct(rate)}",
                                      scoring.rate_points(rate, ind.weight, ind.target)))
            elif ind.key == IndicatorKey.ON_TIME:
                s = hazards.get(village.pk)
                # Rectified on time among those rectified or already overdue (an open overdue
                # hazard counts against the rate, not only once it is closed late).
                due = (s.rectified + s.overdue) if s else 0
                rate = s.on_time / due if due else None
                detail = f"{s.on_time}/{due} {_pct(rate)}" if s else "—"
                row.lines.append(Line(ind.key, label, ind.weight, rate, detail,
                                      scoring.rate_points(rate, ind.weight, ind.target),
                                      f"{hazard_url}?region={village.pk}"))
            elif ind.key == IndicatorKey.OVERDUE:
                s = overdue.get(village.pk)
                count = s.overdue if s else 0
                row.lines.append(Line(ind.key, label, ind.weight, count, str(count),
                                      scoring.penalty_points(count, ind.weight, ind.target),
                                      f"{hazard_url}?region={village.pk}&overdue=true"))
            elif ind.key == IndicatorKey.DAILY_REPORT:
                r = reports.get(f"v{village.pk}")
                rate = r.rate if r and r.due else None
                detail = f"{r.filed}/{r.due} {_pct(rate)}" if r else "—"
                row.lines.append(Line(ind.key, label, ind.weight, rate, detail,
                                      scoring.rate_points(rate, ind.weight, ind.target)))
        rows.append(row)
    for row, position in zip(rows, scoring.rank([r.total for r in rows]), strict=True):
        row.rank = position
    return sorted(rows, key=lambda r: (r.rank, r.region.code, r.region.path))


def village_regions(user) -> list[Region]:
    """The villages a village login (村（社区）) speaks for."""
    from anjian.accounts.choices import Role
    from anjian.accounts.roles import role_grants

    return [g.region for g in role_grants(user) if g.role == Role.VILLAGE and g.region_id]


def schemes_for(user):
    """Office and leaders: their towns' schemes; a village: its town's schemes too."""
    towns = [r.ancestor_ids[-2] for r in village_regions(user) if len(r.ancestor_ids) > 1]
    mine = Scheme.objects.for_user(user, VIEW).values("pk")
    return (Scheme.objects.filter(Q(pk__in=mine) | Q(region__in=towns, active=True))
            .select_related("region"))


def may_see_breakdown(user, scheme: Scheme, village: Region) -> bool:
    if Scheme.objects.for_user(user, VIEW).filter(pk=scheme.pk).exists():
        return True
    return any(r.pk == village.pk for r in village_regions(user))


def actions_for(user):
    return AccountabilityAction.objects.for_user(user, VIEW).select_related("region", "hazard", "issued_by")
