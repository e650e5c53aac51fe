import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from anjian.testing.training import make_activity, make_session
from anjian.training.models import PublicityActivity, TrainingSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(world):
    return {
        "town": make_session(world.town, topic="全镇开工第一课", attendance_count=1000),
        "village_a": make_session(world.village_a, topic="张一村干部培训"),
        "village_b": make_session(world.village_b, topic="后关村群众培训"),
        "shop_a": make_session(unit=world.units["shop_a"], topic="超市三级安全教育",
                               kind="three_level",
                               attendances=[{"name": "王强", "role": "principal",
                                             "unit": world.units["shop_a"]}]),
        "other_town": make_session(world.village_c, topic="七里村培训"),
    }


def _client(client, world, name):
    client.force_login(world.users[name])
    return client


@pytest.mark.parametrize(("name", "visible"), [
    ("office", {"town", "village_a", "village_b", "shop_a"}),
    ("leader", {"town", "village_a", "village_b", "shop_a"}),
    ("agency", {"town", "village_a", "village_b", "shop_a"}),
    ("village_a", {"village_a", "shop_a"}),
    ("village_b", {"village_b"}),
    ("enterprise_a", {"shop_a"}),
    ("grid_a", set()),
    ("office_b", {"other_town"}),
])
def test_each_role_sees_the_trainings_of_its_scope(client, world, ledger, name, visible):
    response = _client(client, world, name).get(reverse("training:session_list"))
    if name == "grid_a":
        assert response.status_code == 200 and "没有符合条件的培训记录" in response.content.decode()
        return
    page = response.content.decode()
    for key, session in ledger.items():
        assert (session.topic in page) == (key in visible), key


def test_detail_outside_scope_is_404(client, world, ledger):
    c = _client(client, world, "village_a")
    assert c.get(reverse("training:session_detail", args=[ledger["village_a"].pk])
                 ).status_code == 200
    assert c.get(reverse("training:session_detail", args=[ledger["village_b"].pk])
                 ).status_code == 404
    assert c.get(reverse("training:session_edit", args=[ledger["town"].pk])).status_code == 404


def test_office_creates_a_training_from_the_form(client, world):
    c = _client(client, world, "office")
    response = c.post(reverse("training:session_create"), {
        "held_on": timezone.localdate().isoformat(), "topic": "消防实操", "kind": "fire_drill",
        "region": world.village_a.pk, "hours": "2", "attendance_count": "30",
        "roster": "王强，主要负责人\n李明"})
    session = TrainingSession.objects.get(topic="消防实操")
    assert response.status_code == 302
    assert list(session.attendances.values_list("name", "role")) == [
        ("王强", "principal"), ("李明", "worker")]


def test_form_shows_chinese_errors(client, world):
    c = _client(client, world, "office")
    response = c.post(reverse("training:session_create"), {
        "held_on": timezone.localdate().isoformat(), "topic": "x", "kind": "special",
        "hours": "2", "attendance_count": "1", "region": world.town.pk, "roster": "甲\n乙"})
    assert "少于签到名单人数" in response.content.decode()
    response = c.post(reverse("training:session_create"), {
        "held_on": timezone.localdate().isoformat(), "topic": "x", "kind": "special",
        "hours": "2", "attendance_count": "1", "roster": "甲，厂长"})
    page = response.content.decode()
    assert "不是有效的人员类别" in page and "请选择组织培训的区划或单位" in page


def test_leader_may_not_open_the_form(client, world):
    assert _client(client, world, "leader").get(reverse("training:session_create")
                                                ).status_code == 403


def test_attendee_added_on_the_detail_page(client, world, ledger):
    c = _client(client, world, "office")
    session = ledger["town"]
    c.post(reverse("training:attendance_add", args=[session.pk]),
           {"name": "赵六", "role": "safety_manager", "hours": "2"})
    assert session.attendances.filter(name="赵六", role="safety_manager").exists()


def test_export_reads_back_the_filtered_rows(client, world, ledger):
    c = _client(client, world, "office")
    response = c.get(reverse("training:session_export"), {"kind": "three_level"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in rows] == ["超市三级安全教育"]
    assert rows[0][3] == "张一便民超市" and rows[0][9] == 1


def test_compliance_page_and_export(client, world, ledger):
    from anjian.units.services import unit_create

    unit = unit_create(actor=None, data={"name": "张一机械厂", "category": "enterprise",
                                         "subcategory": "machinery", "region": world.village_a})
    make_session(unit=unit)
    c = _client(client, world, "office")
    page = c.get(reverse("training:compliance")).content.decode()
    assert "张一机械厂" in page and "✓" in page
    response = c.get(reverse("training:compliance"), {"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    row = next(book.active.iter_rows(min_row=3, values_only=True))
    assert row[0] == "张一机械厂" and row[timezone.localdate().month + 1] == "✓"
    assert "张一机械厂" not in _client(client, world, "village_b").get(
        reverse("training:compliance")).content.decode()


def test_hours_page_and_archives(client, world, ledger):
    c = _client(client, world, "office")
    assert "王强" in c.get(reverse("training:hours")).content.decode()
    response = c.get(reverse("training:hours"), {"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert next(book.active.iter_rows(min_row=3, values_only=True))[0] == "王强"
    page = c.get(reverse("training:unit_archive", args=[world.units["shop_a"].pk])
                 ).content.decode()
    assert "超市三级安全教育" in page
    assert _client(client, world, "village_b").get(
        reverse("training:unit_archive", args=[world.units["shop_a"].pk])).status_code == 404
    person = world.people["secretary_a"]
    make_session(world.village_a, topic="书记培训", attendances=[{"person": person,
                                                                 "role": "cadre"}])
    page = _client(client, world, "office").get(
        reverse("training:person_archive", args=[person.pk])).content.decode()
    assert "书记培训" in page


def test_publicity_pages(client, world):
    activity = make_activity(world.village_a, title="安全生产月咨询", kind="safety_month",
                             held_on=dt.date(timezone.localdate().year, 6, 16),
                             materials=[{"name": "宣传册", "quantity": 870}])
    make_activity(world.village_b, title="后关村大喇叭", kind="loudspeaker")
    c = _client(client, world, "village_a")
    page = c.get(reverse("training:activity_list")).content.decode()
    assert "安全生产月咨询" in page and "后关村大喇叭" not in page
    assert "870" in c.get(reverse("training:activity_detail", args=[activity.pk])
                          ).content.decode()
    calendar = c.get(reverse("training:calendar")).content.decode()
    assert "安全生产月" in calendar and "安全生产月咨询" in calendar
    response = c.get(reverse("training:activity_export"))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(min_row=3, values_only=True))
    assert [(r[1], r[9]) for r in rows] == [("安全生产月咨询", 870)]


def test_activity_form_with_materials(client, world):
    c = _client(client, world, "village_a")
    c.post(reverse("training:activity_create"), {
        "held_on": timezone.localdate().isoformat(), "kind": "village_meeting",
        "title": "群众大会", "region": world.village_a.pk, "participants": "120",
        "households": "0", "materials_text": "安全生产知识宣传册 200\n防火手册 50"})
    activity = PublicityActivity.objects.get(title="群众大会")
    assert sorted(activity.materials.values_list("quantity", flat=True)) == [50, 200]
    response = c.post(reverse("training:activity_create"), {
        "held_on": timezone.localdate().isoformat(), "kind": "village_meeting",
        "title": "坏资料", "region": world.village_a.pk, "participants": "1", "households": "0",
        "materials_text": "宣传册 很多"})
    assert "格式不对" in response.content.decode()


def test_push_page_sends_and_records(client, world):
    c = _client(client, world, "office")
    response = c.post(reverse("training:push"), {
        "villages": [world.village_a.pk, world.village_b.pk], "title": "森林防火提示",
        "message": "严禁野外用火"})
    assert response.status_code == 302
    assert PublicityActivity.objects.filter(kind="group_push").count() == 2
    assert _client(client, world, "grid_a").get(reverse("training:push")).status_code == 200
