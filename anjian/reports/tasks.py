"""Scheduled reports (huey; `anjian worker`): every Monday morning, last week's bulletin of every
town, announced to its safety office and leaders. Running it twice regenerates the same bulletins
and announces nothing twice."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from anjian.accounts.choices import Role
from anjian.notify import recipients
from anjian.notify.choices import NotificationKind
from anjian.notify.services import notification_send
from anjian.regions.models import Region
from anjian.reports.services import bulletin_generate

TOWN_LEVEL = 2


def weekly_bulletins(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    last_week = today - dt.timedelta(days=7)
    made = 0
    for town in Region.objects.filter(level=TOWN_LEVEL).order_by("path"):
        bulletin = bulletin_generate(actor=None, region=town, day=last_week)
        readers = recipients.region_users(town, [Role.SAFETY_OFFICE, Role.LEADER])
        notification_send(recipients=readers, kind=NotificationKind.BULLETIN,
                          key=f"bulletin:{bulletin.pk}", title=bulletin.title,
                          body=_("本周通报已生成，可在“周通报”页下载。"),
                          link=reverse("reports:bulletin_download", args=[bulletin.pk]))
        made += 1
    return made


@db_periodic_task(crontab(day_of_week="1", hour="7", minute="30"))
def weekly_bulletins_task() -> int:
    return weekly_bulletins()
