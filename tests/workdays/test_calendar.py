"""The working-day calendar: the seed from chinese-calendar, and the selectors that count
working days for rectification deadlines."""

import datetime as dt
from importlib import import_module

import chinese_calendar
import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anjian.workdays import selectors, services
from anjian.workdays.models import CalendarDay, CalendarYear
from anjian.workdays.selectors import (
    Deadline,
    add_workdays,
    is_workday,
    missing_years,
    workdays_between,
    year_has_schedule,
)

D = dt.date
seed = import_module("anjian.workdays.migrations.0002_seed_chinese_calendar")

pytestmark = pytest.mark.django_db


# --- the seed ------------------------------------------------------------------------------------


def test_every_year_the_package_knows_is_seeded_as_official():
    years = set(CalendarYear.objects.filter(official=True).values_list("year", flat=True))
    assert set(range(2004, 2027)) <= years
    assert CalendarYear.objects.get(year=2026).source.startswith("chinese-calendar")


def test_the_seed_agrees_with_chinese_calendar_on_every_day_2004_to_2026():
    day, wrong = D(2004, 1, 1), []
    while day <= D(2026, 12, 31):
        if is_workday(day) != chinese_calendar.is_workday(day):
            wrong.append(day)
        day += dt.timedelta(days=1)
    assert wrong == []


def test_only_the_exceptions_to_monday_to_friday_are_stored():
    for day in CalendarDay.objects.all():
        assert day.is_workday == (day.date.weekday() >= 5), day
        assert day.year.year == day.date.year


def test_known_2025_and_2026_days():
    assert not is_workday(D(2026, 1, 1))  # 元旦, a Thursday
    assert CalendarDay.objects.get(date=D(2026, 1, 1)).name == "元旦"
    assert not is_workday(D(2025, 10, 8))  # 国庆节, a Wednesday
    assert D(2025, 9, 28).weekday() == 6 and is_workday(D(2025, 9, 28))  # 调休上班, a Sunday
    assert D(2026, 10, 10).weekday() == 5 and is_workday(D(2026, 10, 10))  # 调休上班, a Saturday
    assert "调休上班" in CalendarDay.objects.get(date=D(2026, 10, 10)).name
    assert D(2026, 11, 28).weekday() == 5 and not is_workday(D(2026, 11, 28))  # a plain Saturday
    assert is_workday(D(2026, 11, 24))  # a plain Tuesday
    assert not is_workday(dt.datetime(2026, 1, 1, 9, 30))  # a datetime is taken by its date


def test_the_seed_is_idempotent_and_leaves_a_corrected_year_alone():
    before = CalendarDay.objects.count()
    services.calendar_year_set(actor=None, year=2026, days=[(D(2026, 1, 1), False, "元旦")],
                               source="更正")
    seed.add(apps, None)
    assert CalendarYear.objects.get(year=2026).source == "更正"
    assert CalendarDay.objects.filter(year__year=2026).count() == 1
    CalendarYear.objects.filter(year__in=[2025, 2026]).delete()  # as after a flush
    seed.add(apps, None)
    seed.add(apps, None)
    assert CalendarDay.objects.count() == before
    assert is_workday(D(2026, 10, 10)) and not is_workday(D(2025, 10, 8))


# --- counting working days -----------------------------------------------------------------------


def test_add_workdays_across_the_2025_national_day_holiday():
    # 10月1日–8日 off, 9月28日 (Sunday) and 10月11日 (Saturday) worked.
    assert add_workdays(D(2025, 9, 30), 1) == Deadline(D(2025, 10, 9), provisional=False)
    assert add_workdays(D(2025, 9, 30), 3).date == D(2025, 10, 11)  # the adjusted Saturday
    assert add_workdays(D(2025, 9, 30), 4).date == D(2025, 10, 13)
    assert add_workdays(D(2025, 9, 26), 1).date == D(2025, 9, 28)  # Friday -> adjusted Sunday
    assert add_workdays(D(2025, 10, 3), 1).date == D(2025, 10, 9)  # found during the holiday
    assert workdays_between(D(2025, 9, 30), D(2025, 10, 9)) == 1
    assert workdays_between(D(2025, 9, 30), D(2025, 10, 13)) == 4


def test_zero_working_days_is_the_start_or_the_next_working_day():
    assert add_workdays(D(2026, 11, 24), 0).date == D(2026, 11, 24)
    assert add_workdays(D(2026, 11, 28), 0).date == D(2026, 11, 30)  # Saturday -> Monday
    assert add_workdays(D(2025, 10, 1), 0).date == D(2025, 10, 9)
    assert add_workdays(D(2025, 10, 11), 0).date == D(2025, 10, 11)  # an adjusted Saturday
    with pytest.raises(ValueError):
        add_workdays(D(2026, 11, 24), -1)


def test_workdays_between_is_signed_and_zero_on_the_same_day():
    a, b = D(2026, 11, 20), D(2026, 12, 4)
    assert workdays_between(a, b) == 10
    assert workdays_between(b, a) == -10
    assert workdays_between(a, a) == 0


def test_a_deadline_reaching_2027_is_provisional_and_counts_monday_to_friday():
    assert year_has_schedule(2026) and not year_has_schedule(2027)
    assert missing_years(2025, 2028) == [2027, 2028]
    assert add_workdays(D(2026, 11, 24), 5) == Deadline(D(2026, 12, 1), provisional=False)
    # Dec 28–31 (4), Fri Jan 1 2027 counted as no schedule says otherwise (5), Jan 4–8 (10).
    assert add_workdays(D(2026, 12, 25), 10) == Deadline(D(2027, 1, 8), provisional=True)
    assert is_workday(D(2027, 1, 1))
    assert add_workdays(D(2026, 12, 31), 0) == Deadline(D(2026, 12, 31), provisional=False)
    assert add_workdays(D(2026, 12, 31), 1).provisional  # Jan 1 2027 is looked at


def test_entering_2027_makes_the_deadline_final_and_skips_its_holidays(world):
    before = add_workdays(D(2026, 12, 25), 10)  # warm the cache first
    assert before.provisional
    made_up = [(D(2027, 1, 1), False, "元旦"), (D(2027, 1, 4), False, "虚构假日"),
               (D(2027, 1, 9), True, "调休上班")]
    services.calendar_year_set(actor=world.users["office"], year=2027, days=made_up,
                               source="测试用虚构安排")
    assert year_has_schedule(2027) and missing_years(2025, 2027) == []
    assert not is_workday(D(2027, 1, 1)) and is_workday(D(2027, 1, 9))
    # Dec 28–31 (4), Jan 5–8 (8), Sat Jan 9 (9), Mon Jan 11 (10).
    assert add_workdays(D(2026, 12, 25), 10) == Deadline(D(2027, 1, 11), provisional=False)


def test_a_rolled_back_schedule_leaves_no_stale_cache(world):
    assert not year_has_schedule(2027)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.calendar_year_set(actor=None, year=2027, days=[(D(2027, 1, 1), False, "元旦")])
        assert year_has_schedule(2027) and not is_workday(D(2027, 1, 1))  # seen inside
        raise RuntimeError
    assert not year_has_schedule(2027) and is_workday(D(2027, 1, 1))
    assert not selectors._pending


def test_a_warm_calendar_answers_without_queries(django_assert_num_queries):
    add_workdays(D(2026, 1, 1), 1)
    with django_assert_num_queries(0):
        for offset in range(300):
            start = D(2025, 1, 1) + dt.timedelta(days=offset)
            add_workdays(start, 15)
            workdays_between(start, D(2026, 6, 30))
            is_workday(start)


# --- the property --------------------------------------------------------------------------------


def _count_by_hand(a: dt.date, b: dt.date) -> int:
    n, day = 0, a
    while day < b:
        day += dt.timedelta(days=1)
        n += is_workday(day)
    return n


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.dates(D(2020, 1, 1), D(2026, 12, 31)), n=st.integers(0, 40))
def test_add_workdays_lands_on_a_workday_n_working_days_on(start, n):
    deadline = add_workdays(start, n)
    assert is_workday(deadline.date)
    assert deadline.date >= start
    if n >= 1:
        assert workdays_between(start, deadline.date) == n == _count_by_hand(start, deadline.date)
        assert workdays_between(start, deadline.date - dt.timedelta(days=1)) == n - 1
    else:
        assert workdays_between(start, deadline.date) == (0 if deadline.date == start else 1)
    if deadline.date.year <= 2026:
        assert chinese_calendar.is_workday(deadline.date)
        assert not deadline.provisional
    else:
        assert deadline.provisional
