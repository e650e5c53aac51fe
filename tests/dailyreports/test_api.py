"""The API: scoped list and detail, filing and correcting through the services, no deletes, the
missing and compliance endpoints, the journal."""

import pytest
from rest_framework.test import APIClient

from anjian.dailyreports.models import DailyReport
from anjian.testing.dailyreports import file

URL = "/api/daily-reports/"


@pytest.fixture
def api(world):
    def login(persona):
        c = APIClient()
        c.force_authenticate(world.users[persona])
        return c
    return login


def test_the_list_is_scoped(api, world, reps, yesterday):
    for r in reps.values():
        file(world.users["office"], r, yesterday)
    names = {row["reporter_name"] for row in api("agency").get(URL).json()["results"]}
    assert names == {"西张村派出所"}
    assert len(api("office").get(URL).json()["results"]) == 4
    assert api("grid_a").get(URL).status_code == 403


def test_filing_then_filing_again_corrects(api, world, reps, yesterday):
    c = api("village_a")
    data = {"reporter": reps["village_a"].key, "date": yesterday.isoformat(), "is_zero": True}
    first = c.post(URL, data, format="json")
    assert first.status_code == 201 and first.json()["is_zero"] is True
    again = c.post(URL, {**data, "is_zero": False, "inspections_count": 1}, format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert again.json()["corrections"] == 1
    journal = c.get(f"{URL}{first.json()['id']}/journal/").json()["results"]
    assert [e["action"] for e in journal] == ["update", "create"]


def test_filing_for_someone_else_is_refused(api, reps, today):
    response = api("village_a").post(URL, {"reporter": reps["village_b"].key,
                                           "date": today.isoformat()}, format="json")
    assert response.status_code == 400 and "管辖范围" in response.json()["reporter"][0]
    assert api("leader").post(URL, {"reporter": reps["village_b"].key},
                              format="json").status_code == 403
    assert not DailyReport.objects.exists()


def test_a_bad_zero_report_is_a_400_in_chinese(api, reps, today):
    response = api("village_a").post(URL, {"reporter": reps["village_a"].key, "is_zero": True,
                                           "events": "火情"}, format="json")
    assert response.status_code == 400 and "零报告" in str(response.json())


def test_patch_corrects_and_delete_is_not_offered(api, world, reps, yesterday):
    report = file(world.users["office"], reps["police"], yesterday)
    c = api("agency")
    response = c.patch(f"{URL}{report.pk}/", {"measures": "加强路面巡逻"}, format="json")
    assert response.status_code == 200 and response.json()["measures"] == "加强路面巡逻"
    assert response.json()["is_zero"] is False
    assert c.delete(f"{URL}{report.pk}/").status_code in (403, 405)  # no role may delete
    assert api("office").delete(f"{URL}{report.pk}/").status_code in (403, 405)
    assert DailyReport.objects.filter(pk=report.pk).exists()
    assert api("school_agency").patch(f"{URL}{report.pk}/", {"note": "x"},
                                      format="json").status_code == 404
    assert api("leader").patch(f"{URL}{report.pk}/", {"note": "x"},
                               format="json").status_code == 403
    assert DailyReport.objects.get().note == ""


def test_missing_and_compliance_endpoints(api, world, reps, yesterday):
    file(world.users["office"], reps["village_a"], yesterday)
    missing = api("office").get(f"{URL}missing/", {"date": yesterday.isoformat()}).json()
    assert [r["name"] for r in missing] == ["后关村", "西张村派出所", "西张村镇中心校"]
    assert missing[0]["phone"] == "13800000012" and missing[0]["kind"] == "village"
    rows = api("office").get(f"{URL}compliance/", {"start": yesterday.isoformat(),
                                                   "end": yesterday.isoformat()}).json()
    by_name = {r["reporter"]["name"]: r for r in rows}
    assert by_name["张一村"]["filed"] == 1 and by_name["后关村"]["missing"] == 1
    assert api("office").get(f"{URL}missing/", {"town": world.town_b.pk}).status_code == 404
    assert api("office").get(f"{URL}missing/", {"date": "昨天"}).status_code == 400
