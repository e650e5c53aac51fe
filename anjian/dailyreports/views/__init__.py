"""Pages of daily reporting: the day's status (today.py), filing (filing.py), the list, detail and
export (ledger.py), compliance and the town's summary of a day (reports.py)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from anjian.dailyreports.selectors import towns_for_user
from anjian.regions.models import Region


def parse_day(value: str | None, default: dt.date | None = None) -> dt.date:
    """A yyyy-mm-dd date from the query string; today (or `default`) when absent or malformed,
    never after today."""
    today = timezone.localdate()
    try:
        day = dt.date.fromisoformat(value) if value else (default or today)
    except ValueError:
        day = default or today
    return min(day, today)


def pick_town(request: HttpRequest) -> tuple[Region, list[Region]]:
    """The town a page shows (?town=<id> among the user's towns, else the first) and the list to
    choose from; 403 when the user may see no town's reports."""
    towns = towns_for_user(request.user)
    if not towns:
        raise PermissionDenied
    wanted = request.GET.get("town", "")
    town = next((t for t in towns if str(t.pk) == wanted), towns[0])
    return town, towns
