"""Reporters, the platform's figures, missing reporters, compliance and the town's summary."""

import datetime as dt

from anjian.dailyreports import selectors
from anjian.dailyreports.models import DailyReport
from anjian.regions.choices import OrganisationKind
from anjian.regions.models import Organisation
from anjian.testing.dailyreports import at, file
from anjian.testing.hazards import report as report_hazard


def test_a_town_reports_by_its_villages_and_agencies_not_its_safety_office(world):
    Organisation.objects.create(region=world.town, name="西张村镇应急管理办公室",
                                kind=OrganisationKind.SAFETY_OFFICE)
    names = [r.name for r in selectors.town_reporters(world.town)]
    assert names == ["张一村", "后关村", "西张村派出所", "西张村镇中心校"]


def test_reporters_carry_the_phone_to_call(reps):
    assert (reps["village_a"].contact, reps["village_a"].phone) == ("张建国", "13800000011")
    assert (reps["village_b"].contact, reps["village_b"].phone) == ("李红梅", "13800000012")
    assert reps["police"].phone == "0398-3810110"


def test_a_reporter_key_round_trips(world, reps):
    assert selectors.reporter_from_key(reps["police"].key) == reps["police"]
    assert selectors.reporter_from_key(f"v{world.grid_a.pk}") is None
    assert selectors.reporter_from_key("x1") is None
    assert selectors.reporter_from_key("o") is None


def test_the_form_starts_from_the_platforms_figures(world, reps, today):
    report_hazard(world.users["grid_a"], world.units["shop_a"])  # in a grid of village A
    assert selectors.platform_counts(reps["village_a"], today) == {
        "inspections_count": 0, "hazards_count": 1}
    assert selectors.platform_counts(reps["village_b"], today)["hazards_count"] == 0
    assert selectors.platform_counts(reps["village_a"], today - dt.timedelta(days=1)) == {
        "inspections_count": 0, "hazards_count": 0}


def test_missing_reporters_of_a_day(world, reps, yesterday):
    file(world.users["village_a"], reps["village_a"], yesterday)
    file(world.users["agency"], reps["police"], yesterday)
    missing = selectors.missing_reporters(world.town, yesterday)
    assert [r.name for r in missing] == ["后关村", "西张村镇中心校"]
    # scoped to a user: village A's cadre sees no one else
    assert selectors.missing_reporters(world.town, yesterday, world.users["village_b"]) == [
        reps["village_b"]]
    assert selectors.missing_reporters(world.town, yesterday, world.users["village_a"]) == []


def test_compliance_counts_due_filed_on_time_late_and_missing(world, reps, today):
    start = today - dt.timedelta(days=9)
    for n in range(10):  # village A: every day, the last three late
        day = start + dt.timedelta(days=n)
        file(world.users["village_a"], reps["village_a"], day, hour=18 if n >= 7 else 9)
    for n in range(0, 10, 2):  # police: every other day
        file(world.users["agency"], reps["police"], start + dt.timedelta(days=n))
    now = at(today, 18)  # today's cut-off has passed: ten days are due
    rows = {r.reporter.key: r for r in selectors.compliance(world.town, start, today, now=now)}
    a, police, school = rows[reps["village_a"].key], rows[reps["police"].key], rows[
        reps["school"].key]
    assert (a.due, a.filed, a.on_time, a.late, a.missing, a.rate) == (10, 10, 7, 3, 0, 1.0)
    assert (police.filed, police.missing, police.rate) == (5, 5, 0.5)
    assert (school.filed, school.missing, school.rate) == (0, 10, 0.0)
    # before today's cut-off, today is not due yet
    early = {r.reporter.key: r for r in selectors.compliance(world.town, start, today,
                                                             now=at(today, 8))}
    assert early[reps["school"].key].due == 9


def test_compliance_of_a_user_covers_only_what_they_see(world, reps, yesterday):
    rows = selectors.compliance(world.users["agency"], yesterday, yesterday)
    assert [r.reporter.name for r in rows] == ["西张村派出所"]
    assert {r.reporter.name for r in selectors.compliance(world.county, yesterday, yesterday)} >= {
        "张一村", "七里村", "观音堂派出所"}
    assert [r.reporter.name for r in selectors.compliance(world.village_b, yesterday,
                                                          yesterday)] == ["后关村"]


def test_the_town_summary_of_a_day(world, reps, yesterday):
    file(world.users["village_a"], reps["village_a"], yesterday, inspections_count=3,
         hazards_count=1, events="小火情已扑灭", measures="加强巡查")
    file(world.users["agency"], reps["police"], yesterday, hour=20)
    summary = selectors.town_summary(world.town, yesterday)
    assert summary.totals == {"reporters": 4, "filed": 2, "missing": 2, "zero": 1, "late": 1,
                              "inspections": 3, "hazards": 1}
    assert [row.reporter.name for row in summary.with_events] == ["张一村"]
    assert [r.name for r in summary.missing] == ["后关村", "西张村镇中心校"]


def test_towns_for_each_role(world):
    assert selectors.towns_for_user(world.users["office"]) == [world.town]
    assert selectors.towns_for_user(world.users["village_a"]) == [world.town]
    assert selectors.towns_for_user(world.users["agency"]) == [world.town]
    assert selectors.towns_for_user(world.users["office_b"]) == [world.town_b]
    assert selectors.towns_for_user(world.users["grid_a"]) == []
    assert selectors.towns_for_user(world.users["enterprise_a"]) == []


def test_reports_of_every_day_are_one_per_reporter(world, reps, yesterday):
    file(world.users["village_a"], reps["village_a"], yesterday)
    file(world.users["village_a"], reps["village_a"], yesterday, events="补充")
    file(world.users["agency"], reps["police"], yesterday)
    assert DailyReport.objects.filter(date=yesterday).count() == 2


def test_a_town_that_frees_rest_days_owes_reports_on_workdays_only(world, reps):
    """Mon 9 – Sun 15 March 2026: five workdays. A report filed on the Saturday is welcome but
    counts for nothing; nobody is missing on the Sunday."""
    from anjian.dailyreports import services

    monday, saturday, sunday = dt.date(2026, 3, 9), dt.date(2026, 3, 14), dt.date(2026, 3, 15)
    for n in range(6):  # village A: Monday to Saturday
        file(world.users["village_a"], reps["village_a"], monday + dt.timedelta(days=n))
    now = at(dt.date(2026, 3, 16), 18)
    every_day = {r.reporter.key: r for r in selectors.compliance(world.town, monday, sunday, now=now)}
    assert (every_day[reps["village_a"].key].due, every_day[reps["village_a"].key].filed) == (7, 6)
    assert len(selectors.missing_reporters(world.town, sunday)) == 4

    services.report_settings_set(actor=world.users["office"], town=world.town,
                                 cutoff=dt.time(17), rest_days=False)
    rows = {r.reporter.key: r for r in selectors.compliance(world.town, monday, sunday, now=now)}
    a, school = rows[reps["village_a"].key], rows[reps["school"].key]
    assert (a.due, a.filed, a.missing, a.rate) == (5, 5, 0, 1.0)
    assert (school.due, school.missing) == (5, 5)
    assert selectors.missing_reporters(world.town, sunday) == []
    assert len(selectors.missing_reporters(world.town, saturday - dt.timedelta(days=1))) == 3
    # Another town keeps its own rule: every day.
    other = {r.reporter.key: r for r in selectors.compliance(world.county, monday, sunday, now=now)
             if r.reporter.town_id != world.town.pk}
    assert other and all(r.due == 7 for r in other.values())
