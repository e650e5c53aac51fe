"""The document-tracking API: scoped reads, writes through the services, progress to done."""

import pytest
from django.utils.timezone import localdate as today  # read at run time: a run may cross midnight
from rest_framework.test import APIClient

from anjian.core.journal import entries_for
from anjian.documents.models import DocumentTask, TrackedDocument

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_office_creates_document_and_task_and_village_finishes_it(world):
    office = _client(world.users["office"])
    response = office.post("/api/documents/", {
        "region": world.town.pk, "issuer": "陕州区安委会", "title": "通知",
        "received_on": today().isoformat()}, format="json")
    assert response.status_code == 201, response.content
    document = TrackedDocument.objects.get(pk=response.data["id"])
    assert entries_for(document).exists()
    response = office.post("/api/document-tasks/", {
        "document": document.pk, "text": "排查", "owner_village": world.village_a.pk,
        "deadline_workdays": 2}, format="json")
    assert response.status_code == 201, response.content
    task_id = response.data["id"]
    village = _client(world.users["village_a"])
    response = village.post(f"/api/document-tasks/{task_id}/progress/",
                            {"text": "已完成", "status": "done"}, format="json")
    assert response.status_code == 201, response.content
    assert DocumentTask.objects.get(pk=task_id).status == "done"
    assert _client(world.users["village_b"]).get(
        f"/api/document-tasks/{task_id}/").status_code == 404


def test_reads_are_scoped_and_refusals_are_chinese(world, docs):
    response = _client(world.users["village_b"]).get("/api/document-tasks/")
    texts = {t["text"] for t in response.data["results"]}
    assert texts == {"后关村整治九小场所"}
    response = _client(world.users["office"]).post("/api/document-tasks/", {
        "document": docs["doc"].pk, "text": "x", "deadline": today().isoformat()}, format="json")
    assert response.status_code == 400 and "责任人" in str(response.data)
    assert _client(world.users["leader"]).post("/api/documents/", {}, format="json").status_code == 403
