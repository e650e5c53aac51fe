import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from anjian.core.journal import entries_for
from anjian.notify.models import Notification
from anjian.testing.training import make_activity, make_session
from anjian.training import services
from anjian.training.models import Attendance, PublicityActivity, TrainingSession

pytestmark = pytest.mark.django_db


def test_office_records_a_town_training_with_its_sign_in_list(world):
    session = make_session(world.town, actor=world.users["office"], attendance_count=3,
                           attendances=[{"name": "王强", "role": "principal"},
                                        {"name": "李明", "role": "new_worker"}])
    assert session.region == world.town and session.unit is None
    assert list(session.attendances.values_list("name", "hours")) == [
        ("王强", session.hours), ("李明", session.hours)]
    assert entries_for(session).filter(action="create").exists()
    assert entries_for(Attendance.objects.first()).exists()


def test_a_count_below_the_sign_in_list_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_session(world.town, actor=world.users["office"], attendance_count=1,
                     attendances=[{"name": "甲"}, {"name": "乙"}])
    assert "少于签到名单人数" in str(exc.value)
    assert not TrainingSession.objects.exists()


def test_a_training_in_the_future_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_session(world.town, actor=world.users["office"],
                     held_on=timezone.localdate() + dt.timedelta(days=2))
    assert "培训日期不能晚于今天" in str(exc.value)


def test_enterprise_records_its_own_units_training(world):
    unit = world.units["shop_a"]
    session = make_session(unit=unit, actor=world.users["enterprise_a"], kind="three_level")
    assert session.unit == unit and session.region == unit.region


def test_enterprise_cannot_record_a_training_of_another_unit(world):
    with pytest.raises(PermissionDenied):
        make_session(unit=world.units["shop_b"], actor=world.users["enterprise_a"])


def test_village_cannot_record_in_another_village(world):
    with pytest.raises(PermissionDenied):
        make_session(world.village_b, actor=world.users["village_a"])
    make_session(world.village_a, actor=world.users["village_a"])


def test_leader_only_reads(world):
    with pytest.raises(PermissionDenied):
        make_session(world.town, actor=world.users["leader"])


def test_adding_attendees_grows_the_count_and_journals_it(world):
    session = make_session(world.town, actor=world.users["office"], attendance_count=1)
    services.attendance_add(actor=world.users["office"], session=session,
                            data={"name": "张三", "role": "worker"})
    services.attendance_add(actor=world.users["office"], session=session,
                            data={"name": "李四", "role": "worker"})
    session.refresh_from_db()
    assert session.attendance_count == 2
    assert entries_for(session).filter(action="update").exists()


def test_attendee_hours_may_not_exceed_the_session(world):
    session = make_session(world.town, actor=world.users["office"], hours=2)
    with pytest.raises(ValidationError) as exc:
        services.attendance_add(actor=world.users["office"], session=session,
                                data={"name": "张三", "hours": 3})
    assert "不能超过本次培训学时" in str(exc.value)


def test_update_journals_the_change(world):
    session = make_session(world.town, actor=world.users["office"])
    services.session_update(actor=world.users["office"], session=session,
                            data={"topic": "消防安全培训"})
    entry = entries_for(session).filter(action="update").first()
    assert entry.changes["topic"][1] == "消防安全培训"


def test_participating_units_outside_scope_are_refused(world):
    with pytest.raises(ValidationError):
        make_session(world.village_a, actor=world.users["village_a"],
                     participating_units=[world.units["shop_b"]])


def test_activity_keeps_its_materials(world):
    activity = make_activity(world.village_a, actor=world.users["village_a"],
                             materials=[{"name": "安全生产知识宣传册", "quantity": 870},
                                        {"name": "工作手册", "quantity": 1236}])
    assert sorted(activity.materials.values_list("quantity", flat=True)) == [870, 1236]
    services.activity_update(actor=world.users["village_a"], activity=activity, data={},
                             materials=[{"name": "宣传单", "quantity": 50}])
    assert list(activity.materials.values_list("name", "quantity")) == [("宣传单", 50)]
    assert "materials" in entries_for(activity).filter(action="update").first().changes


def test_activity_material_without_quantity_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        make_activity(world.town, actor=world.users["office"],
                      materials=[{"name": "宣传册", "quantity": 0}])
    assert "数量须为正整数" in str(exc.value)


def test_grid_worker_records_a_door_to_door_visit_in_their_grid(world):
    activity = make_activity(world.grid_a, actor=world.users["grid_a"], households=25)
    assert activity.households == 25
    with pytest.raises(PermissionDenied):
        make_activity(world.village_a, actor=world.users["grid_a"])


def test_push_sends_to_the_villages_users_and_records_an_activity(world):
    done = services.publicity_push(actor=world.users["office"], villages=[world.village_a],
                                   title="防溺水安全提示", message="暑期请看护好孩子，不到水库游泳。",
                                   held_on=timezone.localdate())
    assert len(done) == 1
    activity = done[0]
    got = set(Notification.objects.filter(key=f"publicity:{activity.pk}")
              .values_list("recipient__username", flat=True))
    assert got == {"village_a", "grid_a"}
    assert activity.recipients == 2 and activity.kind == "group_push"
    assert PublicityActivity.objects.get(pk=activity.pk).message.startswith("暑期")


def test_push_to_a_village_outside_scope_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.publicity_push(actor=world.users["village_a"], villages=[world.village_b],
                                title="提示", message="内容", held_on=timezone.localdate())
    assert not Notification.objects.exists()
