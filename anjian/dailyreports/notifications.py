"""Missing daily reports (日报告未报) at the cut-off: each village's cadres and each agency's
accounts that have not reported get a reminder, and the town's safety office one list of who is
missing — each once per day, however often the check runs."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.choices import Role
from anjian.dailyreports import selectors
from anjian.notify import recipients
from anjian.notify.choices import NotificationKind
from anjian.notify.services import notification_send
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region


def _reporter_users(reporter) -> list:
    if reporter.organisation is not None:
        return recipients.organisation_users(reporter.organisation.pk)
    return recipients.region_users(reporter.region, [Role.VILLAGE])  # village roles sit on villages


def missing_check(now: dt.datetime | None = None) -> int:
    """For every town past today's cut-off: remind whoever has not reported, and tell the office.
    Returns the number of notifications created."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    for town in Region.objects.filter(level=RegionLevel.TOWN).order_by("path"):
        if now < selectors.deadline(town, today):
            continue
        missing = selectors.missing_reporters(town, today)
        if not missing:
            continue
        link = reverse("dailyreports:today")
        for reporter in missing:
            sent += len(notification_send(
                recipients=_reporter_users(reporter), kind=NotificationKind.REPORT_MISSING,
                key=f"daily:{today:%Y%m%d}:{reporter.key}", link=reverse("dailyreports:file"),
                title=_("%(name)s今日安全生产日报告未报") % {"name": reporter.name},
                body=_("已过截止时间，请尽快填报（无情况请报零报告）。")))
        sent += len(notification_send(
            recipients=recipients.region_users(town, [Role.SAFETY_OFFICE]),
            kind=NotificationKind.REPORT_MISSING, key=f"daily:{today:%Y%m%d}:town:{town.pk}",
            link=link, title=_("%(town)s今日有%(n)s个单位未报日报告") % {
                "town": town.name, "n": len(missing)},
            body="、".join(r.name for r in missing[:50])))
    return sent
