"""Test helpers of the training ledgers: a session and an activity made through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from anjian.training.services import activity_create, session_create


def make_session(region=None, *, unit=None, held_on: dt.date | None = None, actor=None,
                 attendances=(), **extra):
    data = {"region": region, "unit": unit, "held_on": held_on or timezone.localdate(),
            "topic": extra.pop("topic", "安全生产开工第一课"), "kind": extra.pop("kind", "all_staff"),
            "hours": extra.pop("hours", 2), "attendance_count": extra.pop("attendance_count", 10),
            **extra}
    return session_create(actor=actor, data=data, attendances=list(attendances))


def make_activity(region, *, actor=None, held_on: dt.date | None = None, materials=(), **extra):
    data = {"region": region, "held_on": held_on or timezone.localdate(),
            "kind": extra.pop("kind", "door_to_door"), "title": extra.pop("title", "入户宣传"),
            "participants": extra.pop("participants", 30), **extra}
    return activity_create(actor=actor, data=data, materials=list(materials))
