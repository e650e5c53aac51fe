"""The ledger, detail, forms and Excel exports, each within the user's scope."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from anjian.accidents import services
from anjian.accidents.choices import StepKind
from anjian.accidents.exports import LEDGER_COLUMNS
from anjian.accidents.models import Accident
from anjian.testing.accidents import accident, default_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def accidents(world):
    office = world.users["office"]
    return {
        "a": accident(office, region=world.grid_a, place="张一村路口", deaths=1, road_traffic=True),
        "shop": accident(office, unit=world.units["shop_a"], place="张一便民超市", minor=1),
        "b": accident(office, region=world.village_b, place="后关村砖厂", serious=2,
                      industrial=True, loss=Decimal(35_000)),
        "c": accident(world.users["office_b"], region=world.village_c, place="七里村"),
    }


def places(response):
    return {a.place for a in response.context["page"].object_list}


@pytest.mark.parametrize(("user", "expected"), [
    ("office", {"张一村路口", "张一便民超市", "后关村砖厂"}),
    ("leader", {"张一村路口", "张一便民超市", "后关村砖厂"}),
    ("village_a", {"张一村路口", "张一便民超市"}),
    ("village_b", {"后关村砖厂"}),
    ("agency", {"张一村路口", "张一便民超市"}),  # police: road traffic and fire sectors
    ("enterprise_a", {"张一便民超市"}),
    ("office_b", {"七里村"}),
    ("grid_a", set()),
    ("nobody", set()),
])
def test_list_shows_each_role_its_scope(client, world, accidents, user, expected):
    client.force_login(world.users[user])
    response = client.get(reverse("accidents:list"))
    assert response.status_code == 200
    assert places(response) == expected


def test_detail_outside_scope_is_404(client, world, accidents):
    client.force_login(world.users["village_a"])
    assert client.get(reverse("accidents:detail", args=[accidents["a"].pk])).status_code == 200
    assert client.get(reverse("accidents:detail", args=[accidents["b"].pk])).status_code == 404
    assert client.get(reverse("accidents:detail", args=[accidents["c"].pk])).status_code == 404


def test_detail_shows_grade_timeline_and_journal(client, world, accidents):
    client.force_login(world.users["office"])
    response = client.get(reverse("accidents:detail", args=[accidents["a"].pk]))
    html = response.content.decode()
    assert "一般" in html and "报告时间线" in html and "逾期未完成" in html
    assert 'data-kind="to_city"' in html and 'data-kind="to_province"' not in html
    assert "变更记录" in html


def test_list_filters_by_grade_type_and_period(client, world, accidents):
    office = world.users["office"]
    big = accident(office, region=world.village_a, place="大事故", deaths=3)
    client.force_login(office)
    assert places(client.get(reverse("accidents:list"), {"grade": "relatively_serious"})) == {
        "大事故"}
    code = default_type(big.occurred_at)
    assert "大事故" in places(client.get(reverse("accidents:list"), {"type": code}))
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert places(client.get(reverse("accidents:list"), {"occurred_from": future})) == set()
    assert places(client.get(reverse("accidents:list"), {"region": world.village_b.pk})) == {
        "后关村砖厂"}


def test_office_records_an_accident_through_the_form(client, world):
    client.force_login(world.users["office"])
    when = timezone.localtime() - dt.timedelta(hours=5)
    response = client.post(reverse("accidents:create"), {
        "occurred_at": when.strftime("%Y-%m-%dT%H:%M"), "place": "西张村镇砖厂",
        "region": world.village_a.pk, "type_code": "2025:4", "deaths": 3, "missing": 0,
        "serious_injuries": 0, "poisonings": 0, "minor_injuries": 1, "direct_loss": "120000",
        "description": "机械致害", "industrial": "on",
        "unit_reported_at": (when + dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")})
    acc = Accident.objects.get(place="西张村镇砖厂")
    assert response.status_code == 302
    assert acc.grade == "relatively_serious" and acc.type_label == "机械致害"
    assert acc.steps.get(kind=StepKind.UNIT_REPORT).done_at is not None
    page = client.get(reverse("accidents:detail", args=[acc.pk])).content.decode()
    assert "较大" in page


def test_form_offers_only_the_list_of_the_accidents_date(client, world):
    client.force_login(world.users["office"])
    response = client.get(reverse("accidents:type_options"), {"occurred_at": "2026-06-30T10:00"})
    assert "1986:02" in response.content.decode() and "2025:3" not in response.content.decode()
    response = client.get(reverse("accidents:type_options"), {"occurred_at": "2026-07-01T10:00"})
    assert "2025:3" in response.content.decode() and "1986:02" not in response.content.decode()


def test_form_refuses_a_type_of_the_wrong_list_in_chinese(client, world):
    client.force_login(world.users["office"])
    response = client.post(reverse("accidents:create"), {
        "occurred_at": "2026-07-02T10:00", "place": "x", "region": world.village_a.pk,
        "type_code": "1986:02", "deaths": 0, "missing": 0, "serious_injuries": 0,
        "poisonings": 0, "minor_injuries": 0, "direct_loss": "0", "description": "x"})
    assert response.status_code == 200
    assert "属于GB 6441-1986" in response.content.decode()
    assert not Accident.objects.exists()


def test_grade_preview(client, world):
    client.force_login(world.users["office"])
    url = reverse("accidents:grade_preview")
    assert "较大" in client.get(url, {"deaths": "3"}).content.decode()
    assert "一般" in client.get(url, {"deaths": "2"}).content.decode()
    assert "重大" in client.get(url, {"direct_loss": "50000000"}).content.decode()


def test_casualty_form_regrades(client, world, accidents):
    client.force_login(world.users["office"])
    acc = accidents["b"]
    response = client.post(reverse("accidents:casualties", args=[acc.pk]), {
        "deaths": 0, "missing": 0, "serious_injuries": 10, "poisonings": 0, "minor_injuries": 0,
        "direct_loss": "35000", "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "note": "新增重伤"})
    assert response.status_code == 302
    acc.refresh_from_db()
    assert acc.grade == "relatively_serious"


def test_page_says_why_the_grade_was_kept(client, world):
    office = world.users["office"]
    acc = accident(office, region=world.village_a, deaths=2, road_traffic=True,
                   occurred_at=timezone.now() - dt.timedelta(days=9))
    services.accident_casualties_update(actor=office, accident=acc, figures={"deaths": 3})
    client.force_login(office)
    html = client.get(reverse("accidents:detail", args=[acc.pk])).content.decode()
    assert 'id="grade-kept"' in html and "不再据此调整事故等级" in html


def test_step_record_and_extension_pages(client, world, accidents):
    client.force_login(world.users["office"])
    acc = accidents["a"]
    step = acc.steps.get(kind=StepKind.TO_CITY)
    done = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    client.post(reverse("accidents:step_record", args=[acc.pk, step.pk]),
                {"done_at": done, "recipient": "市应急管理局"})
    step.refresh_from_db()
    assert step.done_at is not None and step.recipient == "市应急管理局"
    client.post(reverse("accidents:extend", args=[acc.pk]), {"days": 20, "reason": "技术鉴定"})
    assert acc.steps.get(kind=StepKind.INVESTIGATION).extension_days == 20


def test_leader_and_village_cannot_use_the_forms(client, world, accidents):
    for name in ("leader", "village_a"):
        client.force_login(world.users[name])
        assert client.get(reverse("accidents:create")).status_code == 403
        assert client.get(reverse("accidents:edit", args=[accidents["a"].pk])).status_code == 404


def test_office_cannot_edit_another_towns_accident(client, world, accidents):
    client.force_login(world.users["office"])
    assert client.get(reverse("accidents:edit", args=[accidents["c"].pk])).status_code == 404
    response = client.post(reverse("accidents:casualties", args=[accidents["c"].pk]), {"deaths": 5})
    assert response.status_code == 404


def test_edit_keeps_figures_and_changes_details(client, world, accidents):
    client.force_login(world.users["office"])
    acc = accidents["b"]
    response = client.post(reverse("accidents:edit", args=[acc.pk]), {
        "occurred_at": timezone.localtime(acc.occurred_at).strftime("%Y-%m-%dT%H:%M"),
        "place": "后关村砖厂（窑区）", "region": world.village_b.pk,
        "type_code": f"{acc.classification_version}:{acc.type_code}", "description": "更正经过",
        "industrial": "on"})
    assert response.status_code == 302
    acc.refresh_from_db()
    assert acc.place == "后关村砖厂（窑区）" and acc.serious_injuries == 2


def test_ledger_export_is_the_filtered_scoped_list(client, world, accidents):
    client.force_login(world.users["village_a"])
    response = client.get(reverse("accidents:export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [c.value for c in sheet[2]] == [c.header for c in LEDGER_COLUMNS]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert {r[2] for r in rows} == {"张一村路口", "张一便民超市"}
    assert response["Content-Disposition"].startswith("attachment")


def test_statistics_export(client, world, accidents):
    client.force_login(world.users["office"])
    response = client.get(reverse("accidents:statistics_export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["事故起数"][1] == 3
    assert rows["死亡人数"][1] == 1
    assert rows["受伤人数"][1] == 3


def test_indicator_pages(client, world):
    client.force_login(world.users["office"])
    response = client.post(reverse("accidents:indicator_create"), {
        "region": world.town.pk, "year": 2026, "gdp": "19.5", "motor_vehicles": 6000,
        "industry_workers": 3000, "target_deaths": 4, "target_gdp_rate": "0.25"})
    assert response.status_code == 302
    html = client.get(reverse("accidents:indicators")).content.decode()
    assert "亿元GDP生产安全事故死亡率" in html and "⚠️" in html
    client.force_login(world.users["leader"])
    assert client.get(reverse("accidents:indicators")).status_code == 200
    assert client.get(reverse("accidents:indicator_create")).status_code == 403
    client.force_login(world.users["village_a"])
    assert client.get(reverse("accidents:indicators")).status_code == 403
