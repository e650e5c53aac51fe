"""The county-scale shortcuts of the dashboard (docs/performance.md, issue 7) give the figures the
plain reads give: skipping the user's scope where it holds the whole region, the region as a list
of ids or nothing at all, and the rates from four counts instead of the full statistics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Q
from django.utils import timezone

from anjian.accounts.choices import Role
from anjian.core.scope import holds_subtree
from anjian.dashboard import selectors
from anjian.hazards.models import Hazard
from anjian.hazards.selectors import hazard_statistics, rectification_figures
from anjian.inspections.selectors import coverage_by_region, unit_scope
from anjian.regions.models import Region
from anjian.testing.hazards import report, submit_record
from anjian.testing.world import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(world):
    """Hazards and inspections in both towns, in several states, and a county office."""
    office, office_b = world.users["office"], world.users["office_b"]
    made = [report(office, world.units[k]) for k in ("shop_a", "school_a", "shop_b", "pit_b")]
    made += [report(office_b, world.units["shop_c"]) for _ in range(2)]
    today = timezone.localdate()
    now = timezone.now()
    Hazard.objects.filter(pk=made[0].pk).update(  # closed on time
        state="closed", deadline=today, closed_at=now - dt.timedelta(days=1))
    Hazard.objects.filter(pk=made[1].pk).update(  # closed late
        state="closed", deadline=today - dt.timedelta(days=5), closed_at=now)
    Hazard.objects.filter(pk=made[2].pk).update(state="cancelled")
    Hazard.objects.filter(pk=made[4].pk).update(  # closed on the spot, no deadline
        state="closed", fixed_on_spot=True, closed_at=now)
    submit_record(office, world.units["shop_a"])
    submit_record(office_b, world.units["shop_c"])
    return make_user("county_office", Role.SAFETY_OFFICE, region=world.county)


def _users(world, county_office):
    return {"county": county_office, "town": world.users["office"],
            "town_b": world.users["office_b"], "leader": world.users["leader"],
            "village_b": world.users["village_b"], "agency": world.users["agency"],
            "grid": world.users["grid_a"]}


def _regions(world):
    return [world.county, world.town, world.town_b, world.village_a, world.village_b]


def test_the_shortcut_reads_the_hazards_and_units_the_scope_reads(world, spread, monkeypatch):
    for subtree_max in (selectors.SUBTREE_LIST_MAX, 1):  # a list of ids, and a subquery
        monkeypatch.setattr(selectors, "SUBTREE_LIST_MAX", subtree_max)
        for name, user in _users(world, spread).items():
            for stale in _regions(world):
                region = Region.objects.get(pk=stale.pk)  # a fresh object: nothing cached
                expected = set(Hazard.objects.for_user(user).filter(
                    region__path__startswith=region.path).values_list("pk", flat=True))
                assert set(selectors._hazards(user, region).values_list("pk", flat=True)) == \
                    expected, (name, region.name)
                today = timezone.localdate()
                plain = coverage_by_region(
                    unit_scope(user, region=region),
                    selectors.day_start(today - dt.timedelta(days=selectors.COVERAGE_DAYS - 1)),
                    selectors.day_start(today + dt.timedelta(days=1)), region)
                rows = [row for row, _url in selectors.coverage(user, region, today)]
                assert [(r.region, r.total, r.inspected, r.own) for r in rows] == [
                    (r.region, r.total, r.inspected, r.own) for r in plain], (name, region.name)


def test_who_holds_a_region_and_how_the_region_is_written(world, spread):
    users = _users(world, spread)
    assert holds_subtree(users["county"], world.town_b, Hazard)
    assert holds_subtree(users["town"], world.village_a, Hazard)
    assert not holds_subtree(users["town"], world.county, Hazard)
    assert not holds_subtree(users["agency"], world.town, Hazard)  # its sectors only
    assert not holds_subtree(users["village_b"], world.town, Hazard)
    # The county is the only tree here: "in the county" filters nothing.
    assert selectors.region_filter(Region.objects.get(pk=world.county.pk)) == Q()
    town = Region.objects.get(pk=world.town.pk)
    ids = set(Region.objects.filter(path__startswith=town.path).values_list("pk", flat=True))
    [(lookup, listed)] = selectors.region_filter(town).children
    assert lookup == "region__in" and sorted(listed) == sorted(ids)
    Region.objects.create(name="另一个区", code="411299", kind="district", level=1, path="/x/")
    assert selectors.region_filter(Region.objects.get(pk=world.county.pk)) != Q()


def test_the_dashboard_figures_per_town_differ_and_match_the_ledger(world, spread, client):
    client.force_login(spread)
    for town, found in ((world.town, 4), (world.town_b, 2)):
        page = client.get("/dashboard/", {"region": town.pk})
        rates = page.context["rates"]
        assert rates.found == found
        plain = Hazard.objects.for_user(spread).filter(region__path__startswith=town.path)
        assert page.context["matrix"].total.count == plain.filter(
            state__in=["reported", "assigned", "rectifying", "awaiting_acceptance"]).count()
    county = client.get("/dashboard/", {"region": world.county.pk}).context["rates"]
    assert county.found == 6 and county.rectified == 3


def test_rectification_figures_are_those_of_the_statistics(world, spread):
    for user in _users(world, spread).values():
        for region in _regions(world):
            hazards = Hazard.objects.for_user(user).filter(region__path__startswith=region.path)
            [full] = hazard_statistics(hazards)
            quick = rectification_figures(hazards)
            assert (quick.found, quick.cancelled, quick.rectified, quick.on_time) == (
                full.found, full.cancelled, full.rectified, full.on_time)
            assert (quick.rectification_rate, quick.on_time_rate) == (
                full.rectification_rate, full.on_time_rate)
    [everything] = hazard_statistics(Hazard.objects.all())
    assert (everything.found, everything.cancelled, everything.rectified, everything.on_time) == (
        6, 1, 3, 2)


def test_the_weeks_are_those_of_grouping_by_week(world, spread):
    """Counts between Monday-midnight bounds give what grouping by TruncWeek gave, also for times
    just either side of a Monday's midnight (local time, not UTC's)."""
    from django.db.models import Count
    from django.db.models.functions import TruncWeek

    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    edge = timezone.make_aware(dt.datetime.combine(monday - dt.timedelta(weeks=3), dt.time()))
    hazards = list(Hazard.objects.order_by("pk"))
    moments = [edge, edge - dt.timedelta(seconds=1), edge + dt.timedelta(hours=7, minutes=59),
               edge - dt.timedelta(weeks=20), timezone.now() - dt.timedelta(days=9)]
    for hazard, moment in zip(hazards, moments, strict=False):
        Hazard.objects.filter(pk=hazard.pk).update(discovered_at=moment)
        if hazard.state == "closed":
            Hazard.objects.filter(pk=hazard.pk).update(closed_at=moment + dt.timedelta(days=2))

    def grouped(field, **where):
        rows = (Hazard.objects.filter(**where).order_by().annotate(week=TruncWeek(field))
                .values("week").annotate(n=Count("pk")).values_list("week", "n"))
        return {timezone.localtime(w).date() if isinstance(w, dt.datetime) else w: n
                for w, n in rows}

    for user, region in ((spread, world.county), (world.users["office"], world.town)):
        weeks = selectors.weekly_flow(user, region, today)
        scoped = {"pk__in": selectors._hazards(user, region).values("pk")}
        found = grouped("discovered_at", **scoped)
        closed = grouped("closed_at", state="closed", **scoped)
        assert [(w.found, w.rectified) for w in weeks] == [
            (found.get(w.start, 0), closed.get(w.start, 0)) for w in weeks]
    weeks = selectors.weekly_flow(spread, world.county, today)
    assert sum(w.found for w in weeks) >= 3 and sum(w.rectified for w in weeks) >= 1
