"""REST API of daily reporting (/api/daily-reports/). Reads are scoped like the pages; writes call
dailyreports.services.

- `POST /api/daily-reports/` files a report (`reporter`, `date`, counts, texts, or `is_zero`);
  a second POST for the same reporter and day corrects the report (200 instead of 201).
- `PATCH /api/daily-reports/{id}/` corrects a report. There is no DELETE: nothing filed is lost.
- `GET /api/daily-reports/missing/?town=&date=`: who has not reported (with phones);
  `GET …/compliance/?town=&start=&end=`: per-reporter compliance over a period.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.core.api import JournalMixin, ScopedViewSet
from anjian.core.scope import ADD, VIEW
from anjian.dailyreports import selectors, services
from anjian.dailyreports.filtersets import DailyReportFilterSet
from anjian.dailyreports.models import DailyReport
from anjian.dailyreports.serializers import (
    ComplianceSerializer,
    DailyReportSerializer,
    DailyReportWriteSerializer,
    ReporterSerializer,
)

TOWN_PARAM = OpenApiParameter("town", OpenApiTypes.INT, description="a town id; the user's first town if left out")


def _date(request, name: str, default: dt.date) -> dt.date:
    raw = request.query_params.get(name)
    if not raw:
        return default
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise exceptions.ValidationError({name: [_("日期格式应为 YYYY-MM-DD")]}) from None


@extend_schema_view(
    list=extend_schema(summary="Daily reports (日报告), newest first"),
    retrieve=extend_schema(summary="One daily report"),
    create=extend_schema(request=DailyReportWriteSerializer, responses=DailyReportSerializer,
                         summary="File a daily report, or correct the one of that day"),
    partial_update=extend_schema(request=DailyReportWriteSerializer,
                                 responses=DailyReportSerializer, summary="Correct a report"),
)
class DailyReportViewSet(JournalMixin, ScopedViewSet):
    scope_model = DailyReport
    serializer_class = DailyReportSerializer
    filterset_class = DailyReportFilterSet
    select_related = ("region", "organisation")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("-date", "pk")

    def create(self, request, *args, **kwargs):
        incoming = DailyReportWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        reporter = selectors.reporter_from_key(incoming.validated_data.get("reporter", ""))
        if reporter is None or not selectors.reaches(request.user, ADD, reporter):
            raise exceptions.ValidationError({"reporter": [_("报告单位无效或不在您的管辖范围内")]})
        day = incoming.day()
        existed = selectors.report_of(reporter, day) is not None
        report = services.daily_report_file(actor=request.user, reporter=reporter, day=day,
                                            data=incoming.report_data())
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(DailyReportSerializer(report).data, status=code)

    def partial_update(self, request, *args, **kwargs):
        report = self.get_object()
        incoming = DailyReportWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        reporter = selectors.reporter_from_key(report.reporter_key)
        if reporter is None:
            raise exceptions.ValidationError({"reporter": [_("该报告单位已不再报送日报")]})
        report = services.daily_report_file(actor=request.user, reporter=reporter,
                                            day=report.date, data=incoming.report_data(report))
        return Response(DailyReportSerializer(report).data)

    def _town(self, request):
        towns = selectors.towns_for_user(request.user, VIEW)
        wanted = request.query_params.get("town", "")
        town = next((t for t in towns if str(t.pk) == wanted), None if wanted else
                    (towns[0] if towns else None))
        if town is None:
            raise exceptions.NotFound(_("没有这个乡镇，或不在您的管辖范围内"))
        return town

    @extend_schema(parameters=[TOWN_PARAM, OpenApiParameter("date", OpenApiTypes.DATE)],
                   responses=ReporterSerializer(many=True), filters=False,
                   summary="Reporters with no report of the day (未报单位)")
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def missing(self, request):
        town = self._town(request)
        day = _date(request, "date", timezone.localdate())
        reporters = selectors.missing_reporters(town, day, request.user)
        return Response(ReporterSerializer(reporters, many=True).data)

    @extend_schema(parameters=[TOWN_PARAM, OpenApiParameter("start", OpenApiTypes.DATE),
                               OpenApiParameter("end", OpenApiTypes.DATE)],
                   responses=ComplianceSerializer(many=True), filters=False,
                   summary="Compliance per reporter over a period (报送率)")
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def compliance(self, request):
        town = self._town(request)
        today = timezone.localdate()
        start = _date(request, "start", today.replace(day=1))
        end = _date(request, "end", today)
        rows = [r for r in selectors.compliance(town, start, end)
                if selectors.reaches(request.user, VIEW, r.reporter)]
        return Response(ComplianceSerializer(rows, many=True).data)


# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES = [("daily-reports", DailyReportViewSet, "dailyreport")]
