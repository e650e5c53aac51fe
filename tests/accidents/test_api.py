"""The accidents API: scoped reads, writes through the services, supplementary reports,
timeline steps, statistics and the indicator years."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from anjian.accidents.choices import StepKind
from anjian.accidents.models import Accident
from anjian.core.journal import entries_for
from anjian.testing.accidents import accident

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_list_is_scoped(api, world):
    accident(world.users["office"], region=world.village_a, place="A")
    accident(world.users["office"], region=world.village_b, place="B")
    api.force_authenticate(world.users["village_a"])
    data = api.get("/api/accidents/").json()
    assert [r["place"] for r in data["results"]] == ["A"]


def test_create_grades_and_journals(api, world):
    api.force_authenticate(world.users["office"])
    when = timezone.now() - dt.timedelta(hours=3)
    response = api.post("/api/accidents/", {
        "occurred_at": when.isoformat(), "place": "接口事故", "region": world.village_a.pk,
        "type_code": "3", "deaths": 3, "description": "道路（轨道）车辆致害",
        "road_traffic": True}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["grade"] == "relatively_serious" and body["grade_label"] == "较大"
    acc = Accident.objects.get(pk=body["id"])
    assert entries_for(acc).filter(action="create").exists()


def test_create_refuses_a_type_from_the_wrong_list(api, world):
    api.force_authenticate(world.users["office"])
    response = api.post("/api/accidents/", {
        "occurred_at": "2026-07-05T10:00:00+08:00", "place": "x", "region": world.village_a.pk,
        "type_code": "1986:02", "description": "x"}, format="json")
    assert response.status_code == 400
    assert "GB 6441-2025" in response.json()["type_code"][0]


def test_village_cannot_create(api, world):
    api.force_authenticate(world.users["village_a"])
    response = api.post("/api/accidents/", {"place": "x"}, format="json")
    assert response.status_code == 403


def test_casualties_and_steps(api, world):
    acc = accident(world.users["office"], region=world.village_a, deaths=2)
    api.force_authenticate(world.users["office"])
    response = api.post(f"/api/accidents/{acc.pk}/casualties/", {"deaths": 3, "note": "补报"},
                        format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["grade"] == "relatively_serious"
    assert any(s["kind"] == "supplementary" for s in body["steps"])
    step = acc.steps.get(kind=StepKind.UNIT_REPORT)
    response = api.post(f"/api/accidents/{acc.pk}/steps/", {
        "step": step.pk, "done_at": timezone.now().isoformat()}, format="json")
    assert response.status_code == 200
    assert response.json()["late"] is True


def test_update_refuses_figures(api, world):
    acc = accident(world.users["office"], region=world.village_a, deaths=1)
    api.force_authenticate(world.users["office"])
    response = api.patch(f"/api/accidents/{acc.pk}/", {"deaths": 5}, format="json")
    assert response.status_code == 400
    response = api.patch(f"/api/accidents/{acc.pk}/", {"place": "新地点"}, format="json")
    assert response.status_code == 200 and response.json()["place"] == "新地点"


def test_other_towns_accident_is_404(api, world):
    acc = accident(world.users["office_b"], region=world.village_c)
    api.force_authenticate(world.users["office"])
    assert api.get(f"/api/accidents/{acc.pk}/").status_code == 404
    assert api.post(f"/api/accidents/{acc.pk}/casualties/", {"deaths": 1},
                    format="json").status_code == 404


def test_statistics_endpoint(api, world):
    accident(world.users["office"], region=world.village_a, deaths=1, minor=2)
    api.force_authenticate(world.users["office"])
    today = timezone.localdate()
    body = api.get("/api/accidents/statistics/", {
        "start": (today - dt.timedelta(days=30)).isoformat(), "end": today.isoformat()}).json()
    assert body["current"]["count"] == 1 and body["current"]["injured"] == 2
    assert body["change"]["count"] is None


def test_indicator_years(api, world):
    api.force_authenticate(world.users["office"])
    response = api.post("/api/accident-indicators/", {
        "region": world.town.pk, "year": 2026, "gdp": "20.00"}, format="json")
    assert response.status_code == 201, response.content
    again = api.post("/api/accident-indicators/", {"region": world.town.pk, "year": 2026},
                     format="json")
    assert again.status_code == 400
    api.force_authenticate(world.users["village_a"])
    assert api.get("/api/accident-indicators/").status_code == 403
