"""Coverage, leaders' compliance and the configurable frequencies, through the pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from anjian.inspections.models import LeaderInspectionRule, RiskFrequency
from anjian.units.models import Unit
from tests.inspections.helpers import submit

pytestmark = pytest.mark.django_db


def _period(days=30):
    today = timezone.localdate()
    return {"start": (today - dt.timedelta(days=days)).isoformat(), "end": today.isoformat()}


def test_the_coverage_page_counts_and_lists_the_uninspected(client, world):
    u = world.units
    submit(world.users["office"], u["shop_a"], days_ago=1)
    submit(world.users["office"], u["shop_b"], days_ago=60)
    client.force_login(world.users["office"])
    response = client.get(reverse("inspections:coverage"), _period())
    assert response.status_code == 200
    result = response.context["result"]
    assert (result.total, result.inspected, result.share) == (4, 1, 25.0)
    rows = {r.region.name: (r.total, r.inspected) for r in response.context["by_region"]}
    assert rows == {"张一村": (2, 1), "后关村": (2, 0)}
    listed = {unit.name for unit in response.context["uninspected"].object_list}
    assert listed == {"张一小学", "后关小饭馆", "后关废弃坑口1号"}
    html = response.content.decode()
    assert "25.0%" in html and reverse("units:detail", args=[u["school_a"].pk]) in html
    # Behind frequency: shop_b (blue, 60 days ago) is within 90 days; the never inspected are not.
    behind = {unit.name for unit in response.context["behind"]}
    assert behind == {"张一小学", "后关废弃坑口1号"}


def test_the_coverage_page_drills_down_to_a_village_and_filters_by_category(client, world):
    submit(world.users["office"], world.units["shop_b"], days_ago=1)
    client.force_login(world.users["office"])
    response = client.get(reverse("inspections:coverage"),
                          {**_period(), "region": world.village_b.pk, "category": "small_venue"})
    result = response.context["result"]
    assert (result.total, result.inspected) == (1, 1)
    assert [r.region.name for r in response.context["by_region"]] == ["后关村第1网格"]


def test_a_village_cadre_sees_the_coverage_of_their_village(client, world):
    client.force_login(world.users["village_a"])
    response = client.get(reverse("inspections:coverage"))
    assert response.status_code == 200
    assert response.context["result"].total == 2
    assert response.context["within"] == world.village_a
    first = timezone.localdate().replace(day=1).isoformat()
    assert f'value="{first}"' in response.content.decode()  # <input type=date> wants ISO dates
    # A grid worker may inspect from the list: the button goes to the record form.
    client.force_login(world.users["grid_a"])
    html = client.get(reverse("inspections:coverage")).content.decode()
    assert f"/inspections/records/new/?unit={world.units['shop_a'].pk}" in html


def test_the_leader_page_shows_who_is_behind(client, world):
    leader = world.people["leader"]
    LeaderInspectionRule.objects.get(rank="party_secretary").people.set([leader])
    client.force_login(world.users["office"])
    response = client.get(reverse("inspections:leaders"))
    [row] = response.context["rows"]
    assert row.behind and "从未带队" in response.content.decode()
    record = submit(world.users["office"], world.units["shop_a"], days_ago=2, leader=leader)
    response = client.get(reverse("inspections:leaders"))
    [row] = response.context["rows"]
    assert not row.behind and row.recent == 1
    assert reverse("inspections:record_detail", args=[record.pk]) in response.content.decode()


def test_the_office_edits_the_intervals_and_the_leader_rules(client, world):
    rule = LeaderInspectionRule.objects.get(rank="town_head")
    outsider_rule = LeaderInspectionRule.objects.get(rank="county_cadre")
    from anjian.accounts.models import Person

    outsider = Person.objects.create(name="外镇领导", region=world.town_b, duty="leader")
    outsider_rule.people.set([outsider])
    client.force_login(world.users["office"])
    page = client.get(reverse("inspections:frequencies"))
    assert "本地做法" in page.content.decode()
    form = page.context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data = {k: v for k, v in data.items() if not k.endswith("_people")}
    data["freq_red"] = 5
    data[f"rule_{rule.pk}_days"] = 10
    data[f"rule_{rule.pk}_people"] = [world.people["leader"].pk]
    data[f"rule_{outsider_rule.pk}_people"] = []
    response = client.post(reverse("inspections:frequencies"), data)
    assert response.status_code == 302
    assert RiskFrequency.objects.get(risk_level="red").interval_days == 5
    rule.refresh_from_db()
    assert rule.interval_days == 10 and list(rule.people.all()) == [world.people["leader"]]
    # Someone the office cannot see stays on the rule.
    assert list(outsider_rule.people.all()) == [outsider]
    # The new red interval counts at once.
    Unit.objects.filter(pk=world.units["shop_a"].pk).update(risk_level="red")
    submit(world.users["office"], world.units["shop_a"], days_ago=6)
    behind = {u.name for u in client.get(reverse("inspections:coverage")).context["behind"]}
    assert "张一便民超市" in behind


def test_only_the_office_may_change_the_frequencies(client, world):
    client.force_login(world.users["village_a"])
    assert client.get(reverse("inspections:frequencies")).status_code == 200
    response = client.post(reverse("inspections:frequencies"), {"freq_red": 1})
    assert response.status_code == 403
    assert RiskFrequency.objects.get(risk_level="red").interval_days == 7


def test_the_navigation_shows_the_inspection_pages(client, world):
    client.force_login(world.users["grid_a"])
    html = client.get(reverse("inspections:record_list")).content.decode()
    for label in ("隐患排查", "检查计划", "检查覆盖"):
        assert label in html
    client.force_login(world.users["sysadmin"])
    html = client.get("/").content.decode()
    assert reverse("inspections:coverage") not in html
