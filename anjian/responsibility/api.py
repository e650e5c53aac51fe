"""REST API of the responsibility system (/api/responsibility/…). Reads are scoped and filtered by
the pages' FilterSets; writes call responsibility.services.

- `lists/`: responsibility lists with their duties inline; `POST lists/{id}/copy/` {year}.
- `agreements/`: multipart (with the scanned copy as `scan`) or JSON; `GET agreements/{id}/scan/`
  downloads the scan; `GET agreements/coverage/?region=&year=` the year's coverage.
- `visits/`: leader linkage visits; `GET visits/by-leader/?year=`.
- `meetings/`: meetings; `GET meetings/counts/?year=`.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from anjian.core.api import JournalMixin, ScopedViewSet
from anjian.core.attachments import attachment_response
from anjian.core.scope import ADD, VIEW
from anjian.regions.models import Region
from anjian.responsibility import selectors, services
from anjian.responsibility.filtersets import (
    AgreementFilterSet,
    LinkageVisitFilterSet,
    MeetingFilterSet,
    ResponsibilityListFilterSet,
)
from anjian.responsibility.models import Agreement, LinkageVisit, Meeting, ResponsibilityList
from anjian.responsibility.serializers import (
    AgreementSerializer,
    CopySerializer,
    LinkageVisitSerializer,
    MeetingSerializer,
    ResponsibilityListSerializer,
)

_year = OpenApiParameter("year", OpenApiTypes.INT, description="年度, default this year")
_region = OpenApiParameter("region", OpenApiTypes.INT, description="区划 id, default the user's")


class _NoDelete:
    """Nothing here is deleted through the API: records are corrected, and their history kept."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]


def _year_of(request) -> int:
    try:
        return int(request.query_params.get("year") or timezone.localdate().year)
    except ValueError:
        raise exceptions.ValidationError({"year": "年度应为数字"}) from None


def _region_of(request, label: str) -> Region:
    top = selectors.top_region(request.user, label)
    if top is None:
        raise Http404
    region_id = request.query_params.get("region")
    if not region_id:
        return top
    region = Region.objects.for_user(request.user).filter(
        pk=region_id if region_id.isdigit() else 0, path__startswith=top.path).first()
    if region is None:
        raise Http404
    return region


def _split_duties(data: dict) -> tuple[dict, list | None]:
    duties = data.pop("duties", None)
    return data, None if duties is None else [(d["category"], d["text"]) for d in duties]


class ResponsibilityListViewSet(_NoDelete, JournalMixin, ScopedViewSet):
    """Responsibility lists (责任清单) per post and year, duties inline."""

    scope_model = ResponsibilityList
    scope_actions = {**ScopedViewSet.scope_actions, "copy": ADD}
    serializer_class = ResponsibilityListSerializer
    filterset_class = ResponsibilityListFilterSet
    select_related = ("region", "holder")
    prefetch_related = ("duties",)

    def perform_create(self, serializer):
        data, duties = _split_duties(dict(serializer.validated_data))
        self.saved(serializer, services.responsibility_list_create(
            actor=self.request.user, data=data, duties=duties or []))

    def perform_update(self, serializer):
        data, duties = _split_duties(dict(serializer.validated_data))
        self.saved(serializer, services.responsibility_list_update(
            actor=self.request.user, rlist=serializer.instance, data=data, duties=duties))

    @extend_schema(request=CopySerializer, responses=ResponsibilityListSerializer,
                   summary="Copy a list to a new year (沿用上年清单)")
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        rlist = ResponsibilityList.objects.for_user(request.user, VIEW).filter(pk=pk).first()
        if rlist is None:
            raise Http404
        form = CopySerializer(data=request.data)
        form.is_valid(raise_exception=True)
        new = services.responsibility_list_copy(actor=request.user, rlist=rlist,
                                                year=form.validated_data["year"])
        return Response(self.get_serializer(new).data, status=status.HTTP_201_CREATED)


class AgreementViewSet(_NoDelete, JournalMixin, ScopedViewSet):
    """Responsibility agreements (责任书); the scanned copy as multipart field `scan`."""

    scope_model = Agreement
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    select_related = ("village", "unit", "organisation", "region")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        scan = data.pop("scan", None)
        self.saved(serializer, services.agreement_create(actor=self.request.user, data=data,
                                                         scan=scan))

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        scan = data.pop("scan", None)
        self.saved(serializer, services.agreement_update(
            actor=self.request.user, agreement=serializer.instance, data=data, scan=scan))

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
                   summary="Download the scanned copy")
    @action(detail=True, methods=["get"], filter_backends=[])
    def scan(self, request, pk=None):
        return attachment_response(self.get_object())

    @extend_schema(parameters=[_year, _region], responses=OpenApiTypes.OBJECT, filters=False,
                   summary="Coverage of a year: expected, signed, missing (签订覆盖)")
    @action(detail=False, methods=["get"], filter_backends=[])
    def coverage(self, request):
        coverage = selectors.agreement_coverage(
            _region_of(request, "responsibility.agreement"), _year_of(request))
        return Response({
            "region": coverage.region.pk, "year": coverage.year, "expected": coverage.expected,
            "signed": coverage.signed, "without_scan": coverage.without_scan,
            "by_kind": [{"kind": k.kind, "expected": k.expected, "signed": k.signed}
                        for k in coverage.by_kind],
            "missing": [{"kind": p.kind, "name": p.name, "place": p.place,
                         "village": p.village_id, "unit": p.unit_id,
                         "organisation": p.organisation_id} for p in coverage.missing],
        })


class LinkageVisitViewSet(_NoDelete, JournalMixin, ScopedViewSet):
    """Leader linkage visits (领导挂钩走访)."""

    scope_model = LinkageVisit
    serializer_class = LinkageVisitSerializer
    filterset_class = LinkageVisitFilterSet
    select_related = ("leader", "unit")

    def perform_create(self, serializer):
        self.saved(serializer, services.linkage_visit_create(actor=self.request.user,
                                                             data=serializer.validated_data))

    def perform_update(self, serializer):
        self.saved(serializer, services.linkage_visit_update(
            actor=self.request.user, visit=serializer.instance, data=serializer.validated_data))

    @extend_schema(parameters=[_year], responses=OpenApiTypes.OBJECT, filters=False,
                   summary="Per leader: linked units and visits in the year")
    @action(detail=False, methods=["get"], url_path="by-leader", filter_backends=[])
    def by_leader(self, request):
        year = _year_of(request)
        rows = selectors.visits_by_leader(_region_of(request, "responsibility.linkagevisit"),
                                          dt.date(year, 1, 1), dt.date(year, 12, 31))
        return Response([{"leader": r.leader.pk, "name": r.leader.name, "units": r.units,
                          "visits": r.visits, "units_visited": r.units_visited,
                          "last_visit": r.last_visit} for r in rows])


class MeetingViewSet(_NoDelete, JournalMixin, ScopedViewSet):
    """Meetings that studied or deployed work safety (会议记录)."""

    scope_model = Meeting
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    select_related = ("region", "chaired_by")

    def perform_create(self, serializer):
        self.saved(serializer, services.meeting_create(actor=self.request.user,
                                                       data=serializer.validated_data))

    def perform_update(self, serializer):
        self.saved(serializer, services.meeting_update(
            actor=self.request.user, meeting=serializer.instance, data=serializer.validated_data))

    @extend_schema(parameters=[_year], responses=OpenApiTypes.OBJECT, filters=False,
                   summary="Meetings of the year per kind, and how many had safety first")
    @action(detail=False, methods=["get"], filter_backends=[])
    def counts(self, request):
        year = _year_of(request)
        counts = selectors.meetings_count(_region_of(request, "responsibility.meeting"),
                                          dt.date(year, 1, 1), dt.date(year, 12, 31))
        return Response({"year": year, "total": counts.total, "safety_first": counts.safety_first,
                         "by_kind": [{"kind": k, "meetings": n, "safety_first": f}
                                     for k, _label, n, f in counts.by_kind]})


# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES = [
    ("responsibility/lists", ResponsibilityListViewSet, "responsibility-list"),
    ("responsibility/agreements", AgreementViewSet, "responsibility-agreement"),
    ("responsibility/visits", LinkageVisitViewSet, "responsibility-visit"),
    ("responsibility/meetings", MeetingViewSet, "responsibility-meeting"),
]
