"""Pages: filing a commitment, who has not filed, the ledgers and their Excel exports, the risk
points, the assessment form and its preview, overrides and settings; scope in and out."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from anjian.risks import services
from anjian.risks.models import RiskPoint, SafetyCommitment
from anjian.testing.risks import commitment_data, lec, point_data

pytestmark = pytest.mark.django_db


def client_for(client, user):
    client.force_login(user)
    return client


def assessed_point(world, *factors):
    point = services.risk_point_create(actor=world.users["chem_owner"],
                                       unit=world.units["chem_a"], data=point_data())
    services.risk_assess(actor=world.users["chem_owner"], point=point, data=lec(*factors))
    return point


def test_the_menu_sends_an_enterprise_to_its_filing_form(client, rworld):
    c = client_for(client, rworld.users["chem_owner"])
    assert c.get(reverse("risks:commitment_home"))["Location"] == reverse("risks:commitment_file")
    office = client_for(client, rworld.users["office"])
    assert office.get(reverse("risks:commitment_home"))["Location"] == reverse(
        "risks:commitment_today")


def test_enterprise_files_and_corrects_todays_commitment(client, rworld):
    c = client_for(client, rworld.users["chem_owner"])
    page = c.get(reverse("risks:commitment_file"))
    assert "张一化工有限公司" in page.content.decode() and page.context["form"]["principal"].value() == "刘化工"
    data = {k: ("on" if v is True else v) for k, v in commitment_data().items()}
    response = c.post(reverse("risks:commitment_file"), data)
    commitment = SafetyCommitment.objects.get()
    assert response["Location"] == reverse("risks:commitment_detail", args=[commitment.pk])
    refused = c.post(reverse("risks:commitment_file"), {**data, "hazards_ok": ""})
    assert "请说明情况" in refused.content.decode()
    c.post(reverse("risks:commitment_file"), {**data, "principal": "刘二"})
    commitment.refresh_from_db()
    assert (commitment.principal, commitment.corrections) == ("刘二", 1)


def test_a_user_without_a_unit_cannot_file(client, rworld):
    c = client_for(client, rworld.users["village_a"])
    assert c.get(reverse("risks:commitment_file")).status_code == 403


def test_office_sees_who_has_not_filed_with_phones(client, rworld):
    c = client_for(client, rworld.users["office"])
    page = c.get(reverse("risks:commitment_today")).content.decode()
    assert "张一化工有限公司" in page and "13800000031" in page
    assert "七里化工厂" not in page
    services.commitment_file(actor=rworld.users["chem_owner"], unit=rworld.units["chem_a"],
                             data=commitment_data())
    page = c.get(reverse("risks:commitment_today")).content.decode()
    assert "全部单位均已承诺" in page


def test_commitment_ledger_filters_and_exports(client, rworld):
    services.commitment_file(actor=rworld.users["chem_owner"], unit=rworld.units["chem_a"],
                             data=commitment_data())
    c = client_for(client, rworld.users["office"])
    assert "张一化工有限公司" in c.get(reverse("risks:commitment_list")).content.decode()
    assert "张一化工有限公司" not in c.get(
        reverse("risks:commitment_list") + "?is_late=true&all_ok=false").content.decode()
    response = c.get(reverse("risks:commitment_export") + "?q=张一")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.cell(1, 1).value == "安全承诺台账"
    assert sheet.cell(3, 2).value == "张一化工有限公司" and sheet.cell(3, 4).value == "刘化工"
    assert sheet.max_row == 3


def test_commitments_are_scoped(client, rworld):
    commitment = services.commitment_file(actor=rworld.users["chem_owner"],
                                          unit=rworld.units["chem_a"], data=commitment_data())
    url = reverse("risks:commitment_detail", args=[commitment.pk])
    for name, status in [("office", 200), ("leader", 200), ("village_a", 200), ("grid_a", 200),
                         ("chem_owner", 200), ("village_b", 404), ("office_b", 404),
                         ("enterprise_a", 404), ("agency", 404)]:
        client.logout()
        assert client_for(client, rworld.users[name]).get(url).status_code == status, name


def test_enterprise_adds_a_point_and_assesses_it(client, rworld):
    c = client_for(client, rworld.users["chem_owner"])
    unit = rworld.units["chem_a"]
    response = c.post(reverse("risks:point_create", args=[unit.pk]), point_data())
    point = RiskPoint.objects.get()
    assert response["Location"] == reverse("risks:assess", args=[point.pk])
    preview = c.get(reverse("risks:assess_preview", args=[point.pk]), lec("3", "6", "15"))
    assert "270" in preview.content.decode() and 'data-colour="orange"' in preview.content.decode()
    assert "选择各项因子" in c.get(reverse("risks:assess_preview", args=[point.pk]),
                                 {"method": "lec", "factor_l": "3"}).content.decode()
    c.post(reverse("risks:assess", args=[point.pk]), lec("3", "6", "15"))
    detail = c.get(reverse("risks:point_detail", args=[point.pk])).content.decode()
    assert 'data-colour="orange"' in detail and "270" in detail
    unit.refresh_from_db()
    assert unit.risk_level == "orange"
    ls_page = c.get(reverse("risks:assess", args=[point.pk]) + "?method=ls").content.decode()
    assert "S 严重性" in ls_page
    lec_page = c.get(reverse("risks:assess", args=[point.pk])).content.decode()
    assert "20＜D≤70 一般危险（4级），D≤20 稍有危险（5级）" in lec_page


def test_risk_points_ledger_exports_and_is_scoped(client, rworld):
    point = assessed_point(rworld, "6", "6", "15")
    c = client_for(client, rworld.users["office"])
    assert "储罐区" in c.get(reverse("risks:point_list") + "?colour=red").content.decode()
    assert "储罐区" not in c.get(reverse("risks:point_list") + "?colour=blue").content.decode()
    response = c.get(reverse("risks:point_export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert (sheet.cell(3, 3).value, sheet.cell(3, 8).value) == ("储罐区", 540)
    assert sheet.cell(3, 9).value == "重大风险（红）"
    for name, status in [("leader", 200), ("village_a", 200), ("village_b", 404),
                         ("office_b", 404), ("enterprise_a", 404)]:
        client.logout()
        got = client_for(client, rworld.users[name]).get(
            reverse("risks:point_detail", args=[point.pk]))
        assert got.status_code == status, name


def test_office_overrides_and_lifts_a_units_colour(client, rworld):
    assessed_point(rworld, "3", "6", "15")
    c = client_for(client, rworld.users["office"])
    unit = rworld.units["chem_a"]
    c.post(reverse("risks:override_set", args=[unit.pk]), {"colour": "red", "reason": "毗邻学校"})
    page = c.get(reverse("risks:unit", args=[unit.pk])).content.decode()
    assert "毗邻学校" in page and 'id="unit-colour"><span class="badge risk-red"' in page
    override = unit.risk_overrides.get()
    c.post(reverse("risks:override_lift", args=[override.pk]), {"lift_reason": "学校搬迁"})
    unit.refresh_from_db()
    assert unit.risk_level == "orange"
    owner = client_for(client, rworld.users["chem_owner"])
    assert owner.get(reverse("risks:override_set", args=[unit.pk])).status_code == 403


def test_report_page_submits_a_report(client, rworld):
    assessed_point(rworld, "3", "6", "15")
    c = client_for(client, rworld.users["chem_owner"])
    unit = rworld.units["chem_a"]
    today = timezone.localdate()
    response = c.post(reverse("risks:report_create", args=[unit.pk]),
                      {"period_start": today.replace(day=1), "period_end": today})
    report = unit.risk_reports.get()
    assert response["Location"] == reverse("risks:report_detail", args=[report.pk])
    assert "储罐区" in c.get(response["Location"]).content.decode()


def test_settings_page_is_for_the_office(client, rworld):
    c = client_for(client, rworld.users["office"])
    page = c.get(reverse("risks:settings")).content.decode()
    assert "可配置的默认值" in page and "160＜D≤320 橙" in page and "D≤70 蓝" in page
    c.post(reverse("risks:settings"), {"section": "commitments", "town": rworld.town.pk,
                                       "cutoff": "10:30", "groups": ["mines", "above_size"]})
    from anjian.risks.models import CommitmentSettings
    assert CommitmentSettings.objects.get(town=rworld.town).groups == ["mines", "above_size"]
    bad = c.post(reverse("risks:settings"), {
        "section": "grading", "town": rworld.town.pk, "lec_red": "10", "lec_orange": "160",
        "lec_yellow": "70", "ls_red": "20", "ls_orange": "9", "ls_yellow": "4"})
    assert "LEC 分界值应满足" in bad.content.decode()
    client.logout()
    other = client_for(client, rworld.users["chem_owner"])
    assert other.get(reverse("risks:settings")).status_code == 403


def test_an_agency_sees_risk_points_of_its_sectors_only(client, rworld):
    shop = services.risk_point_create(actor=rworld.users["office"], unit=rworld.units["shop_a"],
                                      data=point_data(name="仓储区"))
    chem = services.risk_point_create(actor=rworld.users["office"], unit=rworld.units["chem_a"],
                                      data=point_data())
    c = client_for(client, rworld.users["agency"])  # police: fire and road traffic
    assert c.get(reverse("risks:point_detail", args=[shop.pk])).status_code == 200
    assert c.get(reverse("risks:point_detail", args=[chem.pk])).status_code == 404
    assert c.get(reverse("risks:assess", args=[shop.pk])).status_code == 403
    listed = c.get(reverse("risks:point_list")).content.decode()
    assert "仓储区" in listed and "储罐区" not in listed
    school = client_for(client, rworld.users["school_agency"])
    assert school.get(reverse("risks:point_detail", args=[shop.pk])).status_code == 404
    assert school.get(reverse("risks:unit", args=[rworld.units["shop_a"].pk])).status_code == 404


def test_the_ledgers_read_a_fixed_number_of_queries(client, rworld, django_assert_max_num_queries):
    for i in range(12):
        point = services.risk_point_create(actor=None, unit=rworld.units["chem_a"],
                                           data=point_data(name=f"风险点{i}"))
        services.risk_assess(actor=None, point=point, data=lec("3", "6", "15"))
    services.commitment_file(actor=rworld.users["chem_owner"], unit=rworld.units["chem_a"],
                             data=commitment_data())
    c = client_for(client, rworld.users["office"])
    with django_assert_max_num_queries(20):
        assert c.get(reverse("risks:point_list")).status_code == 200
    with django_assert_max_num_queries(20):
        assert c.get(reverse("risks:commitment_list")).status_code == 200
    with django_assert_max_num_queries(25):
        assert c.get(reverse("risks:commitment_today")).status_code == 200
