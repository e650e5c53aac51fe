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


def _type_pick_and_save(page, typed: str, shown: str, target, shot: str) -> None:
    """Type into the unit field, see one match, pick it, and list the unit as 失信."""
    page.locator("#id_unit-ts-control").fill(typed)
    options = page.locator(".ts-dropdown .option")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text(shown)
    page.screenshot(path=str(ARTIFACTS / shot))
    options.first.click()
    expect(page.locator("select#id_unit")).to_have_value(str(target.pk))
    page.fill("textarea[name=reason]", "拒不整改重大隐患")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(lambda url: "/dishonesty/new/" not in url)
    assert DishonestyListing.objects.get().unit_id == target.pk


def test_office_finds_a_unit_by_typing_part_of_its_name(page, world_tx, many_units):
    login(page, "office")
    page.goto(page.base_url + "/enforcement/dishonesty/new/")
    control = page.locator(".ts-wrapper").filter(has=page.locator(".ts-control")).first
    expect(control).to_be_visible()
    assert page.locator("select#id_unit option").count() > 30  # all listed in the page
    _type_pick_and_save(page, "第17号", "张一第17号小作坊", many_units[16], "select-search.png")


def test_with_too_many_units_to_list_the_server_is_searched(page, world_tx, many_units, settings):
    """A county's units are not put in the page: the select holds none until the office types,
    then the matches the server sends (in the office's scope) are offered."""
    settings.REMOTE_SELECT_FROM = 10
    login(page, "office")
    page.goto(page.base_url + "/enforcement/dishonesty/new/")
    assert page.locator("select#id_unit option").count() <= 1
    _type_pick_and_save(page, "第23号", "张一第23号小作坊（张一村第1网格）", many_units[22],
                        "select-search-remote.png")
