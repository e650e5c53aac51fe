"""The hazard closed loop through the API: the scoped, filtered ledger, one hazard with what the user
may do next, reporting with photos, every workflow action with the version guard, statistics."""

import base64
import datetime as dt
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from anjian.hazards import selectors
from anjian.hazards import services as hs
from anjian.hazards.models import Hazard, HazardEvent
from anjian.testing.hazards import assign_data, jpeg_bytes, report, staged
from tests.api.conftest import assert_chinese

HAZARDS = "/api/hazards/"


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def act(client, hazard, action: str, body: dict, **kwargs):
    return client.post(f"{HAZARDS}{hazard.pk}/actions/{action}/", body, **kwargs)


def b64(colour=(10, 200, 10)) -> str:
    return base64.b64encode(jpeg_bytes(colour)).decode()


# --- reading ----------------------------------------------------------------------------------

def test_the_ledger_is_scoped_and_filtered_like_the_page(world, api):
    a = report(world.users["grid_a"], world.units["shop_a"])
    b = report(world.users["village_b"], world.units["shop_b"], level="major", category="gas")
    assert ids(api("office").get(HAZARDS)) == [b.pk, a.pk]  # newest first
    assert ids(token_client(world.users["village_b"]).get(HAZARDS)) == [b.pk]
    assert ids(api("office").get(f"{HAZARDS}?level=major")) == [b.pk]
    assert ids(api("office").get(f"{HAZARDS}?region={world.village_a.pk}")) == [a.pk]
    assert ids(api("office").get(f"{HAZARDS}?q={a.number}")) == [a.pk]
    row = api("office").get(HAZARDS).json()["results"][1]
    assert row["number"] == a.number and row["unit_name"] == "张一便民超市"
    assert row["state"] == "reported" and row["version"] == 1 and row["overdue"] is False
    outside = api("village_a").get(f"{HAZARDS}?region={world.village_b.pk}")
    assert outside.status_code == 400
    assert_chinese(outside.json())


def test_a_hazard_shows_its_events_photos_and_what_the_user_may_do(world, api):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    body = api("office").get(f"{HAZARDS}{hazard.pk}/").json()
    assert body["version"] == 1 and body["number"] == hazard.number
    assert [e["action"] for e in body["events"]] == ["report"]
    assert body["events"][0]["action_label"] == "上报"
    assert {a["action"] for a in body["allowed_actions"]} >= {"assign", "cancel"}
    assert len(body["photos"]) == 1 and body["photos"][0]["stage"] == "discovery"
    image = api("office").get(body["photos"][0]["url"])
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    grid = api("grid_a").get(f"{HAZARDS}{hazard.pk}/").json()
    assert [a["action"] for a in grid["allowed_actions"]] == ["fix_on_spot"]


def test_another_villages_hazard_and_its_photos_are_not_found(world):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    client = token_client(world.users["village_b"])
    photo = hazard.photos.get()
    assert client.get(f"{HAZARDS}{hazard.pk}/").status_code == 404
    assert client.get(f"{HAZARDS}{hazard.pk}/photos/{photo.pk}/").status_code == 404
    assert act(client, hazard, "assign", {**assign_data(), "version": 1},
               format="json").status_code == 404


# --- reporting --------------------------------------------------------------------------------

def test_a_hazard_is_reported_with_form_fields_and_photo_files(world):
    response = token_client(world.users["grid_a"]).post(HAZARDS, {
        "unit": world.units["shop_a"].pk, "description": "配电箱无防护门", "cause_class": "condition",
        "source": "grid_patrol", "category": "electrical", "location": "后院",
        "photos": [SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg"),
                   SimpleUploadedFile("b.jpg", jpeg_bytes((1, 2, 3)), "image/jpeg")],
    }, format="multipart")
    assert response.status_code == 201, response.content
    hazard = Hazard.objects.get(pk=response.json()["id"])
    assert hazard.number.startswith("YH") and hazard.region == world.grid_a
    assert hazard.photos.filter(stage="discovery").count() == 2
    assert response.json()["discoverer_name"] == "网格员甲"


def test_a_hazard_is_reported_as_json_in_a_form_field_naming_its_files(world):
    response = token_client(world.users["village_b"]).post(HAZARDS, {
        "hazard": json.dumps({"unit": world.units["pit_b"].pk, "description": "坑口围挡倒塌",
                              "cause_class": "condition", "source": "grid_patrol",
                              "category": "mining", "photos": ["site"]}),
        "site": SimpleUploadedFile("site.jpg", jpeg_bytes(), "image/jpeg"),
    }, format="multipart")
    assert response.status_code == 201, response.content
    assert response.json()["category"] == "mining" and len(response.json()["photos"]) == 1


def test_a_hazard_is_reported_as_json_with_base64_photos(world, api):
    response = api("village_a").post(HAZARDS, {
        "unit": world.units["school_a"].pk, "description": "教学楼疏散指示灯损坏",
        "cause_class": "condition", "source": "grid_patrol", "category": "fire",
        "photos": [{"name": "x.jpg", "data": b64(), "stage": "before"}],
    }, format="json")
    assert response.status_code == 201, response.content
    assert Hazard.objects.get().photos.get().stage == "before"


def test_a_report_without_a_photo_or_with_bad_values_is_refused_in_chinese(world, api):
    client = api("grid_a")
    for body in (
        {"unit": world.units["shop_a"].pk, "description": "无照片", "cause_class": "condition",
         "source": "grid_patrol"},
        {"unit": world.units["shop_a"].pk, "description": "", "cause_class": "nonsense",
         "source": "grid_patrol", "photos": [{"name": "x.jpg", "data": b64()}]},
        {"unit": world.units["shop_b"].pk, "description": "别村的", "cause_class": "condition",
         "source": "grid_patrol", "photos": [{"name": "x.jpg", "data": b64()}]},
        {"unit": world.units["shop_a"].pk, "description": "坏照片", "cause_class": "condition",
         "source": "grid_patrol", "photos": [{"name": "x.jpg", "data": "!!!"}]},
    ):
        response = client.post(HAZARDS, body, format="json")
        assert response.status_code == 400, (body, response.content)
        assert_chinese(response.json())
    assert not Hazard.objects.exists()


def test_a_role_without_hazards_cannot_report(world, api):
    response = api("auditor").post(HAZARDS, {
        "unit": world.units["shop_a"].pk, "description": "x", "cause_class": "condition",
        "source": "leader_inspection", "photos": [{"name": "x.jpg", "data": b64()}]},
        format="json")
    assert response.status_code == 403
    assert_chinese(response.json())


# --- the workflow -----------------------------------------------------------------------------

def test_the_whole_closed_loop_through_the_api(world):
    u = world.users
    office, owner = token_client(u["office"]), token_client(u["enterprise_a"])
    hazard = report(u["grid_a"], world.units["shop_a"])
    assigned = act(office, hazard, "assign", {**assign_data(), "version": 1}, format="json")
    assert assigned.status_code == 200, assigned.content
    assert assigned.json()["state"] == "assigned" and assigned.json()["version"] == 2
    assert act(owner, hazard, "acknowledge", {"version": 2}, format="json").status_code == 200
    submitted = act(owner, hazard, "submit", {
        "data": '{"rectification_note": "已清理货物", "funds_spent": "300", "version": 3, '
                '"photos": ["after"]}',
        "after": SimpleUploadedFile("after.jpg", jpeg_bytes((0, 255, 0)), "image/jpeg"),
    }, format="multipart")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == "awaiting_acceptance"
    assert {p["stage"] for p in submitted.json()["photos"]} == {"discovery", "after"}
    accepted = act(office, hazard, "accept", {"acceptance_opinion": "整改到位", "version": "4"},
                   format="multipart")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["state"] == "closed" and accepted.json()["allowed_actions"] == []
    assert list(HazardEvent.objects.filter(hazard=hazard).values_list("action", flat=True)) == [
        "report", "assign", "acknowledge", "submit", "accept"]


def test_a_stale_version_is_a_409_with_the_conflict_message_and_changes_nothing(world, api):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    hs.hazard_assign(actor=world.users["office"], hazard=hazard, data=assign_data(),
                     expected_version=1)
    response = act(api("office"), hazard, "cancel", {"cancel_reason": "duplicate", "version": 1},
                   format="json")
    assert response.status_code == 409
    assert "刚刚已被他人处理" in response.json()["detail"]
    hazard.refresh_from_db()
    assert hazard.state == "assigned" and hazard.version == 2


def test_an_action_the_state_or_its_guard_refuses_is_a_400_with_the_message(world, api):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    wrong_state = act(api("office"), hazard, "accept", {"acceptance_opinion": "好", "version": 1},
                      format="json")
    assert wrong_state.status_code == 400
    assert "不能执行" in str(wrong_state.json())
    missing = act(api("office"), hazard, "assign", {"measures": "", "version": 1}, format="json")
    assert missing.status_code == 400 and "responsible_person" in missing.json()
    assert_chinese(missing.json())
    no_version = act(api("office"), hazard, "assign", assign_data(), format="json")
    assert no_version.status_code == 400 and "version" in no_version.json()
    unknown = act(api("office"), hazard, "explode", {"version": 1}, format="json")
    assert unknown.status_code == 404
    hazard.refresh_from_db()
    assert hazard.state == "reported" and hazard.version == 1


def test_an_action_the_role_may_not_take_on_a_visible_hazard_is_a_403(world, api):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    response = act(api("leader"), hazard, "assign", {**assign_data(), "version": 1},
                   format="json")
    assert response.status_code == 403
    assert_chinese(response.json())


# --- statistics -------------------------------------------------------------------------------

def test_statistics_equal_the_selector_on_the_same_hazards(world, api):
    u = world.users
    report(u["grid_a"], world.units["shop_a"], level="major")
    closed = report(u["grid_a"], world.units["shop_a"], category="electrical")
    hs.hazard_fix_on_spot(actor=u["grid_a"], hazard=closed, data={"rectification_note": "已整改"},
                          photos=[staged("after")])
    report(u["village_b"], world.units["shop_b"])
    visible = Hazard.objects.for_user(u["office"])
    for by in ("category", "level", "source", "unit_category", "month"):
        body = api("office").get(f"{HAZARDS}statistics/?by={by}").json()
        expected = selectors.hazard_statistics(visible, by=by)
        assert [(r["label"], r["found"], r["rectified"], r["major"]) for r in body["rows"]] == [
            (s.label, s.found, s.rectified, s.major) for s in expected], by
    by_region = api("office").get(f"{HAZARDS}statistics/?by=region").json()
    assert by_region["within"] == world.town.pk
    assert {r["label"]: r["found"] for r in by_region["rows"]} == {"张一村": 2, "后关村": 1}
    assert by_region["total"]["found"] == 3 and by_region["total"]["rectified"] == 1
    assert by_region["total"]["rectification_rate"] == round(100 / 3, 1)
    today = timezone.localdate()
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    later = api("office").get(f"{HAZARDS}statistics/?discovered_from={tomorrow}").json()
    assert later["total"]["found"] == 0 and later["rows"] == []
    village = api("village_b").get(f"{HAZARDS}statistics/?by=level").json()
    assert village["total"]["found"] == 1
    bad = api("office").get(f"{HAZARDS}statistics/?by=colour")
    assert bad.status_code == 400
    assert_chinese(bad.json())
