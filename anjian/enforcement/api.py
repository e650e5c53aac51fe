"""REST API of enforcement (/api/enforcement-actions/, /api/dishonesty-listings/). Reads are
scoped (outside: 404) and filtered by the pages' FilterSets; writes call enforcement.services.

- actions: CRUD without delete; `GET …/statistics/?region=&start=&end=` gives the counts.
- listings: create; `POST …/{id}/lift/` takes the unit off the list.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.core.api import OwnedViewSet
from anjian.core.scope import CHANGE, get_for_user
from anjian.enforcement import selectors, services
from anjian.enforcement.filtersets import ActionFilterSet, ListingFilterSet
from anjian.enforcement.models import DishonestyListing, EnforcementAction
from anjian.enforcement.serializers import ActionSerializer, LiftSerializer, ListingSerializer
from anjian.regions.models import Region


def _date(value: str | None, default: dt.date) -> dt.date:
    if not value:
        return default
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise exceptions.ValidationError({"date": "日期格式应为 YYYY-MM-DD"}) from None


class ActionViewSet(OwnedViewSet):
    """Enforcement actions (执法记录)."""

    scope_model = EnforcementAction
    serializer_class = ActionSerializer
    filterset_class = ActionFilterSet
    select_related = ("unit", "region")
    prefetch_related = ("officers", "organisations")
    create_service = services.action_create
    update_service = services.action_update
    object_name = "action"

    @extend_schema(summary="Counts per period for a town (region, start, end)")
    @action(detail=False, methods=["get"])
    def statistics(self, request):
        region = get_for_user(Region, request.user, pk=request.query_params.get("region") or 0)
        today = timezone.localdate()
        counts = selectors.enforcement_counts(
            region, _date(request.query_params.get("start"), today.replace(month=1, day=1)),
            _date(request.query_params.get("end"), today))
        return Response({"total": counts.total, "by_kind": counts.by_kind,
                         "penalties_total": str(counts.penalties_total),
                         "joint_actions": counts.joint_actions,
                         "hazards_found": counts.hazards_found,
                         "illegal_acts_stopped": counts.illegal_acts_stopped,
                         "orders_overdue": counts.orders_overdue,
                         "units_listed": counts.units_listed})


class ListingViewSet(OwnedViewSet):
    """The dishonesty list (失信名单)."""

    http_method_names = ["get", "post", "head", "options"]
    scope_model = DishonestyListing
    serializer_class = ListingSerializer
    filterset_class = ListingFilterSet
    select_related = ("unit", "region")
    scope_actions = {**OwnedViewSet.scope_actions, "lift": CHANGE}
    create_service = services.listing_create

    @extend_schema(request=LiftSerializer, responses=ListingSerializer,
                   summary="Take the unit off the list")
    @action(detail=True, methods=["post"])
    def lift(self, request, pk=None):
        listing = self.get_object()
        parsed = LiftSerializer(data=request.data)
        parsed.is_valid(raise_exception=True)
        listing = services.listing_lift(actor=request.user, listing=listing,
                                        on=parsed.validated_data.get("lifted_on"),
                                        reason=parsed.validated_data["lift_reason"])
        return Response(ListingSerializer(listing).data)


ROUTES: list = [("enforcement-actions", ActionViewSet, "enforcement-action"),
                ("dishonesty-listings", ListingViewSet, "dishonesty-listing")]
