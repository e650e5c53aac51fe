import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from anjian.patrols import services
from anjian.patrols.models import FireSource, PatrolCheckIn, PersuasionRecord
from anjian.testing.patrols import make_point, make_ranger, make_record
from anjian.testing.world import make_user

pytestmark = pytest.mark.django_db


def _as(client, world, name):
    client.force_login(world.users[name])
    return client


def _rows(response):
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(book.active.iter_rows(min_row=3, values_only=True))


@pytest.fixture
def points(world):
    return {"grid_a": make_point(world.grid_a, name="张一网格劝导点"),
            "village_b": make_point(world.village_b, name="后关劝导点"),
            "other": make_point(world.village_c, name="七里劝导点")}


@pytest.mark.parametrize(("name", "visible"), [
    ("office", {"grid_a", "village_b"}), ("leader", {"grid_a", "village_b"}),
    ("agency", {"grid_a", "village_b"}), ("village_a", {"grid_a"}),
    ("village_b", {"village_b"}), ("grid_a", {"grid_a"}), ("office_b", {"other"}),
])
def test_each_role_sees_the_records_of_its_scope(client, world, points, name, visible):
    for point in points.values():
        make_record(point, driver=f"司机{point.name}")
    page = _as(client, world, name).get(reverse("patrols:record_list")).content.decode()
    for key, point in points.items():
        assert (point.name in page) == (key in visible), key


def test_enterprise_has_no_patrol_pages(client, world, points):
    c = _as(client, world, "enterprise_a")
    assert c.get(reverse("patrols:record_create")).status_code == 403
    assert "张一网格劝导点" not in c.get(reverse("patrols:record_list")).content.decode()


def test_quick_entry_in_a_few_taps_remembers_the_point(client, world, points):
    c = _as(client, world, "grid_a")
    page = c.get(reverse("patrols:record_create")).content.decode()
    assert f'value="{points["grid_a"].pk}" selected' in page  # the only point: pre-selected
    response = c.post(reverse("patrols:record_create"), {
        "point": points["grid_a"].pk, "vehicle_type": "tricycle",
        "violation": "farm_passengers", "outcome": "educated"})
    assert response.status_code == 302
    record = PersuasionRecord.objects.get()
    assert (record.vehicle_type, record.violation, record.created_by) == (
        "tricycle", "farm_passengers", world.users["grid_a"])
    assert "今日已登记 1 起" in c.get(reverse("patrols:record_create")).content.decode()


def test_quick_entry_outside_scope_is_refused(client, world, points):
    c = _as(client, world, "grid_a")
    response = c.post(reverse("patrols:record_create"), {
        "point": points["village_b"].pk, "vehicle_type": "tricycle", "violation": "overload",
        "outcome": "educated"})
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert not PersuasionRecord.objects.exists()


def test_record_detail_edit_and_404(client, world, points):
    record = make_record(points["village_b"])
    assert _as(client, world, "village_a").get(
        reverse("patrols:record_detail", args=[record.pk])).status_code == 404
    c = _as(client, world, "village_b")
    assert "农用车载人" in c.get(reverse("patrols:record_detail", args=[record.pk])
                              ).content.decode()
    c.post(reverse("patrols:record_edit", args=[record.pk]), {
        "point": points["village_b"].pk, "vehicle_type": "motorcycle", "violation": "no_helmet",
        "outcome": "corrected"})
    record.refresh_from_db()
    assert (record.vehicle_type, record.outcome) == ("motorcycle", "corrected")


def test_exports_and_stats(client, world, points):
    make_record(points["grid_a"], vehicle_type="motorcycle", violation="no_helmet")
    make_record(points["village_b"])
    c = _as(client, world, "office")
    rows = _rows(c.get(reverse("patrols:record_export"), {"violation": "no_helmet"}))
    assert [(r[1], r[3], r[4]) for r in rows] == [("张一网格劝导点", "摩托车", "未戴头盔或防护")]
    assert {r[0] for r in _rows(c.get(reverse("patrols:point_export")))} == {
        "张一网格劝导点", "后关劝导点"}
    page = c.get(reverse("patrols:stats")).content.decode()
    assert "共劝导 2 起" in page
    rows = _rows(c.get(reverse("patrols:stats"), {"format": "xlsx"}))
    assert rows[-1][0] == "合计" and rows[-1][-1] == 2
    assert "共劝导 1 起" in _as(client, world, "village_b").get(
        reverse("patrols:stats")).content.decode()


def test_point_form(client, world):
    c = _as(client, world, "office")
    response = c.post(reverse("patrols:point_create"), {
        "name": "三岔口劝导点", "road": "县道", "region": world.village_a.pk,
        "staffed_by": "交管站2人", "is_active": "on"})
    assert response.status_code == 302
    assert _as(client, world, "village_b").get(response.url).status_code == 404


def test_forest_overview_shows_rangers_missing_today(client, world):
    a = make_ranger(world.village_a, name="甲护林员")
    make_ranger(world.village_b, name="乙护林员")
    services.checkin_create(actor=None, ranger=a, data={"place": "干山"})
    page = _as(client, world, "office").get(reverse("patrols:forest")).content.decode()
    missing = page.split('id="missing-rangers"')[1].split("</ul>")[0]
    assert "乙护林员" in missing and "甲护林员" not in missing
    page = _as(client, world, "village_a").get(reverse("patrols:forest")).content.decode()
    assert "乙护林员" not in page


def test_ranger_checks_in_from_the_phone_page(client, world):
    ranger = make_ranger(world.village_a)
    user = make_user("ranger1")
    user.person = ranger
    user.save(update_fields=["person"])
    client.force_login(user)
    assert client.get(reverse("patrols:forest")).status_code == 302  # to the check-in page
    page = client.get(reverse("patrols:checkin_create")).content.decode()
    assert f'value="{ranger.pk}" selected' in page
    # A ranger has no role, yet the menu leads to 森林防火 (and to nothing a role would give).
    menu = [i["url"] for i in client.get(reverse("home")).context["nav_items"]]
    assert reverse("patrols:forest") in menu
    assert reverse("patrols:record_list") not in menu
    client.post(reverse("patrols:checkin_create"), {"ranger": ranger.pk, "place": "方山片区",
                                                    "latitude": "34.712345",
                                                    "longitude": "111.123456"})
    checkin = PatrolCheckIn.objects.get()
    assert str(checkin.latitude) == "34.712345" and checkin.ranger == ranger
    assert client.get(reverse("patrols:checkin_detail", args=[checkin.pk])).status_code == 200


def test_checkin_list_export(client, world):
    ranger = make_ranger(world.village_a)
    services.checkin_create(actor=None, ranger=ranger, data={"place": "干山片区"})
    rows = _rows(_as(client, world, "village_a").get(reverse("patrols:checkin_export")))
    assert [(r[1], r[3]) for r in rows] == [("李护林", "干山片区")]
    assert _rows(_as(client, world, "village_b").get(reverse("patrols:checkin_export"))) == []


def test_fire_source_pages(client, world):
    c = _as(client, world, "village_a")
    found = timezone.localtime() - dt.timedelta(hours=2)
    response = c.post(reverse("patrols:fire_create"), {
        "found_at": found.strftime("%Y-%m-%dT%H:%M"), "place": "方山脚下",
        "region": world.village_a.pk, "kind": "burning", "description": "农户烧荒"})
    assert response.status_code == 302, response.content.decode()
    source = FireSource.objects.get()
    c.post(reverse("patrols:fire_handle", args=[source.pk]), {"handling": "扑灭并教育"})
    source.refresh_from_db()
    assert source.is_handled
    rows = _rows(c.get(reverse("patrols:fire_export"), {"handled": "true"}))
    assert [r[1] for r in rows] == ["方山脚下"]
    assert _as(client, world, "village_b").get(
        reverse("patrols:fire_detail", args=[source.pk])).status_code == 404


def test_checkpoint_pages(client, world):
    c = _as(client, world, "office")
    response = c.post(reverse("patrols:checkpoint_create"), {
        "name": "东山防火检查站", "region": world.village_a.pk, "location": "东山进山口",
        "is_active": "on"})
    assert response.status_code == 302
    assert "东山防火检查站" in c.get(reverse("patrols:checkpoint_list")).content.decode()
    assert [r[0] for r in _rows(c.get(reverse("patrols:checkpoint_export")))] == ["东山防火检查站"]


def test_record_list_filters_by_date_and_vehicle(client, world, points):
    make_record(points["grid_a"], vehicle_type="motorcycle", violation="no_helmet")
    make_record(points["grid_a"], recorded_at=timezone.now() - dt.timedelta(days=3))
    c = _as(client, world, "office")
    today = timezone.localdate().isoformat()
    rows = _rows(c.get(reverse("patrols:record_export"), {"date_from": today}))
    assert [r[3] for r in rows] == ["摩托车"]
    rows = _rows(c.get(reverse("patrols:record_export"), {"vehicle_type": "tricycle"}))
    assert [r[3] for r in rows] == ["三轮车"]
    page = c.get(reverse("patrols:record_list"), {"date_to": today}).content.decode()
    assert 'type="date"' in page
