"""Serializers of the daily-report API. They parse and present; dailyreports.services decides."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anjian.dailyreports.models import DailyReport

REPORTER_HELP = "v<village region id> or o<organisation id>, as GET /api/daily-reports/missing/ lists"


class DailyReportSerializer(serializers.ModelSerializer):
    reporter = serializers.SerializerMethodField(help_text=REPORTER_HELP)
    reporter_name = serializers.CharField(read_only=True)

    class Meta:
        model = DailyReport
        fields = ["id", "date", "reporter", "reporter_name", "town", "region", "organisation",
                  "inspections_count", "hazards_count", "events", "measures", "note", "is_zero",
                  "is_late", "submitted_by", "submitter_name", "first_submitted_at",
                  "submitted_at", "corrections"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_reporter(self, report: DailyReport) -> str:
        return report.reporter_key


class DailyReportWriteSerializer(serializers.Serializer):
    """File (POST) or correct (PATCH) a report; `is_zero` alone files a zero report (零报告)."""

    reporter = serializers.CharField(help_text=REPORTER_HELP, required=False)
    date = serializers.DateField(required=False, help_text="the report's day; today if left out")
    inspections_count = serializers.IntegerField(required=False, min_value=0, max_value=10_000)
    hazards_count = serializers.IntegerField(required=False, min_value=0, max_value=10_000)
    events = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    measures = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    is_zero = serializers.BooleanField(required=False, default=False)

    def report_data(self, base: DailyReport | None = None) -> dict:
        """The fields to file: a correction starts from the stored report."""
        names = ("inspections_count", "hazards_count", "events", "measures", "note")
        data = {n: getattr(base, n) for n in names} if base is not None else {}
        data.update({n: v for n, v in self.validated_data.items() if n in names})
        data["is_zero"] = self.validated_data.get("is_zero", False)
        if data["is_zero"] and base is not None:
            data.update(inspections_count=0, hazards_count=0, events="", measures="")
        return data

    def day(self):
        return self.validated_data.get("date") or timezone.localdate()


class ReporterSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=REPORTER_HELP)
    name = serializers.CharField()
    kind = serializers.SerializerMethodField()
    contact = serializers.CharField()
    phone = serializers.CharField()

    def get_kind(self, reporter) -> str:
        return "village" if reporter.is_village else "organisation"


class ComplianceSerializer(serializers.Serializer):
    reporter = ReporterSerializer()
    due = serializers.IntegerField()
    filed = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    missing = serializers.IntegerField()
    zero = serializers.IntegerField()
    rate = serializers.FloatField()
    on_time_rate = serializers.FloatField()
