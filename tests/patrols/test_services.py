import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from anjian.accounts.choices import Duty
from anjian.core.journal import entries_for
from anjian.patrols import selectors, services
from anjian.patrols.models import PatrolCheckIn
from anjian.testing.patrols import make_point, make_ranger, make_record
from anjian.testing.world import make_user

pytestmark = pytest.mark.django_db


def test_record_takes_the_points_region_and_now(world):
    point = make_point(world.grid_a, actor=world.users["office"])
    record = make_record(point, actor=world.users["grid_a"])
    assert record.region == world.grid_a
    assert abs((timezone.now() - record.recorded_at).total_seconds()) < 60
    assert entries_for(record).filter(action="create").exists()


def test_grid_worker_cannot_record_at_a_point_outside_the_grid(world):
    point = make_point(world.village_b)
    with pytest.raises(PermissionDenied):
        make_record(point, actor=world.users["grid_a"])


def test_agency_staffs_points(world):
    point = make_point(world.town, actor=world.users["agency"])
    make_record(point, actor=world.users["agency"], vehicle_type="motorcycle",
                violation="no_helmet")


def test_a_stopped_point_or_a_future_time_is_refused(world):
    point = make_point(world.town)
    with pytest.raises(ValidationError) as exc:
        make_record(point, recorded_at=timezone.now() + dt.timedelta(hours=2))
    assert "不能晚于现在" in str(exc.value)
    services.point_update(actor=world.users["office"], point=point, data={"is_active": False})
    with pytest.raises(ValidationError) as exc:
        make_record(point)
    assert "已停用" in str(exc.value)


def test_record_update_journals(world):
    record = make_record(make_point(world.town))
    services.record_update(actor=world.users["office"], record=record,
                           data={"violation": "overload"})
    entry = entries_for(record).filter(action="update").first()
    assert entry.changes["violation"] == ["farm_passengers", "overload"]


def test_stats_count_vehicle_type_by_violation(world):
    point = make_point(world.village_a)
    for vehicle, violation in [("tricycle", "farm_passengers"), ("tricycle", "farm_passengers"),
                               ("motorcycle", "no_helmet"), ("farm_vehicle", "overload")]:
        make_record(point, vehicle_type=vehicle, violation=violation)
    make_record(make_point(world.village_c, name="七里村劝导点"), vehicle_type="motorcycle",
                violation="no_licence")
    today = timezone.localdate()
    stats = selectors.persuasion_stats(world.town, today, today)
    assert stats.total == 4
    assert stats.cells == {("tricycle", "farm_passengers"): 2, ("motorcycle", "no_helmet"): 1,
                           ("farm_vehicle", "overload"): 1}
    tricycle = dict((label, total) for label, _cells, total in stats.rows())
    assert tricycle["三轮车"] == 2
    assert sum(stats.column_totals()) == 4
    yesterday = today - dt.timedelta(days=1)
    assert selectors.persuasion_stats(world.town, yesterday, yesterday).total == 0


def test_ranger_checks_in_themself(world):
    ranger = make_ranger(world.village_a)
    user = make_user("ranger_login")
    user.person = ranger
    user.save(update_fields=["person"])
    checkin = services.checkin_create(actor=user, ranger=ranger,
                                      data={"place": "干山片区", "latitude": "34.7", "longitude":
                                            "111.2"})
    assert checkin.region == world.village_a and checkin.created_by == user
    other = make_ranger(world.village_a, name="王护林")
    with pytest.raises(PermissionDenied):
        services.checkin_create(actor=user, ranger=other, data={"place": "方山"})


def test_village_records_for_its_rangers_only(world):
    mine, theirs = make_ranger(world.village_a), make_ranger(world.village_b, name="外村护林员")
    services.checkin_create(actor=world.users["village_a"], ranger=mine, data={"place": "山口"})
    with pytest.raises(PermissionDenied):
        services.checkin_create(actor=world.users["village_a"], ranger=theirs,
                                data={"place": "山口"})


def test_only_rangers_check_in(world):
    with pytest.raises(ValidationError) as exc:
        services.checkin_create(actor=world.users["office"], ranger=world.people["secretary_a"],
                                data={"place": "山口"})
    assert "护林员" in str(exc.value)


def test_rangers_missing_today(world):
    a, b = make_ranger(world.village_a), make_ranger(world.village_b, name="赵护林")
    make_ranger(world.village_c, name="外镇护林员")
    retired = make_ranger(world.village_a, name="退休护林员")
    retired.is_active = False
    retired.save(update_fields=["is_active"])
    assert Duty.FOREST_RANGER == a.duty
    services.checkin_create(actor=None, ranger=a, data={"place": "山口"})
    today = timezone.localdate()
    assert list(selectors.rangers_missing(world.town, today)) == [b]
    yesterday = today - dt.timedelta(days=1)
    assert set(selectors.rangers_missing(world.town, yesterday)) == {a, b}
    assert PatrolCheckIn.objects.count() == 1


def test_fire_source_is_handled_once(world):
    source = services.fire_source_create(actor=world.users["village_a"], data={
        "region": world.village_a, "found_at": timezone.now() - dt.timedelta(hours=1),
        "place": "干山脚下", "kind": "ritual"})
    services.fire_source_handle(actor=world.users["village_a"], source=source,
                                handling="当场扑灭并教育")
    source.refresh_from_db()
    assert source.is_handled
    with pytest.raises(ValidationError) as exc:
        services.fire_source_handle(actor=world.users["village_a"], source=source,
                                    handling="再次")
    assert "已于" in str(exc.value)


def test_fire_source_rules(world):
    found = timezone.now() - dt.timedelta(hours=1)
    with pytest.raises(ValidationError) as exc:
        services.fire_source_create(actor=None, data={
            "region": world.town, "found_at": found, "place": "x", "kind": "burning",
            "handled_at": found - dt.timedelta(hours=1), "handling": "扑灭"})
    assert "不能早于发现时间" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        services.fire_source_create(actor=None, data={
            "region": world.town, "found_at": found, "place": "x", "kind": "burning",
            "handled_at": found})
    assert "请填写处置情况" in str(exc.value)
    with pytest.raises(PermissionDenied):
        services.fire_source_create(actor=world.users["village_a"], data={
            "region": world.village_b, "found_at": found, "place": "x", "kind": "burning"})


def test_checkpoint_create_and_update(world):
    cp = services.checkpoint_create(actor=world.users["office"], data={
        "region": world.village_a, "name": "东山防火检查站", "location": "东山进山路口"})
    services.checkpoint_update(actor=world.users["office"], checkpoint=cp,
                               data={"staffed_by": "护林员2名"})
    assert entries_for(cp).filter(action="update").exists()
    with pytest.raises(PermissionDenied):
        services.checkpoint_create(actor=world.users["leader"], data={
            "region": world.town, "name": "x", "location": "y"})
