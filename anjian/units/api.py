"""REST API of the unit registry (/api/units/). Reads are scoped; writes call units.services, so the
API refuses a unit for the same reasons, with the same Chinese messages, as the pages and the Excel
import. DELETE deregisters (注销) with a reason: the row and its history stay."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.accounts.models import Person
from anjian.core.api import JournalMixin, ScopedViewSet
from anjian.core.scope import CHANGE
from anjian.regions.models import Region
from anjian.units import services
from anjian.units.filtersets import UnitFilterSet
from anjian.units.models import Unit


class UnitSerializer(serializers.ModelSerializer):
    """Parses and presents a unit; the rules themselves are `services.validate_unit_values`."""

    region_name = serializers.CharField(source="region.name", read_only=True)
    sector_name = serializers.CharField(source="sector.name", read_only=True, default=None)

    class Meta:
        model = Unit
        fields = ["id", *services.EDITABLE_FIELDS, "region_name", "sector", "sector_name",
                  "status", "deregistered_at", "deregistered_reason", "created_at", "updated_at"]
        read_only_fields = ["sector", "status", "deregistered_at", "deregistered_reason",
                            "created_at", "updated_at"]
        validators: list = []  # uniqueness is the service's rule (with its Chinese message)
        # Codes are normalised (spaces removed) by the service before their length is checked.
        extra_kwargs = {"credit_code": {"max_length": None}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is not None and "region" in self.fields:
            # Only places and leaders the user may see; another id reads as "does not exist".
            self.fields["region"].queryset = Region.objects.for_user(user)
            self.fields["linked_leader"].queryset = Person.objects.for_user(user)


class DeregisterSerializer(serializers.Serializer):
    reason = serializers.CharField(label=_("注销原因"), max_length=255)
    date = serializers.DateField(label=_("注销日期"), required=False, allow_null=True)


_reason = OpenApiParameter("reason", OpenApiTypes.STR, OpenApiParameter.QUERY, required=False,
                           description="注销原因 (also accepted in the request body)")
_date = OpenApiParameter("date", OpenApiTypes.DATE, OpenApiParameter.QUERY, required=False,
                         description="注销日期, default today")


@extend_schema_view(
    destroy=extend_schema(summary="Deregister (注销) a unit; its history is kept",
                          parameters=[_reason, _date], responses={200: UnitSerializer}),
)
class UnitViewSet(JournalMixin, ScopedViewSet):
    """Supervised units (监管对象). Filter with the same parameters as the web list."""

    scope_model = Unit
    # Deregistering and restoring are changes of status, allowed to whoever may change the unit
    # (as on the unit's page); nothing deletes a unit's row.
    scope_actions = {**ScopedViewSet.scope_actions, "destroy": CHANGE, "deregister": CHANGE,
                     "restore": CHANGE}
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet
    select_related = ("region", "sector")

    def get_queryset(self):
        return super().get_queryset().order_by("-pk")

    def perform_create(self, serializer):
        self.saved(serializer, services.unit_create(actor=self.request.user,
                                                    data=serializer.validated_data))

    def perform_update(self, serializer):
        self.saved(serializer, services.unit_update(
            actor=self.request.user, unit=serializer.instance, data=serializer.validated_data))

    def _deregister(self, request) -> Response:
        unit = self.get_object()
        data = {**request.query_params.dict(), **(request.data if hasattr(request.data, "items")
                                                   else {})}
        form = DeregisterSerializer(data=data)
        form.is_valid(raise_exception=True)
        unit = services.unit_deregister(actor=request.user, unit=unit, **form.validated_data)
        return Response(self.get_serializer(unit).data, status=status.HTTP_200_OK)

    def destroy(self, request, *args, **kwargs):
        return self._deregister(request)

    @extend_schema(request=DeregisterSerializer, responses=UnitSerializer,
                   summary="Deregister (注销) a unit; its history is kept")
    @action(detail=True, methods=["post"])
    def deregister(self, request, pk=None):
        return self._deregister(request)

    @extend_schema(request=None, responses=UnitSerializer, summary="Restore a deregistered unit")
    @action(detail=True, methods=["post"])
    def restore(self, request, pk=None):
        unit = services.unit_restore(actor=request.user, unit=self.get_object())
        return Response(self.get_serializer(unit).data)

# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES = [
    ("units", UnitViewSet, "unit"),
]
