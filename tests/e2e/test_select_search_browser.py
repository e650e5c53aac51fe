"""Long drop-downs are searchable: with a town's many units, the office types part of a name in the
unit field of a form and picks it; the form submits the chosen unit as before."""

import pytest
from django.db import connections
from playwright.sync_api import expect

from anjian.enforcement.models import DishonestyListing
from anjian.units.services import unit_create
from tests.e2e.conftest import ARTIFACTS, login

pytestmark = pytest.mark.browser


@pytest.fixture
def many_units(world_tx):
    made = [unit_create(actor=None, data={
        "name": f"张一第{n}号小作坊", "category": "small_venue", "subcategory": "small_production",
        "region": world_tx.grid_a, "principal": "王师傅"}) for n in range(1, 31)]
    yield made
    connections.close_all()


def test_office_finds_a_unit_by_typing_part_of_its_name(page, world_tx, many_units):
    login(page, "office")
    page.goto(page.base_url + "/enforcement/dishonesty/new/")
    control = page.locator(".ts-wrapper").filter(has=page.locator(".ts-control")).first
    expect(control).to_be_visible()
    page.locator("#id_unit-ts-control").fill("第17号")
    options = page.locator(".ts-dropdown .option")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("张一第17号小作坊")
    page.screenshot(path=str(ARTIFACTS / "select-search.png"))
    options.first.click()
    target = many_units[16]
    expect(page.locator("select#id_unit")).to_have_value(str(target.pk))
    page.fill("textarea[name=reason]", "拒不整改重大隐患")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(lambda url: "/dishonesty/new/" not in url)
    assert DishonestyListing.objects.get().unit_id == target.pk
