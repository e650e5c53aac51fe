"""The 三管三必须 rules page of the safety office: list, add, edit, delete, apply."""

import pytest

from anjian.core.models import JournalEntry
from anjian.regions.models import Sector
from anjian.units.models import SectorRule, Unit


def body(response) -> str:
    return response.content.decode()


def test_office_sees_the_rules_and_the_practice_default_notice(world, client):
    client.force_login(world.users["office"])
    response = client.get("/units/rules/")
    html = body(response)
    assert response.status_code == 200
    assert "不是国家规定" in html and "可配置" in html
    assert "九小场所" in html and "消防安全" in html
    assert "西张村派出所" in html  # the department supervising the fire sector


@pytest.mark.parametrize("who", ["leader", "agency", "village_a", "sysadmin", "nobody"])
def test_rules_are_only_for_the_safety_office(world, client, who):
    client.force_login(world.users[who])
    rule = SectorRule.objects.first()
    assert client.get("/units/rules/").status_code == 403
    assert client.get("/units/rules/new/").status_code == 403
    assert client.post(f"/units/rules/{rule.pk}/delete/").status_code == 403
    assert client.post("/units/rules/apply/").status_code == 403
    assert SectorRule.objects.filter(pk=rule.pk).exists()


def test_add_a_rule_then_apply_moves_matching_units(world, client):
    client.force_login(world.users["office"])
    commerce = Sector.objects.get(code="commerce")
    response = client.post("/units/rules/new/", {
        "category": "small_venue", "subcategory": "small_shop", "industry_section": "",
        "sector": commerce.pk})
    assert response.status_code == 302
    rule = SectorRule.objects.get(category="small_venue", subcategory="small_shop")
    assert JournalEntry.objects.filter(content_type__model="sectorrule", object_id=str(rule.pk),
                                       action="create").exists()
    shop = world.units["shop_a"]
    assert Unit.objects.get(pk=shop.pk).sector.code == "fire"  # not yet applied
    assert client.post("/units/rules/apply/").status_code == 302
    assert Unit.objects.get(pk=shop.pk).sector == commerce
    assert Unit.objects.get(pk=world.units["shop_b"].pk).sector.code == "fire"  # a restaurant


def test_edit_and_delete_a_rule_are_journaled(world, client):
    client.force_login(world.users["office"])
    rule = SectorRule.objects.get(category="abandoned_pit", subcategory="")
    geology = Sector.objects.get(code="geology")
    response = client.post(f"/units/rules/{rule.pk}/edit/", {
        "category": "abandoned_pit", "subcategory": "", "industry_section": "", "sector": geology.pk})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.sector == geology
    update = JournalEntry.objects.get(content_type__model="sectorrule", object_id=str(rule.pk),
                                      action="update")
    assert update.changes["sector"][1] == geology.pk
    assert client.post(f"/units/rules/{rule.pk}/delete/").status_code == 302
    assert not SectorRule.objects.filter(pk=rule.pk).exists()
    assert JournalEntry.objects.filter(content_type__model="sectorrule", object_id=str(rule.pk),
                                       action="delete").exists()


def test_bad_rules_are_refused_in_chinese_and_change_nothing(world, client):
    client.force_login(world.users["office"])
    before = SectorRule.objects.count()
    fire = Sector.objects.get(code="fire").pk
    response = client.post("/units/rules/new/", {
        "category": "mine", "subcategory": "small_shop", "sector": fire})
    assert "子类“小商店”不属于类别“矿山”" in body(response)
    response = client.post("/units/rules/new/", {"category": "small_venue", "sector": fire})
    assert "已有相同类别、子类和行业门类的规则" in body(response)
    response = client.post("/units/rules/new/", {"category": "small_venue", "subcategory": ""})
    assert "该字段是必填项" in body(response)
    assert SectorRule.objects.count() == before
