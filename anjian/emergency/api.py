"""REST API of the emergency ledgers (/api/emergency-…/). Reads are scoped (outside the scope: 404)
and filtered by the pages' FilterSets; every write calls emergency.services.

- plans: CRUD without delete; `POST …/{id}/versions/` (multipart with `file`) publishes a version.
- drills: CRUD without delete; `POST …/{id}/problems/` adds a problem;
  `POST …/{id}/problems/{problem}/hazard/` (multipart with `photos`) turns it into a hazard;
  `GET emergency-drills/behind/` lists owners behind the required drill frequency.
- teams: `POST …/{id}/members/`; supplies: `POST …/{id}/stock/`; incidents: `POST …/{id}/events/`
  and `POST …/{id}/close/`.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.core.api import OwnedViewSet, ScopedViewSet
from anjian.core.attachments import read_attachment
from anjian.core.photos import read_upload
from anjian.core.scope import CHANGE, VIEW
from anjian.emergency import selectors, services
from anjian.emergency.filtersets import (
    DrillFilterSet,
    IncidentFilterSet,
    PlanFilterSet,
    SupplyFilterSet,
    TeamFilterSet,
)
from anjian.emergency.models import Drill, EmergencyPlan, EmergencyTeam, Incident, SupplyItem
from anjian.emergency.serializers import (
    CloseSerializer,
    DrillSerializer,
    EventSerializer,
    IncidentSerializer,
    MemberSerializer,
    MovementSerializer,
    PlanSerializer,
    ProblemHazardSerializer,
    ProblemSerializer,
    SupplySerializer,
    TeamSerializer,
    VersionSerializer,
)
from anjian.hazards.choices import PhotoStage
from anjian.hazards.services import StagedPhoto
from anjian.units.models import Unit


class PlanViewSet(OwnedViewSet):
    """Emergency plans (应急预案)."""

    scope_model = EmergencyPlan
    serializer_class = PlanSerializer
    filterset_class = PlanFilterSet
    select_related = ("region", "unit", "current_version")
    scope_actions = {**ScopedViewSet.scope_actions, "versions": CHANGE}
    create_service = services.plan_create
    update_service = services.plan_update
    object_name = "plan"

    @extend_schema(request=VersionSerializer, responses=VersionSerializer,
                   summary="Publish a version (with its file)")
    @action(detail=True, methods=["post"])
    def versions(self, request, pk=None):
        plan = self.get_object()
        upload = request.FILES.get("file")
        file = read_attachment(upload) if upload else None

        def call(data):
            data = {k: v for k, v in data.items() if k != "file"}
            return services.plan_version_add(actor=request.user, plan=plan, data=data, file=file)
        return self._child(VersionSerializer, call)


class DrillViewSet(OwnedViewSet):
    """Drills (应急演练) with the problems they found."""

    scope_model = Drill
    serializer_class = DrillSerializer
    filterset_class = DrillFilterSet
    select_related = ("region", "unit")
    prefetch_related = ("problems__hazard", "organisers", "participating_organisations",
                        "participating_regions", "participating_units")
    scope_actions = {**ScopedViewSet.scope_actions, "problems": CHANGE, "problem_hazard": CHANGE,
                     "behind": VIEW}
    create_service = services.drill_create
    update_service = services.drill_update
    object_name = "drill"

    @extend_schema(request=ProblemSerializer, responses=ProblemSerializer,
                   summary="Add a problem found by the drill")
    @action(detail=True, methods=["post"])
    def problems(self, request, pk=None):
        drill = self.get_object()
        return self._child(ProblemSerializer, lambda data: services.drill_problem_add(
            actor=request.user, drill=drill, data=data))

    @extend_schema(request=ProblemHazardSerializer, summary="Turn a problem into a hazard (转为隐患)")
    @action(detail=True, methods=["post"], url_path=r"problems/(?P<problem>\d+)/hazard")
    def problem_hazard(self, request, pk=None, problem=None):
        drill = self.get_object()
        found = drill.problems.filter(pk=problem).first()
        if found is None:
            raise Http404
        data = request.data.copy()
        photos = request.FILES.getlist("photos")
        if not photos:
            raise exceptions.ValidationError({"photos": ["请至少上传一张现场照片"]})
        unit = Unit.objects.for_user(request.user).filter(pk=data.get("unit")).first()
        if unit is None:
            raise exceptions.ValidationError({"unit": ["单位不存在或不在您的管辖范围内"]})
        staged = [StagedPhoto(read_upload(f), PhotoStage.DISCOVERY) for f in photos]
        hazard = services.drill_problem_to_hazard(
            actor=request.user, problem=found, unit=unit, photos=staged,
            data={k: data.get(k) for k in ("description", "cause_class", "category", "level")})
        return Response({"hazard": hazard.pk, "number": hazard.number},
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="Owners behind the required drill frequency (演练频次)")
    @action(detail=False, methods=["get"], filter_backends=[])
    def behind(self, request):
        rows = selectors.drills_behind(None, timezone.localdate(),
                                       units=Unit.objects.for_user(request.user))
        return Response([{"name": r.name, "unit": r.unit.pk if r.unit else None,
                          "region": r.region.pk, "interval_months": r.interval_months,
                          "last_drill": r.last_drill, "due": r.due} for r in rows])


class TeamViewSet(OwnedViewSet):
    """Emergency teams (应急队伍) and members."""

    scope_model = EmergencyTeam
    serializer_class = TeamSerializer
    filterset_class = TeamFilterSet
    select_related = ("region", "unit")
    prefetch_related = ("members",)
    scope_actions = {**ScopedViewSet.scope_actions, "members": CHANGE}
    create_service = services.team_create
    update_service = services.team_update
    object_name = "team"

    @extend_schema(request=MemberSerializer, responses=MemberSerializer, summary="Add a member")
    @action(detail=True, methods=["post"])
    def members(self, request, pk=None):
        team = self.get_object()
        return self._child(MemberSerializer, lambda data: services.team_member_add(
            actor=request.user, team=team, data=data))


class SupplyViewSet(OwnedViewSet):
    """Emergency supplies and equipment (应急物资)."""

    scope_model = SupplyItem
    serializer_class = SupplySerializer
    filterset_class = SupplyFilterSet
    select_related = ("region", "unit")
    scope_actions = {**ScopedViewSet.scope_actions, "stock": CHANGE}
    create_service = services.supply_create
    update_service = services.supply_update
    object_name = "item"

    @extend_schema(request=MovementSerializer, responses=MovementSerializer,
                   summary="Stock in or out (入库/出库) with a reason")
    @action(detail=True, methods=["post"])
    def stock(self, request, pk=None):
        item = self.get_object()
        return self._child(MovementSerializer, lambda data: services.supply_stock_change(
            actor=request.user, item=item, direction=data["direction"],
            quantity=data["quantity"], reason=data["reason"]))


class IncidentViewSet(OwnedViewSet):
    """The incident log (突发事件) with its timeline."""

    scope_model = Incident
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet
    select_related = ("region", "unit")
    prefetch_related = ("events",)
    scope_actions = {**ScopedViewSet.scope_actions, "events": CHANGE, "close": CHANGE}
    create_service = services.incident_create
    update_service = services.incident_update
    object_name = "incident"

    @extend_schema(request=EventSerializer, responses=EventSerializer,
                   summary="Add a report, action or instruction to the timeline")
    @action(detail=True, methods=["post"])
    def events(self, request, pk=None):
        incident = self.get_object()
        return self._child(EventSerializer, lambda data: services.incident_event_add(
            actor=request.user, incident=incident, data=data))

    @extend_schema(request=CloseSerializer, responses=IncidentSerializer,
                   summary="Close the incident (处置完毕)")
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        incident = self.get_object()
        parsed = CloseSerializer(data=request.data)
        parsed.is_valid(raise_exception=True)
        closed = services.incident_close(actor=request.user, incident=incident,
                                         outcome=parsed.validated_data["outcome"])
        return Response(IncidentSerializer(closed).data)


# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES: list = [
    ("emergency-plans", PlanViewSet, "emergency-plan"),
    ("emergency-drills", DrillViewSet, "emergency-drill"),
    ("emergency-teams", TeamViewSet, "emergency-team"),
    ("emergency-supplies", SupplyViewSet, "emergency-supply"),
    ("emergency-incidents", IncidentViewSet, "emergency-incident"),
]
