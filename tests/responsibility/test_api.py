import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from anjian.core.journal import entries_for
from anjian.responsibility.models import Agreement, ResponsibilityList
from anjian.testing.responsibility import make_meeting, make_visit, pdf_bytes, sign


def this_year() -> int:
    """Read when a test runs, not when it is collected (a run may cross New Year)."""
    return timezone.localdate().year


BASE = "/api/responsibility"


@pytest.fixture
def api(world):
    def client_for(name: str) -> APIClient:
        client = APIClient()
        client.force_login(world.users[name])
        return client
    return client_for


def test_list_is_created_with_duties_and_journaled(api, world):
    response = api("office").post(f"{BASE}/lists/", {
        "region": world.town.pk, "year": this_year(), "post": "镇长",
        "holder": world.people["leader"].pk,
        "duties": [{"category": "first_responsible", "text": "第一责任人"}]}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["duties"] == [{"category": "first_responsible", "text": "第一责任人"}]
    rlist = ResponsibilityList.objects.get()
    assert entries_for(rlist).get().actor == world.users["office"]
    response = api("office").post(f"{BASE}/lists/{rlist.pk}/copy/", {"year": this_year() + 1},
                                  format="json")
    assert response.status_code == 201 and response.json()["previous"] == rlist.pk


def test_api_errors_are_chinese(api, world):
    response = api("office").post(f"{BASE}/lists/", {
        "region": world.town.pk, "year": this_year(), "post": "镇长", "duties": []}, format="json")
    assert response.status_code == 400
    assert response.json() == {"duties": ["请至少填写一条岗位职责"]}


def test_agreement_upload_through_the_api_and_download(api, world):
    client = api("office")
    response = client.post(f"{BASE}/agreements/", {
        "year": this_year(), "kind": "village", "village": world.village_b.pk,
        "first_signatory": "钱熙浩", "second_signatory": "李红梅",
        "signed_on": timezone.localdate().isoformat(),
        "scan": SimpleUploadedFile("scan.pdf", pdf_bytes(), "application/pdf")}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["has_scan"] and len(body["sha256"]) == 64
    download = client.get(f"{BASE}/agreements/{body['id']}/scan/")
    assert b"".join(download.streaming_content) == pdf_bytes()
    bad = client.post(f"{BASE}/agreements/", {
        "year": this_year(), "kind": "village", "village": world.village_a.pk,
        "first_signatory": "甲", "second_signatory": "乙",
        "signed_on": timezone.localdate().isoformat(),
        "scan": SimpleUploadedFile("scan.pdf", b"GIF89a fake", "application/pdf")},
        format="multipart")
    assert bad.status_code == 400 and "PDF" in bad.json()["scan"][0]


def test_coverage_endpoint(api, world):
    sign(world, village=world.village_a)
    body = api("office").get(f"{BASE}/agreements/coverage/").json()
    assert body["expected"] == 5 and body["signed"] == 1
    assert {m["name"] for m in body["missing"]} == {"后关村", "西张村派出所", "西张村镇中心校",
                                                    "张一小学"}
    assert api("office").get(f"{BASE}/agreements/coverage/",
                             {"region": world.town_b.pk}).status_code == 404


def test_scope_of_the_api(api, world):
    agreement = sign(world, village=world.village_a)
    shop = sign(world, unit=world.units["shop_a"])
    assert api("office_b").get(f"{BASE}/agreements/{agreement.pk}/").status_code == 404
    assert api("village_b").get(f"{BASE}/agreements/{agreement.pk}/").status_code == 404
    mine = api("enterprise_a").get(f"{BASE}/agreements/").json()["results"]
    assert [a["id"] for a in mine] == [shop.pk]
    assert api("enterprise_a").post(f"{BASE}/agreements/", {}, format="json").status_code == 403
    assert api("office").delete(f"{BASE}/agreements/{agreement.pk}/").status_code == 405
    assert Agreement.objects.count() == 2


def test_visits_and_meetings_through_the_api(api, world):
    make_visit(world)
    make_meeting(world)
    make_meeting(world, safety_first=False)
    leaders = api("leader").get(f"{BASE}/visits/by-leader/").json()
    assert next(r for r in leaders if r["leader"] == world.people["leader"].pk)["visits"] == 1
    counts = api("leader").get(f"{BASE}/meetings/counts/").json()
    assert (counts["total"], counts["safety_first"]) == (2, 1)
    response = api("village_a").post(f"{BASE}/meetings/", {
        "region": world.town.pk, "held_on": timezone.localdate().isoformat(),
        "kind": "village_committee", "title": "村两委会议"}, format="json")
    assert response.status_code == 400 and "region" in response.json()  # the town is not hers
    response = api("village_a").post(f"{BASE}/meetings/", {
        "region": world.village_a.pk, "held_on": timezone.localdate().isoformat(),
        "kind": "village_committee", "title": "村两委会议", "safety_first": True}, format="json")
    assert response.status_code == 201, response.content
    page = api("office").patch(f"{BASE}/meetings/{response.json()['id']}/",
                               {"attendees": 9}, format="json")
    assert page.status_code == 200 and page.json()["attendees"] == 9
