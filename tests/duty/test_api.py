"""The duty API: the roster, "now", the log and handovers, through the same services."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from anjian.duty.models import DutyHandover, DutyLogEntry, DutyShift
from anjian.testing.duty import at, current_and_next, make_shift


@pytest.fixture
def office(staff):
    client = APIClient()
    client.force_login(staff.users["office"])
    return client


def test_the_office_adds_a_shift_and_a_clash_is_a_400_in_chinese(staff, office, day):
    w = staff
    body = {"region": w.town.pk, "start": at(day, 8, 30).isoformat(),
            "end": at(day, 17, 30).isoformat(), "people": [w.people["duty_1"].pk],
            "leader": w.people["leader"].pk, "note": "API"}
    response = office.post("/api/duty/shifts/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["people_on_duty"][0]["phone"] == "13900000001"
    clash = office.post("/api/duty/shifts/", {**body, "leader": w.people["leader_2"].pk},
                        format="json")
    assert clash.status_code == 400
    assert "刘值守已安排在西张村镇" in clash.json()["people"][0]
    bad = office.post("/api/duty/shifts/", {**body, "end": at(day, 7).isoformat()}, format="json")
    assert bad.json()["end"] == ["结束时间须晚于开始时间"]
    assert DutyShift.objects.count() == 1


def test_patch_and_delete_go_through_the_services(staff, office, day):
    shift = make_shift(staff, at(day, 8), at(day, 17), ["duty_1"])
    response = office.patch(f"/api/duty/shifts/{shift.pk}/", {"note": "改"}, format="json")
    assert response.status_code == 200 and DutyShift.objects.get().note == "改"
    journal = office.get(f"/api/duty/shifts/{shift.pk}/journal/").json()["results"]
    assert sorted(e["action"] for e in journal) == ["create", "update"]
    assert office.delete(f"/api/duty/shifts/{shift.pk}/").status_code == 204
    assert not DutyShift.objects.exists()


def test_filters_by_date_and_person(staff, office, day):
    make_shift(staff, at(day, 8), at(day, 17), ["duty_1"])
    later = make_shift(staff, at(day + dt.timedelta(days=3), 8), at(day + dt.timedelta(days=3), 17),
                       ["duty_2"])
    rows = office.get("/api/duty/shifts/", {"date_from": (day + dt.timedelta(days=1)).isoformat()})
    assert [r["id"] for r in rows.json()["results"]] == [later.pk]
    rows = office.get("/api/duty/shifts/", {"person": "陈守"})
    assert [r["id"] for r in rows.json()["results"]] == [later.pk]


def test_now_lists_the_current_shift(staff):
    first, _second = current_and_next(staff)
    client = APIClient()
    client.force_login(staff.users["grid_a"])
    rows = client.get("/api/duty/shifts/now/").json()
    assert [r["id"] for r in rows] == [first.pk]
    assert rows[0]["leader_on_duty"]["phone"] == "13900000008"


def test_logging_and_handing_over_through_the_api(staff, office):
    w = staff
    first, second = current_and_next(w)
    response = office.post("/api/duty/log/", {
        "shift": first.pk, "received_at": first.start.isoformat(), "kind": "call",
        "source": "群众", "content": "山火冒烟"}, format="json")
    assert response.status_code == 201, response.json()
    entry = DutyLogEntry.objects.get()
    assert entry.logged_by == w.users["office"]
    refused = office.patch(f"/api/duty/log/{entry.pk}/", {"closed": True}, format="json")
    assert refused.json()["handling"] == ["办结时须填写处理情况"]
    response = office.post("/api/duty/handovers/", {
        "from_shift": first.pk, "to_shift": second.pk, "summary": "山火已扑灭，待复查",
        "handed_over_by": w.people["duty_1"].pk, "taken_over_by": w.people["duty_3"].pk,
        "carried_entries": [entry.pk]}, format="json")
    assert response.status_code == 201, response.json()
    assert DutyHandover.objects.get().carried_entries.get() == entry
    again = office.post("/api/duty/handovers/", {
        "from_shift": first.pk, "to_shift": second.pk, "summary": "重复",
        "handed_over_by": w.people["duty_1"].pk, "taken_over_by": w.people["duty_3"].pk},
        format="json")
    assert again.status_code == 400
    assert office.delete(f"/api/duty/log/{entry.pk}/").status_code in (403, 405)
    assert DutyLogEntry.objects.filter(pk=entry.pk).exists()  # nothing logged is lost
