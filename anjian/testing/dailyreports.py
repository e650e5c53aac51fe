"""Helpers for tests of daily reporting: the test world's reporters and reports filed at a time."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from anjian.dailyreports.selectors import Reporter, town_reporters
from anjian.dailyreports.services import daily_report_file


def reporters(world) -> dict[str, Reporter]:
    """The world's town's reporters by a short name: village_a, village_b, police, school."""
    by_key = {r.key: r for r in town_reporters(world.town)}
    return {"village_a": by_key[f"v{world.village_a.pk}"],
            "village_b": by_key[f"v{world.village_b.pk}"],
            "police": by_key[f"o{world.police.pk}"],
            "school": by_key[f"o{world.school_office.pk}"]}


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An aware local time on `day`."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def file(actor, reporter: Reporter, day: dt.date, hour: int = 9, **data):
    """File `reporter`'s report of `day` at `hour` o'clock that day (a zero report by default)."""
    data.setdefault("is_zero", not data)
    return daily_report_file(actor=actor, reporter=reporter, day=day, data=data,
                             now=at(day, hour))
