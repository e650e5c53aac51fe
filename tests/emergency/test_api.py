"""The REST API: scoped reads, writes through the services, journal, uploads and 转为隐患."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from anjian.emergency.models import DrillProblem, EmergencyPlan, SupplyItem
from anjian.hazards.models import Hazard
from anjian.testing.emergency import pdf_bytes
from anjian.testing.hazards import jpeg_bytes

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("prefix,key", [
    ("emergency-plans", "plan"), ("emergency-drills", "drill"), ("emergency-teams", "team"),
    ("emergency-supplies", "supply"), ("emergency-incidents", "incident")])
def test_lists_are_scoped(world, ledgers, prefix, key):
    town = api(world.users["office"]).get(f"/api/{prefix}/").json()
    village = api(world.users["village_a"]).get(f"/api/{prefix}/").json()
    assert town["count"] == 3 and village["count"] == 1
    other = ledgers[f"{key}_b"]
    assert api(world.users["village_a"]).get(f"/api/{prefix}/{other.pk}/").status_code == 404
    assert api(world.users["office_b"]).get(f"/api/{prefix}/").json()["count"] == 0


def test_office_creates_a_plan_and_publishes_a_version_with_a_pdf(world):
    client = api(world.users["office"])
    created = client.post("/api/emergency-plans/", {
        "title": "西张村镇森林防火专项应急预案", "kind": "special", "region": world.town.pk},
        format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    response = client.post(f"/api/emergency-plans/{pk}/versions/", {
        "number": "2025版", "approved_by": "西张村镇人民政府", "approved_on": "2025-03-01",
        "effective_on": "2025-03-01", "review_interval_years": 3,
        "file": SimpleUploadedFile("森林防火.pdf", pdf_bytes())}, format="multipart")
    assert response.status_code == 201, response.content
    assert response.json()["review_due"] == "2028-03-01"
    plan = EmergencyPlan.objects.get(pk=pk)
    assert plan.current_version.original_name == "森林防火.pdf"
    journal = client.get(f"/api/emergency-plans/{pk}/journal/").json()
    assert journal["count"] >= 2


def test_a_fake_pdf_is_refused_by_the_api(world, ledgers):
    response = api(world.users["office"]).post(
        f"/api/emergency-plans/{ledgers['plan_town'].pk}/versions/", {
            "number": "x", "approved_by": "镇政府", "approved_on": "2025-03-01",
            "effective_on": "2025-03-01",
            "file": SimpleUploadedFile("plan.pdf", b"MZ not a pdf")}, format="multipart")
    assert response.status_code == 400 and "PDF" in str(response.json())


def test_leader_may_not_write(world, ledgers):
    response = api(world.users["leader"]).post("/api/emergency-supplies/", {
        "name": "x"}, format="json")
    assert response.status_code == 403


def test_village_cannot_create_in_another_village(world):
    response = api(world.users["village_a"]).post("/api/emergency-teams/", {
        "name": "后关村队", "kind": "rescue", "region": world.village_b.pk, "leader": "甲",
        "phone": "13800000009"}, format="json")
    assert response.status_code == 403


def test_stock_out_through_the_api_and_overdraw_refused(world, ledgers):
    client = api(world.users["office"])
    item = ledgers["supply_town"]
    ok = client.post(f"/api/emergency-supplies/{item.pk}/stock/", {
        "direction": "out", "quantity": "5", "reason": "防汛领用"}, format="json")
    assert ok.status_code == 201 and ok.json()["balance"] == "15.00"
    bad = client.post(f"/api/emergency-supplies/{item.pk}/stock/", {
        "direction": "out", "quantity": "50", "reason": "领用"}, format="json")
    assert bad.status_code == 400 and "库存不足" in str(bad.json())
    assert SupplyItem.objects.get(pk=item.pk).quantity == 15


def test_problem_to_hazard_through_the_api_once(world, ledgers):
    client = api(world.users["office"])
    drill = ledgers["drill_town"]
    added = client.post(f"/api/emergency-drills/{drill.pk}/problems/", {
        "description": "广播系统覆盖不到后山"}, format="json")
    assert added.status_code == 201
    problem = added.json()["id"]
    url = f"/api/emergency-drills/{drill.pk}/problems/{problem}/hazard/"
    body = {"unit": world.units["school_a"].pk, "cause_class": "management",
            "photos": [SimpleUploadedFile("p.jpg", jpeg_bytes(), "image/jpeg")]}
    first = client.post(url, body, format="multipart")
    assert first.status_code == 201, first.content
    hazard = Hazard.objects.get(pk=first.json()["hazard"])
    assert DrillProblem.objects.get(pk=problem).hazard == hazard and hazard.source == "drill"
    body["photos"] = [SimpleUploadedFile("p.jpg", jpeg_bytes(), "image/jpeg")]
    second = client.post(url, body, format="multipart")
    assert second.status_code == 400 and Hazard.objects.count() == 1


def test_incident_events_and_close(world, ledgers):
    client = api(world.users["agency"])
    incident = ledgers["incident_town"]
    added = client.post(f"/api/emergency-incidents/{incident.pk}/events/", {
        "kind": "action", "text": "派出所民警到场维持秩序"}, format="json")
    assert added.status_code == 201
    closed = client.post(f"/api/emergency-incidents/{incident.pk}/close/", {
        "outcome": "处置完毕"}, format="json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert len(closed.json()["events"]) == 3


def test_drills_behind_endpoint(world, ledgers):
    rows = api(world.users["office"]).get("/api/emergency-drills/behind/").json()
    assert world.units["school_a"].name in {r["name"] for r in rows}


@pytest.fixture
def unit_records(world):
    """A site plan and a drill owned by the enterprise's shop."""
    from anjian.emergency import services
    from anjian.testing.emergency import drill_data

    shop = world.units["shop_a"]
    services.plan_create(actor=None, data={"title": "超市火灾现场处置方案", "kind": "site",
                                           "unit": shop})
    services.drill_create(actor=None, data=drill_data(None, unit=shop, kind="site"))


# persona -> (plans, drills, teams, supplies, incidents) visible, with `ledgers` and `unit_records`
EXPECTED = {
    "office": (4, 4, 3, 3, 3), "leader": (4, 4, 3, 3, 3), "agency": (4, 4, 3, 3, 3),
    "village_a": (2, 2, 1, 1, 1), "village_b": (1, 1, 1, 1, 1), "grid_a": (0, 0, 0, 0, 0),
    "enterprise_a": (1, 1, 0, 0, 0), "expert": (0, 0, 0, 0, 0), "office_b": (0, 0, 0, 0, 0),
    "auditor": (0, 0, 0, 0, 0),
}
PREFIXES = ("emergency-plans", "emergency-drills", "emergency-teams", "emergency-supplies",
            "emergency-incidents")


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_sees_what_its_scope_allows(world, ledgers, unit_records, persona):
    client = api(world.users[persona])
    counts = []
    for prefix in PREFIXES:
        response = client.get(f"/api/{prefix}/")
        counts.append(response.json()["count"] if response.status_code == 200 else 0)
    assert tuple(counts) == EXPECTED[persona]
