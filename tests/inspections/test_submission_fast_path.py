"""The submission's hot path: the per-process cache of used checklist versions (and that it never
serves a version that may still change), the quick validation matching the serializer's, one
journal write per record, and the query budget of one submission."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from anjian.core.journal import verify_chain
from anjian.core.models import JournalEntry
from anjian.inspections import services
from anjian.inspections.models import InspectionRecord
from anjian.inspections.serializers import (
    RecordSubmissionSerializer,
    quick_record_submission,
)
from anjian.testing.hazards import jpeg_bytes

RECORDS = "/api/inspection-records/"


@pytest.fixture(autouse=True)
def _empty_template_cache():
    services._USED_TEMPLATES.clear()
    yield
    services._USED_TEMPLATES.clear()


def ten_items(world, name="十项检查表"):
    return services.checklist_template_create(
        actor=world.users["office"], data={"name": name},
        items=[{"text": f"检查项 {n}", "section": "消防"} for n in range(1, 11)])


def payload(world, template, **extra) -> dict:
    answers = [{"item": pk, "verdict": "conforms"}
               for pk in template.items.order_by("order").values_list("pk", flat=True)]
    return {"unit": world.units["shop_a"].pk, "kind": "grid_patrol", "template": template.pk,
            "summary": "例行检查", "answers": answers, "photos": ["p"], **extra}


def post(user, body: dict, key: str, client: APIClient | None = None):
    if client is None:
        client = token_client(user)
    return client.post(RECORDS, {"record": json.dumps(body, ensure_ascii=False),
                                 "p": SimpleUploadedFile("p.jpg", jpeg_bytes(), "image/jpeg")},
                       format="multipart", HTTP_IDEMPOTENCY_KEY=key)


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.mark.django_db(transaction=True)
def test_a_version_is_cached_only_once_a_record_using_it_has_committed():
    from anjian.testing.world import build_world

    world = build_world()
    template = ten_items(world)
    assert services.used_template(template.pk) is None  # no record yet: it may still be edited
    # Edited before any record: the items are replaced in place, and the new ones count.
    template = services.checklist_template_update(
        actor=world.users["office"], template=template, data={},
        items=[{"text": f"新检查项 {n}"} for n in range(1, 11)])
    assert services.used_template(template.pk) is None
    response = post(world.users["grid_a"], payload(world, template), "cache-1")
    assert response.status_code == 201, response.content
    assert services.used_template(template.pk) == template
    cached = services._USED_TEMPLATES[template.pk][1]
    assert set(cached) == set(template.items.values_list("pk", flat=True))
    # Used now: an edit becomes the next version and this one keeps its items, so the cache holds.
    new = services.checklist_template_update(
        actor=world.users["office"], template=template, data={}, items=[{"text": "只一项"}])
    assert new.pk != template.pk and template.items.count() == 10
    assert services.used_template(new.pk) is None
    assert post(world.users["grid_a"], payload(world, template), "cache-2").status_code == 201
    short = post(world.users["grid_a"], {**payload(world, new), "answers": []}, "cache-3")
    assert short.status_code == 400 and "未填写" in short.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_failed_submission_does_not_cache_its_version():
    from anjian.testing.world import build_world

    world = build_world()
    template = ten_items(world)
    body = payload(world, template)
    body["answers"] = body["answers"][:3]
    assert post(world.users["grid_a"], body, "fails").status_code == 400
    assert services.used_template(template.pk) is None


def test_the_quick_validation_agrees_with_the_serializer(world):
    template = ten_items(world)
    user = world.users["grid_a"]
    body = payload(world, template, inspected_at="2025-03-01T08:30:00+08:00",
                   latitude="34.712345", longitude=111.5, location=" 后门 ",
                   inspector_names="王铁军", signature="王")
    body["answers"][2] = {"item": str(body["answers"][2]["item"]), "verdict": "nonconforms",
                          "text": " 过期 ", "number": 12, "raise_hazard": True,
                          "hazard": {"location": " 库房 ", "level": "major"}, "photos": ["p"]}
    quick = quick_record_submission(body, user)
    form = RecordSubmissionSerializer(data=body, context={"actor": user})
    assert form.is_valid(), form.errors
    assert quick is not None
    slow = json.loads(json.dumps(form.validated_data, default=str))
    assert json.loads(json.dumps(quick, default=str)) == slow


@pytest.mark.parametrize("change", [
    {"unit": 999999}, {"unit": True}, {"unit": "abc"}, {"template": 999999}, {"kind": "nonsense"},
    {"latitude": "95"}, {"latitude": "34.7123456"}, {"inspected_at": "yesterday"}, {"location": "x" * 300},
    {"answers": [{"item": "x"}]}, {"answers": [{"item": 1, "verdict": "maybe"}]},
    {"answers": [{"item": 1, "hazard": {"location": ""}}]}, {"answers": "all fine"},
    {"answers": [{"item": 1, "raise_hazard": "perhaps"}]}, {"photos": [3]}, {"plan": 1},
])
def test_whatever_the_quick_path_doubts_goes_to_the_serializer(world, change):
    template = ten_items(world)
    body = {**payload(world, template), **change}
    assert quick_record_submission(body, world.users["grid_a"]) is None


def test_a_unit_outside_the_scope_is_left_to_the_serializer(world):
    template = ten_items(world)
    assert quick_record_submission(payload(world, template), world.users["village_b"]) is None


def test_one_submission_writes_the_journal_once_and_stays_within_its_query_budget(world):
    template = ten_items(world)
    user = world.users["grid_a"]
    assert post(user, payload(world, template), "warm").status_code == 201
    before = JournalEntry.objects.count()
    body = payload(world, template)
    client = token_client(user)
    with CaptureQueriesContext(connection) as ctx:
        response = post(user, body, "budget", client)
    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["answers"]) == 10 and len(body["photos"]) == 1 and body["hazards"] == []
    record = InspectionRecord.objects.get(pk=body["id"])
    assert sorted((a["id"], a["item"]) for a in body["answers"]) == sorted(
        record.answers.values_list("pk", "item_id"))
    assert [p["id"] for p in body["photos"]] == list(record.photos.values_list("pk", flat=True))
    assert JournalEntry.objects.count() == before + 2  # the photo's entry and the record's
    assert not verify_chain()
    journal_inserts = [q for q in ctx.captured_queries
                       if q["sql"].startswith('INSERT INTO "core_journalentry"')]
    assert len(journal_inserts) == 1
    # token+user, grants (2), the region grant's subtree ids, key, template, unit, the transaction (a savepoint in a test), scope,
    # items, 4 inserts, chain head, and on PostgreSQL the chain's advisory lock (a test's
    # transaction never commits, so the cache of used versions stays empty here: with it, template
    # and items are not read; 23–25 queries before; the receipt's hazards are the hook's, no query)
    budget = 17 if connection.vendor == "postgresql" else 16
    assert not [q for q in ctx.captured_queries if 'FROM "hazards_hazard"' in q["sql"]]
    assert len(ctx.captured_queries) <= budget, [q["sql"][:80] for q in ctx.captured_queries]
