"""The scheduled checks of the other ledgers: missing daily reports after the cut-off, shifts
starting within the hour, plan reviews and drills coming due — each sent once, to the right people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from anjian.accounts.models import User
from anjian.core.attachments import read_attachment
from anjian.dailyreports.notifications import missing_check
from anjian.duty.notifications import shifts_starting_check
from anjian.emergency import services as emergency
from anjian.emergency.notifications import due_check
from anjian.notify.choices import NotificationKind
from anjian.notify.models import Notification
from anjian.testing.dailyreports import at, file, reporters
from anjian.testing.duty import duty_staff, make_shift
from anjian.testing.emergency import pdf_bytes, version_data

pytestmark = pytest.mark.django_db


def titles(user, kind) -> list[str]:
    return list(Notification.objects.filter(recipient=user, kind=kind)
                .values_list("title", flat=True))


def test_missing_daily_reports_are_announced_after_the_cut_off_only_once(world):
    day = timezone.localdate()
    file(world.users["village_a"], reporters(world)["village_a"], day)
    assert missing_check(at(day, 16, 0)) == 0  # before the 17:00 cut-off
    assert missing_check(at(day, 17, 5)) > 0
    assert missing_check(at(day, 17, 35)) == 0
    kind = NotificationKind.REPORT_MISSING
    assert titles(world.users["village_a"], kind) == []  # it reported
    assert titles(world.users["village_b"], kind) == [f"{world.village_b.name}今日安全生产日报告未报"]
    [summary] = titles(world.users["office"], kind)
    assert world.town.name in summary and "未报日报告" in summary
    assert titles(world.users["office_b"], kind) != [summary]  # the other town's own list


def test_a_shift_starting_within_the_hour_reminds_its_people_with_accounts(world):
    duty_staff(world)
    soon = (timezone.now() + dt.timedelta(minutes=30)).replace(second=0, microsecond=0)
    make_shift(world, soon, soon + dt.timedelta(hours=8), ["duty_1"])
    account = User.objects.create_user("duty1", password="x", person=world.people["duty_1"])
    assert shifts_starting_check() == 1
    assert shifts_starting_check() == 0
    [title] = titles(account, NotificationKind.SHIFT_STARTING)
    assert f"{timezone.localtime(soon):%H:%M}" in title


def test_plan_reviews_and_drills_coming_due_reach_the_office(world):
    office = world.users["office"]
    three_years_ago = timezone.localdate() - dt.timedelta(days=3 * 365)
    emergency.plan_create(
        actor=office, data={"title": "西张村镇防汛应急预案", "kind": "special", "region": world.town},
        version=version_data(approved_on=three_years_ago, effective_on=three_years_ago),
        file=read_attachment(SimpleUploadedFile("p.pdf", pdf_bytes())))
    assert due_check() >= 2  # the plan's review, and the town that never drilled
    assert due_check() == 0
    assert titles(office, NotificationKind.PLAN_REVIEW_DUE) == ["预案评审到期：西张村镇防汛应急预案"]
    assert any(world.town.name in t for t in titles(office, NotificationKind.DRILL_DUE))
    assert titles(world.users["village_a"], NotificationKind.PLAN_REVIEW_DUE) == []
