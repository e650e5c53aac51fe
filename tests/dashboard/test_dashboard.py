"""The dashboard's figures agree with the ledger behind them, stay inside the user's scope, and
each links to that list; the map's data has the region's polygons, units and open hazards."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from anjian.dashboard import selectors
from anjian.hazards.models import Hazard
from anjian.hazards.services import hazard_assign
from anjian.testing.hazards import assign_data, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def hazards(world):
    office = world.users["office"]
    made = {
        "a_reported": report(office, world.units["shop_a"]),
        "a_overdue": report(office, world.units["school_a"]),
        "b_assigned": report(office, world.units["shop_b"]),
        "c_other_town": report(world.users["office_b"], world.units["shop_c"]),
    }
    late = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    for key in ("a_overdue", "b_assigned"):
        made[key] = hazard_assign(actor=office, hazard=made[key], data=assign_data(deadline=late))
    Hazard.objects.filter(pk=made["a_overdue"].pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=3))
    return made


def listed_numbers(client, url) -> set[str]:
    page = client.get(url)
    assert page.status_code == 200
    return {h.number for h in page.context["page"].object_list}


def test_the_office_sees_its_town_and_each_figure_opens_its_list(world, client, hazards):
    client.force_login(world.users["office"])
    page = client.get("/dashboard/")
    assert page.status_code == 200
    matrix, rates = page.context["matrix"], page.context["rates"]
    assert matrix.total.count == 3  # not the other town's hazard
    assert matrix.cells[("ordinary", "reported")].count == 1
    assert matrix.cells[("ordinary", "assigned")].count == 2
    assert rates.overdue.count == 1
    assert listed_numbers(client, rates.overdue.url) == {hazards["a_overdue"].number}
    assert listed_numbers(client, matrix.cells[("ordinary", "assigned")].url) == {
        hazards["a_overdue"].number, hazards["b_assigned"].number}
    assert [h.number for h in page.context["overdue"]] == [hazards["a_overdue"].number]
    body = page.content.decode()
    assert 'data-figure="overdue"' in body and "chart-weekly-data" in body


def test_a_village_cadre_sees_only_the_village(world, client, hazards):
    client.force_login(world.users["village_b"])
    page = client.get("/dashboard/")
    assert page.context["region"] == world.village_b
    assert page.context["matrix"].total.count == 1 and page.context["rates"].overdue.count == 0
    assert client.get(f"/dashboard/?region={world.village_a.pk}").context["region"] == world.village_b


def test_weekly_flow_counts_this_weeks_finds(world, hazards):
    weeks = selectors.weekly_flow(world.users["office"], world.town, timezone.localdate())
    assert len(weeks) == selectors.WEEKS and weeks[-1].found == 3
    query = parse_qs(urlparse(weeks[-1].url).query)
    assert query["discovered_from"] == [weeks[-1].start.isoformat()]


def test_coverage_panel_lists_the_villages(world, client, hazards):
    client.force_login(world.users["leader"])
    rows = client.get("/dashboard/").context["coverage"]
    names = [row.region.name for row, _url in rows]
    assert world.village_a.name in names and world.village_b.name in names


def test_the_map_data_draws_units_with_coordinates_and_open_hazards(world, client, hazards):
    shop = world.units["shop_a"]
    type(shop).objects.filter(pk=shop.pk).update(longitude="111.150000", latitude="34.600000")
    client.force_login(world.users["office"])
    data = client.get(f"/dashboard/map/data/?region={world.town.pk}").json()
    kinds = [f["properties"]["kind"] for f in data["features"]]
    units = [f for f in data["features"] if f["properties"]["kind"] == "unit"]
    assert [u["properties"]["name"] for u in units] == [shop.name]
    assert kinds.count("hazard") == 1  # the open hazard at the shop; the others have no position
    assert client.get("/dashboard/map/data/?category=mine").json()["features"] == [
        f for f in data["features"] if f["properties"]["kind"] == "region"]
    client.force_login(world.users["village_b"])
    assert not [f for f in client.get("/dashboard/map/data/").json()["features"]
                if f["properties"]["kind"] != "region"]


def test_users_without_hazards_get_no_dashboard(world, client):
    client.force_login(world.users["sysadmin"])
    assert client.get("/dashboard/").status_code == 403
