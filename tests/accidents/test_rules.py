"""The pure rules: Order 493 grades (every vector of domain.md §1.1), the GB 6441 lists and their
switch on 2026-07-01, the timeline's deadlines and the year-over-year arithmetic."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anjian.accidents import rules

W = 10_000  # yuan per 万元


@pytest.mark.parametrize(("deaths", "serious", "loss_wan", "expected"), [
    (2, 9, 999, "ordinary"),
    (3, 0, 0, "relatively_serious"),
    (0, 10, 0, "relatively_serious"),
    (0, 0, 1000, "relatively_serious"),
    (9, 49, 4999, "relatively_serious"),
    (10, 0, 0, "serious"),
    (0, 0, 5000, "serious"),
    (29, 99, 9999, "serious"),
    (30, 0, 0, "extraordinary"),
    (0, 100, 0, "extraordinary"),
    (0, 0, 10000, "extraordinary"),
    (1, 60, 100, "serious"),
    (0, 50, 0, "serious"),
    (0, 0, 0, "ordinary"),
])
def test_grade_matches_every_vector_of_order_493(deaths, serious, loss_wan, expected):
    assert rules.grade(deaths, serious, Decimal(loss_wan * W)) == expected


def test_loss_just_below_ten_million_yuan_is_ordinary():
    assert rules.grade(0, 0, Decimal("9999999.99")) == "ordinary"
    assert rules.grade(0, 0, Decimal("10000000")) == "relatively_serious"


def test_negative_figures_are_refused():
    with pytest.raises(ValueError):
        rules.grade(-1, 0, 0)


figures = st.tuples(st.integers(0, 200), st.integers(0, 300),
                    st.decimals(0, 3 * 10**8, places=2, allow_nan=False, allow_infinity=False))


@settings(deadline=None)  # a shared, busy machine: no per-example time limit
@given(figures, st.sampled_from([0, 1, 2]), st.integers(0, 500))
def test_grade_never_falls_when_one_figure_rises(base, which, extra):
    values = list(base)
    before = rules.grade_rank(rules.grade(*values))
    values[which] = values[which] + extra
    assert rules.grade_rank(rules.grade(*values)) >= before


@settings(deadline=None)
@given(figures)
def test_grade_is_the_highest_grade_of_any_single_dimension(base):
    deaths, serious, loss = base
    single = max(rules.grade_rank(rules.grade(deaths, 0, 0)),
                 rules.grade_rank(rules.grade(0, serious, 0)),
                 rules.grade_rank(rules.grade(0, 0, loss)))
    assert rules.grade_rank(rules.grade(deaths, serious, loss)) == single


def test_both_type_lists_are_kept_in_order():
    assert len(rules.GB6441_1986) == 20
    assert rules.GB6441_1986[0] == ("01", "物体打击")
    assert rules.GB6441_1986[-1] == ("20", "其他伤害")
    assert len(rules.GB6441_2025) == 27
    assert rules.GB6441_2025[2] == ("3", "道路（轨道）车辆致害")
    assert rules.GB6441_2025[-1] == ("27", "其他（事故）")
    # The lists share codes 10–20: a code alone does not say which list it is from.
    assert set(dict(rules.GB6441_1986)) & set(dict(rules.GB6441_2025)) == {
        str(i) for i in range(10, 21)}


@pytest.mark.parametrize(("day", "version"), [
    (dt.date(2026, 6, 30), "1986"), (dt.date(2026, 7, 1), "2025"), (dt.date(2020, 1, 1), "1986"),
    (dt.datetime(2026, 7, 1, 0, 0), "2025"),
])
def test_classification_version_switches_on_1_july_2026(day, version):
    assert rules.classification_version_for(day) == version


@pytest.mark.parametrize(("grade", "levels"), [
    ("ordinary", ("to_city",)),
    ("relatively_serious", ("to_city", "to_province")),
    ("serious", ("to_city", "to_province", "to_state_council")),
    ("extraordinary", ("to_city", "to_province", "to_state_council")),
])
def test_escalation_goes_as_far_as_the_grade_requires(grade, levels):
    assert rules.escalation_levels(grade) == levels


def test_deadlines():
    t = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)
    assert rules.unit_report_due(t) == t + dt.timedelta(hours=1)
    assert rules.next_level_due(t) == t + dt.timedelta(hours=2)
    assert rules.investigation_due(t) == t + dt.timedelta(days=60)
    assert rules.investigation_due(t, 60) == t + dt.timedelta(days=120)
    with pytest.raises(ValueError):
        rules.investigation_due(t, 61)
    assert rules.approval_due(t, "ordinary") == t + dt.timedelta(days=15)
    assert rules.approval_due(t, "extraordinary") == t + dt.timedelta(days=30)
    assert rules.follow_up_end(t, road_traffic=True, fire=False) == t + dt.timedelta(days=7)
    assert rules.follow_up_end(t, road_traffic=False, fire=True) == t + dt.timedelta(days=7)
    assert rules.follow_up_end(t, road_traffic=False, fire=False) == t + dt.timedelta(days=30)


def test_late_is_done_after_the_deadline_or_still_open_past_it():
    due = dt.datetime(2025, 1, 1, 9, tzinfo=dt.UTC)
    before, after = due - dt.timedelta(minutes=1), due + dt.timedelta(minutes=1)
    assert not rules.is_late(due, before, after)
    assert rules.is_late(due, after, after)
    assert rules.is_late(due, None, after)
    assert not rules.is_late(due, None, before)
    assert not rules.is_late(None, None, after)


@pytest.mark.parametrize(("current", "previous", "expected", "words"), [
    (33, 40, Decimal("-17.5"), "下降17.5%"),
    (15, 18, Decimal("-16.7"), "下降16.7%"),
    (16, 26, Decimal("-38.5"), "下降38.5%"),
    (155_000, 465_000, Decimal("-66.7"), "下降66.7%"),
    (12, 10, Decimal("20.0"), "上升20.0%"),
    (5, 5, Decimal("0.0"), "持平"),
])
def test_change_percent_reproduces_seed_004(current, previous, expected, words):
    change = rules.change_percent(current, previous)
    assert change == expected
    assert rules.change_words(change) == words


def test_change_without_a_base_is_unknown():
    assert rules.change_percent(3, 0) is None
    assert rules.change_words(None) == "—"


def test_same_day_last_year_handles_29_february():
    assert rules.same_day_last_year(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    assert rules.same_day_last_year(dt.date(2025, 11, 24)) == dt.date(2024, 11, 24)


def test_rates():
    assert rules.rate(15, Decimal("20")) == Decimal("0.750")
    assert rules.rate(3, 50_000, 10_000) == Decimal("0.600")
    assert rules.rate(1, None) is None
    assert rules.rate(1, 0) is None
