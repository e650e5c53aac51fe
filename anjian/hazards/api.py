"""REST API of the hazard closed loop (/api/hazards/). Reads are scoped (a hazard outside the user's
scope is a 404) and filtered by the ledger's own HazardFilterSet; writes call hazards.services.

- `POST /api/hazards/` reports (上报) a hazard with its photos: multipart/form-data (the fields as
  JSON in the form field `hazard`, or as plain form fields with the files as `photos`) or
  application/json with the photos inline as base64.
- `POST /api/hazards/{id}/actions/{action}/` takes one workflow action with the action's fields,
  its photos and `version` — the hazard's version as the user last saw it. A stale version is a
  409 with the service's Chinese message; an action the hazard's state or the action's guard
  refuses is a 400; an action the user's role may not take on a hazard they can see is a 403.
- `GET /api/hazards/statistics/?by=…` gives selectors.hazard_statistics of the same filtered
  hazards as the list.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import utils as filter_utils
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from anjian.core.api import ScopedFilterBackend, ScopedViewSet
from anjian.core.photos import stamped_response
from anjian.core.scope import VIEW
from anjian.hazards import selectors, services
from anjian.hazards.choices import HazardAction, PhotoStage
from anjian.hazards.filtersets import HazardFilterSet
from anjian.hazards.models import Hazard, HazardEvent
from anjian.hazards.serializers import (
    HazardActionMultipartSerializer,
    HazardActionSerializer,
    HazardDetailSerializer,
    HazardReportMultipartSerializer,
    HazardReportSerializer,
    HazardSerializer,
    StatisticsSerializer,
    StatsSerializer,
    default_stage,
)
from anjian.hazards.views.ledger import top_region
from anjian.hazards.workflow import TRANSITIONS
from anjian.inspections.serializers import (
    PHOTO_ID,
    PHOTO_RESPONSE,
    Conflict,
    JPEGRenderer,
    read_photos,
    submission_payload,
)

ACTION_NAMES = [a for a in TRANSITIONS if a != HazardAction.REPORT]


def staged_photos(request, refs, action_name: str) -> list[services.StagedPhoto]:
    """The referenced photos, validated, each with its stage (the reference's, or the action's
    default); a 400 listing every bad one."""
    photos, errors = read_photos(request, refs)
    for _photo, ref in photos:
        if ref.get("stage") and ref["stage"] not in PhotoStage.values:
            errors.append(_("照片阶段“%(stage)s”无效") % {"stage": ref["stage"]})
    if errors:
        raise exceptions.ValidationError({"photos": errors})
    return [services.StagedPhoto(photo, ref.get("stage") or default_stage(action_name))
            for photo, ref in photos]


_by = OpenApiParameter("by", OpenApiTypes.STR, enum=list(selectors.GROUPS),
                       description="group the figures; without it only the total")


@extend_schema_view(
    list=extend_schema(summary="The hazard ledger (隐患台账), newest first"),
    retrieve=extend_schema(summary="One hazard with its events, photos and allowed actions",
                           responses=HazardDetailSerializer),
)
class HazardViewSet(ScopedViewSet):
    """Hazards (隐患). Filter with the same parameters as the ledger page."""

    scope_model = Hazard
    # The workflow table and the service decide who may take an action on a hazard they can see.
    scope_actions = {**ScopedViewSet.scope_actions, "take_action": VIEW}
    serializer_class = HazardSerializer
    filterset_class = HazardFilterSet
    select_related = ("unit", "region")
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        qs = super().get_queryset().order_by("-discovered_at", "-pk")
        if self.action in ("retrieve", "photo"):
            qs = qs.prefetch_related("photos")
        return qs

    def get_serializer_class(self):
        return HazardDetailSerializer if self.action == "retrieve" else HazardSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object())

    def _detail(self, hazard: Hazard, code: int = status.HTTP_200_OK) -> Response:
        hazard = (Hazard.objects.select_related("unit", "region")
                  .prefetch_related("photos", Prefetch("events", HazardEvent.objects.order_by(
                      "at", "pk"))).get(pk=hazard.pk))
        return Response(HazardDetailSerializer(hazard, context=self.get_serializer_context()).data,
                        status=code)

    @extend_schema(
        summary="Report (上报) a hazard with its photos",
        request={"multipart/form-data": HazardReportMultipartSerializer,
                 "application/json": HazardReportSerializer},
        responses={201: HazardDetailSerializer},
    )
    def create(self, request, *args, **kwargs):
        form = HazardReportSerializer(data=submission_payload(request, "hazard"),
                                      context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        photos = staged_photos(request, form.validated_data["photos"], HazardAction.REPORT)
        hazard = services.hazard_report(actor=request.user, unit=form.validated_data["unit"],
                                        data=form.hazard_data(), photos=photos)
        return self._detail(hazard, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Take one workflow action (交办, 签收, 提交整改, 验收销号 …) on a hazard",
        description="The body holds the action's own fields (see the hazard page's forms), "
                    "`version` and `photos`. 409: someone changed the hazard since `version`.",
        parameters=[OpenApiParameter("action_name", OpenApiTypes.STR, OpenApiParameter.PATH,
                                     enum=ACTION_NAMES)],
        request={"multipart/form-data": HazardActionMultipartSerializer,
                 "application/json": HazardActionSerializer},
        responses={200: HazardDetailSerializer,
                   409: OpenApiResponse(description="stale version: reload and try again")},
        filters=False,
    )
    @action(detail=True, methods=["post"], url_path=r"actions/(?P<action_name>[a-z_]+)",
            filter_backends=[])
    def take_action(self, request, pk=None, action_name=None):
        hazard = self.get_object()
        if action_name not in ACTION_NAMES:
            raise exceptions.NotFound(_("未知的操作"))
        payload = submission_payload(request, "data")
        form = HazardActionSerializer(data=payload)
        form.is_valid(raise_exception=True)
        photos = staged_photos(request, form.validated_data["photos"], action_name)
        data = {k: v for k, v in payload.items() if k not in ("version", "photos")}
        try:
            hazard = services.hazard_transition(
                actor=request.user, hazard=hazard.pk, action=action_name, data=data,
                photos=photos, expected_version=form.validated_data["version"])
        except services.HazardConflict as exc:
            raise Conflict(" ".join(exc.messages)) from None
        return self._detail(hazard)

    @extend_schema(
        summary="Statistics (统计) of the filtered hazards: found, rectified, rates, overdue, major",
        parameters=[_by], responses=StatisticsSerializer, filters=True,
    )
    @action(detail=False, methods=["get"])
    def statistics(self, request):
        by = request.query_params.get("by") or None
        if by is not None and by not in selectors.GROUPS:
            raise exceptions.ValidationError({"by": [
                _("分组方式应为 %(choices)s 之一") % {"choices": "、".join(selectors.GROUPS)}]})
        filterset = ScopedFilterBackend().get_filterset(request, self.get_queryset(), self)
        if not filterset.is_valid():
            raise filter_utils.translate_validation(filterset.errors)
        hazards = filterset.qs
        today = timezone.localdate()
        within = (filterset.selected_region or top_region(request.user)) if by == "region" else None
        total = selectors.hazard_statistics(hazards, today=today)[0]
        rows = selectors.hazard_statistics(hazards, by=by, within=within, today=today) if by else []
        return Response({"by": by, "within": within.pk if within else None,
                         "total": StatsSerializer(total).data,
                         "rows": StatsSerializer(rows, many=True).data})

    @extend_schema(summary="One photo of the hazard, with its evidence stamp", parameters=[PHOTO_ID],
                   responses=PHOTO_RESPONSE, filters=False)
    @action(detail=True, methods=["get"], url_path=r"photos/(?P<photo_id>\d+)",
            renderer_classes=[JSONRenderer, JPEGRenderer], filter_backends=[])
    def photo(self, request, pk=None, photo_id=None):
        hazard = self.get_object()
        photo = next((p for p in hazard.photos.all() if p.pk == int(photo_id)), None)
        if photo is None:
            raise Http404
        return stamped_response(photo)

# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES = [
    ("hazards", HazardViewSet, "hazard"),
]
