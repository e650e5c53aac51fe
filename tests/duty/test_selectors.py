"""Reads of the roster: coverage (uncovered hours and overlaps), who is on duty now, what starts
in a window, and the open matters a shift hands over."""

import datetime as dt

from anjian.duty import selectors, services
from anjian.testing.duty import at, current_and_next, make_shift


def test_coverage_gaps_finds_uncovered_hours_and_overlapping_shifts(staff, day):
    w = staff
    a = make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1"])
    b = make_shift(w, at(day, 17, 0), at(day, 22), ["duty_2"], leader="leader_2")
    coverage = selectors.coverage_gaps(w.town, at(day, 0), at(day + dt.timedelta(days=1), 0))
    assert [(g.start, g.end) for g in coverage.gaps] == [
        (at(day, 0), at(day, 8, 30)), (at(day, 22), at(day + dt.timedelta(days=1), 0))]
    assert [(o.start, o.end, set(o.shifts)) for o in coverage.overlaps] == [
        (at(day, 17), at(day, 17, 30), {a, b})]
    assert coverage.gaps[0].hours == 8.5


def test_a_fully_covered_window_has_no_gaps(staff, day):
    w = staff
    make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1"])
    make_shift(w, at(day, 17, 30), at(day + dt.timedelta(days=1), 8, 30), ["duty_2"])
    coverage = selectors.coverage_gaps(w.town, at(day, 9), at(day + dt.timedelta(days=1), 8))
    assert coverage.gaps == [] and coverage.overlaps == [] and len(coverage.shifts) == 2


def test_an_empty_roster_is_one_gap(staff, day):
    coverage = selectors.coverage_gaps(staff.town, at(day, 0), at(day, 12))
    assert [(g.start, g.end) for g in coverage.gaps] == [(at(day, 0), at(day, 12))]


def test_on_duty_now_next_shift_and_shifts_starting(staff):
    w = staff
    first, second = current_and_next(w)
    assert selectors.on_duty_now(w.town) == [first]
    assert selectors.on_duty_now(w.town, first.end) == [second]
    assert selectors.on_duty_now(w.town_b) == []
    assert selectors.next_shift(w.town) == second
    assert selectors.shifts_starting(w.town, first.end, first.end + dt.timedelta(hours=1)) == [second]
    assert selectors.shifts_starting(w.town, first.start + dt.timedelta(minutes=1), first.end) == []


def test_open_entries_include_those_carried_over(staff, day):
    w = staff
    one = make_shift(w, at(day, 8), at(day, 17), ["duty_1"])
    two = make_shift(w, at(day, 17), at(day, 23), ["duty_2"], leader="leader_2")
    office = w.users["office"]
    open_one = services.log_entry_create(actor=office, shift=one, data={
        "received_at": at(day, 9), "kind": "call", "source": "村民", "content": "路面塌陷"})
    services.log_entry_create(actor=office, shift=one, data={
        "received_at": at(day, 10), "kind": "call", "source": "村民", "content": "咨询",
        "handling": "已答复", "closed": True})
    assert list(selectors.open_entries(one)) == [open_one]
    services.handover_create(actor=office, from_shift=one, to_shift=two, data={
        "summary": "平稳", "handed_over_by": w.people["duty_1"],
        "taken_over_by": w.people["duty_2"], "handed_over_at": at(day, 17)},
        carried_entries=[open_one])
    assert list(selectors.open_entries(two)) == [open_one]
