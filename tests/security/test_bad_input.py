"""Bad input through the forms gets a Chinese message next to the field and changes nothing.
(The API's answers to bad input are tested in tests/api.)"""

import html

import pytest

from anjian.accounts.models import Person
from anjian.core.models import JournalEntry
from anjian.regions.models import Organisation, Region
from anjian.units.models import Unit

SHOP = {"name": "坏数据商店", "category": "small_venue", "subcategory": "small_shop"}


@pytest.fixture
def office(world, client):
    client.force_login(world.users["office"])
    return client


def _written() -> tuple:
    return (Unit.objects.count(), Region.objects.count(), Organisation.objects.count(),
            Person.objects.count(), JournalEntry.objects.count())


def _refused(response, message: str) -> None:
    assert response.status_code == 200, response.status_code
    assert message in html.unescape(response.content.decode()), message


@pytest.mark.parametrize("extra, message", [
    ({"credit_code": "91350100M000100Y44"}, "校验位错误"),
    ({"credit_code": "9135010"}, "应为18位"),
    ({"principal_phone": "12345"}, "电话号码格式不正确"),
    ({"subcategory": "metal_mine"}, "不属于类别"),
    ({"name": ""}, "该字段是必填项"),
    ({"employees": "很多"}, "整数"),
    ({"longitude": "200"}, "超出中国境内范围"),
])
def test_unit_form_refuses_bad_input(world, office, extra, message):
    before = _written()
    response = office.post("/units/new/", {**SHOP, "region": world.village_a.pk, **extra})
    _refused(response, message)
    assert _written() == before


def test_unit_form_offers_only_villages_and_grids_in_the_scope(world, office, client):
    before = _written()
    _refused(office.post("/units/new/", {**SHOP, "region": world.town.pk}), "选择一个有效的选项")
    client.force_login(world.users["village_a"])
    _refused(client.post("/units/new/", {**SHOP, "region": world.village_b.pk}),
             "选择一个有效的选项")
    assert _written() == before


def test_editing_a_unit_with_bad_input_leaves_it_as_it_was(world, office):
    shop = world.units["shop_a"]
    before = _written()
    data = {**SHOP, "region": shop.region_id, "credit_code": "91350100M000100Y44"}
    _refused(office.post(f"/units/{shop.pk}/edit/", data), "校验位错误")
    shop.refresh_from_db()
    assert shop.name == "张一便民超市" and shop.credit_code == "91350100M000100Y43"
    assert _written() == before


def test_deregistering_without_a_reason_is_refused(world, office):
    shop = world.units["shop_a"]
    response = office.post(f"/units/{shop.pk}/deregister/", {"reason": "  "}, follow=True)
    assert "请填写注销原因" in response.content.decode() or "必填" in response.content.decode()
    shop.refresh_from_db()
    assert shop.status == "active"


def test_region_form_refuses_a_duplicate_code(world, office):
    before = _written()
    response = office.post(f"/regions/{world.village_a.pk}/new/", {
        "kind": "grid", "name": "张一村第2网格", "code": world.grid_b.code})
    _refused(response, "已存在")
    assert _written() == before


def test_organisation_form_refuses_a_bad_phone(world, office):
    before = _written()
    response = office.post("/regions/organisations/new/", {
        "name": "西张村镇林业站", "kind": "forestry_station", "region": world.town.pk,
        "phone": "电话"})
    _refused(response, "电话号码格式不正确")
    assert _written() == before


def test_person_form_refuses_a_grid_worker_placed_on_a_village(world, office):
    before = _written()
    response = office.post("/accounts/people/new/", {
        "name": "错位网格员", "duty": "grid_worker", "region": world.village_a.pk})
    _refused(response, "应落位在")
    assert _written() == before


def test_garbage_in_list_filters_neither_breaks_the_page_nor_widens_the_scope(world, client):
    client.force_login(world.users["village_a"])
    response = client.get("/units/?region=abc&risk_level=purple&page=zzz&status=")
    assert response.status_code == 200
    assert "后关小饭馆" not in response.content.decode()
