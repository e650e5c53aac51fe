"""The dashboard's panels from the other ledgers — today's daily reports, who is on duty, accidents
against last year and the control indicators — each shown only to those who may see that ledger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from anjian.accidents import selectors as accidents
from anjian.accidents.models import Accident
from anjian.core.scope import user_can
from anjian.dailyreports import selectors as daily
from anjian.dailyreports.models import DailyReport
from anjian.duty import selectors as duty
from anjian.duty.models import DutyShift
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region


def _towns(region: Region) -> list[Region]:
    if region.level == RegionLevel.TOWN:
        return [region]
    if region.level > RegionLevel.TOWN:
        return list(Region.objects.filter(pk__in=region.ancestor_ids, level=RegionLevel.TOWN))
    return list(Region.objects.filter(path__startswith=region.path, level=RegionLevel.TOWN)
                .order_by("code", "path"))


@dataclass
class DailyPanel:
    filed: int = 0
    due: int = 0
    missing: list[str] = field(default_factory=list)
    url: str = ""

    @property
    def share(self) -> float | None:
        return round(100 * self.filed / self.due, 1) if self.due else None


def daily_reports(user, region: Region, today: dt.date) -> DailyPanel | None:
    """Who has filed today's daily report (日报告) among the reporters the user sees in `region`."""
    if not user_can(user, "view", DailyReport):
        return None
    panel = DailyPanel(url=reverse("dailyreports:today"))
    towns = _towns(region)
    rows = daily.day_status_of_towns(towns, today, user)  # one pass for all the towns
    rest_days = daily.rest_days_of_towns(t.pk for t in towns)
    for town in towns:
        if not daily.is_report_day(town, today, rest_days[town.pk]):
            continue  # a rest day the town's reporters are free of
        for row in rows[town.pk]:
            if not row.reporter.region.path.startswith(region.path) and region.level > 2:
                continue
            panel.due += 1
            if row.report is None:
                panel.missing.append(row.reporter.name)
            else:
                panel.filed += 1
    return panel


def on_duty(user, region: Region) -> list[DutyShift] | None:
    """The shifts running now in the towns of `region` (or above a village)."""
    if not user_can(user, "view", DutyShift):
        return None
    towns = _towns(region)[:20]
    running = duty.on_duty_now_of_regions(towns, timezone.now())  # one query for all the towns
    return [shift for town in towns for shift in running[town.pk]]


@dataclass
class AccidentPanel:
    yoy: accidents.YearOverYear
    indicators: accidents.IndicatorStatus | None
    url: str


def accident_panel(user, region: Region, today: dt.date) -> AccidentPanel | None:
    """This year to date against the same days last year, and the control indicators."""
    if not user_can(user, "view", Accident):
        return None
    scoped = Accident.objects.for_user(user).filter(region__path__startswith=region.path)
    yoy = accidents.year_over_year(scoped, dt.date(today.year, 1, 1), today)
    indicators = (accidents.indicator_status(region, today.year, today=today)
                  if region.level <= RegionLevel.TOWN else None)
    return AccidentPanel(yoy, indicators, reverse("accidents:statistics"))
