"""The dashboard's panels from the other ledgers: today's daily reports, who is on duty now, and
accidents this year against last year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from anjian.testing.accidents import accident
from anjian.testing.dailyreports import file, reporters
from anjian.testing.duty import current_and_next, duty_staff

pytestmark = pytest.mark.django_db


def test_the_office_sees_todays_reports_the_shift_and_accidents(world, client):
    day = timezone.localdate()
    file(world.users["village_a"], reporters(world)["village_a"], day, hour=8)
    duty_staff(world)
    current, _next = current_and_next(world)
    accident(world.users["office"], region=world.village_a, deaths=1,
             occurred_at=timezone.now() - dt.timedelta(minutes=30))
    client.force_login(world.users["office"])
    page = client.get("/dashboard/")
    daily = page.context["daily"]
    assert daily.filed == 1 and world.village_b.name in daily.missing
    assert page.context["on_duty"] == [current]
    deaths = page.context["accidents"].yoy.change("deaths")
    assert deaths.current == 1 and deaths.previous == 0
    body = page.content.decode()
    assert 'id="daily-panel"' in body and "13900000001" in body and 'id="accident-panel"' in body


def test_a_village_sees_its_own_report_and_no_duty_log_figures(world, client):
    client.force_login(world.users["village_b"])
    page = client.get("/dashboard/")
    assert page.context["daily"].due == 1 and page.context["daily"].missing == [world.village_b.name]
    assert page.context["accidents"].indicators is None  # indicators are a town's


def test_a_leader_without_daily_report_rights_still_gets_the_hazard_figures(world, client):
    client.force_login(world.users["leader"])
    assert client.get("/dashboard/", {"day": dt.date.today()}).status_code == 200
