"""REST API of the duty ledger (/api/duty/…). Reads are scoped like the pages (the roster of the
town above a village cadre included); writes call duty.services.

- `/api/duty/shifts/` the roster; `GET /api/duty/shifts/now/` the shifts on duty now in the towns
  the user may read; DELETE refuses a shift with log entries or a handover.
- `/api/duty/log/` the duty log (no delete: nothing logged is lost).
- `/api/duty/handovers/` handovers (create and read).
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.core.api import JournalMixin, ScopedViewSet
from anjian.core.scope import VIEW
from anjian.duty import selectors, services
from anjian.duty.filtersets import DutyLogFilterSet, DutyShiftFilterSet
from anjian.duty.models import DutyHandover, DutyLogEntry, DutyShift
from anjian.duty.serializers import (
    DutyHandoverSerializer,
    DutyLogEntrySerializer,
    DutyShiftSerializer,
)


class DutyShiftViewSet(JournalMixin, ScopedViewSet):
    """Shifts of the roster (值班表) with the people and the leader on duty."""

    scope_model = DutyShift
    scope_actions = {**ScopedViewSet.scope_actions, "now": VIEW}
    serializer_class = DutyShiftSerializer
    filterset_class = DutyShiftFilterSet
    select_related = ("region", "leader")
    prefetch_related = ("people",)

    def get_queryset(self):
        return super().get_queryset().order_by("start", "pk")

    def perform_create(self, serializer):
        self.saved(serializer, services.shift_create(actor=self.request.user,
                                                     data=serializer.validated_data))

    def perform_update(self, serializer):
        self.saved(serializer, services.shift_update(
            actor=self.request.user, shift=serializer.instance, data=serializer.validated_data))

    def perform_destroy(self, instance):
        services.shift_delete(actor=self.request.user, shift=instance)

    @extend_schema(summary="Who is on duty now (当前值班) in the towns the user may read",
                   responses=DutyShiftSerializer(many=True), filters=False)
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def now(self, request):
        at = timezone.now()
        shifts = [s for town in selectors.duty_towns(request.user)
                  for s in selectors.on_duty_now(town, at)]
        return Response(self.get_serializer(shifts, many=True).data)


class DutyLogEntryViewSet(JournalMixin, ScopedViewSet):
    """The duty log (值班记录): calls and events received, how they were handled, who was told."""

    scope_model = DutyLogEntry
    serializer_class = DutyLogEntrySerializer
    filterset_class = DutyLogFilterSet
    select_related = ("shift", "shift__region", "logged_by")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("-received_at", "-pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        shift = data.pop("shift")
        self.saved(serializer, services.log_entry_create(actor=self.request.user, shift=shift,
                                                         data=data))

    def perform_update(self, serializer):
        self.saved(serializer, services.log_entry_update(
            actor=self.request.user, entry=serializer.instance, data=serializer.validated_data))


class DutyHandoverViewSet(JournalMixin, ScopedViewSet):
    """Handovers between shifts (交接班)."""

    scope_model = DutyHandover
    serializer_class = DutyHandoverSerializer
    select_related = ("from_shift", "to_shift")
    prefetch_related = ("carried_entries",)
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("-handed_over_at", "-pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        self.saved(serializer, services.handover_create(
            actor=self.request.user, from_shift=data.pop("from_shift"),
            to_shift=data.pop("to_shift"), carried_entries=data.pop("carried_entries", []),
            data=data))


# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES: list = [
    ("duty/shifts", DutyShiftViewSet, "duty-shift"),
    ("duty/log", DutyLogEntryViewSet, "duty-log"),
    ("duty/handovers", DutyHandoverViewSet, "duty-handover"),
]
