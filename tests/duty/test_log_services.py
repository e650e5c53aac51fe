"""The duty log and the handover: what the services accept, refuse and journal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anjian.core.journal import entries_for
from anjian.duty import services
from anjian.duty.models import DutyHandover
from anjian.testing.duty import at, make_shift


@pytest.fixture
def shifts(staff, day):
    w = staff
    return (make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1", "duty_2"]),
            make_shift(w, at(day, 17, 30), at(day, 23), ["duty_3"], leader="leader_2"))


def _call(day, **extra):
    return {"received_at": at(day, 10, 5), "kind": "call", "source": "张一村村民王某",
            "source_phone": "13700000000", "content": "反映废弃坑口护栏倒塌", **extra}


def test_a_call_is_logged_on_its_shift_and_journaled(staff, shifts, day):
    entry = services.log_entry_create(actor=staff.users["office"], shift=shifts[0],
                                      data=_call(day))
    assert entry.logged_by == staff.users["office"] and not entry.closed and entry.closed_at is None
    assert entries_for(entry).get().action == "create"


def test_the_call_must_be_received_during_the_shift(staff, shifts, day):
    with pytest.raises(ValidationError) as exc:
        services.log_entry_create(actor=staff.users["office"], shift=shifts[0],
                                  data=_call(day, received_at=at(day, 7)))
    assert "接报时间须在本班次时段内" in exc.value.message_dict["received_at"][0]


def test_closing_an_entry_needs_how_it_was_handled(staff, shifts, day):
    office = staff.users["office"]
    with pytest.raises(ValidationError) as exc:
        services.log_entry_create(actor=office, shift=shifts[0], data=_call(day, closed=True))
    assert "办结时须填写处理情况" in exc.value.message_dict["handling"]
    entry = services.log_entry_create(actor=office, shift=shifts[0], data=_call(day))
    entry = services.log_entry_update(actor=office, entry=entry, data={
        "handling": "通知村支书设置警示带", "notified": "张建国", "closed": True})
    assert entry.closed and entry.closed_at is not None
    assert entries_for(entry).filter(action="update").get().changes["closed"] == [False, True]


def test_only_the_office_of_the_town_may_log(staff, shifts, day):
    for name in ("leader", "village_a", "office_b"):
        with pytest.raises(PermissionDenied):
            services.log_entry_create(actor=staff.users[name], shift=shifts[0], data=_call(day))


def _handover(w, day, **extra):
    return {"summary": "本班接报1起", "open_matters": "护栏待修复",
            "handed_over_by": w.people["duty_1"], "taken_over_by": w.people["duty_3"],
            "handed_over_at": at(day, 17, 30), **extra}


def test_a_shift_hands_over_its_open_entries_once(staff, shifts, day):
    w = staff
    office = w.users["office"]
    entry = services.log_entry_create(actor=office, shift=shifts[0], data=_call(day))
    handover = services.handover_create(actor=office, from_shift=shifts[0], to_shift=shifts[1],
                                        data=_handover(w, day), carried_entries=[entry])
    assert list(handover.carried_entries.all()) == [entry] and handover.recorded_by == office
    assert entries_for(handover).get().changes["carried_entries"] == [None, [entry.pk]]
    with pytest.raises(ValidationError) as exc:
        services.handover_create(actor=office, from_shift=shifts[0], to_shift=shifts[1],
                                 data=_handover(w, day))
    assert "该班次已交班，不能重复交班" in exc.value.message_dict["from_shift"]


def test_the_people_handing_over_must_be_on_the_shifts(staff, shifts, day):
    w = staff
    with pytest.raises(ValidationError) as exc:
        services.handover_create(actor=w.users["office"], from_shift=shifts[0],
                                 to_shift=shifts[1], data=_handover(
                                     w, day, handed_over_by=w.people["duty_3"],
                                     taken_over_by=w.people["duty_1"], summary=""))
    assert set(exc.value.message_dict) == {"handed_over_by", "taken_over_by", "summary"}
    assert not DutyHandover.objects.exists()


def test_a_closed_entry_or_another_shifts_entry_cannot_be_carried_over(staff, shifts, day):
    w = staff
    office = w.users["office"]
    closed = services.log_entry_create(actor=office, shift=shifts[0], data=_call(
        day, handling="已处理", closed=True))
    later = services.log_entry_create(actor=office, shift=shifts[1], data=_call(
        day, received_at=at(day, 18)))
    for entry in (closed, later):
        with pytest.raises(ValidationError) as exc:
            services.handover_create(actor=office, from_shift=shifts[0], to_shift=shifts[1],
                                     data=_handover(w, day), carried_entries=[entry])
        assert "carried_entries" in exc.value.message_dict


def test_a_shift_cannot_hand_over_to_itself_or_an_earlier_one(staff, shifts, day):
    w = staff
    with pytest.raises(ValidationError) as exc:
        services.handover_create(actor=w.users["office"], from_shift=shifts[1],
                                 to_shift=shifts[0], data=_handover(
                                     w, day, handed_over_by=w.people["duty_3"],
                                     taken_over_by=w.people["duty_1"],
                                     handed_over_at=at(day, 23)))
    assert "接班班次不能早于交班班次" in exc.value.message_dict["to_shift"]


def test_someone_on_the_shift_logs_and_hands_over_whatever_their_role(staff, shifts, day):
    """A staff member on duty holds no role over the log, yet logs calls on their own shift,
    closes them and hands the shift over; on a shift they are not on they may not."""
    from anjian.testing.world import make_user

    user = make_user("duty_1_login")
    user.person = staff.people["duty_1"]
    user.save(update_fields=["person"])
    assert services.may_log_on(user, shifts[0]) and not services.may_log_on(user, shifts[1])
    entry = services.log_entry_create(actor=user, shift=shifts[0], data=_call(day))
    entry = services.log_entry_update(actor=user, entry=entry, data={
        "handling": "通知村支书设置警示带", "closed": True})
    assert entry.closed and entry.logged_by == user
    handover = services.handover_create(actor=user, from_shift=shifts[0], to_shift=shifts[1],
                                        data=_handover(staff, day))
    assert handover.recorded_by == user and entries_for(handover).get().actor == user
    with pytest.raises(PermissionDenied):
        services.log_entry_create(actor=user, shift=shifts[1], data=_call(day))
