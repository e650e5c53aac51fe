"""Who hears about a hazard, and when (通知): the responsible party when it is assigned, again as
its deadline nears, and the responsible party and the safety office when it is overdue.

Each message has a key (hazard, event, deadline), so a check that runs twice — or a deadline
check run by two workers — sends nothing twice; an extended deadline is a new deadline and is
announced again.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.choices import Role
from anjian.hazards.choices import ResponsibleParty
from anjian.hazards.models import Hazard
from anjian.notify import recipients
from anjian.notify.choices import NotificationKind
from anjian.notify.services import notification_send

DUE_SOON_DAYS = 3  # calendar days before the deadline for the reminder
OVERDUE_LOOKBACK_DAYS = 7  # a check missed for a few days still announces an overdue hazard


def responsible_users(hazard: Hazard) -> list:
    """The users of the party that must rectify it: the unit's own accounts, the village's cadres
    or the agencies supervising its sector (三管三必须)."""
    party = hazard.responsible_party
    if party == ResponsibleParty.UNIT and hazard.unit_id:
        return recipients.unit_users(hazard.unit_id)
    if party == ResponsibleParty.VILLAGE:
        return recipients.region_users(hazard.region, [Role.VILLAGE])
    if party == ResponsibleParty.AGENCY and hazard.sector_id:
        return recipients.sector_agency_users(hazard.sector_id, hazard.region)
    return []


def office_users(hazard: Hazard) -> list:
    return recipients.region_users(hazard.region, [Role.SAFETY_OFFICE])


def _send(hazard: Hazard, recipients, kind: str, event: str, title: str) -> int:
    body = _("%(unit)s：%(text)s\n整改责任人：%(person)s；整改期限：%(deadline)s") % {
        "unit": hazard.unit.name if hazard.unit_id else "", "text": hazard.description[:120],
        "person": hazard.responsible_person or "—",
        "deadline": f"{hazard.deadline:%Y-%m-%d}" if hazard.deadline else "—"}
    return len(notification_send(
        recipients=recipients, kind=kind, key=f"hazard:{hazard.pk}:{event}", title=title,
        body=body, link=reverse("hazards:detail", args=[hazard.pk])))


def hazard_assigned(hazard_id: int) -> int:
    hazard = Hazard.objects.select_related("unit", "region").get(pk=hazard_id)
    return _send(hazard, responsible_users(hazard), NotificationKind.HAZARD_ASSIGNED,
                 f"assigned:{hazard.slip_number or hazard.version}",
                 _("隐患交办：%(n)s，请签收并按期整改") % {"n": hazard.number})


def deadline_check(today: dt.date | None = None) -> int:
    """Reminders for open hazards due within DUE_SOON_DAYS, overdue notices for those past it."""
    today = today or timezone.localdate()
    hazards = (Hazard.objects.open().filter(
        deadline__gte=today - dt.timedelta(days=OVERDUE_LOOKBACK_DAYS),
        deadline__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
        .select_related("unit", "region").order_by("deadline", "pk"))
    sent = 0
    for hazard in hazards.iterator(chunk_size=500):
        due = f"{hazard.deadline:%Y%m%d}"
        if hazard.deadline < today:
            sent += _send(hazard, responsible_users(hazard) + office_users(hazard),
                          NotificationKind.OVERDUE, f"overdue:{due}",
                          _("隐患逾期：%(n)s 已超过整改期限") % {"n": hazard.number})
        else:
            sent += _send(hazard, responsible_users(hazard), NotificationKind.DEADLINE_NEAR,
                          f"due:{due}", _("整改期限临近：%(n)s 将于 %(d)s 到期") % {
                              "n": hazard.number, "d": f"{hazard.deadline:%m月%d日}"})
    return sent
