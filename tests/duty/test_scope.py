"""Who sees and changes what, for every persona (docs/duty.md): the office keeps everything of its
town; leaders read; agencies, village cadres and grid workers read the town's roster and "who is
on duty now" but not the log; everyone else, and the other town, sees nothing."""

import pytest
from django.urls import reverse

from anjian.duty import services
from anjian.testing.duty import at, make_shift
from anjian.testing.world import make_user

ROSTER_READERS = {"office", "leader", "agency", "school_agency", "village_a", "village_b", "grid_a"}
LOG_READERS = {"office", "leader"}
EDITORS = {"office"}
PERSONAS = ["office", "leader", "agency", "school_agency", "village_a", "village_b", "grid_a",
            "enterprise_a", "expert", "sysadmin", "secadmin", "auditor", "nobody", "office_b"]


@pytest.fixture
def ledger(staff, day):
    w = staff
    shift = make_shift(w, at(day, 8), at(day, 17), ["duty_1"])
    entry = services.log_entry_create(actor=None, shift=shift, data={
        "received_at": at(day, 9), "kind": "call", "source": "王某", "content": "报告"})
    # The other town's roster, with its own person.
    from anjian.accounts.services import person_create

    other = person_create(actor=None, data={"name": "孙值班", "region": w.town_b, "duty": "leader"})
    other_shift = services.shift_create(actor=None, data={
        "region": w.town_b, "start": at(day, 8), "end": at(day, 17), "people": [other],
        "leader": other})
    return shift, entry, other_shift


@pytest.mark.parametrize("name", PERSONAS)
def test_each_persona_reaches_exactly_its_part_of_the_duty_ledger(staff, ledger, client, name):
    shift, entry, other_shift = ledger
    client.force_login(staff.users[name])
    own_town = name != "office_b"
    sees_roster = name in ROSTER_READERS or name == "office_b"

    def status(url_name, pk):
        return client.get(reverse(url_name, args=[pk])).status_code

    assert status("duty:shift_detail", shift.pk) == (200 if name in ROSTER_READERS else 404)
    assert status("duty:shift_detail", other_shift.pk) == (200 if name == "office_b" else 404)
    assert status("duty:log_detail", entry.pk) == (200 if name in LOG_READERS else 404)
    assert status("duty:shift_edit", shift.pk) == (200 if name in EDITORS else 404)
    assert status("duty:log_create", shift.pk) == (200 if name in EDITORS else 404)
    assert status("duty:handover_create", shift.pk) in ((200, 302) if name in EDITORS else (404,))

    api_shifts = client.get("/api/duty/shifts/")
    api_log = client.get("/api/duty/log/")
    if sees_roster:
        ids = {row["id"] for row in api_shifts.json()["results"]}
        assert ids == ({shift.pk} if own_town else {other_shift.pk})
    else:
        assert api_shifts.status_code == 403
    if name in LOG_READERS:
        assert [row["id"] for row in api_log.json()["results"]] == [entry.pk]
    else:
        assert api_log.status_code in (403, 200)
        if api_log.status_code == 200:
            assert api_log.json()["results"] == []

    log_page = client.get(reverse("duty:log_list"))
    assert log_page.status_code == (200 if name in LOG_READERS | {"office_b"} else 403)
    if log_page.status_code == 200:
        assert ("王某" in log_page.content.decode()) is (name in LOG_READERS)


def test_a_village_cadre_sees_the_roster_of_its_own_town_only(staff, ledger, client):
    shift, _entry, other_shift = ledger
    make_user("village_c", "village", region=staff.village_c)
    from anjian.accounts.models import User

    client.force_login(User.objects.get(username="village_c"))
    ids = {row["id"] for row in client.get("/api/duty/shifts/").json()["results"]}
    assert ids == {other_shift.pk}


def test_a_leader_cannot_write_through_the_api(staff, ledger, client, day):
    shift, entry, _other = ledger
    client.force_login(staff.users["leader"])
    response = client.post("/api/duty/shifts/", {
        "region": staff.town.pk, "start": at(day, 18).isoformat(), "end": at(day, 20).isoformat(),
        "people": [staff.people["duty_2"].pk], "leader": staff.people["leader"].pk},
        content_type="application/json")
    assert response.status_code == 403
    response = client.patch(f"/api/duty/log/{entry.pk}/", {"handling": "x"},
                            content_type="application/json")
    assert response.status_code == 403


def test_the_other_towns_office_cannot_touch_this_town(staff, ledger, client, day):
    shift, entry, _other = ledger
    client.force_login(staff.users["office_b"])
    assert client.patch(f"/api/duty/shifts/{shift.pk}/", {"note": "x"},
                        content_type="application/json").status_code == 404
    assert client.patch(f"/api/duty/log/{entry.pk}/", {"handling": "x"},
                        content_type="application/json").status_code == 404
    assert client.post(reverse("duty:shift_delete", args=[shift.pk])).status_code == 404
