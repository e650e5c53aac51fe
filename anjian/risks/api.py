"""REST API of commitments and risk grading (/api/risks/…). Reads are scoped (outside the
user's scope: 404); writes call risks.services, which check the unit is the user's to write for.

- `POST /api/risks/commitments/` files (or corrects) today's commitment of `unit`;
  `GET /api/risks/commitments/missing/?date=` lists the units in scope that have not filed.
- `POST /api/risks/points/{id}/assess/` assesses a risk point (LEC: factor_l/e/c; LS:
  factor_l/s); the response carries D or R, the class and the colour.
- `POST /api/risks/overrides/{id}/lift/` lifts the office's override of a unit's colour.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.core.api import JournalMixin, ScopedViewSet
from anjian.core.scope import CHANGE, VIEW
from anjian.risks import selectors, services
from anjian.risks.filtersets import CommitmentFilterSet, RiskPointFilterSet
from anjian.risks.models import (
    RiskAssessment,
    RiskLevelOverride,
    RiskPoint,
    RiskReport,
    SafetyCommitment,
)
from anjian.risks.serializers import (
    CommitmentMissingUnitSerializer,
    RiskAssessmentSerializer,
    RiskOverrideLiftSerializer,
    RiskOverrideSerializer,
    RiskPointSerializer,
    RiskReportSerializer,
    SafetyCommitmentSerializer,
)


def _data(serializer) -> dict:
    data = dict(serializer.validated_data)
    data.pop("unit", None)
    return data


class CommitmentViewSet(JournalMixin, ScopedViewSet):
    """Safety commitments (安全承诺): one per unit per day; a second POST corrects it."""

    scope_model = SafetyCommitment
    scope_actions = {**ScopedViewSet.scope_actions, "missing": VIEW}
    serializer_class = SafetyCommitmentSerializer
    filterset_class = CommitmentFilterSet
    select_related = ("unit",)
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("-date", "-pk")

    def perform_create(self, serializer):
        obj = services.commitment_file(actor=self.request.user,
                                       unit=serializer.validated_data["unit"],
                                       data=_data(serializer))
        self.saved(serializer, obj)

    @extend_schema(summary="Units in scope that owe a commitment of a day and have not filed",
                   parameters=[OpenApiParameter("date", str, description="YYYY-MM-DD, today "
                                                                          "by default")],
                   responses=CommitmentMissingUnitSerializer(many=True), filters=False)
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def missing(self, request):
        try:
            day = dt.date.fromisoformat(request.query_params.get("date") or
                                        timezone.localdate().isoformat())
        except ValueError:
            raise exceptions.ValidationError({"date": ["日期格式应为 YYYY-MM-DD"]}) from None
        units = [r.unit for r in selectors.commitment_day(request.user, day) if not r.commitment]
        return Response(CommitmentMissingUnitSerializer(units, many=True).data)


class RiskPointViewSet(JournalMixin, ScopedViewSet):
    """Risk points (风险点) with their current colour; `assess` adds an assessment."""

    scope_model = RiskPoint
    scope_actions = {**ScopedViewSet.scope_actions, "assess": VIEW}
    serializer_class = RiskPointSerializer
    filterset_class = RiskPointFilterSet
    select_related = ("unit",)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        obj = services.risk_point_create(actor=self.request.user,
                                         unit=serializer.validated_data["unit"],
                                         data=_data(serializer))
        self.saved(serializer, obj)

    def perform_update(self, serializer):
        obj = services.risk_point_update(actor=self.request.user, point=serializer.instance,
                                         data=_data(serializer))
        self.saved(serializer, obj)

    @extend_schema(summary="Assess a risk point by LEC or LS", request=RiskAssessmentSerializer,
                   responses={201: RiskAssessmentSerializer}, filters=False)
    @action(detail=True, methods=["post"], filter_backends=[])
    def assess(self, request, pk=None):
        point = self.get_object()
        form = RiskAssessmentSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        assessment = services.risk_assess(actor=request.user, point=point,
                                          data=dict(form.validated_data))
        return Response(RiskAssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


class AssessmentViewSet(ScopedViewSet):
    """Risk assessments (风险评价), read-only: assess through /points/{id}/assess/."""

    scope_model = RiskAssessment
    serializer_class = RiskAssessmentSerializer
    http_method_names = ["get", "head", "options"]


class RiskReportViewSet(JournalMixin, ScopedViewSet):
    """Risk reports (风险报告): a unit's active risk points as they stood when submitted."""

    scope_model = RiskReport
    serializer_class = RiskReportSerializer
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        v = serializer.validated_data
        obj = services.risk_report_submit(actor=self.request.user, unit=v["unit"],
                                          period_start=v["period_start"],
                                          period_end=v["period_end"], note=v.get("note", ""))
        self.saved(serializer, obj)


class OverrideViewSet(JournalMixin, ScopedViewSet):
    """The office's override of a unit's colour (风险等级认定)."""

    scope_model = RiskLevelOverride
    scope_actions = {**ScopedViewSet.scope_actions, "lift": CHANGE}
    serializer_class = RiskOverrideSerializer
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        v = serializer.validated_data
        obj = services.override_set(actor=self.request.user, unit=v["unit"], colour=v["colour"],
                                    reason=v["reason"])
        self.saved(serializer, obj)

    @extend_schema(summary="Lift the override", request=RiskOverrideLiftSerializer,
                   responses=RiskOverrideSerializer, filters=False)
    @action(detail=True, methods=["post"], filter_backends=[])
    def lift(self, request, pk=None):
        override = self.get_object()
        form = RiskOverrideLiftSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        override = services.override_lift(actor=request.user, override=override,
                                          reason=form.validated_data["lift_reason"])
        return Response(RiskOverrideSerializer(override).data)


# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES = [
    ("risks/commitments", CommitmentViewSet, "risk-commitment"),
    ("risks/points", RiskPointViewSet, "risk-point"),
    ("risks/assessments", AssessmentViewSet, "risk-assessment"),
    ("risks/reports", RiskReportViewSet, "risk-report"),
    ("risks/overrides", OverrideViewSet, "risk-override"),
]
