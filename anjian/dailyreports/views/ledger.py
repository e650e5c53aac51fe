"""The daily-report list (日报台账) with its filters, one report's page, and the Excel export of the
filtered list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from anjian.core.downloads import attachment
from anjian.core.journal import entries_for
from anjian.core.scope import CHANGE, VIEW, get_for_user
from anjian.dailyreports import exports, selectors
from anjian.dailyreports.filtersets import DailyReportFilterSet
from anjian.dailyreports.models import DailyReport

PAGE_SIZE = 50


def filtered_reports(request: HttpRequest):
    """The user's reports filtered by the query string: the list and its export alike."""
    filterset = DailyReportFilterSet(request.GET, queryset=selectors.report_list(request.user),
                                     user=request.user)
    return filterset, filterset.qs


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    filterset, reports = filtered_reports(request)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "dailyreports/report_list.html", {
        "filter": filterset, "page": page, "can_file": bool(selectors.fileable(request.user)),
    })


@login_required
def report_export(request: HttpRequest) -> HttpResponse:
    _filterset, reports = filtered_reports(request)
    stamp = timezone.localdate().strftime("%Y%m%d")
    return attachment(exports.report_list_xlsx(reports), f"日报告台账_{stamp}.xlsx")


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_for_user(selectors.report_list(request.user), request.user, VIEW, pk=pk)
    may_correct = DailyReport.objects.for_user(request.user, CHANGE).filter(pk=pk).exists()
    return render(request, "dailyreports/report_detail.html", {
        "report": report, "may_correct": may_correct,
        "deadline": selectors.deadline(report.town, report.date),
        "journal": entries_for(report)[:100],
    })


urlpatterns = [
    path("reports/", report_list, name="list"),
    path("reports/export/", report_export, name="export"),
    path("reports/<int:pk>/", report_detail, name="detail"),
]
