"""Reading the working-day calendar: is a date a working day, when is a deadline of n working days.

Deadlines in government practice count working days (工作日): weekends and statutory holidays are
skipped and the State Council's adjusted working weekends (调休上班日) count. The calendar keeps
only the exceptions to Monday–Friday (models.CalendarDay). A year without a `CalendarYear` row has
no published schedule yet: it falls back to Monday–Friday and a deadline reaching into it is
`provisional`.

Speed: hazard services compute deadlines in loops, so nothing here queries per day or per call.
The whole calendar (a few dozen rows a year) is loaded into one immutable snapshot, cached per
process:

- `services.calendar_year_set` calls `note_write()` inside its transaction: the cache is dropped at
  once and again when the transaction commits. While such a write is still uncommitted (in this
  process), reads load a fresh snapshot without caching it, so a rolled-back write (a failed save,
  a test's rollback) never leaves a stale cache behind.
- Other processes see a change within `CACHE_SECONDS`.
- `clear_cache()` drops it by hand (the seed migration calls it after filling a flushed table).
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from anjian.workdays.models import CalendarDay, CalendarYear

CACHE_SECONDS = 60
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Deadline:
    """A date n working days away. `provisional` is True when any year the count went through
    has no schedule entered (so Monday–Friday was assumed there and the date may still move)."""

    date: dt.date
    provisional: bool


def _weekdays_upto(ordinal: int) -> int:
    """Mondays–Fridays among the proleptic ordinals 1..ordinal (ordinal 1, 0001-01-01, is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


@dataclass(frozen=True)
class _Calendar:
    years: frozenset[int]
    exceptions: dict[dt.date, bool]  # date -> is_workday, only where it differs from Mon–Fri
    adjust_ordinals: list[int] = field(default_factory=list)  # sorted
    adjust_prefix: list[int] = field(default_factory=lambda: [0])  # running sums of ±1

    @classmethod
    def build(cls, years, exceptions: dict[dt.date, bool]) -> _Calendar:
        # Keep only real exceptions (a holiday on a weekend changes nothing).
        real = {d: w for d, w in exceptions.items() if w != (d.weekday() < 5)}
        ordinals = sorted(d.toordinal() for d in real)
        prefix = [0]
        for o in ordinals:
            prefix.append(prefix[-1] + (1 if real[dt.date.fromordinal(o)] else -1))
        return cls(frozenset(years), real, ordinals, prefix)

    def is_workday(self, day: dt.date) -> bool:
        value = self.exceptions.get(day)
        return day.weekday() < 5 if value is None else value

    def workdays_upto(self, day: dt.date) -> int:
        o = day.toordinal()
        return _weekdays_upto(o) + self.adjust_prefix[bisect.bisect_right(self.adjust_ordinals, o)]


# --- the per-process cache -----------------------------------------------------------------------

_lock = threading.Lock()
_version = 0
_cached: tuple[int, float, _Calendar] | None = None  # (version, loaded at, snapshot)
_pending: list[tuple[object, object]] = []  # (connection, its on_commit callback) not yet committed


def clear_cache() -> None:
    """Forget the cached calendar; the next read loads it from the database."""
    global _version, _cached
    with _lock:
        _version += 1
        _cached = None


def note_write() -> None:
    """Called by the services inside their transaction before they change the calendar."""
    connection = transaction.get_connection()

    def committed() -> None:
        with _lock:
            _pending[:] = [p for p in _pending if p[1] is not committed]
        clear_cache()

    clear_cache()
    transaction.on_commit(committed)
    if connection.in_atomic_block:
        with _lock:
            _pending.append((connection, committed))


def _writes_pending() -> bool:
    """Whether a calendar write in this process is still uncommitted. A write whose callback has
    left its connection's on-commit list without running was rolled back: forget it."""
    with _lock:
        still = [(c, cb) for c, cb in _pending
                 if any(func is cb for _sids, func, _robust in getattr(c, "run_on_commit", ()))]
        dropped = len(still) != len(_pending)
        _pending[:] = still
    if dropped:
        clear_cache()
    return bool(still)


def _load() -> _Calendar:
    years = CalendarYear.objects.values_list("year", flat=True)
    days = CalendarDay.objects.values_list("date", "is_workday")
    return _Calendar.build(list(years), dict(days))


def _calendar() -> _Calendar:
    global _cached
    pending = bool(_pending) and _writes_pending()
    now = time.monotonic()
    with _lock:
        version, cached = _version, _cached
    if not pending and cached is not None and cached[0] == version and now - cached[1] < CACHE_SECONDS:
        return cached[2]
    calendar = _load()
    if not pending:
        with _lock:
            if _version == version:
                _cached = (version, now, calendar)
    return calendar


def _as_date(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


# --- public reads --------------------------------------------------------------------------------


def is_workday(day: dt.date) -> bool:
    """Whether `day` is a working day: Monday–Friday unless the year's schedule says otherwise.
    An aware datetime is taken in the local time zone (Asia/Shanghai)."""
    return _calendar().is_workday(_as_date(day))


def add_workdays(start: dt.date, n: int) -> Deadline:
    """The date `n` working days after `start` (整改期限 of n 工作日).

    `start` itself is not counted: a hazard found on a Friday with 1 working day is due the next
    working day (Monday, or later after a holiday). For `n == 0` the result is `start` when it is a
    working day, else the next working day ("today, or the first working day after it").
    `provisional` is True when any year the count looked at has no schedule (`year_has_schedule`).
    Raises ValueError for a negative `n`.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    start = _as_date(start)
    calendar = _calendar()
    day = start
    if n == 0:
        first_year = start.year
        while not calendar.is_workday(day):
            day += ONE_DAY
    else:
        first_year = (start + ONE_DAY).year
        remaining = n
        while remaining:
            day += ONE_DAY
            if calendar.is_workday(day):
                remaining -= 1
    provisional = any(y not in calendar.years for y in range(first_year, day.year + 1))
    return Deadline(day, provisional)


def workdays_between(a: dt.date, b: dt.date) -> int:
    """Working days d with a < d <= b (so `workdays_between(s, add_workdays(s, n).date) == n` for
    n >= 1); negative when b is before a, 0 when they are the same day. No loop over the days."""
    calendar = _calendar()
    return calendar.workdays_upto(_as_date(b)) - calendar.workdays_upto(_as_date(a))


def year_has_schedule(year: int) -> bool:
    """Whether `year` has a holiday schedule entered (seeded or by the safety office)."""
    return year in _calendar().years


def missing_years(from_year: int, to_year: int) -> list[int]:
    """The years from `from_year` to `to_year` (both included) that have no schedule, ascending."""
    years = _calendar().years
    return [y for y in range(from_year, to_year + 1) if y not in years]
