"""The demo year of daily reports: every reporter of the town on (almost) every day, mostly zero
reports, a few reporters often late or missing, a couple missing today, and nothing added on a
second run."""

import datetime as dt
from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone

from anjian.core.models import JournalEntry
from anjian.dailyreports.models import DailyReport, ReportSettings
from anjian.dailyreports.selectors import compliance, missing_reporters, town_reporters
from anjian.demo import dailyreports
from anjian.demo.builder import build_demo, kit_from_database
from anjian.demo.township import TOWN_CODE
from anjian.regions.models import Region


def _town():
    return Region.objects.get(code=TOWN_CODE)


def test_a_year_of_reports_for_every_reporter(town):
    reports = DailyReport.objects.filter(town=_town())
    reporters = town_reporters(_town())
    assert len(reporters) > 20
    assert reports.values("date").distinct().count() >= 364
    per_reporter = Counter(r.reporter_key for r in reports)
    assert {r.key for r in reporters} == set(per_reporter)
    assert reports.count() > 0.9 * 364 * len(reporters)
    assert ReportSettings.objects.filter(town=_town()).exists()


def test_mostly_zero_reports_and_text_where_something_happened(town):
    reports = DailyReport.objects.filter(town=_town())
    zero = reports.filter(is_zero=True).count()
    assert 0.5 * reports.count() < zero < reports.count()
    busy = reports.filter(Q(inspections_count__gt=0) | Q(hazards_count__gt=0))
    assert busy.exists() and not busy.filter(measures="").exists()
    assert reports.exclude(events="").exists()
    assert not reports.filter(is_zero=True).exclude(events="", measures="").exists()


def test_a_few_reporters_are_often_late_or_missing(town):
    today = timezone.localdate()
    start = today - dt.timedelta(days=364)
    rows = compliance(_town(), start, today)
    rates = sorted(r.rate for r in rows)
    assert rates[0] < 0.9 and rates[len(rates) // 2] > 0.97
    late = DailyReport.objects.filter(town=_town()).values("region", "organisation").annotate(
        n=Count("pk", filter=Q(is_late=True))).order_by("-n")
    assert late[0]["n"] > 60 and late[len(late) // 2]["n"] < 25


def test_a_couple_missing_today(town):
    missing = missing_reporters(_town(), timezone.localdate())
    assert "张一村" in {r.name for r in missing}  # the demo village cadre can file
    if timezone.localtime().time() < dt.time(8, 0):  # before office hours nobody has reported
        assert len(missing) == len(town_reporters(_town()))
    else:
        assert 3 <= len(missing) <= 8


def test_every_report_is_journaled(town):
    n = DailyReport.objects.filter(town=_town()).count()
    assert JournalEntry.objects.filter(content_type__app_label="dailyreports",
                                       content_type__model="dailyreport").count() == n


def test_a_second_run_adds_nothing(town):
    before = DailyReport.objects.count()
    result = build_demo()
    assert DailyReport.objects.count() == before
    assert result.created["daily reports"] == 0


def test_the_builder_is_idempotent_on_its_own(town):
    before = DailyReport.objects.count()
    dailyreports.build(kit_from_database())
    assert DailyReport.objects.count() == before



def test_the_builder_is_fast_and_deterministic(town):
    """Fast: bulk writes, far fewer queries than rows (about 7 s for 20,000 reports and their
    journal entries on an idle two-core machine). Deterministic: rebuilt, the same rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reports = DailyReport.objects.filter(town=_town())
    fields = ("date", "region_id", "organisation_id", "is_zero", "is_late", "inspections_count")
    before = sorted(reports.values_list(*fields))
    reports.delete()
    kit = kit_from_database()
    with CaptureQueriesContext(connection) as queries:
        dailyreports.build(kit)
    after = sorted(reports.values_list(*fields))
    assert kit.created["daily reports"] == len(after) > 15_000
    # bulk: SQLite takes ~60 rows an INSERT (its parameter limit), PostgreSQL 2,000
    assert len(queries) < len(before) / 25
    # the same rows, but for today's (their times and counts depend on the clock)
    today = timezone.localdate()
    assert [r for r in after if r[0] != today] == [r for r in before if r[0] != today]
