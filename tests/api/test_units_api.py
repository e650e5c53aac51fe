"""The unit registry through the API: scoped reads, the same filters as the web list, writes through
the services with the same Chinese messages, deregistering instead of deleting."""

from anjian.core.journal import entries_for
from anjian.core.models import JournalEntry
from anjian.units.choices import UnitStatus
from anjian.units.models import Unit
from anjian.units.services import unit_deregister
from tests.api.conftest import assert_chinese

GOOD_CODE = "91350100M000100Y43"  # used by shop_a
OTHER_GOOD_CODE = "91110000100000000A"  # not a valid code: wrong check digit, see test below


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_office_lists_every_unit_of_its_town_only(world, api):
    response = api("office").get("/api/units/")
    expected = {u.pk for key, u in world.units.items() if key != "shop_c"}
    assert ids(response) == expected
    row = next(r for r in response.json()["results"] if r["id"] == world.units["shop_a"].pk)
    assert row["region_name"] == "张一村第1网格" and row["sector_name"] == "消防安全"
    assert row["credit_code"] == GOOD_CODE and row["status"] == "active"


def test_units_filter_like_the_web_list(world, api):
    client = api("office")
    assert ids(client.get("/api/units/?category=small_venue")) == {
        world.units["shop_a"].pk, world.units["shop_b"].pk}
    assert ids(client.get(f"/api/units/?region={world.village_a.pk}")) == {
        world.units["shop_a"].pk, world.units["school_a"].pk}
    assert ids(client.get(f"/api/units/?grid={world.grid_b.pk}")) == {world.units["shop_b"].pk}
    assert ids(client.get("/api/units/?risk_level=orange")) == {world.units["school_a"].pk}
    assert ids(client.get("/api/units/?q=后关")) == {world.units["shop_b"].pk, world.units["pit_b"].pk}
    assert ids(client.get(f"/api/units/?q={GOOD_CODE.lower()}")) == {world.units["shop_a"].pk}


def test_filtering_by_a_region_outside_the_scope_is_refused_like_a_missing_one(world, api):
    client = api("village_a")
    outside = client.get(f"/api/units/?region={world.village_b.pk}")
    missing = client.get("/api/units/?region=999999")
    assert outside.status_code == missing.status_code == 400
    assert_chinese(outside.json())
    assert outside.json().keys() == missing.json().keys()


def test_status_filter_shows_deregistered_units(world, api):
    unit_deregister(actor=None, unit=world.units["pit_b"], reason="已回填")
    client = api("office")
    assert ids(client.get("/api/units/?status=deregistered")) == {world.units["pit_b"].pk}
    assert world.units["pit_b"].pk not in ids(client.get("/api/units/?status=active"))


def test_create_a_unit_derives_its_sector_and_journals_it(world, api):
    response = api("village_a").post("/api/units/", {
        "name": "张一村小诊所", "category": "small_venue", "subcategory": "small_clinic",
        "region": world.grid_a.pk, "principal_phone": "13900000001", "employees": 3,
        "credit_code": " 9135 0100 M000 1010 4r ",
    }, format="json")
    assert response.status_code == 201, response.content
    unit = Unit.objects.get(pk=response.json()["id"])
    assert unit.sector.code == "fire" and unit.credit_code == "91350100M00010104R"
    entry = entries_for(unit).get(action="create")
    assert entry.actor == world.users["village_a"] and entry.source == "api"


def test_bad_credit_code_is_refused_in_chinese_and_nothing_is_written(world, api):
    before = Unit.objects.count(), JournalEntry.objects.count()
    response = api("office").post("/api/units/", {
        "name": "坏代码商店", "category": "small_venue", "subcategory": "small_shop",
        "region": world.village_a.pk, "credit_code": OTHER_GOOD_CODE,
    }, format="json")
    assert response.status_code == 400
    body = response.json()
    assert "校验位" in body["credit_code"][0]
    assert_chinese(body)
    assert (Unit.objects.count(), JournalEntry.objects.count()) == before


def test_every_kind_of_bad_input_gets_a_chinese_message(world, api):
    client = api("office")
    cases = [
        {"name": "", "category": "small_venue", "subcategory": "small_shop", "region": world.village_a.pk},
        {"name": "甲", "category": "nonsense", "subcategory": "small_shop", "region": world.village_a.pk},
        {"name": "乙", "category": "mine", "subcategory": "small_shop", "region": world.village_a.pk},
        {"name": "丙", "category": "small_venue", "subcategory": "small_shop", "region": world.town.pk},
        {"name": "丁", "category": "small_venue", "subcategory": "small_shop",
         "region": world.village_a.pk, "principal_phone": "12345"},
        {"name": "戊", "category": "small_venue", "subcategory": "small_shop",
         "region": world.village_a.pk, "employees": "很多"},
        {"name": "己", "category": "small_venue", "subcategory": "small_shop",
         "region": world.village_a.pk, "longitude": "200"},
        {"name": "庚", "category": "small_venue", "subcategory": "small_shop",
         "region": world.village_a.pk, "credit_code": GOOD_CODE},
        {"name": "辛", "category": "small_venue", "subcategory": "small_shop", "region": 987654},
    ]
    before = Unit.objects.count()
    for data in cases:
        response = client.post("/api/units/", data, format="json")
        assert response.status_code == 400, (data, response.content)
        assert_chinese(response.json())
    malformed = client.post("/api/units/", "{not json", content_type="application/json")
    assert malformed.status_code == 400
    assert_chinese(malformed.json())
    assert Unit.objects.count() == before


def test_update_goes_through_the_service_and_is_journaled(world, api):
    shop = world.units["shop_a"]
    response = api("enterprise_a").patch(f"/api/units/{shop.pk}/", {"employees": 7,
                                                                     "risk_level": "blue"},
                                         format="json")
    assert response.status_code == 200, response.content
    shop.refresh_from_db()
    assert (shop.employees, shop.risk_level) == (7, "blue")
    entry = entries_for(shop).get(action="update")
    assert entry.changes == {"employees": [None, 7], "risk_level": ["yellow", "blue"]}


def test_a_unit_cannot_be_moved_out_of_the_users_scope(world, api):
    shop = world.units["shop_a"]
    response = api("village_a").patch(f"/api/units/{shop.pk}/", {"region": world.village_b.pk},
                                      format="json")
    assert response.status_code == 400
    assert_chinese(response.json())
    shop.refresh_from_db()
    assert shop.region == world.grid_a


def test_an_agency_cannot_move_a_unit_out_of_its_sectors(world, api):
    """The police may edit a shop (fire sector) but not turn it into a school (education)."""
    shop = world.units["shop_b"]
    response = api("agency").patch(f"/api/units/{shop.pk}/", {
        "category": "crowded_place", "subcategory": "school"}, format="json")
    assert response.status_code == 403
    assert_chinese(response.json())
    shop.refresh_from_db()
    assert shop.subcategory == "small_restaurant" and shop.sector.code == "fire"


def test_delete_deregisters_with_a_reason_and_keeps_the_row(world, api):
    shop = world.units["shop_b"]
    client = api("village_b")
    no_reason = client.delete(f"/api/units/{shop.pk}/")
    assert no_reason.status_code == 400
    assert_chinese(no_reason.json())
    response = client.delete(f"/api/units/{shop.pk}/?reason=已停业")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "deregistered"
    shop.refresh_from_db()
    assert shop.status == UnitStatus.DEREGISTERED and shop.deregistered_reason == "已停业"
    again = client.delete(f"/api/units/{shop.pk}/", {"reason": "重复"}, format="json")
    assert again.status_code == 400
    assert_chinese(again.json())
    restored = client.post(f"/api/units/{shop.pk}/restore/")
    assert restored.status_code == 200 and restored.json()["status"] == "active"
    body = client.post(f"/api/units/{shop.pk}/deregister/", {"reason": "搬迁", "date": "2026-01-05"},
                       format="json")
    assert body.status_code == 200 and body.json()["deregistered_at"] == "2026-01-05"
    actions = list(entries_for(shop).order_by("pk").values_list("action", flat=True))
    assert actions == ["create", "deregister", "restore", "deregister"]


def test_object_journal_is_readable_by_whoever_sees_the_object(world, api):
    shop = world.units["shop_a"]
    api("office").patch(f"/api/units/{shop.pk}/", {"notes": "已检查"}, format="json")
    response = api("enterprise_a").get(f"/api/units/{shop.pk}/journal/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["action"] for r in rows] == ["update", "create"]
    assert rows[0]["actor_name"] == "应急办" and rows[0]["changes"] == {"notes": ["", "已检查"]}
    assert rows[0]["object_type"] == "units.unit"
    assert api("village_b").get(f"/api/units/{shop.pk}/journal/").status_code == 404


def test_token_authentication(world, api, client):
    response = client.post("/api/token/", {"username": "office", "password": "Anjian-test-2026"})
    assert response.status_code == 200, response.content
    token = response.json()["token"]
    listing = client.get("/api/units/", HTTP_AUTHORIZATION=f"Token {token}")
    assert listing.status_code == 200 and listing.json()["count"] == 4
    assert client.get("/api/units/", HTTP_AUTHORIZATION="Token wrong").status_code == 401
    anonymous = client.get("/api/units/")
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"] == "Token"
    assert_chinese(anonymous.json())


def test_bad_login_for_a_token_gets_a_chinese_message(world, client):
    response = client.post("/api/token/", {"username": "office", "password": "wrong-password-1"})
    assert response.status_code == 400
    assert_chinese(response.json())
