"""calendar_year_set: validation in Chinese naming the date, replacement, the journal."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anjian.core.models import JournalEntry
from anjian.workdays.models import CalendarDay, CalendarYear
from anjian.workdays.services import calendar_year_set

D = dt.date
GOOD = [(D(2027, 1, 1), False, "元旦"), (D(2027, 2, 6), True, "调休上班")]  # Fri, Sat


def messages_of(exc_info) -> list[str]:
    return exc_info.value.messages


def refused(**kwargs) -> list[str]:
    kwargs.setdefault("actor", None)
    kwargs.setdefault("year", 2027)
    with pytest.raises(ValidationError) as exc_info:
        calendar_year_set(**kwargs)
    assert not CalendarYear.objects.filter(year=kwargs["year"], source="x").exists()
    return messages_of(exc_info)


@pytest.mark.django_db
def test_a_holiday_on_a_sunday_is_refused_naming_the_date():
    (message,) = refused(days=[*GOOD, (D(2027, 1, 3), False, "元旦")])
    assert "2027-01-03" in message and "星期日" in message and "本来就休息" in message
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.django_db
def test_an_adjusted_workday_on_a_weekday_is_refused():
    (message,) = refused(days=[(D(2027, 2, 8), True, "调休上班")])
    assert "2027-02-08" in message and "星期一" in message and "本来就上班" in message


@pytest.mark.django_db
def test_dates_outside_the_year_duplicates_and_an_empty_schedule_are_refused():
    (message,) = refused(days=[*GOOD, (D(2026, 12, 31), False, "跨年")])
    assert "2026-12-31" in message and "不在2027年内" in message
    (message,) = refused(days=[*GOOD, (D(2027, 1, 1), False, "元旦")])
    assert "2027-01-01" in message and "重复" in message
    assert "至少" in refused(days=[])[0]
    assert "年份" in refused(year=1999, days=[(D(1999, 10, 1), False, "国庆节")])[0]
    assert "名称" in refused(days=[(D(2027, 1, 1), False, "长" * 51)])[0]
    errors = refused(days=[(D(2027, 1, 2), False, "a"), (D(2027, 1, 4), True, "b")])
    assert len(errors) == 2  # every problem at once, not only the first


@pytest.mark.django_db
def test_the_errors_carry_their_date_for_the_page():
    with pytest.raises(ValidationError) as exc_info:
        calendar_year_set(actor=None, year=2027, days=[(D(2027, 1, 3), False, "x")])
    (error,) = exc_info.value.error_list
    assert error.code == "holiday_on_weekend" and error.params["date"] == "2027-01-03"


def test_only_the_safety_office_may_set_a_year(world):
    with pytest.raises(PermissionDenied):
        calendar_year_set(actor=world.users["village_a"], year=2027, days=GOOD)
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_create_then_replace_is_journaled(world):
    office = world.users["office"]
    year = calendar_year_set(actor=office, year=2027, days=GOOD, source="国办发明电〔2026〕x号")
    assert year.official and year.entered_by == office
    assert list(year.days.values_list("date", "is_workday", "name")) == GOOD
    create = JournalEntry.objects.get(content_type__model="calendaryear", object_id=str(year.pk))
    assert create.action == "create" and create.actor == office
    assert create.changes["days"][1] == ["2027-01-01 休 元旦", "2027-02-06 班 调休上班"]

    calendar_year_set(actor=office, year=2027, days=[(D(2027, 1, 1), False, "元旦节")],
                      official=False, source="预计")
    year.refresh_from_db()
    assert not year.official and year.source == "预计"
    assert list(CalendarDay.objects.filter(year=year).values_list("name", flat=True)) == ["元旦节"]
    update = JournalEntry.objects.get(content_type__model="calendaryear", object_id=str(year.pk),
                                      action="update")
    assert update.changes["official"] == [True, False]
    assert update.changes["days"] == [["2027-01-01 休 元旦", "2027-02-06 班 调休上班"],
                                      ["2027-01-01 休 元旦节"]]

    # Saving the same again changes and journals nothing.
    calendar_year_set(actor=office, year=2027, days=[(D(2027, 1, 1), False, "元旦节")],
                      official=False, source="预计")
    assert JournalEntry.objects.filter(content_type__model="calendaryear").count() == 2
