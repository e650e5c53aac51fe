import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from anjian.assessment import services
from anjian.assessment.models import AccountabilityAction
from anjian.core.journal import entries_for
from anjian.testing.assessment import overdue_hazard

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 10, 9)


def _action(world, **extra):
    data = {"kind": "notice", "region": world.village_a, "reason": "日报连续漏报", "date": DAY,
            "document_number": "西安办通〔2026〕3号", "cause": "日报报送率偏低", **extra}
    return services.action_create(actor=world.users["office"], **data)


def test_create_update_journaled(world):
    hazard = overdue_hazard(world)
    action = _action(world, kind="supervise", hazard=hazard)
    assert action.issued_by == world.users["office"]
    services.action_update(actor=world.users["office"], action=action, outcome="已整改")
    assert [e.action for e in entries_for(action)] == ["update", "create"] or \
        sorted(e.action for e in entries_for(action)) == ["create", "update"]


def test_refusals(world):
    with pytest.raises(ValidationError):
        _action(world, region=world.town)
    with pytest.raises(ValidationError):  # a hazard of another village
        _action(world, region=world.village_b, hazard=overdue_hazard(world))
    with pytest.raises(PermissionDenied):
        services.action_create(actor=world.users["village_a"], kind="notice", region=world.village_a,
                               reason="x", date=DAY, cause="y")
    with pytest.raises(PermissionDenied):
        services.action_create(actor=world.users["office_b"], kind="notice", region=world.village_a,
                               reason="x", date=DAY, cause="y")
    assert not AccountabilityAction.objects.exists()


@pytest.mark.parametrize(("name", "sees"), [
    ("office", True), ("leader", True), ("village_a", True), ("village_b", False),
    ("enterprise_a", False), ("office_b", False), ("grid_a", False),
])
def test_scope_pages(world, client, name, sees):
    action = _action(world)
    client.force_login(world.users[name])
    assert client.get(reverse("assessment:action_detail", args=[action.pk])).status_code == (200 if sees else 404)
    assert ("日报连续漏报" in client.get(reverse("assessment:action_list")).content.decode()) is sees


def test_form_and_filters_and_export(world, client):
    client.force_login(world.users["office"])
    response = client.post(reverse("assessment:action_create"), {
        "kind": "interview", "village": world.village_b.pk, "reason": "超期隐患未整改", "date": "2026-10-10",
        "cause": "超期隐患"})
    assert response.status_code == 302
    bad = client.post(reverse("assessment:action_create"), {"kind": "interview", "village": world.village_b.pk,
                                                             "reason": "", "date": ""})
    assert bad.status_code == 200 and AccountabilityAction.objects.count() == 1
    _action(world)
    page = client.get(reverse("assessment:action_list") + "?kind=interview").content.decode()
    assert "超期隐患未整改" in page and "日报连续漏报" not in page
    xlsx = client.get(reverse("assessment:action_export") + "?kind=notice")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 1 and rows[0][1] == "通报" and rows[0][2] == "张一村"


def test_api(world, client):
    client.force_login(world.users["office"])
    r = client.post("/api/assessment/actions/", {"kind": "supervise", "village": world.village_a.pk,
                                                 "reason": "督办整改", "date": "2026-10-11", "cause": "x"},
                    content_type="application/json")
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    assert client.get(f"/api/assessment/actions/{pk}/journal/").json()["count"] == 1
    client.force_login(world.users["village_a"])
    assert client.get("/api/assessment/actions/").json()["count"] == 1
    assert client.post("/api/assessment/actions/", {"kind": "notice", "village": world.village_a.pk,
                                                    "reason": "x", "date": "2026-10-11", "cause": "x"},
                       content_type="application/json").status_code == 403
    client.force_login(world.users["village_b"])
    assert client.get(f"/api/assessment/actions/{pk}/").status_code == 404
