"""Reminders to task owners (督办提醒): the users linked to a task's owner person hear about its
deadline a few working days before it, once per (task, deadline) key."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.documents.choices import TaskStatus
from anjian.documents.models import DocumentTask
from anjian.notify.choices import NotificationKind
from anjian.notify.services import notification_send

DUE_SOON_DAYS = 3  # calendar days before the deadline


def deadline_check(today: dt.date | None = None) -> int:
    """Remind the owners of open tasks due within DUE_SOON_DAYS (or overdue); returns how many
    notifications were created (0 when run again the same day)."""
    today = today or timezone.localdate()
    tasks = (DocumentTask.objects.exclude(status=TaskStatus.DONE)
             .filter(deadline__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
                     owner_person__isnull=False, owner_person__user__isnull=False)
             .select_related("document", "owner_person__user"))
    sent = 0
    for task in tasks:
        overdue = task.deadline < today
        kind = NotificationKind.OVERDUE if overdue else NotificationKind.DEADLINE_NEAR
        title = (_("督办任务已逾期：%(t)s") if overdue else _("督办任务即将到期：%(t)s")) % {
            "t": task.text[:40]}
        sent += len(notification_send(
            recipients=[task.owner_person.user], kind=kind,
            key=f"document-task:{task.pk}:{task.deadline:%Y%m%d}:{'overdue' if overdue else 'near'}",
            title=title, body=_("%(d)s，完成期限 %(deadline)s") % {
                "d": task.document, "deadline": f"{task.deadline:%Y-%m-%d}"},
            link=reverse("documents:task_detail", args=[task.pk])))
    return sent
