"""REST API: accountability actions (CRUD less delete, with the issued document as an optional
multipart `document`) and schemes with the live ranking (read only)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from anjian.accidents.models import Accident
from anjian.assessment import selectors, services
from anjian.assessment.filtersets import ActionFilterSet
from anjian.assessment.forms import check_target_and_cause
from anjian.assessment.models import AccountabilityAction, Indicator, Scheme
from anjian.core.api import JournalMixin, ScopedViewSet
from anjian.core.attachments import read_attachment
from anjian.hazards.models import Hazard
from anjian.regions.models import Region


class AccountabilityActionSerializer(serializers.ModelSerializer):
    village = serializers.PrimaryKeyRelatedField(queryset=Region.objects.filter(level=3), required=False,
                                                 allow_null=True)
    hazard = serializers.PrimaryKeyRelatedField(queryset=Hazard.objects.all(), required=False,
                                                allow_null=True)
    accident = serializers.PrimaryKeyRelatedField(queryset=Accident.objects.all(), required=False,
                                                  allow_null=True)
    document = serializers.FileField(write_only=True, required=False, allow_null=True)
    target_name = serializers.CharField(read_only=True)
    document_name = serializers.CharField(source="original_name", read_only=True)
    document_sha256 = serializers.CharField(source="sha256", read_only=True)

    class Meta:
        model = AccountabilityAction
        fields = ["id", "kind", "village", "organisation", "person", "unit", "region", "target_name",
                  "reason", "date", "document_number", "hazard", "accident", "snapshot", "cause",
                  "outcome", "document", "document_name", "document_sha256", "issued_by", "created_at"]
        read_only_fields = ["region", "issued_by", "created_at"]

    def _in_scope(self, model, obj, message):
        if obj and not model.objects.for_user(self.context["actor"]).filter(pk=obj.pk).exists():
            raise serializers.ValidationError(message)
        return obj

    def validate_hazard(self, hazard):
        return self._in_scope(Hazard, hazard, "该隐患不在您的管辖范围内")

    def validate_accident(self, accident):
        return self._in_scope(Accident, accident, "该事故不在您的管辖范围内")

    def validate_document(self, upload):
        if not upload:
            return None
        try:
            return read_attachment(upload)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    def validate(self, attrs):
        merged = {name: attrs.get(name, getattr(self.instance, name, None))
                  for name in (*AccountabilityAction.TARGETS, "hazard", "accident", "snapshot", "cause")}
        try:
            check_target_and_cause(merged)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None
        return attrs


class ActionViewSet(JournalMixin, ScopedViewSet):
    scope_model = AccountabilityAction
    serializer_class = AccountabilityActionSerializer
    filterset_class = ActionFilterSet
    select_related = ("region", "village", "organisation", "person", "unit")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        self.saved(serializer, services.action_create(actor=self.request.user, **serializer.validated_data))

    def perform_update(self, serializer):
        self.saved(serializer, services.action_update(actor=self.request.user, action=serializer.instance,
                                                      **serializer.validated_data))


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["key", "weight", "target"]


class SchemeSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Scheme
        fields = ["id", "name", "region", "target", "active", "indicators"]
        read_only_fields = fields


class SchemeViewSet(JournalMixin, ScopedViewSet):
    """Schemes (read only here) and `GET …/{id}/ranking/?start=&end=`, computed live."""

    scope_model = Scheme
    serializer_class = SchemeSerializer
    prefetch_related = ("indicators",)
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
        return Response([{**services.snapshot_row(r),
                          "lines": [{"key": ln.key, "label": str(ln.label), "weight": ln.weight,
                                     "measure": ln.measure, "detail": ln.detail, "points": ln.points,
                                     "link": ln.link} for ln in r.lines]} for r in rows])


# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES: list = [("assessment/actions", ActionViewSet, "assessment-action"),
                ("assessment/schemes", SchemeViewSet, "assessment-scheme")]
