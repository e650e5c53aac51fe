"""The demo year: the 12 months up to the day `anjian demo` runs, and the periods its plans cover.

Everything the demo's inspections and hazards carry is dated from this anchor (the build date), so
the demo always looks current: the ledger ends yesterday, the quarters, 春节, 两会 and 国庆 are the
latest ones inside the window. The same build time (`DemoYear.now`, read once per build) gives
the same data; today's rows (reports filed so far, shifts under way) depend on its time of day.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

DAYS = 365
# 春节 (first day of the lunar year); the key-period plan runs from two weeks before to 元宵.
SPRING_FESTIVALS = {
    2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13),
    2030: (2, 3), 2031: (1, 23), 2032: (2, 11), 2033: (1, 31), 2034: (2, 19), 2035: (2, 8),
    2036: (1, 28), 2037: (2, 15), 2038: (2, 4), 2039: (1, 24), 2040: (2, 12),
}
QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")


@dataclass(frozen=True)
class Period:
    name: str  # as it appears in plan names, e.g. 2026年第三季度
    start: dt.date
    end: dt.date

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class DemoYear:
    """The window [today − 364 days, today] and times inside it."""

    def __init__(self, now: dt.datetime | None = None) -> None:
        self.now = timezone.localtime(now or timezone.now())
        self.today = self.now.date()
        self.start = self.today - dt.timedelta(days=DAYS - 1)
        self.last = self.today - dt.timedelta(days=1)  # records and hazard steps end yesterday

    def day(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    def at(self, day: dt.date, rng: random.Random, hours: tuple[int, int] = (8, 17)) -> dt.datetime:
        """An aware local time on `day` within office hours."""
        naive = dt.datetime.combine(day, dt.time(rng.randint(*hours), rng.randrange(0, 60, 1)))
        return timezone.make_aware(naive)

    def inside(self, day: dt.date) -> bool:
        return self.start <= day <= self.last

    def clip(self, period: Period) -> Period:
        return Period(period.name, max(period.start, self.start), min(period.end, self.last))

    # Periods ------------------------------------------------------------------------------------

    def quarters(self) -> list[Period]:
        """Calendar quarters that overlap the window, oldest first."""
        result = []
        year, q = self.start.year, (self.start.month - 1) // 3
        while True:
            start = dt.date(year, 3 * q + 1, 1)
            if start > self.today:
                return result
            end = (dt.date(year + (q == 3), (3 * q + 3) % 12 + 1, 1) - dt.timedelta(days=1))
            result.append(Period(f"{year}年{QUARTER_NAMES[q]}", start, end))
            year, q = (year + 1, 0) if q == 3 else (year, q + 1)

    def months(self) -> list[Period]:
        """Calendar months whose first day lies in the window (12), oldest first."""
        result = []
        year, month = self.start.year, self.start.month
        while True:
            start = dt.date(year, month, 1)
            if start > self.today:
                return result
            end = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
            if start >= self.start:
                result.append(Period(f"{year}年{month}月", start, end))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def _latest(self, make) -> Period:
        """The latest period made by `make(year)` that starts inside the window."""
        for year in (self.today.year, self.today.year - 1):
            period = make(year)
            if self.start <= period.start <= self.today:
                return period
        return make(self.today.year - 1)

    def spring_festival(self) -> Period:
        def make(year: int) -> Period:
            month, day = SPRING_FESTIVALS.get(year, (2, 1))
            festival = dt.date(year, month, day)
            return Period(f"{year}年春节", festival - dt.timedelta(days=14),
                          festival + dt.timedelta(days=14))
        return self._latest(make)

    def two_sessions(self) -> Period:
        return self._latest(lambda y: Period(f"{y}年全国两会", dt.date(y, 3, 1), dt.date(y, 3, 15)))

    def national_day(self) -> Period:
        return self._latest(lambda y: Period(f"{y}年国庆节", dt.date(y, 9, 22), dt.date(y, 10, 8)))

    def safety_month(self) -> Period:
        return self._latest(lambda y: Period(f"{y}年“安全生产月”", dt.date(y, 6, 1), dt.date(y, 6, 30)))

    def spring_campaign(self) -> Period:
        """九小场所 大排查大整治 (seed 001 §四): March to May."""
        return self._latest(lambda y: Period(f"{y}年", dt.date(y, 3, 1), dt.date(y, 5, 31)))

    def winter_gas(self) -> Period:
        """The winter gas-safety joint action: the last month of the window, still running."""
        start = self.today - dt.timedelta(days=20)
        return Period(f"{start.year}年冬季", start, self.today + dt.timedelta(days=20))
