"""Filing, correcting and zero reports (daily_report_file), lateness, and the cut-off setting."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anjian.core.journal import entries_for
from anjian.core.models import JournalAction
from anjian.dailyreports import selectors, services
from anjian.dailyreports.models import DailyReport, ReportSettings
from anjian.testing.dailyreports import at, file
from anjian.testing.hazards import report as report_hazard


def test_village_cadre_files_a_zero_report_journaled(world, reps, yesterday):
    report = file(world.users["village_a"], reps["village_a"], yesterday)
    assert report.is_zero and not report.is_late
    assert (report.region, report.organisation, report.town) == (world.village_a, None, world.town)
    assert report.submitter_name == "张一村干部"
    [entry] = entries_for(report)
    assert entry.action == JournalAction.CREATE and entry.changes["is_zero"] == [None, True]


def test_a_second_submission_corrects_the_same_report(world, reps, yesterday):
    first = file(world.users["village_a"], reps["village_a"], yesterday, hour=9)
    again = file(world.users["village_a"], reps["village_a"], yesterday, hour=18,
                 inspections_count=2, measures="督促超市清理安全出口")
    assert again.pk == first.pk
    assert DailyReport.objects.filter(date=yesterday).count() == 1
    again.refresh_from_db()
    assert (again.is_zero, again.inspections_count, again.corrections) == (False, 2, 1)
    assert not again.is_late  # lateness is the first filing's
    update = entries_for(again).first()
    assert update.action == JournalAction.UPDATE and update.comment == "更正日报"
    assert update.changes["inspections_count"] == [0, 2]


def test_a_report_after_the_cut_off_is_accepted_and_marked_late(world, reps, yesterday):
    report = services.daily_report_file(
        actor=world.users["village_a"], reporter=reps["village_a"], day=yesterday,
        data={"is_zero": True}, now=at(yesterday, 17, 1))
    assert report.is_late


def test_the_towns_own_cut_off_time_decides_lateness(world, reps, yesterday):
    services.report_settings_set(actor=world.users["office"], town=world.town,
                                 cutoff=dt.time(10, 0))
    late = file(world.users["village_a"], reps["village_a"], yesterday, hour=11)
    on_time = file(world.users["office"], reps["village_b"], yesterday, hour=9)
    assert late.is_late and not on_time.is_late


def test_a_zero_report_with_content_is_refused(world, reps, today):
    with pytest.raises(ValidationError) as exc:
        services.daily_report_file(actor=world.users["village_a"], reporter=reps["village_a"],
                                   day=today, data={"is_zero": True, "events": "火情"})
    assert "零报告" in str(exc.value)
    assert not DailyReport.objects.exists()


def test_an_empty_report_is_a_zero_report(world, reps, today):
    report = services.daily_report_file(actor=world.users["village_a"], reporter=reps["village_a"],
                                        day=today, data={"note": "一切正常"})
    assert report.is_zero and report.note == "一切正常"


def test_a_zero_report_is_refused_when_the_platform_recorded_hazards(world, reps, today):
    report_hazard(world.users["grid_a"], world.units["shop_a"])
    with pytest.raises(ValidationError) as exc:
        services.daily_report_zero(actor=world.users["village_a"], reporter=reps["village_a"],
                                   day=today)
    assert "发现隐患 1 条" in str(exc.value)
    # village B has nothing recorded: its zero report is fine
    services.daily_report_zero(actor=world.users["village_b"], reporter=reps["village_b"], day=today)


def test_bad_counts_and_future_days_are_refused_in_chinese(world, reps, today):
    with pytest.raises(ValidationError) as exc:
        services.daily_report_file(actor=world.users["village_a"], reporter=reps["village_a"],
                                   day=today, data={"inspections_count": -1,
                                                    "hazards_count": "三"})
    assert set(exc.value.message_dict) == {"inspections_count", "hazards_count"}
    with pytest.raises(ValidationError, match="今天以后"):
        services.daily_report_zero(actor=world.users["village_a"], reporter=reps["village_a"],
                                   day=today + dt.timedelta(days=1))
    assert not DailyReport.objects.exists()


@pytest.mark.parametrize(("persona", "reporter", "allowed"), [
    ("village_a", "village_a", True), ("village_a", "village_b", False),
    ("village_a", "police", False), ("agency", "police", True), ("agency", "school", False),
    ("agency", "village_a", False), ("office", "school", True), ("leader", "village_a", False),
    ("grid_a", "village_a", False), ("office_b", "village_a", False),
    ("enterprise_a", "village_a", False),
])
def test_who_may_file_for_whom(world, reps, yesterday, persona, reporter, allowed):
    user = world.users[persona]
    if allowed:
        assert file(user, reps[reporter], yesterday).pk
    else:
        with pytest.raises(PermissionDenied):
            file(user, reps[reporter], yesterday)
        assert not DailyReport.objects.exists()


def test_a_village_cannot_correct_a_report_outside_its_scope(world, reps, yesterday):
    file(world.users["office"], reps["village_b"], yesterday)
    with pytest.raises(PermissionDenied):
        file(world.users["village_a"], reps["village_b"], yesterday, events="篡改")
    assert DailyReport.objects.get().events == ""


def test_the_office_sets_the_cut_off_time_journaled(world):
    settings = services.report_settings_set(actor=world.users["office"], town=world.town,
                                            cutoff=dt.time(16, 30))
    assert selectors.cutoff_for(world.town) == dt.time(16, 30)
    services.report_settings_set(actor=world.users["office"], town=world.town,
                                 cutoff=dt.time(18, 0))
    assert [e.action for e in entries_for(settings)] == [JournalAction.UPDATE, JournalAction.CREATE]
    assert ReportSettings.objects.count() == 1


@pytest.mark.parametrize("persona", ["village_a", "leader", "agency", "office_b"])
def test_only_the_towns_office_sets_the_cut_off(world, persona):
    with pytest.raises(PermissionDenied):
        services.report_settings_set(actor=world.users[persona], town=world.town,
                                     cutoff=dt.time(12, 0))
    assert selectors.cutoff_for(world.town) == dt.time(17, 0)


def test_the_cut_off_is_set_per_town_only(world):
    with pytest.raises(ValidationError):
        services.report_settings_set(actor=world.users["office"], town=world.village_a,
                                     cutoff=dt.time(12, 0))
