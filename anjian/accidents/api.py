"""REST API of the accidents ledger (/api/accidents/, /api/accident-indicators/). Reads are scoped
and filtered by the ledger's AccidentFilterSet; writes call accidents.services.

- `POST /api/accidents/{id}/casualties/`: a supplementary report (补报) with the new figures.
- `POST /api/accidents/{id}/steps/`: record when a timeline step was done.
- `GET /api/accidents/statistics/?start=&end=`: the period's figures with year-over-year change.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.accidents import selectors, services
from anjian.accidents.filtersets import AccidentFilterSet
from anjian.accidents.models import Accident, IndicatorYear
from anjian.accidents.serializers import (
    AccidentDetailSerializer,
    AccidentSerializer,
    CasualtySerializer,
    IndicatorYearSerializer,
    StepRecordSerializer,
    StepSerializer,
)
from anjian.core.api import JournalMixin, ScopedViewSet
from anjian.core.scope import CHANGE, VIEW


class AccidentViewSet(JournalMixin, ScopedViewSet):
    """Accidents (生产安全事故). Filter with the same parameters as the ledger page."""

    scope_model = Accident
    scope_actions = {**ScopedViewSet.scope_actions, "casualties": CHANGE, "steps": CHANGE,
                     "statistics": VIEW}
    serializer_class = AccidentSerializer
    filterset_class = AccidentFilterSet
    select_related = ("region", "unit")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        qs = super().get_queryset().order_by("-occurred_at", "-pk")
        return qs.prefetch_related("steps") if self.action == "retrieve" else qs

    def get_serializer_class(self):
        return AccidentDetailSerializer if self.action == "retrieve" else AccidentSerializer

    def perform_create(self, serializer):
        self.saved(serializer, services.accident_create(actor=self.request.user,
                                                        data=serializer.validated_data))

    def perform_update(self, serializer):
        accident = serializer.instance
        changed = [f for f in services.FIGURE_FIELDS if f in serializer.validated_data
                   and serializer.validated_data[f] != getattr(accident, f)]
        if changed:
            raise exceptions.ValidationError({f: ["伤亡人数和经济损失的变化请通过补报（casualties）接口记录"]
                                              for f in changed})
        self.saved(serializer, services.accident_update(
            actor=self.request.user, accident=serializer.instance, data=serializer.validated_data))

    def _detail(self, accident: Accident) -> Response:
        accident = Accident.objects.select_related("region").prefetch_related("steps").get(
            pk=accident.pk)
        return Response(AccidentDetailSerializer(accident, context=self.get_serializer_context()).data)

    @extend_schema(request=CasualtySerializer, responses=AccidentDetailSerializer,
                   summary="Supplementary report (补报) of casualty figures")
    @action(detail=True, methods=["post"])
    def casualties(self, request, pk=None):
        accident = self.get_object()
        form = CasualtySerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        at, note = data.pop("at", None), data.pop("note", "")
        services.accident_casualties_update(actor=request.user, accident=accident, figures=data,
                                            note=note, at=at)
        return self._detail(accident)

    @extend_schema(request=StepRecordSerializer, responses=StepSerializer,
                   summary="Record when a reporting-timeline step was done")
    @action(detail=True, methods=["post"])
    def steps(self, request, pk=None):
        accident = self.get_object()
        form = StepRecordSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        step = accident.steps.filter(pk=data.pop("step")).first()
        if step is None:
            raise exceptions.NotFound()
        step = services.report_step_record(actor=request.user, step=step, **data)
        return Response(StepSerializer(step).data)

    @extend_schema(parameters=[OpenApiParameter("start", OpenApiTypes.DATE),
                               OpenApiParameter("end", OpenApiTypes.DATE)],
                   responses=OpenApiTypes.OBJECT,
                   summary="Statistics of the filtered accidents with year-over-year change")
    @action(detail=False, methods=["get"])
    def statistics(self, request):
        today = timezone.localdate()
        try:
            start = dt.date.fromisoformat(request.query_params.get("start")
                                          or f"{today.year}-01-01")
            end = dt.date.fromisoformat(request.query_params.get("end") or today.isoformat())
        except ValueError:
            raise exceptions.ValidationError({"start": ["日期格式应为 YYYY-MM-DD"]}) from None
        accidents = self.filter_queryset(self.get_queryset())
        yoy = selectors.year_over_year(accidents, start, end)

        def figures(f):
            return {"count": f.count, "deaths": f.deaths, "injured": f.injured,
                    "loss": str(f.loss), "label": f.label}

        return Response({
            "start": start, "end": end, "current": figures(yoy.current.total),
            "previous": figures(yoy.previous.total),
            "change": {c.measure: (str(c.percent) if c.percent is not None else None)
                       for c in yoy.changes},
            "by_type": [figures(f) for f in yoy.current.by_type],
            "by_region": [figures(f) for f in yoy.current.by_region],
            "by_month": [figures(f) for f in yoy.current.by_month],
        })


class IndicatorYearViewSet(JournalMixin, ScopedViewSet):
    """Yearly denominators and targets of the control indicators (控制指标)."""

    scope_model = IndicatorYear
    serializer_class = IndicatorYearSerializer
    select_related = ("region",)
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        self.saved(serializer, services.indicator_year_save(actor=self.request.user,
                                                            data=serializer.validated_data))

    def perform_update(self, serializer):
        self.saved(serializer, services.indicator_year_save(
            actor=self.request.user, data=serializer.validated_data,
            indicator=serializer.instance))



# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES = [
    ("accidents", AccidentViewSet, "accident"),
    ("accident-indicators", IndicatorYearViewSet, "accident-indicator"),
]
