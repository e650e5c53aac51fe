"""REST API of the patrol ledgers: /api/persuasion-points/, /api/persuasion-records/,
/api/patrol-checkins/, /api/fire-checkpoints/, /api/fire-sources/. Reads are scoped and filtered
by the pages' FilterSets; writes call patrols.services (no deletes: nothing is lost)."""

from __future__ import annotations

from rest_framework import permissions, serializers

from anjian.accounts.choices import Duty
from anjian.accounts.models import Person
from anjian.core.api import ActionPermission, JournalMixin, ScopedViewSet
from anjian.patrols import services
from anjian.patrols.filtersets import (
    CheckInFilterSet,
    CheckpointFilterSet,
    FireSourceFilterSet,
    PointFilterSet,
    RecordFilterSet,
)
from anjian.patrols.models import (
    FireCheckpoint,
    FireSource,
    PatrolCheckIn,
    PersuasionPoint,
    PersuasionRecord,
)
from anjian.regions.models import Region


class ScopedSerializer(serializers.ModelSerializer):
    """Related choices limited to what the requesting user may see: another id reads as
    "does not exist"."""

    scoped = {"region": Region, "ranger": Person, "found_by": Person, "point": PersuasionPoint}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        for name, model in self.scoped.items():
            if user is not None and name in self.fields and not self.fields[name].read_only:
                self.fields[name].queryset = model.objects.for_user(user)


class PointSerializer(ScopedSerializer):
    class Meta:
        model = PersuasionPoint
        fields = ["id", "region", *services.POINT_FIELDS, "created_at"]
        read_only_fields = ["created_at"]


class RecordSerializer(ScopedSerializer):
    recorded_at = serializers.DateTimeField(required=False)

    class Meta:
        model = PersuasionRecord
        fields = ["id", "point", "region", *services.RECORD_FIELDS, "created_at"]
        read_only_fields = ["region", "created_at"]


class CheckInSerializer(ScopedSerializer):
    checked_at = serializers.DateTimeField(required=False)

    class Meta:
        model = PatrolCheckIn
        fields = ["id", "ranger", "region", *services.CHECKIN_FIELDS, "created_at"]
        read_only_fields = ["region", "created_at"]


class CheckpointSerializer(ScopedSerializer):
    class Meta:
        model = FireCheckpoint
        fields = ["id", "region", *services.CHECKPOINT_FIELDS, "created_at"]
        read_only_fields = ["created_at"]


class FireSourceSerializer(ScopedSerializer):
    class Meta:
        model = FireSource
        fields = ["id", "region", *services.FIRE_FIELDS, "created_at"]
        read_only_fields = ["created_at"]


class PatrolViewSet(JournalMixin, ScopedViewSet):
    """Create and update through `create`/`update`(actor, [obj,] data) of the subclass."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def create_obj(self, data):
        raise NotImplementedError

    def update_obj(self, obj, data):
        raise NotImplementedError

    def perform_create(self, serializer):
        self.saved(serializer, self.create_obj(dict(serializer.validated_data)))

    def perform_update(self, serializer):
        self.saved(serializer, self.update_obj(serializer.instance,
                                               dict(serializer.validated_data)))


class PointViewSet(PatrolViewSet):
    """Traffic persuasion points (劝导点)."""

    scope_model, serializer_class, filterset_class = PersuasionPoint, PointSerializer, \
        PointFilterSet
    select_related = ("region",)

    def create_obj(self, data):
        return services.point_create(actor=self.request.user, data=data)

    def update_obj(self, obj, data):
        return services.point_update(actor=self.request.user, point=obj, data=data)


class RecordViewSet(PatrolViewSet):
    """Persuasion records (劝导记录): vehicle type, violation, education given."""

    scope_model, serializer_class, filterset_class = PersuasionRecord, RecordSerializer, \
        RecordFilterSet
    select_related = ("region", "point")

    def create_obj(self, data):
        return services.record_create(actor=self.request.user, data=data)

    def update_obj(self, obj, data):
        return services.record_update(actor=self.request.user, record=obj, data=data)


class RangerOrAction(ActionPermission):
    """A forest ranger with a login may read and post their own check-ins without a role."""

    def has_permission(self, request, view) -> bool:
        return ranger_of(request.user) is not None or super().has_permission(request, view)


def ranger_of(user) -> Person | None:
    person = getattr(user, "person", None) if user and user.is_authenticated else None
    return person if person is not None and person.duty == Duty.FOREST_RANGER else None


class CheckInViewSet(PatrolViewSet):
    """Rangers' patrol check-ins (巡护打卡); a ranger signed in sees and posts their own."""

    scope_model, serializer_class, filterset_class = PatrolCheckIn, CheckInSerializer, \
        CheckInFilterSet
    select_related = ("region", "ranger")
    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [permissions.IsAuthenticated, RangerOrAction]

    def get_queryset(self):
        qs = super().get_queryset()
        ranger = ranger_of(self.request.user)
        if ranger is not None and not getattr(self, "swagger_fake_view", False):
            own = PatrolCheckIn.objects.filter(ranger=ranger).select_related(*self.select_related)
            qs = (qs | own).distinct().order_by("pk")
        return qs

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        ranger = ranger_of(self.request.user)
        field = getattr(serializer, "fields", {}).get("ranger")
        if ranger is not None and field is not None and not field.read_only:
            field.queryset = field.queryset | Person.objects.filter(pk=ranger.pk)
        return serializer

    def create_obj(self, data):
        return services.checkin_create(actor=self.request.user, ranger=data.pop("ranger"),
                                       data=data)


class CheckpointViewSet(PatrolViewSet):
    """Forest fire checkpoints (防火检查站)."""

    scope_model, serializer_class, filterset_class = FireCheckpoint, CheckpointSerializer, \
        CheckpointFilterSet
    select_related = ("region",)

    def create_obj(self, data):
        return services.checkpoint_create(actor=self.request.user, data=data)

    def update_obj(self, obj, data):
        return services.checkpoint_update(actor=self.request.user, checkpoint=obj, data=data)


class FireSourceViewSet(PatrolViewSet):
    """Field fire sources (野外火源) found and how they were handled."""

    scope_model, serializer_class, filterset_class = FireSource, FireSourceSerializer, \
        FireSourceFilterSet
    select_related = ("region", "found_by")

    def create_obj(self, data):
        return services.fire_source_create(actor=self.request.user, data=data)

    def update_obj(self, obj, data):
        return services.fire_source_update(actor=self.request.user, source=obj, data=data)


# (URL prefix under /api/, viewset, basename): registered by anjian.api_urls
ROUTES: list = [
    ("persuasion-points", PointViewSet, "persuasion-point"),
    ("persuasion-records", RecordViewSet, "persuasion-record"),
    ("patrol-checkins", CheckInViewSet, "patrol-checkin"),
    ("fire-checkpoints", CheckpointViewSet, "fire-checkpoint"),
    ("fire-sources", FireSourceViewSet, "fire-source"),
]
