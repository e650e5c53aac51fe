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


# The grouped reads behind the county's panels give what the per-town reads give --------------------

def _second_town_reports(world, day):
    """Reports in both towns that differ by town: 西张村镇's village A and police on `day`, 观音堂镇's
    village C on `day` and its police only the day before."""
    from anjian.accounts.choices import Role
    from anjian.dailyreports.selectors import town_reporters
    from anjian.testing.world import make_user

    county_office = make_user("county_office", Role.SAFETY_OFFICE, region=world.county)
    mine = reporters(world)
    file(world.users["village_a"], mine["village_a"], day, hour=8)
    file(world.users["agency"], mine["police"], day, hour=20, inspections_count=3,
         hazards_count=1, measures="督促整改")
    theirs = {r.key: r for r in town_reporters(world.town_b)}
    file(county_office, theirs[f"v{world.village_c.pk}"], day, hour=9)
    file(county_office, theirs[f"o{world.police_b.pk}"], day - dt.timedelta(days=1), hour=9)
    return county_office


def test_grouped_day_status_is_the_per_town_day_status(world):
    from anjian.dailyreports import selectors as daily

    day = timezone.localdate()
    county_office = _second_town_reports(world, day)
    towns = [world.town, world.town_b]
    assert daily.reporters_of_towns(towns) == {t.pk: daily.town_reporters(t) for t in towns}
    for user in (None, county_office, world.users["office"], world.users["office_b"],
                 world.users["agency"], world.users["village_b"]):
        grouped = daily.day_status_of_towns(towns, day, user)
        assert grouped == {t.pk: daily.day_status(t, day, user) for t in towns}, user
    everyone = daily.day_status_of_towns(towns, day)
    filed = {t: sorted(row.reporter.key for row in everyone[t.pk] if row.report) for t in towns}
    assert filed[world.town] == sorted([f"v{world.village_a.pk}", f"o{world.police.pk}"])
    assert filed[world.town_b] == [f"v{world.village_c.pk}"]  # its police filed yesterday only
    assert daily.day_status_of_towns([], day) == {}


def test_grouped_shifts_are_the_per_town_shifts(world):
    from anjian.accounts.choices import Duty
    from anjian.accounts.services import person_create
    from anjian.duty.selectors import on_duty_now, on_duty_now_of_regions
    from anjian.testing.duty import make_shift

    duty_staff(world)
    for key, name in (("duty_b", "韩值班"), ("leader_b", "高镇长")):
        world.people[key] = person_create(actor=None, data={
            "name": name, "region": world.town_b, "duty": Duty.LEADER if key == "leader_b"
            else Duty.STAFF, "phone": "13900000077"})
    now = timezone.now().replace(second=0, microsecond=0)
    current, _next = current_and_next(world, now)
    early = make_shift(world, now - dt.timedelta(hours=5), now + dt.timedelta(hours=1),
                       ["duty_b"], leader="leader_b", region=world.town_b)
    later = make_shift(world, early.end, early.end + dt.timedelta(hours=8), ["duty_b"],
                       leader="leader_b", region=world.town_b)
    towns = [world.town, world.town_b, world.county]
    for moment in (now, now + dt.timedelta(hours=2), now + dt.timedelta(hours=20)):
        assert on_duty_now_of_regions(towns, moment) == {t.pk: on_duty_now(t, moment)
                                                         for t in towns}
    grouped = on_duty_now_of_regions(towns, now)
    assert grouped == {world.town.pk: [current], world.town_b.pk: [early], world.county.pk: []}
    assert on_duty_now_of_regions(towns, now + dt.timedelta(hours=2)) == {
        world.town.pk: [current], world.town_b.pk: [later], world.county.pk: []}
    assert on_duty_now_of_regions([]) == {}


def test_the_county_office_sees_every_towns_reports_and_shifts(world, client):
    from anjian.dailyreports import selectors as daily

    day = timezone.localdate()
    county_office = _second_town_reports(world, day)
    duty_staff(world)
    current, _next = current_and_next(world)  # 西张村镇's; 观音堂镇 has no shift
    client.force_login(county_office)
    page = client.get("/dashboard/", {"region": world.county.pk})
    panel = page.context["daily"]
    rows = [row for t in (world.town, world.town_b) for row in daily.day_status(t, day,
                                                                                 county_office)]
    assert (panel.filed, panel.due) == (3, len(rows))
    assert panel.missing == [row.reporter.name for row in rows if row.report is None]
    assert world.police_b.name in panel.missing and world.village_c.name not in panel.missing
    assert page.context["on_duty"] == [current]


def test_a_countys_reporters_for_compliance_are_each_towns_in_turn(world):
    """The weekly bulletin's compliance of a county reads every town's reporters at once."""
    from anjian.dailyreports import selectors as daily

    day = timezone.localdate()
    _second_town_reports(world, day)
    expected = [r for t in sorted([world.town, world.town_b], key=lambda t: t.path)
                for r in daily.town_reporters(t)]
    assert daily._scope_reporters(world.county) == expected
    assert daily._scope_reporters(world.town) == daily.town_reporters(world.town)
    rows = daily.compliance(world.county, day - dt.timedelta(days=1), day)
    assert [r.reporter for r in rows] == expected
    police_b = next(r for r in rows if r.reporter.key == f"o{world.police_b.pk}")
    assert police_b.filed == 1  # yesterday's, in the other town
