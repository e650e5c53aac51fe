"""A leader on a phone opens the dashboard, taps the overdue figure and lands on the filtered
ledger; the map draws the demo town's villages and units."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anjian.demo import DEMO_PASSWORD
from anjian.demo.builder import build_demo
from anjian.hazards.models import Hazard
from anjian.hazards.services import hazard_assign
from anjian.testing.hazards import assign_data, report
from anjian.testing.world import ensure_default_data
from tests.e2e.conftest import login

pytestmark = pytest.mark.browser


def test_leader_taps_the_overdue_figure_on_a_phone(phone, world_tx):
    office = world_tx.users["office"]
    overdue = hazard_assign(actor=office, hazard=report(office, world_tx.units["shop_a"]),
                            data=assign_data())
    Hazard.objects.filter(pk=overdue.pk).update(deadline=timezone.localdate() - dt.timedelta(days=2))
    report(office, world_tx.units["shop_b"])  # open, not overdue
    login(phone, "leader")
    phone.goto(phone.base_url + "/dashboard/")
    phone.wait_for_selector("#chart-open canvas")  # ECharts drew the chart
    figure = phone.locator("[data-figure=overdue]")
    expect(figure).to_contain_text("1")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    figure.click()
    phone.wait_for_url("**/hazards/?*overdue=true*")
    rows = phone.locator("#hazards tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(overdue.number)


def test_the_map_shows_the_demo_towns_units(page, transactional_db):
    ensure_default_data()  # an earlier live-server test emptied the migrations' checklists
    build_demo()
    login(page, "demo_office", DEMO_PASSWORD)
    page.goto(page.base_url + "/dashboard/map/")
    the_map = page.locator("#map")
    expect(the_map).to_have_attribute("data-units", re.compile(r"^[1-9]\d*$"))  # drawn
    units = int(the_map.get_attribute("data-units"))
    assert units > 500  # the demo town's units with coordinates
    assert page.locator("#map path.leaflet-interactive").count() > 0 or page.locator(
        "#map canvas").count() > 0  # polygons and dots drawn (canvas renderer)
    page.select_option("#map-category", "mine")
    expect(the_map).to_have_attribute("data-units", re.compile(r"^\d$|^1\d$"))  # the mines only
