"""The day's status (今日报送情况): who has reported and who has not, with the phone to call; the
reporter's own card with the way to file; the cut-off time setting of the safety office."""

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

from anjian.core.scope import CHANGE
from anjian.dailyreports import selectors, services
from anjian.dailyreports.forms import ReportSettingsForm
from anjian.dailyreports.views import parse_day, pick_town
from anjian.regions.models import Region

# A user who may file for at most this many reporters sees them as "my reports" cards.
OWN_CARDS = 3


def _status(row, due: bool) -> str:
    if row.report is None:
        return "missing" if due else "pending"
    return "late" if row.report.is_late else "on_time"


@login_required
def today(request: HttpRequest) -> HttpResponse:
    town, towns = pick_town(request)
    day = parse_day(request.GET.get("date"))
    now = timezone.now()
    cutoff = selectors.cutoff_for(town)
    owed = selectors.is_report_day(town, day)
    due = owed and (day < timezone.localdate(now) or now >= selectors.deadline(town, day, cutoff))
    rows = selectors.day_status(town, day, request.user)
    for row in rows:
        row.status = _status(row, due)
    fileable = selectors.fileable(request.user, town)
    own_keys = {r.key for r in fileable} if len(fileable) <= OWN_CARDS else set()
    return render(request, "dailyreports/today.html", {
        "town": town, "towns": towns, "day": day, "cutoff": cutoff, "due": due, "owed": owed,
        "is_today": day == timezone.localdate(now),
        "own": [row for row in rows if row.reporter.key in own_keys],
        "missing": [row for row in rows if row.report is None] if owed else [],
        "filed": [row for row in rows if row.report is not None],
        "total": len(rows),
        "file_keys": {r.key for r in fileable},
        "can_set": _settings_towns(request.user).exists(),
    })


def _settings_towns(user):
    """The towns whose cut-off time the user may set (their safety office)."""
    towns = selectors.towns_for_user(user, CHANGE, selectors.SETTINGS_LABEL)
    return Region.objects.filter(pk__in=[t.pk for t in towns]).order_by("path")


@login_required
@require_http_methods(["GET", "POST"])
def report_settings(request: HttpRequest) -> HttpResponse:
    towns = _settings_towns(request.user)
    if not towns.exists():
        raise PermissionDenied
    chosen = towns.filter(pk=request.GET.get("town") or 0).first() or towns.first()
    form = ReportSettingsForm(request.POST or None, towns=towns, initial={
        "town": chosen, "cutoff": selectors.cutoff_for(chosen),
        "rest_days": selectors.rest_days_owed(chosen)})
    if request.method == "POST" and form.is_valid():
        town = form.cleaned_data["town"]
        try:
            services.report_settings_set(actor=request.user, town=town,
                                         cutoff=form.cleaned_data["cutoff"],
                                         rest_days=form.cleaned_data["rest_days"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已将%(town)s的日报截止时间设为 %(time)s") % {
                "town": town.name, "time": form.cleaned_data["cutoff"].strftime("%H:%M")})
            return redirect(f"{reverse('dailyreports:today')}?town={town.pk}")
    return render(request, "dailyreports/settings.html", {
        "form": form, "town": chosen, "towns": towns,
        "rows": [(t, selectors.cutoff_for(t), selectors.rest_days_owed(t)) for t in towns]})


urlpatterns = [
    path("", today, name="today"),
    path("settings/", report_settings, name="settings"),
]
