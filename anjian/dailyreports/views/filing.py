"""Filing a daily report from a phone: the reporter and the day chosen at the top (which refreshes
what the platform already recorded), a big one-tap zero report (零报告), then the full form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from anjian.dailyreports import selectors, services
from anjian.dailyreports.forms import DailyReportForm
from anjian.dailyreports.views import parse_day


@login_required
@require_http_methods(["GET", "POST"])
def file_report(request: HttpRequest) -> HttpResponse:
    reporters = selectors.fileable(request.user)
    if not reporters:
        raise PermissionDenied
    by_key = {r.key: r for r in reporters}
    source = request.POST if request.method == "POST" else request.GET
    reporter = by_key.get(source.get("reporter", ""), reporters[0])
    day = parse_day(source.get("date"))
    known = selectors.platform_counts(reporter, day)
    existing = selectors.report_of(reporter, day)
    initial = {"reporter": reporter.key, "date": day, **known}
    if existing is not None:
        initial.update({name: getattr(existing, name) for name in (
            "inspections_count", "hazards_count", "events", "measures", "note")})
    form = DailyReportForm(request.POST or None, reporters=reporters, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.daily_report_file(
                actor=request.user, reporter=form.selected, day=form.cleaned_data["date"],
                data=form.report_data())
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _done_message(report, corrected=existing is not None))
            return redirect(f"{reverse('dailyreports:today')}?town={reporter.town_id}"
                            f"&date={report.date:%Y-%m-%d}")
    town = selectors.town_of(reporter.region)
    cutoff = selectors.cutoff_for(town)
    return render(request, "dailyreports/file.html", {
        "form": form, "reporter": reporter, "reporters": reporters, "day": day,
        "known": known, "existing": existing,
        "zero_blocked": bool(known["inspections_count"] or known["hazards_count"]),
        "cutoff": cutoff,
        "late_now": timezone.now() > selectors.deadline(town, day, cutoff),
    })


def _done_message(report, *, corrected: bool) -> str:
    what = _("零报告") if report.is_zero else _("日报")
    if corrected:
        return _("已更正%(name)s %(day)s的%(what)s") % {
            "name": report.reporter_name, "day": f"{report.date:%Y-%m-%d}", "what": what}
    late = _("（迟报）") if report.is_late else ""
    return _("已报送%(name)s %(day)s的%(what)s%(late)s") % {
        "name": report.reporter_name, "day": f"{report.date:%Y-%m-%d}", "what": what, "late": late}


urlpatterns = [
    path("file/", file_report, name="file"),
]
