"""Writes of daily reporting (日报告). Pages, the API and the demo all file through
`daily_report_file` (a zero report, 零报告, is the same call with nothing in it) and set the cut-off
time through `report_settings_set`. Each call is atomic, checks the actor's scope and journals."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.scope import ADD, CHANGE
from anjian.dailyreports import selectors
from anjian.dailyreports.models import DailyReport, ReportSettings
from anjian.dailyreports.selectors import Reporter
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region

COUNT_FIELDS = ("inspections_count", "hazards_count")
TEXT_FIELDS = ("events", "measures", "note")
MAX_COUNT = 10_000
MAX_TEXT = 2_000


def _clean(data: dict) -> dict:
    """The report's fields from `data`, checked; every problem at once, in Chinese."""
    errors: dict[str, str] = {}
    values: dict = {}
    for name in COUNT_FIELDS:
        raw = data.get(name) or 0
        try:
            value = int(raw)
        except (TypeError, ValueError):
            errors[name] = _("请填写整数")
            continue
        if value < 0 or value > MAX_COUNT:
            errors[name] = _("请填写 0 到 %(max)s 之间的整数") % {"max": MAX_COUNT}
        values[name] = value
    for name in TEXT_FIELDS:
        text = str(data.get(name) or "").strip()
        if len(text) > MAX_TEXT:
            errors[name] = _("不能超过 %(max)s 个字") % {"max": MAX_TEXT}
        values[name] = text
    if errors:
        raise ValidationError(errors)
    empty = not any(values[n] for n in COUNT_FIELDS) and not values["events"] and not values[
        "measures"]
    if data.get("is_zero") and not empty:
        raise ValidationError({"is_zero": _(
            "零报告表示当日无检查、无隐患、无事件：请清空检查次数、隐患条数、事件和措施，或取消零报告")})
    values["is_zero"] = empty
    return values


def _refuse_false_zero(reporter: Reporter, day: dt.date, values: dict) -> None:
    """A zero report where the platform has recorded inspections or hazards that day is refused:
    the cadre is told what the platform knows and files the full report instead."""
    if not values["is_zero"]:
        return
    known = selectors.platform_counts(reporter, day)
    if known["inspections_count"] or known["hazards_count"]:
        raise ValidationError({"is_zero": _(
            "平台记录显示%(day)s%(name)s已开展检查 %(i)s 次、发现隐患 %(h)s 条，不能报零报告，"
            "请填写完整日报") % {"day": f"{day:%Y-%m-%d}", "name": reporter.name,
                            "i": known["inspections_count"], "h": known["hazards_count"]}})


def _submitter_name(actor) -> str:
    return (getattr(actor, "display_name", "") or getattr(actor, "username", "")) if actor else ""


def daily_report_file(*, actor, reporter: Reporter, day: dt.date, data: dict,
                      now: dt.datetime | None = None) -> DailyReport:
    """File `reporter`'s report of `day`, or correct it when one exists (更正: the same row, the
    change journaled). A report after the day's cut-off time is accepted and marked late (迟报);
    a correction keeps the lateness of the first filing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if day > today:
        raise ValidationError({"date": _("不能填报今天以后的日报")})
    values = _clean(data)
    _refuse_false_zero(reporter, day, values)
    town = Region.objects.get(pk=reporter.town_id)
    with transaction.atomic():
        report = (DailyReport.objects.select_for_update(of=("self",))
                  .filter(date=day, **reporter.lookup()).order_by("pk").first())
        if report is None:
            return _create(actor, reporter, town, day, values, now)
        if not (actor is None or DailyReport.objects.for_user(actor, CHANGE)
                .filter(pk=report.pk).exists()):
            raise PermissionDenied(_("您无权更正%(name)s的日报") % {"name": reporter.name})
        before = journal.snapshot(report)
        for name, value in values.items():
            setattr(report, name, value)
        report.submitted_by = actor if actor is not None and actor.pk else None
        report.submitter_name = _submitter_name(actor)
        report.submitted_at = now
        report.corrections += 1
        report.save(update_fields=[*values, "submitted_by", "submitter_name", "submitted_at",
                                   "corrections"])
        journal.record(actor, report, JournalAction.UPDATE,
                       journal.diff(before, journal.snapshot(report)), comment=_("更正日报"))
        return report


def _create(actor, reporter: Reporter, town: Region, day: dt.date, values: dict,
            now: dt.datetime) -> DailyReport:
    if actor is not None and not selectors.reaches(actor, ADD, reporter):
        raise PermissionDenied(_("您无权填报%(name)s的日报") % {"name": reporter.name})
    report = DailyReport(
        date=day, town=town, region=reporter.region, organisation=reporter.organisation,
        submitted_by=actor if actor is not None and actor.pk else None,
        submitter_name=_submitter_name(actor), first_submitted_at=now, submitted_at=now,
        is_late=now > selectors.deadline(town, day), **values)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError({"date": _("%(name)s的这天日报刚刚已由他人报送，请刷新后再更正") % {
            "name": reporter.name}}) from None
    journal.record(actor, report, JournalAction.CREATE, journal.diff({}, journal.snapshot(report)))
    return report


def daily_report_zero(*, actor, reporter: Reporter, day: dt.date, note: str = "",
                      now: dt.datetime | None = None) -> DailyReport:
    """零报告 in one tap: nothing inspected, found or happened."""
    return daily_report_file(actor=actor, reporter=reporter, day=day,
                             data={"is_zero": True, "note": note}, now=now)


def report_settings_set(*, actor, town: Region, cutoff: dt.time,
                        rest_days: bool | None = None) -> ReportSettings:
    """Set the town's daily cut-off time (截止时间) and whether reports are owed on rest days (left
    as it is when None); the town's safety office only."""
    if town.level != RegionLevel.TOWN:
        raise ValidationError({"town": _("截止时间按乡镇（街道）设置")})
    if actor is not None and not _may_set(actor, town):
        raise PermissionDenied(_("只有本乡镇应急管理办可以设置日报截止时间"))
    with transaction.atomic():
        settings = ReportSettings.objects.select_for_update().filter(town=town).first()
        if settings is None:
            settings = ReportSettings.objects.create(
                town=town, cutoff=cutoff, updated_by=actor,
                rest_days=True if rest_days is None else rest_days)
            journal.record(actor, settings, JournalAction.CREATE,
                           journal.diff({}, journal.snapshot(settings)))
            return settings
        before = journal.snapshot(settings)
        settings.cutoff = cutoff
        if rest_days is not None:
            settings.rest_days = rest_days
        settings.updated_by = actor
        settings.save(update_fields=["cutoff", "rest_days", "updated_by", "updated_at"])
        journal.record(actor, settings, JournalAction.UPDATE,
                       journal.diff(before, journal.snapshot(settings, ["cutoff", "rest_days"])))
        return settings


def _may_set(actor, town: Region) -> bool:
    if actor.is_superuser:
        return True
    return any(g.allows(selectors.SETTINGS_LABEL, CHANGE) and g.region_path is not None
               and town.path.startswith(g.region_path) for g in actor.scope_grants)
