"""REST API: accountability actions (CRUD less delete) and the live ranking (read only)."""

from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.assessment import selectors, services
from anjian.assessment.filtersets import ActionFilterSet
from anjian.assessment.models import AccountabilityAction, Scheme
from anjian.core.api import JournalMixin, ScopedViewSet
from anjian.hazards.models import Hazard
from anjian.regions.models import Region


class AccountabilityActionSerializer(serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.filter(level=3))
    hazard = serializers.PrimaryKeyRelatedField(queryset=Hazard.objects.all(), required=False,
                                                allow_null=True)

    class Meta:
        model = AccountabilityAction
        fields = ["id", "kind", "region", "reason", "date", "document_number", "hazard", "snapshot", "cause",
                  "outcome", "issued_by", "created_at"]
        read_only_fields = ["issued_by", "created_at"]

    def validate_hazard(self, hazard):
        if hazard and not Hazard.objects.for_user(self.context["actor"]).filter(pk=hazard.pk).exists():
            raise serializers.ValidationError("该隐患不在您的管辖范围内")
        return hazard


class ActionViewSet(JournalMixin, ScopedViewSet):
    scope_model = AccountabilityAction
    serializer_class = AccountabilityActionSerializer
    filterset_class = ActionFilterSet
    select_related = ("region",)
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        self.saved(serializer, services.action_create(actor=self.request.user, **serializer.validated_data))

    def perform_update(self, serializer):
        self.saved(serializer, services.action_update(actor=self.request.user, action=serializer.instance,
                                                      **serializer.validated_data))


class SchemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Scheme
        fields = ["id", "name", "region", "active"]
        read_only_fields = fields


class SchemeViewSet(JournalMixin, ScopedViewSet):
    """Schemes (read only here) and `GET …/{id}/ranking/?start=&end=`, computed live."""

    scope_model = Scheme
    serializer_class = SchemeSerializer
    http_method_names = ["get", "head", "options"]

    @action(detail=True, methods=["get"], filter_backends=[])
    def ranking(self, request, pk=None):
        import datetime as dt

        scheme = self.get_object()
        try:
            start = dt.date.fromisoformat(request.query_params["start"])
            end = dt.date.fromisoformat(request.query_params["end"])
        except (KeyError, ValueError):
            return Response({"detail": "请以 YYYY-MM-DD 格式给出 start 和 end"},
                            status=status.HTTP_400_BAD_REQUEST)
        rows = selectors.compute(scheme, start, end)
        return Response([{"rank": r.rank, "region": r.region.pk, "name": r.region.name, "total": r.total,
                          "lines": [{"key": ln.key, "weight": ln.weight, "measure": ln.measure,
                                     "points": ln.points} for ln in r.lines]} for r in rows])


# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES: list = [("assessment/actions", ActionViewSet, "assessment-action"),
                ("assessment/schemes", SchemeViewSet, "assessment-scheme")]
