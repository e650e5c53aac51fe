"""REST API of inspections (/api/inspection-plans/, /api/inspection-tasks/,
/api/inspection-records/). Reads are scoped (an object outside the user's scope is a 404); writes call
inspections.services.

Submitting a record is one request: the record, its answers and its photos, as multipart/form-data
(the record as JSON in the form field `record`, its photos as files under the names the JSON gives)
or as application/json (photos inline as base64). The `Idempotency-Key` header is required: a
phone that lost the answer retries with the same key and gets the record the first request created
(200 instead of 201), and nothing is created twice; a key already used by another user or for
another unit is refused (409).
"""

from __future__ import annotations

from contextvars import ContextVar

import django_filters
from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from anjian.core.api import ScopedFilterSet, ScopedViewSet
from anjian.core.photos import stamped_response
from anjian.core.prepared import prepared_statements
from anjian.inspections import services
from anjian.inspections.choices import TaskStatus
from anjian.inspections.filtersets import PlanFilterSet, RecordFilterSet, TaskFilterSet
from anjian.inspections.models import InspectionPlan, InspectionRecord, InspectionTask
from anjian.inspections.serializers import (
    IDEMPOTENCY_PARAMETER,
    PHOTO_ID,
    PHOTO_RESPONSE,
    Conflict,
    InspectionPlanSerializer,
    InspectionRecordDetailSerializer,
    InspectionRecordSerializer,
    InspectionTaskSerializer,
    JPEGRenderer,
    RecordMultipartSerializer,
    RecordReceiptSerializer,
    RecordSubmissionSerializer,
    answer_inputs,
    idempotency_key,
    quick_record_submission,
    read_photos,
    record_data,
    record_receipt,
    submission_payload,
)
from anjian.regions.models import Region
from anjian.units.models import Unit

READ_CREATE = ["get", "post", "head", "options"]
READ_ONLY = ["get", "head", "options"]


# --- plans ----------------------------------------------------------------------------------------

class InspectionPlanFilterSet(ScopedFilterSet, PlanFilterSet):
    """The plan list's filters, with the user (ScopedFilterBackend) and a region."""

    region = django_filters.ModelChoiceFilter(label=gettext_lazy("检查范围"),
                                              queryset=Region.objects.all())

    scoped_filters = {"region": Region}

    class Meta(PlanFilterSet.Meta):
        fields = [*PlanFilterSet.Meta.fields, "region"]


@extend_schema_view(
    create=extend_schema(summary="Create a plan and its tasks (safety office)"),
)
class InspectionPlanViewSet(ScopedViewSet):
    """Inspection plans (检查计划). Creating one produces a task per active unit of its region
    subtree and categories."""

    scope_model = InspectionPlan
    serializer_class = InspectionPlanSerializer
    filterset_class = InspectionPlanFilterSet
    select_related = ("region",)
    prefetch_related = ("inspectors", "organisations")
    http_method_names = READ_CREATE

    def get_queryset(self):
        return (super().get_queryset().annotate(task_count=Count("tasks"))
                .order_by("-start_date", "-pk"))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        inspectors = data.pop("inspectors", [])
        organisations = data.pop("organisations", [])
        plan = services.plan_create(actor=self.request.user, data=data, inspectors=inspectors,
                                    organisations=organisations)
        plan.task_count = plan.tasks.count()
        self.saved(serializer, plan)


# --- tasks ----------------------------------------------------------------------------------------

class InspectionTaskFilterSet(ScopedFilterSet, TaskFilterSet):
    """The task list's filters, with the user (ScopedFilterBackend), a plan and a unit."""

    plan = django_filters.ModelChoiceFilter(label=gettext_lazy("检查计划"),
                                            queryset=InspectionPlan.objects.all())
    unit = django_filters.ModelChoiceFilter(label=gettext_lazy("检查对象"),
                                            queryset=Unit.objects.all())

    scoped_filters = {"plan": InspectionPlan, "unit": Unit}

    class Meta(TaskFilterSet.Meta):
        fields = [*TaskFilterSet.Meta.fields, "plan", "unit"]


class InspectionTaskViewSet(ScopedViewSet):
    """Inspection tasks (检查任务): one unit to inspect under a plan. `mine`: the pending tasks of
    the units the user may inspect."""

    scope_model = InspectionTask
    serializer_class = InspectionTaskSerializer
    filterset_class = InspectionTaskFilterSet
    select_related = ("plan", "unit")
    http_method_names = READ_ONLY

    def get_queryset(self):
        return super().get_queryset().order_by("due_date", "pk")

    @extend_schema(summary="My pending tasks: units I may inspect (待检查任务)", filters=True)
    @action(detail=False, methods=["get"])
    def mine(self, request):
        reachable = services.units_reachable(request.user).values("pk")
        tasks = self.filter_queryset(self.get_queryset()).filter(
            status=TaskStatus.PENDING, unit__in=reachable)
        page = self.paginate_queryset(tasks)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


# --- records --------------------------------------------------------------------------------------

class InspectionRecordFilterSet(RecordFilterSet):
    """The record list's own filters; `region` is documented as the region's id."""

    @extend_schema_field(OpenApiTypes.INT)
    def filter_region(self, queryset, name, region):
        return super().filter_region(queryset, name, region)


# Which record the current request's submission created: set by a record hook inside the
# submission's transaction, so a request that lost a race on its Idempotency-Key (and got the
# winner's record back from the service) answers 200 like any other retry.
_created_here: ContextVar[int | None] = ContextVar("inspection_record_created_here", default=None)


def _note_created(*, record, answers, actor) -> None:
    _created_here.set(record.pk)


services.register_record_hook(_note_created)


@extend_schema_view(
    list=extend_schema(summary="Inspection records (检查记录)"),
    retrieve=extend_schema(summary="One record with its answers, photos and hazards",
                           responses=InspectionRecordDetailSerializer),
)
class InspectionRecordViewSet(ScopedViewSet):
    """Inspection records (检查记录). POST submits one whole record (see the module's docs)."""

    scope_model = InspectionRecord
    serializer_class = InspectionRecordSerializer
    filterset_class = InspectionRecordFilterSet
    select_related = ("unit",)
    http_method_names = READ_CREATE

    def get_queryset(self):
        qs = super().get_queryset().order_by("-inspected_at", "-pk")
        if self.action in ("retrieve", "photo"):
            qs = qs.prefetch_related("photos", "hazards")
        return qs

    def get_serializer_class(self):
        return InspectionRecordDetailSerializer if self.action == "retrieve" else \
            InspectionRecordSerializer

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().dispatch(request, *args, **kwargs)
        with prepared_statements():  # a submission: single rows by key, and inserts
            return super().dispatch(request, *args, **kwargs)

    def _answer(self, record: InspectionRecord, code: int) -> Response:
        return Response(record_receipt(self.request, record), status=code)

    def _replay(self, record: InspectionRecord, payload: dict) -> Response:
        """A submission whose key is already used: the first record if it is the same user's for
        the same unit, else a conflict."""
        same_unit = str(payload.get("unit", "")).strip() == str(record.unit_id)
        if record.created_by_id != self.request.user.pk or not same_unit:
            raise Conflict(_("该 Idempotency-Key 已用于另一用户或另一单位的检查记录，"
                             "请为新的提交使用新的编号"))
        return self._answer(record, status.HTTP_200_OK)

    @extend_schema(
        summary="Submit one inspection record with its answers and photos, once",
        parameters=[IDEMPOTENCY_PARAMETER],
        request={"multipart/form-data": RecordMultipartSerializer,
                 "application/json": RecordSubmissionSerializer},
        responses={201: RecordReceiptSerializer,
                   200: OpenApiResponse(RecordReceiptSerializer,
                                        description="a retry: the record the key first created"),
                   409: OpenApiResponse(description="the key was used by another user or unit")},
    )
    def create(self, request, *args, **kwargs):
        key = idempotency_key(request)
        payload = submission_payload(request, "record")
        existing = services.record_by_key(key)
        if existing is not None:
            return self._replay(existing, payload)
        validated = quick_record_submission(payload, request.user)
        if validated is None:  # anything unusual, and every error, through the serializer
            form = RecordSubmissionSerializer(data=payload, context=self.get_serializer_context())
            form.is_valid(raise_exception=True)
            validated = form.validated_data
        photos, photo_errors = read_photos(request, validated["photos"])
        answer_photos: dict[int, list] = {}
        answer_errors: list[dict] = []
        for i, answer in enumerate(validated["answers"]):
            read, errors = read_photos(request, answer["photos"])
            answer_photos[i] = [photo for photo, _ref in read]
            answer_errors.append({"photos": errors} if errors else {})
        if photo_errors or any(answer_errors):
            detail: dict = {}
            if photo_errors:
                detail["photos"] = photo_errors
            if any(answer_errors):
                detail["answers"] = answer_errors
            raise exceptions.ValidationError(detail)
        _created_here.set(None)
        record = services.record_submit(
            actor=request.user, unit=validated["unit"], data=record_data(validated),
            answers=answer_inputs(validated, answer_photos), photos=[p for p, _ref in photos],
            idempotency_key=key, key_checked=True)
        if _created_here.get() != record.pk:  # another request with this key won the race
            return self._replay(record, payload)
        return self._answer(record, status.HTTP_201_CREATED)

    @extend_schema(summary="One photo of the record, with its evidence stamp", parameters=[PHOTO_ID],
                   responses=PHOTO_RESPONSE, filters=False)
    @action(detail=True, methods=["get"], url_path=r"photos/(?P<photo_id>\d+)",
            renderer_classes=[JSONRenderer, JPEGRenderer], filter_backends=[])
    def photo(self, request, pk=None, photo_id=None):
        record = self.get_object()
        photo = next((p for p in record.photos.all() if p.pk == int(photo_id)), None)
        if photo is None:
            raise Http404
        return stamped_response(photo)

# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES = [
    ("inspection-plans", InspectionPlanViewSet, "inspection-plan"),
    ("inspection-tasks", InspectionTaskViewSet, "inspection-task"),
    ("inspection-records", InspectionRecordViewSet, "inspection-record"),
]
