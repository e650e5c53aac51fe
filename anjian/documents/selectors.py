"""Reads of the document-tracking ledger: scoped lists, overdue tasks and the weekly review
(一周一梳理) that the page and the weekly bulletin (一周一通报) share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from anjian.documents.choices import TaskStatus
from anjian.documents.models import DocumentTask, TrackedDocument
from anjian.regions.models import Region

TASK_RELATED = ("document", "owner_person", "owner_organisation", "owner_village", "region")


def document_list(user) -> QuerySet[TrackedDocument]:
    return (TrackedDocument.objects.for_user(user).select_related("region").annotate(
        task_count=Count("tasks"),
        done_count=Count("tasks", filter=Q(tasks__status=TaskStatus.DONE)))
        .order_by("-received_on", "-pk"))


def task_list(user) -> QuerySet[DocumentTask]:
    return DocumentTask.objects.for_user(user).select_related(*TASK_RELATED)


def _in(region: Region) -> Q:
    return Q(region__path__startswith=region.path)


def overdue_q(today: dt.date) -> Q:
    """Not done and past the deadline (逾期): derived, never stored."""
    return Q(deadline__lt=today) & ~Q(status=TaskStatus.DONE)


def tasks_overdue(region: Region, today: dt.date) -> QuerySet[DocumentTask]:
    return (DocumentTask.objects.filter(_in(region)).filter(overdue_q(today))
            .select_related(*TASK_RELATED).order_by("deadline", "pk"))


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week holding `day`."""
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


@dataclass
class OwnerRow:
    owner: str
    done: list = field(default_factory=list)
    in_progress: list = field(default_factory=list)
    overdue: list = field(default_factory=list)


@dataclass
class WeeklyReview:
    region: Region
    start: dt.date
    end: dt.date
    done: list
    in_progress: list
    overdue: list
    received: list
    by_owner: list[OwnerRow]

    @property
    def iso_week(self) -> tuple[int, int]:
        year, week, _day = self.start.isocalendar()
        return year, week


def weekly_review(region: Region, week_start: dt.date) -> WeeklyReview:
    """The week Monday–Sunday from `week_start`'s Monday: tasks done in the week, tasks in progress
    and overdue at its end (as of its Sunday), and documents received in it."""
    start, end = week_of(week_start)
    tasks = DocumentTask.objects.filter(_in(region)).select_related(*TASK_RELATED)
    done = list(tasks.filter(status=TaskStatus.DONE, done_on__range=(start, end))
                .order_by("done_on", "pk"))
    # Overdue as of the week's end: deadline passed by Sunday and not done by then.
    open_at_end = tasks.filter(document__received_on__lte=end).exclude(
        status=TaskStatus.DONE, done_on__lte=end)
    overdue = list(open_at_end.filter(deadline__lt=end).order_by("deadline", "pk"))
    in_progress = list(open_at_end.filter(deadline__gte=end).order_by("deadline", "pk"))
    received = list(TrackedDocument.objects.filter(region__path__startswith=region.path,
                                                   received_on__range=(start, end))
                    .order_by("received_on", "pk"))
    owners: dict[str, OwnerRow] = {}
    for name, rows in (("done", done), ("in_progress", in_progress), ("overdue", overdue)):
        for task in rows:
            row = owners.setdefault(task.owner_name, OwnerRow(task.owner_name))
            getattr(row, name).append(task)
    by_owner = sorted(owners.values(), key=lambda r: (-len(r.overdue), r.owner))
    return WeeklyReview(region, start, end, done, in_progress, overdue, received, by_owner)
