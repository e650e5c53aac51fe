"""Writes to the working-day calendar. The safety office enters a new year's schedule each year
after the State Council publishes it (usually in November or December)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.choices import Role
from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.workdays import selectors
from anjian.workdays.models import CalendarDay, CalendarYear

MIN_YEAR, MAX_YEAR = 2000, 2100
NAME_MAX = CalendarDay._meta.get_field("name").max_length
SOURCE_MAX = CalendarYear._meta.get_field("source").max_length


def weekday_name(day: dt.date) -> str:
    return [_("星期一"), _("星期二"), _("星期三"), _("星期四"), _("星期五"), _("星期六"),
            _("星期日")][day.weekday()]


def day_line(day: dt.date, is_workday: bool, name: str) -> str:
    """One exception as the page writes it: `2027-01-01 休 元旦` / `2027-02-07 班 调休上班`."""
    mark = "班" if is_workday else "休"
    return f"{day.isoformat()} {mark} {name}".strip()


def _require_office(actor) -> None:
    if actor is not None and not actor.has_role(Role.SAFETY_OFFICE):
        raise PermissionDenied(_("只有应急管理办可以修改工作日历"))


def _error(message: str, code: str, day: dt.date | None = None, **params) -> ValidationError:
    """An error naming its date; `params["date"]` lets a page point at the line it came from."""
    if day is not None:
        params.setdefault("date", day.isoformat())
    return ValidationError(message, code=code, params=params or None)


def validate_days(year: int, days: list[tuple[dt.date, bool, str]]) -> list[ValidationError]:
    """Check one year's exceptions; returns the errors (empty when all is well)."""
    errors: list[ValidationError] = []
    if not days:
        errors.append(_error(_("请至少填写一天放假日或调休上班日"), "empty"))
    seen: set[dt.date] = set()
    for day, is_workday, name in days:
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            errors.append(_error(_("“%(value)s”不是日期"), "not_a_date", value=str(day)))
            continue
        if day.year != year:
            errors.append(_error(_("%(date)s 不在%(year)s年内"), "outside_year", day,
                                 year=str(year)))
            continue
        if day in seen:
            errors.append(_error(_("%(date)s 重复填写了"), "duplicate", day))
            continue
        seen.add(day)
        weekend = day.weekday() >= 5
        if not is_workday and weekend:
            errors.append(_error(
                _("%(date)s 是%(weekday)s，本来就休息，不用登记为放假日"), "holiday_on_weekend",
                day, weekday=weekday_name(day)))
        elif is_workday and not weekend:
            errors.append(_error(
                _("%(date)s 是%(weekday)s，本来就上班，不用登记为调休上班日"), "workday_on_weekday",
                day, weekday=weekday_name(day)))
        if len(name or "") > NAME_MAX:
            errors.append(_error(_("%(date)s 的名称不能超过%(n)s个字"), "name_too_long", day,
                                 n=str(NAME_MAX)))
    return errors


@transaction.atomic
def calendar_year_set(*, actor, year: int, days: list[tuple[dt.date, bool, str]],
                      official: bool = True, source: str = "") -> CalendarYear:
    """Enter or replace one year's holiday schedule: `days` are all of that year's exceptions to
    Monday–Friday as (date, is_workday, name): holidays on weekdays (is_workday=False) and adjusted
    working weekends, 调休上班日 (is_workday=True). The year's earlier exceptions are replaced
    as a whole. Raises ValidationError (messages name the date, `params["date"]`) or
    PermissionDenied (only the safety office; `actor=None` is the system)."""
    _require_office(actor)
    source = (source or "").strip()
    days = [(d, bool(w), (name or "").strip()) for d, w, name in days]
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(_("年份应在%(lo)s–%(hi)s之间") % {"lo": MIN_YEAR, "hi": MAX_YEAR},
                              code="year")
    errors = validate_days(year, days)
    if len(source) > SOURCE_MAX:
        errors.append(_error(_("依据不能超过%(n)s个字"), "source_too_long", n=str(SOURCE_MAX)))
    if errors:
        raise ValidationError(errors)

    selectors.note_write()
    calendar_year = CalendarYear.objects.select_for_update().filter(year=year).first()
    created = calendar_year is None
    if created:
        calendar_year = CalendarYear(year=year)
        before, old_lines = {}, []
    else:
        before = journal.snapshot(calendar_year)
        old_lines = [day_line(d.date, d.is_workday, d.name) for d in calendar_year.days.all()]
    new_lines = [day_line(d, w, name) for d, w, name in sorted(days)]
    calendar_year.official = official
    calendar_year.source = source
    if actor is not None:
        calendar_year.entered_by = actor
    changes = journal.diff(before, journal.snapshot(calendar_year))
    if old_lines != new_lines:
        changes["days"] = [old_lines, new_lines]
    if not changes:
        return calendar_year
    calendar_year.save()
    calendar_year.days.all().delete()
    CalendarDay.objects.bulk_create(
        [CalendarDay(year=calendar_year, date=d, is_workday=w, name=name) for d, w, name in days])
    journal.record(actor, calendar_year, JournalAction.CREATE if created else JournalAction.UPDATE,
                   changes)
    return calendar_year
