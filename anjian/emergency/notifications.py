"""Drills and plan reviews coming due (演练到期, 预案评审到期): the town's safety office hears of each
plan whose review is due within 90 days or overdue and of each town or unit behind its drill
frequency, and a unit's own accounts of their unit; once per plan and due date, once per owner and
due date."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.choices import Role
from anjian.emergency import selectors
from anjian.notify import recipients
from anjian.notify.choices import NotificationKind
from anjian.notify.services import notification_send
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region


def _send(users, kind, key, title, body, link) -> int:
    return len(notification_send(recipients=users, kind=kind, key=key, title=title, body=body,
                                 link=link))


def due_check(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    for town in Region.objects.filter(level=RegionLevel.TOWN).order_by("path"):
        office = recipients.region_users(town, [Role.SAFETY_OFFICE])
        for plan in selectors.plans_due_review(town, today):
            due = plan.current_version.review_due
            users = office + (recipients.unit_users(plan.unit_id) if plan.unit_id else [])
            sent += _send(users, NotificationKind.PLAN_REVIEW_DUE, f"plan-review:{plan.pk}:{due}",
                          _("预案评审到期：%(t)s") % {"t": plan.title},
                          _("应于 %(d)s 前完成评估修订。") % {"d": f"{due:%Y-%m-%d}"},
                          reverse("emergency:plan_detail", args=[plan.pk]))
        for behind in selectors.drills_behind(town, today):
            owner = f"unit:{behind.unit.pk}" if behind.unit else f"town:{behind.region.pk}"
            users = office + (recipients.unit_users(behind.unit.pk) if behind.unit else [])
            last = f"{behind.last_drill:%Y-%m-%d}" if behind.last_drill else _("从未演练")
            sent += _send(users, NotificationKind.DRILL_DUE,
                          f"drill-due:{owner}:{behind.due or 'never'}",
                          _("应急演练到期：%(n)s") % {"n": behind.name},
                          _("每 %(m)s 个月至少演练一次，上次演练：%(last)s。") % {
                              "m": behind.interval_months, "last": last},
                          reverse("emergency:drills_behind"))
    return sent
