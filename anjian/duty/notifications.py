"""A shift starting soon (值班提醒): the people on duty and the leader on duty who have accounts are
reminded once per shift."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.duty import selectors
from anjian.notify import recipients
from anjian.notify.choices import NotificationKind
from anjian.notify.services import notification_send
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region

AHEAD = dt.timedelta(hours=1)


def shifts_starting_check(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    sent = 0
    for town in Region.objects.filter(level=RegionLevel.TOWN).order_by("path"):
        for shift in selectors.shifts_starting(town, now, now + AHEAD):
            people = [p.pk for p in shift.people.all()] + [shift.leader_id]
            start = timezone.localtime(shift.start)
            sent += len(notification_send(
                recipients=recipients.person_users(people), kind=NotificationKind.SHIFT_STARTING,
                key=f"shift:{shift.pk}:start:{start:%Y%m%d%H%M}",
                link=reverse("duty:shift_detail", args=[shift.pk]),
                title=_("值班提醒：%(start)s 开始值班") % {"start": f"{start:%m月%d日 %H:%M}"},
                body=_("%(town)s，%(start)s至%(end)s。") % {
                    "town": town.name, "start": f"{start:%H:%M}",
                    "end": f"{timezone.localtime(shift.end):%m月%d日 %H:%M}"}))
    return sent
