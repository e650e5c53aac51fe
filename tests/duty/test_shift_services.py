"""Shifts of the roster: the rules of shift_create, shift_update, shift_delete and the generator."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anjian.core.journal import entries_for
from anjian.duty import services
from anjian.duty.models import DutyShift
from anjian.testing.duty import at, make_shift


def test_a_shift_is_created_with_its_people_and_leader_and_journaled(staff, day):
    w = staff
    shift = make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1", "duty_2"],
                       actor=w.users["office"])
    assert set(shift.people.values_list("name", flat=True)) == {"刘值守", "陈守夜"}
    assert shift.leader == w.people["leader"] and shift.created_by == w.users["office"]
    entry = entries_for(shift).get()
    assert entry.action == "create" and entry.actor == w.users["office"]
    assert sorted(entry.changes["people"][1]) == sorted([w.people["duty_1"].pk, w.people["duty_2"].pk])


def test_the_end_must_come_after_the_start(staff, day):
    with pytest.raises(ValidationError) as exc:
        make_shift(staff, at(day, 17, 30), at(day, 8, 30), ["duty_1"])
    assert "结束时间须晚于开始时间" in exc.value.message_dict["end"][0]


def test_a_shift_needs_people_and_a_leader(staff, day):
    with pytest.raises(ValidationError) as exc:
        services.shift_create(actor=None, data={"region": staff.town, "start": at(day, 8),
                                                "end": at(day, 9), "people": [], "leader": None})
    assert set(exc.value.message_dict) == {"people", "leader"}


def test_a_person_cannot_be_on_two_overlapping_shifts(staff, day):
    w = staff
    first = make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1", "duty_2"])
    with pytest.raises(ValidationError) as exc:
        make_shift(w, at(day, 17, 0), at(day + dt.timedelta(days=1), 8, 30), ["duty_2", "duty_3"],
                   leader="leader_2")
    message = exc.value.message_dict["people"][0]
    assert "陈守夜" in message and "西张村镇" in message and str(first) in message
    assert DutyShift.objects.count() == 1


def test_the_leader_on_duty_counts_too(staff, day):
    w = staff
    make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1"], leader="leader")
    with pytest.raises(ValidationError) as exc:
        make_shift(w, at(day, 12), at(day, 20), ["leader"], leader="leader_2")
    assert "燕生" in exc.value.message_dict["people"][0]


def test_touching_shifts_do_not_overlap(staff, day):
    w = staff
    make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1"])
    second = make_shift(w, at(day, 17, 30), at(day + dt.timedelta(days=1), 8, 30), ["duty_1"])
    assert second.pk


def test_people_must_belong_to_the_town(staff, day):
    w = staff
    with pytest.raises(ValidationError) as exc:
        services.shift_create(actor=None, data={
            "region": w.town_b, "start": at(day, 8), "end": at(day, 17),
            "people": [w.people["duty_1"]], "leader": w.people["leader"]})
    assert "刘值守不是观音堂镇的人员" in exc.value.message_dict["people"]


def test_the_region_must_be_a_town(staff, day):
    with pytest.raises(ValidationError) as exc:
        make_shift(staff, at(day, 8), at(day, 17), ["duty_1"], region=staff.village_a)
    assert "region" in exc.value.message_dict


def test_an_office_cannot_add_a_shift_in_another_town(staff, day):
    w = staff
    with pytest.raises(PermissionDenied):
        make_shift(w, at(day, 8), at(day, 17), ["duty_1"], actor=w.users["office_b"])
    with pytest.raises(PermissionDenied):
        make_shift(w, at(day, 8), at(day, 17), ["duty_1"], actor=w.users["leader"])


def test_updating_a_shift_checks_against_the_others_but_not_itself(staff, day):
    w = staff
    shift = make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1"])
    make_shift(w, at(day, 17, 30), at(day, 23), ["duty_2"], leader="leader_2")
    updated = services.shift_update(actor=w.users["office"], shift=shift,
                                    data={"end": at(day, 17, 0)})
    assert updated.end == at(day, 17, 0)
    with pytest.raises(ValidationError) as exc:
        services.shift_update(actor=w.users["office"], shift=shift,
                              data={"people": [w.people["duty_1"], w.people["duty_2"]],
                                    "end": at(day, 18)})
    assert "陈守夜" in exc.value.message_dict["people"][0]
    assert entries_for(shift).filter(action="update").get().changes["end"]


def test_a_shift_with_log_entries_cannot_be_deleted(staff, day):
    w = staff
    shift = make_shift(w, at(day, 8), at(day, 17), ["duty_1"])
    services.log_entry_create(actor=w.users["office"], shift=shift, data={
        "received_at": at(day, 9), "kind": "call", "source": "张三", "content": "报告"})
    with pytest.raises(ValidationError):
        services.shift_delete(actor=w.users["office"], shift=shift)
    empty = make_shift(w, at(day, 18), at(day, 20), ["duty_2"])
    services.shift_delete(actor=w.users["office"], shift=empty)
    assert not DutyShift.objects.filter(pk=empty.pk).exists()
    assert entries_for(empty).filter(action="delete").exists()


def test_the_generator_fills_day_and_night_shifts_with_rotating_staff_and_leaders(staff, day):
    w = staff
    result = services.shifts_generate(
        actor=w.users["office"], region=w.town, first_day=day, last_day=day + dt.timedelta(days=2),
        staff=[w.people["duty_1"], w.people["duty_2"], w.people["duty_3"]],
        leaders=[w.people["leader"], w.people["leader_2"]], per_shift=1)
    assert len(result.created) == 6 and result.skipped == 0
    shifts = list(DutyShift.objects.order_by("start"))
    assert shifts[0].start == at(day, 8, 30) and shifts[0].end == at(day, 17, 30)
    assert shifts[1].end == at(day + dt.timedelta(days=1), 8, 30)
    assert [s.people.get().name for s in shifts[:4]] == ["刘值守", "陈守夜", "马接班", "刘值守"]
    assert [s.leader.name for s in shifts[::2]] == ["燕生", "钱镇长", "燕生"]


def test_the_generator_skips_covered_slots_and_refuses_the_whole_period_on_an_error(staff, day):
    w = staff
    make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_3"], leader="leader_2")
    result = services.shifts_generate(
        actor=None, region=w.town, first_day=day, last_day=day,
        staff=[w.people["duty_1"]], leaders=[w.people["leader"]], per_shift=1)
    assert len(result.created) == 1 and result.skipped == 1
    before = DutyShift.objects.count()
    w.people["duty_2"].is_active = False  # left the office: the second slot of the period fails
    w.people["duty_2"].save(update_fields=["is_active"])
    with pytest.raises(ValidationError) as exc:
        services.shifts_generate(
            actor=None, region=w.town, first_day=day + dt.timedelta(days=1),
            last_day=day + dt.timedelta(days=2), staff=[w.people["duty_1"], w.people["duty_2"]],
            leaders=[w.people["leader"]], per_shift=1)
    assert "陈守夜已不在岗" in exc.value.message_dict["people"]
    assert DutyShift.objects.count() == before  # the first slot was rolled back with the rest
