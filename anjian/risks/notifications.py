"""Reminders of commitments not filed by the cut-off (安全承诺未报), to the unit's own logins."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.notify.choices import NotificationKind
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region
from anjian.risks import selectors
from anjian.units.models import UnitAccess

COMMITMENT_MISSING = NotificationKind.COMMITMENT_MISSING


def commitments_overdue(now: dt.datetime | None = None) -> int:
    """For every town whose cut-off has passed today, remind the logins of each unit that has not
    filed (once per unit and day). Returns the number of notifications created."""
    from anjian.notify.services import notification_send

    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    for town in Region.objects.filter(level=RegionLevel.TOWN):
        if now < selectors.deadline(town, today):
            continue
        missing = list(selectors.commitments_missing(town, today))
        users: dict[int, list] = {}
        for access in UnitAccess.objects.filter(unit__in=missing).select_related("user"):
            users.setdefault(access.unit_id, []).append(access.user)
        for unit in missing:
            sent += len(notification_send(
                recipients=users.get(unit.pk, []), kind=COMMITMENT_MISSING,
                key=f"commitment-missing:{unit.pk}:{today.isoformat()}",
                title=_("%(unit)s今日安全承诺未填报") % {"unit": unit.name},
                body=_("已过截止时间，请尽快填报今天的安全风险研判与承诺公告。"),
                link=reverse("risks:commitment_file") + f"?unit={unit.pk}"))
    return sent
