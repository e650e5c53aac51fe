"""REST API of the training and publicity ledgers (/api/training-sessions/, /api/publicity/).
Reads are scoped and filtered by the pages' FilterSets; writes call training.services."""

from __future__ import annotations

from rest_framework import serializers

from anjian.core.api import JournalMixin, ScopedViewSet
from anjian.regions.models import Region
from anjian.training import services
from anjian.training.filtersets import ActivityFilterSet, SessionFilterSet
from anjian.training.models import Attendance, PublicityActivity, PublicityMaterial, TrainingSession
from anjian.units.models import Unit


class AttendanceSerializer(serializers.ModelSerializer):
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, required=False,
                                     allow_null=True)

    class Meta:
        model = Attendance
        fields = ["id", "person", "name", "unit", "role", "hours"]
        extra_kwargs = {"name": {"required": False, "allow_blank": True}}


class SessionSerializer(serializers.ModelSerializer):
    organiser_name = serializers.CharField(read_only=True)
    attendances = AttendanceSerializer(many=True, required=False)

    class Meta:
        model = TrainingSession
        fields = ["id", "region", "unit", "organiser_name", *services.SESSION_FIELDS,
                  "participating_units", "attendances", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {"region": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is not None and "region" in self.fields:
            self.fields["region"].queryset = Region.objects.for_user(user)
            self.fields["unit"].queryset = Unit.objects.for_user(user)
            self.fields["participating_units"].child_relation.queryset = \
                Unit.objects.for_user(user)


class MaterialSerializer(serializers.ModelSerializer):
    class Meta:
        model = PublicityMaterial
        fields = ["name", "quantity"]


class ActivitySerializer(serializers.ModelSerializer):
    materials = MaterialSerializer(many=True, required=False)

    class Meta:
        model = PublicityActivity
        fields = ["id", "region", *services.ACTIVITY_FIELDS, "materials", "created_at",
                  "updated_at"]
        read_only_fields = ["recipients", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is not None and "region" in self.fields:
            self.fields["region"].queryset = Region.objects.for_user(user)


class SessionViewSet(JournalMixin, ScopedViewSet):
    """Training sessions (培训记录) with their sign-in lists."""

    scope_model = TrainingSession
    serializer_class = SessionSerializer
    filterset_class = SessionFilterSet
    select_related = ("region", "unit")
    prefetch_related = ("attendances", "participating_units")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        attendances = data.pop("attendances", [])
        self.saved(serializer, services.session_create(actor=self.request.user, data=data,
                                                       attendances=attendances))

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if data.pop("attendances", None):
            raise serializers.ValidationError(
                {"attendances": ["签到名单请逐人添加（页面“添加参训人员”），不能整体替换"]})
        self.saved(serializer, services.session_update(
            actor=self.request.user, session=serializer.instance, data=data))


class ActivityViewSet(JournalMixin, ScopedViewSet):
    """Publicity activities (宣传活动) with the materials handed out."""

    scope_model = PublicityActivity
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    select_related = ("region",)
    prefetch_related = ("materials",)
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        materials = data.pop("materials", [])
        self.saved(serializer, services.activity_create(actor=self.request.user, data=data,
                                                        materials=materials))

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        materials = data.pop("materials", None)
        self.saved(serializer, services.activity_update(
            actor=self.request.user, activity=serializer.instance, data=data,
            materials=materials))


# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES: list = [
    ("training-sessions", SessionViewSet, "training-session"),
    ("publicity", ActivityViewSet, "publicity-activity"),
]
