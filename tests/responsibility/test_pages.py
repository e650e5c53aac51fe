import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from anjian.responsibility.models import Agreement, LinkageVisit, Meeting, ResponsibilityList
from anjian.testing.responsibility import make_list, make_meeting, make_visit, pdf_bytes, sign


def this_year() -> int:
    """Read when a test runs, not when it is collected (a run may cross New Year)."""
    return timezone.localdate().year


@pytest.fixture
def records(world, factory):
    return {
        "list": make_list(world),
        "village_list": make_list(world, region=world.village_a, post="张一村党支部书记"),
        "agreement_a": sign(world, village=world.village_a),
        "agreement_shop": sign(world, unit=world.units["school_a"]),
        "agreement_factory": sign(world, unit=factory),
        "visit": make_visit(world, unit=factory),
        "meeting": make_meeting(world),
        "village_meeting": make_meeting(world, region=world.village_a),
    }


def _client(client, world, name):
    client.force_login(world.users[name])
    return client


def _sheet(response):
    content = b"".join(response.streaming_content)
    return openpyxl.load_workbook(io.BytesIO(content)).active


@pytest.mark.parametrize("url_name", ["lists", "agreements", "agreement_coverage", "leaders",
                                      "visits", "meetings", "list_create", "agreement_create",
                                      "visit_create", "meeting_create"])
def test_office_opens_every_page(client, world, records, url_name):
    response = _client(client, world, "office").get(reverse(f"responsibility:{url_name}"))
    assert response.status_code == 200


@pytest.mark.parametrize("key, url_name", [
    ("list", "list_detail"), ("agreement_a", "agreement_detail"), ("visit", "visit_detail"),
    ("meeting", "meeting_detail")])
def test_details_are_404_outside_the_town(client, world, records, key, url_name):
    url = reverse(f"responsibility:{url_name}", args=[records[key].pk])
    assert _client(client, world, "office").get(url).status_code == 200
    client.logout()
    assert _client(client, world, "office_b").get(url).status_code == 404


def test_village_cadre_sees_its_own_village_only(client, world, records):
    c = _client(client, world, "village_b")
    assert c.get(reverse("responsibility:agreement_detail",
                         args=[records["agreement_a"].pk])).status_code == 404
    assert c.get(reverse("responsibility:list_detail",
                         args=[records["village_list"].pk])).status_code == 404
    client.logout()
    c = _client(client, world, "village_a")
    page = c.get(reverse("responsibility:agreements")).content.decode()
    assert "张一村" in page and "张一机械厂" in page
    page = c.get(reverse("responsibility:meetings")).content.decode()
    assert page.count("镇党委会") == 1  # the village's own meeting, not the town's


def test_enterprise_sees_and_downloads_only_its_own_agreement(client, world, records):
    agreement = sign(world, unit=world.units["shop_a"])
    c = _client(client, world, "enterprise_a")
    page = c.get(reverse("responsibility:agreements")).content.decode()
    assert "张一便民超市" in page and "张一村" not in page
    response = c.get(reverse("responsibility:agreement_scan", args=[agreement.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == agreement.file.open("rb").read()
    assert c.get(reverse("responsibility:agreement_scan",
                         args=[records["agreement_a"].pk])).status_code == 404
    assert c.get(reverse("responsibility:agreement_coverage")).status_code == 403
    assert c.get(reverse("responsibility:agreement_create")).status_code == 403


def test_roles_without_the_ledger_get_403(client, world, records):
    c = _client(client, world, "agency")
    assert c.get(reverse("responsibility:visits")).status_code == 403
    assert c.get(reverse("responsibility:lists")).status_code == 200
    client.logout()
    c = _client(client, world, "grid_a")
    assert c.get(reverse("responsibility:meetings")).status_code == 403


def test_coverage_page_shows_who_has_not_signed_and_exports_them(client, world, records):
    c = _client(client, world, "office")
    page = c.get(reverse("responsibility:agreement_coverage")).content.decode()
    assert 'id="missing-count">3<' in page
    for name in ("后关村", "西张村派出所", "西张村镇中心校"):
        assert f'data-party="{name}"' in page
    assert 'data-party="张一村"' not in page
    response = c.get(reverse("responsibility:agreement_missing_export"),
                     {"region": world.town.pk, "year": this_year()})
    rows = list(_sheet(response).iter_rows(min_row=3, values_only=True))
    assert sorted(r[1] for r in rows) == sorted(["后关村", "西张村派出所", "西张村镇中心校"])
    assert c.get(reverse("responsibility:agreement_coverage"),
                 {"region": world.town_b.pk}).status_code == 404


def test_office_records_a_signature_with_a_scan(client, world, records):
    c = _client(client, world, "office")
    upload = SimpleUploadedFile("后关村责任书.pdf", pdf_bytes("后关村"), "application/pdf")
    response = c.post(reverse("responsibility:agreement_create"), {
        "year": this_year(), "kind": "village", "village": world.village_b.pk,
        "first_signatory": "钱熙浩", "second_signatory": "李红梅",
        "signed_on": timezone.localdate().isoformat(), "scan": upload})
    agreement = Agreement.objects.get(village=world.village_b)
    assert response.status_code == 302 and agreement.original_name == "后关村责任书.pdf"
    page = c.get(reverse("responsibility:agreement_coverage")).content.decode()
    assert 'data-party="后关村"' not in page


def test_a_fake_pdf_is_refused_on_the_form(client, world, records):
    c = _client(client, world, "office")
    upload = SimpleUploadedFile("责任书.pdf", b"this is not a pdf at all", "application/pdf")
    response = c.post(reverse("responsibility:agreement_create"), {
        "year": this_year(), "kind": "village", "village": world.village_b.pk,
        "first_signatory": "甲", "second_signatory": "乙",
        "signed_on": timezone.localdate().isoformat(), "scan": upload})
    assert response.status_code == 200 and "不是有效的 PDF" in response.content.decode()
    assert not Agreement.objects.filter(village=world.village_b).exists()


def test_duplicate_signature_error_lands_on_the_form(client, world, records):
    response = _client(client, world, "office").post(reverse("responsibility:agreement_create"), {
        "year": this_year(), "kind": "village", "village": world.village_a.pk,
        "first_signatory": "甲", "second_signatory": "乙",
        "signed_on": timezone.localdate().isoformat()})
    assert "已登记" in response.content.decode()


def test_list_form_writes_duties_per_category(client, world):
    c = _client(client, world, "office")
    response = c.post(reverse("responsibility:list_create"), {
        "region": world.town.pk, "year": this_year(), "post": "副镇长（分管安全生产）",
        "holder": world.people["leader"].pk,
        "duties_leadership": "分管安全生产\n督导隐患整改", "duties_dual_duty": "一岗双责"})
    rlist = ResponsibilityList.objects.get()
    assert response.status_code == 302
    assert [(d.category, d.text) for d in rlist.duties.all()] == [
        ("leadership", "分管安全生产"), ("leadership", "督导隐患整改"), ("dual_duty", "一岗双责")]
    response = c.post(reverse("responsibility:list_copy", args=[rlist.pk]), {"year": this_year() + 1})
    assert ResponsibilityList.objects.filter(year=this_year() + 1, previous=rlist).exists()


def test_visit_and_meeting_forms(client, world, records, factory):
    c = _client(client, world, "leader")
    response = c.post(reverse("responsibility:visit_create"), {
        "leader": world.people["leader"].pk, "unit": factory.pk,
        "visited_on": timezone.localdate().isoformat(), "checked": "检查培训档案"})
    assert response.status_code == 302
    assert LinkageVisit.objects.filter(checked="检查培训档案").exists()
    assert c.get(reverse("responsibility:leader_detail",
                         args=[world.people["leader"].pk])).status_code == 200
    client.logout()
    c = _client(client, world, "office")
    response = c.post(reverse("responsibility:meeting_create"), {
        "region": world.town.pk, "held_on": timezone.localdate().isoformat(),
        "kind": "fire_joint", "title": "消防联席会议", "safety_first": "on"})
    assert response.status_code == 302
    assert Meeting.objects.get(kind="fire_joint").safety_first
    page = c.get(reverse("responsibility:meetings")).content.decode()
    assert "消防联席会议 1" in page


def test_office_relinks_a_unit(client, world, records, factory):
    c = _client(client, world, "office")
    response = c.post(reverse("responsibility:unit_leader", args=[factory.pk]), {"leader": ""})
    factory.refresh_from_db()
    assert response.status_code == 302 and factory.linked_leader is None


@pytest.mark.parametrize("url_name, header, expected", [
    ("lists_export", "岗位", {"镇党委书记", "张一村党支部书记"}),
    ("agreements_export", "签订对象", {"张一村", "张一小学", "张一机械厂"}),
    ("visits_export", "单位", {"张一机械厂"}),
    ("meetings_export", "会议名称", {"镇党委会"}),
])
def test_exports_hold_the_filtered_rows(client, world, records, url_name, header, expected):
    sheet = _sheet(_client(client, world, "office").get(reverse(f"responsibility:{url_name}")))
    headers = [c.value for c in sheet[2]]
    column = headers.index(header)
    values = {row[column] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values == expected


def test_export_follows_the_filter(client, world, records):
    sheet = _sheet(_client(client, world, "office").get(
        reverse("responsibility:agreements_export"), {"kind": "village"}))
    assert [r[2] for r in sheet.iter_rows(min_row=3, values_only=True)] == ["张一村"]


def test_a_scan_changed_on_disk_is_not_handed_out(client, world, records):
    agreement = records["agreement_a"]
    with open(agreement.file.path, "wb") as handle:
        handle.write(pdf_bytes("篡改"))
    response = _client(client, world, "office").get(
        reverse("responsibility:agreement_scan", args=[agreement.pk]))
    assert response.status_code == 409 and "摘要不一致" in response.content.decode()


def test_leader_reads_agreements_but_cannot_change_them(client, world, records):
    c = _client(client, world, "leader")
    url = reverse("responsibility:agreement_detail", args=[records["agreement_a"].pk])
    assert c.get(url).status_code == 200
    assert c.get(reverse("responsibility:agreement_edit",
                         args=[records["agreement_a"].pk])).status_code == 404
    assert c.get(reverse("responsibility:agreement_create")).status_code == 403
