"""The reads behind the coverage and compliance pages, against hand-computed numbers."""

import datetime as dt

import pytest
from django.utils import timezone

from anjian.accounts.choices import Duty
from anjian.accounts.models import Person
from anjian.inspections import selectors
from anjian.inspections.models import LeaderInspectionRule
from anjian.units.models import Unit
from tests.inspections.helpers import submit

pytestmark = pytest.mark.django_db


def _office_units(world):
    return selectors.unit_scope(world.users["office"])


def test_coverage_counts_units_inspected_in_the_period_and_lists_the_rest(world):
    office, u = world.users["office"], world.units
    today = timezone.localdate()
    submit(office, u["shop_a"], days_ago=1)
    submit(office, u["shop_b"], days_ago=40)  # before the period
    submit(world.users["office_b"], u["shop_c"], days_ago=1)  # another town, out of scope
    result = selectors.coverage(_office_units(world), today - dt.timedelta(days=30),
                                today + dt.timedelta(days=1))
    assert (result.total, result.inspected, result.missing) == (4, 1, 3)
    assert result.share == 25.0
    assert set(result.uninspected) == {u["school_a"], u["shop_b"], u["pit_b"]}


def test_a_record_at_the_end_of_the_period_does_not_count(world):
    office, u = world.users["office"], world.units
    today = timezone.localdate()
    submit(office, u["shop_a"], days_ago=0)
    result = selectors.coverage(_office_units(world), today - dt.timedelta(days=7), today)
    assert result.inspected == 0
    result = selectors.coverage(_office_units(world), today, today + dt.timedelta(days=1))
    assert result.inspected == 1


def test_coverage_of_an_empty_scope_has_no_share(world):
    result = selectors.coverage(Unit.objects.none(), timezone.localdate(), timezone.localdate())
    assert (result.total, result.inspected, result.share) == (0, 0, None)


def test_coverage_by_region_rolls_grids_up_to_their_villages(world):
    office, u = world.users["office"], world.units
    today = timezone.localdate()
    submit(office, u["shop_a"], days_ago=2)  # on grid_a, in village_a
    submit(office, u["pit_b"], days_ago=2)  # on village_b itself
    submit(office, u["shop_b"], days_ago=3)  # on grid_b, in village_b
    rows = selectors.coverage_by_region(_office_units(world), today - dt.timedelta(days=7),
                                        today + dt.timedelta(days=1), world.town)
    by_name = {r.region.name: (r.total, r.inspected, r.share) for r in rows}
    assert by_name == {"张一村": (2, 1, 50.0), "后关村": (2, 2, 100.0)}
    grid_rows = selectors.coverage_by_region(_office_units(world), today - dt.timedelta(days=7),
                                             today + dt.timedelta(days=1), world.village_b)
    assert [(r.region.name, r.total, r.inspected, r.own) for r in grid_rows] == [
        ("后关村第1网格", 1, 1, False), ("后关村", 1, 1, True)]


def test_coverage_by_region_lists_villages_without_units(world):
    from anjian.regions.choices import RegionKind
    from anjian.regions.services import region_create

    region_create(actor=None, parent=world.town, name="空村", code="411203102299",
                  kind=RegionKind.VILLAGE)
    rows = selectors.coverage_by_region(_office_units(world), timezone.localdate(),
                                        timezone.localdate(), world.town)
    empty = [r for r in rows if r.region.name == "空村"]
    assert len(empty) == 1 and empty[0].total == 0 and empty[0].share is None


def test_a_red_unit_inspected_ten_days_ago_is_behind_and_a_blue_one_is_not(world):
    office, u = world.users["office"], world.units
    Unit.objects.filter(pk=u["shop_a"].pk).update(risk_level="red")
    first = submit(office, u["shop_a"], days_ago=10)
    submit(office, u["shop_b"], days_ago=10)  # blue: every 90 days
    submit(office, u["school_a"], days_ago=16)  # orange: every 15 days -> behind
    behind = {unit.pk: unit for unit in selectors.behind_frequency(_office_units(world))}
    assert set(behind) == {u["shop_a"].pk, u["school_a"].pk, u["pit_b"].pk}
    red = behind[u["shop_a"].pk]
    assert red.last_inspected == first.inspected_at and red.interval_days == 7
    assert red.due_at == first.inspected_at + dt.timedelta(days=7)
    never = behind[u["pit_b"].pk]  # unrated, never inspected
    assert never.last_inspected is None and never.due_at is None and never.interval_days == 180
    assert list(behind)[0] == u["pit_b"].pk  # never inspected first


def test_a_red_unit_inspected_seven_days_ago_is_due_today_not_behind(world):
    office, u = world.users["office"], world.units
    Unit.objects.filter(pk=u["shop_a"].pk).update(risk_level="red")
    submit(office, u["shop_a"], days_ago=7)
    behind = selectors.behind_frequency(_office_units(world)).values_list("pk", flat=True)
    assert u["shop_a"].pk not in set(behind)


def test_the_latest_inspection_counts_for_the_frequency(world):
    office, u = world.users["office"], world.units
    Unit.objects.filter(pk=u["shop_a"].pk).update(risk_level="red")
    submit(office, u["shop_a"], days_ago=30)
    submit(office, u["shop_a"], days_ago=1)
    behind = selectors.behind_frequency(_office_units(world)).values_list("pk", flat=True)
    assert u["shop_a"].pk not in set(behind)


def test_leader_compliance_shows_who_is_behind_within_the_users_people(world):
    office, u, town = world.users["office"], world.units, world.town
    secretary = world.people["leader"]
    head = Person.objects.create(name="镇长甲", region=town, duty=Duty.LEADER, position="镇长")
    outsider = Person.objects.create(name="外镇书记", region=world.town_b, duty=Duty.LEADER)
    LeaderInspectionRule.objects.get(rank="party_secretary").people.set([secretary, outsider])
    LeaderInspectionRule.objects.get(rank="town_head").people.set([head])
    submit(office, u["shop_b"], days_ago=100, leader=secretary)  # outside the 90 days
    latest = submit(office, u["shop_a"], days_ago=3, leader=secretary)
    today = timezone.localdate()
    rows = selectors.leader_compliance(today, Person.objects.for_user(office))
    got = {(r.rule.rank, r.person.name): r for r in rows}
    assert set(got) == {("party_secretary", "燕生"), ("town_head", "镇长甲")}
    ok = got["party_secretary", "燕生"]
    assert not ok.behind and ok.recent == 1 and ok.last_record_id == latest.pk
    assert ok.due == timezone.localdate(latest.inspected_at) + dt.timedelta(days=7)
    behind = got["town_head", "镇长甲"]
    assert behind.behind and behind.last_led is None and behind.recent == 0


def test_a_leader_whose_last_led_inspection_is_older_than_the_interval_is_behind(world):
    secretary = world.people["leader"]
    LeaderInspectionRule.objects.get(rank="party_secretary").people.set([secretary])
    submit(world.users["office"], world.units["shop_a"], days_ago=9, leader=secretary)
    [row] = selectors.leader_compliance(timezone.localdate(), Person.objects.all())
    assert row.behind and row.recent == 1


def test_record_and_task_lists_are_scoped(world):
    u = world.users
    record = submit(u["office"], world.units["shop_b"], days_ago=1)
    assert list(selectors.record_list(u["village_b"])) == [record]
    assert list(selectors.record_list(u["village_a"])) == []
    assert list(selectors.record_list(u["office_b"])) == []
