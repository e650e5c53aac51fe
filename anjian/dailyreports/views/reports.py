"""Compliance over a period (报送率) and the town's summary of a day (日报汇总), each with its
download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from anjian.core.downloads import DOCX, attachment
from anjian.core.scope import VIEW
from anjian.dailyreports import exports, selectors
from anjian.dailyreports.views import parse_day, pick_town


def _compliance(request: HttpRequest):
    town, towns = pick_town(request)
    today = timezone.localdate()
    start = parse_day(request.GET.get("start"), today.replace(day=1))
    end = parse_day(request.GET.get("end"), today)
    if end < start:
        start, end = end, start
    rows = [row for row in selectors.compliance(town, start, end)
            if selectors.reaches(request.user, VIEW, row.reporter)]
    rows.sort(key=lambda row: (row.rate, row.on_time_rate, row.reporter.key[0] != "v",
                               row.reporter.name))
    return town, towns, start, end, rows


@login_required
def compliance(request: HttpRequest) -> HttpResponse:
    town, towns, start, end, rows = _compliance(request)
    due = rows[0].due if rows else 0
    filed = sum(r.filed for r in rows)
    return render(request, "dailyreports/compliance.html", {
        "town": town, "towns": towns, "start": start, "end": end, "rows": rows, "due": due,
        "overall": filed / (due * len(rows)) if due and rows else None,
    })


@login_required
def compliance_export(request: HttpRequest) -> HttpResponse:
    town, _towns, start, end, rows = _compliance(request)
    name = f"{town.name}日报告报送率_{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
    return attachment(exports.compliance_xlsx(town, start, end, rows), name)


def _summary(request: HttpRequest) -> selectors.TownSummary:
    town, _towns = pick_town(request)
    day = parse_day(request.GET.get("date"))
    return selectors.town_summary(town, day, request.user)


@login_required
def summary(request: HttpRequest) -> HttpResponse:
    town, towns = pick_town(request)
    return render(request, "dailyreports/summary.html", {
        "summary": _summary(request), "town": town, "towns": towns})


@login_required
def summary_xlsx(request: HttpRequest) -> HttpResponse:
    s = _summary(request)
    return attachment(exports.summary_xlsx(s), f"{s.town.name}日报汇总_{s.day:%Y%m%d}.xlsx")


@login_required
def summary_docx(request: HttpRequest) -> HttpResponse:
    s = _summary(request)
    return attachment(exports.summary_docx(s), f"{s.town.name}日报汇总_{s.day:%Y%m%d}.docx", DOCX)


urlpatterns = [
    path("compliance/", compliance, name="compliance"),
    path("compliance/export/", compliance_export, name="compliance_export"),
    path("summary/", summary, name="summary"),
    path("summary/xlsx/", summary_xlsx, name="summary_xlsx"),
    path("summary/docx/", summary_docx, name="summary_docx"),
]
