"""Test helpers of the duty ledger: the town's duty staff and a second leader for the test world,
aware local times, and shifts made through the service."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from anjian.accounts.choices import Duty
from anjian.accounts.services import person_create
from anjian.duty import services
from anjian.duty.models import DutyShift


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An aware local time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def duty_staff(world) -> dict:
    """Three office staff and a second leader at the town (the world's own people live in the
    villages, apart from the party secretary and a police officer). Added to `world.people`."""
    specs = {
        "duty_1": ("刘值守", Duty.STAFF, "应急办工作人员", "13900000001"),
        "duty_2": ("陈守夜", Duty.STAFF, "应急办工作人员", "13900000002"),
        "duty_3": ("马接班", Duty.STAFF, "党政办工作人员", "13900000003"),
        "leader_2": ("钱镇长", Duty.LEADER, "镇长", "13900000009"),
    }
    for key, (name, duty, position, phone) in specs.items():
        world.people[key] = person_create(actor=None, data={
            "name": name, "region": world.town, "duty": duty, "position": position,
            "phone": phone})
    world.people["leader"].phone = "13900000008"
    world.people["leader"].save(update_fields=["phone"])
    return world.people


def make_shift(world, start: dt.datetime, end: dt.datetime, people: list[str],
               leader: str = "leader", actor=None, region=None) -> DutyShift:
    return services.shift_create(actor=actor, data={
        "region": region or world.town, "start": start, "end": end,
        "people": [world.people[p] for p in people], "leader": world.people[leader]})


def current_and_next(world, now: dt.datetime | None = None) -> tuple[DutyShift, DutyShift]:
    """A shift running now (started an hour ago, ends in three) and the one after it."""
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    first = make_shift(world, now - dt.timedelta(hours=1), now + dt.timedelta(hours=3),
                       ["duty_1", "duty_2"])
    second = make_shift(world, first.end, first.end + dt.timedelta(hours=12), ["duty_3"],
                        leader="leader_2")
    return first, second
