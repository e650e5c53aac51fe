"""Inspections through the API: plans and tasks, and submitting a whole record in one request —
multipart with real photos or JSON with base64 — exactly once per Idempotency-Key."""

import base64
import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from anjian.hazards.models import Hazard
from anjian.inspections.choices import AnswerType, TaskStatus
from anjian.inspections.models import (
    InspectionPhoto,
    InspectionPlan,
    InspectionRecord,
    InspectionTask,
)
from anjian.inspections.services import plan_create, template_for_unit
from anjian.testing.hazards import jpeg_bytes, submit_record
from tests.api.conftest import assert_chinese

RECORDS = "/api/inspection-records/"


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def record_payload(unit, *, photo: str | dict = "p1", site_photo: str | dict = "site",
                   raise_hazard: bool = True) -> dict:
    """A whole record for `unit` on its checklist: the first verdict item 不符合 with a photo and
    a hazard raised from it, every other item answered."""
    template = template_for_unit(unit)
    answers, first = [], True
    for item in template.items.all():
        if item.answer_type == AnswerType.PHOTO:
            answers.append({"item": item.pk, "photos": [site_photo]})
        elif item.answer_type == AnswerType.NUMBER:
            answers.append({"item": item.pk, "number": 12})
        elif item.answer_type == AnswerType.TEXT:
            answers.append({"item": item.pk, "text": "情况正常"})
        elif first:
            first = False
            answers.append({"item": item.pk, "verdict": "nonconforms", "text": "通道堆放纸箱",
                            "raise_hazard": raise_hazard, "photos": [photo],
                            "hazard": {"location": "后门通道"}})
        else:
            answers.append({"item": item.pk, "verdict": "conforms"})
    return {"unit": unit.pk, "kind": "grid_patrol", "template": template.pk,
            "inspected_at": (timezone.now() - dt.timedelta(minutes=5)).isoformat(),
            "latitude": "34.712345", "longitude": "111.123456", "location": "张一村3组",
            "summary": "消防通道堵塞，其余符合", "signature": "王铁军", "inspector_names": "王铁军",
            "answers": answers, "photos": []}


def multipart(payload: dict) -> dict:
    return {"record": json.dumps(payload, ensure_ascii=False),
            "p1": SimpleUploadedFile("p1.jpg", jpeg_bytes(), "image/jpeg"),
            "site": SimpleUploadedFile("site.jpg", jpeg_bytes((20, 120, 200)), "image/jpeg")}


def submit(client, payload: dict, key: str | None = "rec-0001", **extra):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(RECORDS, multipart(payload), format="multipart", **headers, **extra)


def b64_photo(name: str, colour=(200, 60, 40)) -> dict:
    return {"name": name, "data": base64.b64encode(jpeg_bytes(colour)).decode()}


# --- submitting a record ----------------------------------------------------------------------

def test_a_grid_worker_submits_a_whole_record_with_photos_and_raises_a_hazard(world):
    shop = world.units["shop_a"]
    response = submit(token_client(world.users["grid_a"]), record_payload(shop))
    assert response.status_code == 201, response.content
    body = response.json()
    record = InspectionRecord.objects.get(pk=body["id"])
    assert record.unit == shop and record.created_by == world.users["grid_a"]
    assert record.idempotency_key == "rec-0001" and record.nonconforming_count == 1
    assert record.answers.count() == template_for_unit(shop).items.count() == len(body["answers"])
    assert InspectionPhoto.objects.filter(record=record).count() == 2
    hazard = Hazard.objects.get(record=record)
    assert hazard.state == "reported" and hazard.location == "后门通道"
    assert hazard.photos.filter(stage="discovery").count() == 1
    assert body["hazards"] == [hazard.pk] and len(body["photos"]) == 2
    assert {a["item"] for a in body["answers"]} == set(
        template_for_unit(shop).items.values_list("pk", flat=True))
    photo_url = body["photos"][0]["url"]
    assert photo_url.startswith("http://testserver/api/inspection-records/")
    client = token_client(world.users["grid_a"])
    image = client.get(photo_url)
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    detail = client.get(body["url"]).json()  # the whole record
    nonconforming = next(a for a in detail["answers"] if a["verdict"] == "nonconforms")
    assert len(nonconforming["photos"]) == 1 and len(detail["photos"]) == 2
    assert detail["hazards"] == [hazard.pk] and detail["summary"] == "消防通道堵塞，其余符合"


def test_the_same_idempotency_key_again_returns_the_first_record_and_creates_nothing(world):
    client = token_client(world.users["grid_a"])
    payload = record_payload(world.units["shop_a"])
    first = submit(client, payload, key="retry-me_1")
    again = submit(client, payload, key="retry-me_1")
    assert (first.status_code, again.status_code) == (201, 200), again.content
    assert again.json()["id"] == first.json()["id"]
    assert InspectionRecord.objects.count() == 1 and Hazard.objects.count() == 1
    assert InspectionPhoto.objects.count() == 2


def test_a_submission_without_an_idempotency_key_is_refused(world):
    client = token_client(world.users["grid_a"])
    for key in (None, "", "有中文", "x" * 65, "bad key"):
        response = submit(client, record_payload(world.units["shop_a"]), key=key)
        assert response.status_code == 400, key
        assert "idempotency_key" in response.json()
        assert_chinese(response.json())
    assert not InspectionRecord.objects.exists()


def test_a_key_reused_for_another_unit_or_by_another_user_is_a_conflict(world):
    grid = token_client(world.users["grid_a"])
    assert submit(grid, record_payload(world.units["shop_a"]), key="k1").status_code == 201
    other_unit = submit(grid, record_payload(world.units["school_a"]), key="k1")
    assert other_unit.status_code == 409
    assert_chinese(other_unit.json())
    other_user = submit(token_client(world.users["village_a"]), record_payload(
        world.units["shop_a"]), key="k1")
    assert other_user.status_code == 409
    assert InspectionRecord.objects.count() == 1


def test_a_record_can_be_sent_as_json_with_base64_photos(world, api):
    payload = record_payload(world.units["school_a"], photo=b64_photo("p1.jpg"),
                             site_photo=b64_photo("site.jpg", (0, 90, 0)))
    payload["photos"] = [b64_photo("door.jpg", (90, 90, 90))]
    response = api("village_a").post(RECORDS, {"record": payload}, format="json",
                                     HTTP_IDEMPOTENCY_KEY="json-1")
    assert response.status_code == 201, response.content
    record = InspectionRecord.objects.get(pk=response.json()["id"])
    assert record.photos.count() == 2 and record.photos.filter(answer__isnull=True).count() == 1
    assert record.hazards.count() == 1
    # The unwrapped body works too.
    response = api("village_a").post(RECORDS, {**payload, "photos": []}, format="json",
                                     HTTP_IDEMPOTENCY_KEY="json-2")
    assert response.status_code == 201, response.content


def test_a_damaged_photo_or_a_missing_file_is_refused_in_chinese_and_nothing_is_written(world):
    client = token_client(world.users["grid_a"])
    payload = record_payload(world.units["shop_a"], photo={"name": "x.jpg", "data": base64.b64encode(
        b"not a photo").decode()})
    response = submit(client, payload, key="bad-photo")
    assert response.status_code == 400
    assert "photos" in json.dumps(response.json()["answers"])
    assert_chinese(response.json())
    missing = submit(client, record_payload(world.units["shop_a"], photo="nowhere"), key="nope")
    assert missing.status_code == 400 and "nowhere" in json.dumps(missing.json(),
                                                                  ensure_ascii=False)
    assert not InspectionRecord.objects.exists() and not Hazard.objects.exists()


def test_incomplete_answers_are_refused_with_the_services_message(world):
    payload = record_payload(world.units["shop_a"])
    payload["answers"] = payload["answers"][:2]
    response = submit(token_client(world.users["grid_a"]), payload, key="short")
    assert response.status_code == 400
    assert "未填写" in json.dumps(response.json(), ensure_ascii=False)
    assert not InspectionRecord.objects.exists()


def test_malformed_record_json_is_a_chinese_400(world):
    client = token_client(world.users["grid_a"])
    response = client.post(RECORDS, {"record": "{oops"}, format="multipart",
                           HTTP_IDEMPOTENCY_KEY="oops")
    assert response.status_code == 400
    assert_chinese(response.json())


def test_a_unit_outside_the_scope_reads_as_missing(world):
    response = submit(token_client(world.users["village_b"]), record_payload(world.units["shop_a"]))
    assert response.status_code == 400 and "unit" in response.json()
    assert_chinese(response.json())


def test_roles_without_inspections_cannot_submit(world, api):
    response = api("auditor").post(RECORDS, multipart(record_payload(world.units["shop_a"])),
                                   format="multipart", HTTP_IDEMPOTENCY_KEY="audit")
    assert response.status_code == 403


def test_submitting_for_a_task_marks_it_done(world):
    plan = plan_create(actor=world.users["office"], data={
        "name": "张一村九小场所检查", "kind": "routine", "region": world.village_a,
        "categories": ["small_venue"], "start_date": timezone.localdate(),
        "end_date": timezone.localdate() + dt.timedelta(days=30)})
    task = plan.tasks.get(unit=world.units["shop_a"])
    payload = {**record_payload(world.units["shop_a"]), "task": task.pk, "kind": ""}
    response = submit(token_client(world.users["grid_a"]), payload, key="task-1")
    assert response.status_code == 201, response.content
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    record = InspectionRecord.objects.get(pk=response.json()["id"])
    assert record.plan == plan and record.kind == "routine" and record.task == task


# --- reading records --------------------------------------------------------------------------

def test_records_are_scoped_for_token_and_session_clients(world, api):
    record_a = submit_record(world.users["grid_a"], world.units["shop_a"])
    record_b = submit_record(world.users["village_b"], world.units["shop_b"])
    listing = token_client(world.users["village_b"]).get(RECORDS)
    assert listing.status_code == 200
    assert [r["id"] for r in listing.json()["results"]] == [record_b.pk]
    assert token_client(world.users["village_b"]).get(f"{RECORDS}{record_a.pk}/").status_code == 404
    session = api("office")
    assert {r["id"] for r in session.get(RECORDS).json()["results"]} == {record_a.pk, record_b.pk}
    detail = session.get(f"{RECORDS}{record_a.pk}/")
    assert detail.status_code == 200 and len(detail.json()["answers"]) == record_a.answers.count()
    assert [r["id"] for r in session.get(
        f"{RECORDS}?unit={world.units['shop_b'].pk}").json()["results"]] == [record_b.pk]
    assert APIClient().get(RECORDS).status_code == 401


def test_a_photo_of_another_village_is_not_found(world):
    record = submit_record(world.users["grid_a"], world.units["shop_a"], nonconforming=1)
    photo = record.photos.first()
    url = f"{RECORDS}{record.pk}/photos/{photo.pk}/"
    assert token_client(world.users["village_a"]).get(url).status_code == 200
    assert token_client(world.users["village_b"]).get(url).status_code == 404


def test_records_cannot_be_changed_or_deleted_through_the_api(world, api):
    record = submit_record(world.users["grid_a"], world.units["shop_a"])
    client = api("office")  # refused before the method is looked at: 403 (no role may change one)
    assert client.patch(f"{RECORDS}{record.pk}/", {"summary": "改"},
                        format="json").status_code in (403, 405)
    assert client.delete(f"{RECORDS}{record.pk}/").status_code in (403, 405)
    record.refresh_from_db()
    assert record.summary != "改"


# --- plans and tasks --------------------------------------------------------------------------

def plan_body(world, **extra) -> dict:
    today = timezone.localdate()
    return {"name": "西张村镇九小场所专项检查", "kind": "special_campaign", "region": world.town.pk,
            "categories": ["small_venue"], "start_date": today.isoformat(),
            "end_date": (today + dt.timedelta(days=20)).isoformat(), **extra}


def test_the_office_creates_a_plan_and_its_tasks(world, api):
    response = api("office").post("/api/inspection-plans/", plan_body(world), format="json")
    assert response.status_code == 201, response.content
    plan = InspectionPlan.objects.get(pk=response.json()["id"])
    assert response.json()["task_count"] == plan.tasks.count() == 2  # shop_a and shop_b
    assert api("village_a").post("/api/inspection-plans/", plan_body(world),
                                 format="json").status_code == 403
    outside = api("office").post("/api/inspection-plans/", plan_body(world, region=world.town_b.pk),
                                 format="json")
    assert outside.status_code == 400
    assert_chinese(outside.json())
    bad = api("office").post("/api/inspection-plans/", plan_body(
        world, end_date="2000-01-01"), format="json")
    assert bad.status_code == 400 and "end_date" in bad.json()
    listing = api("office").get("/api/inspection-plans/")
    assert [p["id"] for p in listing.json()["results"]] == [plan.pk]


def test_tasks_filter_by_status_plan_and_unit_and_mine_lists_my_pending_ones(world, api):
    plan = api("office").post("/api/inspection-plans/", plan_body(world), format="json").json()
    shop_a, shop_b = world.units["shop_a"], world.units["shop_b"]
    office = api("office")
    rows = office.get(f"/api/inspection-tasks/?plan={plan['id']}").json()["results"]
    assert {r["unit"] for r in rows} == {shop_a.pk, shop_b.pk}
    assert [r["unit"] for r in office.get(
        f"/api/inspection-tasks/?unit={shop_b.pk}").json()["results"]] == [shop_b.pk]
    InspectionTask.objects.filter(unit=shop_b).update(status=TaskStatus.DONE)
    assert [r["unit"] for r in office.get(
        "/api/inspection-tasks/?status=pending").json()["results"]] == [shop_a.pk]
    mine = api("grid_a").get("/api/inspection-tasks/mine/")
    assert mine.status_code == 200
    assert [r["unit"] for r in mine.json()["results"]] == [shop_a.pk]
    assert api("village_b").get("/api/inspection-tasks/mine/").json()["results"] == []
    task_a = InspectionTask.objects.get(unit=shop_a)
    assert api("village_b").get(f"/api/inspection-tasks/{task_a.pk}/").status_code == 404


@pytest.mark.parametrize("path", ["/api/inspection-plans/", "/api/inspection-tasks/", RECORDS])
def test_anonymous_requests_are_refused(world, path):
    assert APIClient().get(path).status_code == 401
