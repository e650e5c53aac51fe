"""Seed the working-day calendar with every year the installed chinese-calendar package knows.

Only the exceptions to Monday–Friday are stored: holidays falling on a weekday and adjusted working
weekends (调休上班日). `add` is idempotent and only fills years that have no row yet, so a year the
safety office has corrected is left alone; tests that flush the tables call it again
(anjian.testing.world.ensure_default_data), and a later migration can call it again after the
package is upgraded to one that knows a new year.
"""

from django.db import migrations

# The package's Chinese names are short forms; the calendar shows the usual full names.
_FULL_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}


def _chinese(english_name):
    from chinese_calendar import Holiday

    try:
        chinese = Holiday(english_name).chinese
    except ValueError:
        return english_name[:40]
    return _FULL_NAMES.get(chinese, chinese)


def exceptions_by_year():
    """{year: [(date, is_workday, name)]} from chinese-calendar, exceptions to Monday–Friday only."""
    import chinese_calendar

    result = {}
    for day, english in chinese_calendar.holidays.items():
        if day.weekday() < 5 and day not in chinese_calendar.workdays:
            result.setdefault(day.year, []).append((day, False, _chinese(english)))
    for day, english in chinese_calendar.workdays.items():
        if day.weekday() >= 5:
            result.setdefault(day.year, []).append((day, True, f"{_chinese(english)}调休上班"))
    # A year the package covers always has some exception; make sure none is skipped anyway.
    years = {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}
    for year in years:
        result.setdefault(year, [])
    return {year: sorted(days) for year, days in result.items()}


def add(apps, schema_editor):
    import chinese_calendar

    CalendarYear = apps.get_model("workdays", "CalendarYear")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    schedules = exceptions_by_year()
    existing = set(CalendarYear.objects.values_list("year", flat=True))
    missing = sorted(set(schedules) - existing)
    if missing:
        source = f"chinese-calendar {chinese_calendar.__version__}（国务院办公厅历年放假安排）"
        CalendarYear.objects.bulk_create(
            [CalendarYear(year=y, official=True, source=source) for y in missing])
        ids = dict(CalendarYear.objects.filter(year__in=missing).values_list("year", "pk"))
        CalendarDay.objects.bulk_create([
            CalendarDay(year_id=ids[y], date=d, is_workday=w, name=name)
            for y in missing for d, w, name in schedules[y]
        ], batch_size=500)
    # The selectors cache the calendar per process; a flushed and re-seeded table must not be
    # answered from a cache filled before the flush.
    from anjian.workdays.selectors import clear_cache

    clear_cache()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
