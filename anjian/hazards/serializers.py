"""Serializers of the hazards API. They parse and present; the rules are hazards.services' (the
workflow table, the guards in handlers.py, the scope)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anjian.hazards.choices import (
    CauseClass,
    HazardAction,
    HazardCategory,
    HazardLevel,
    HazardSource,
    PhotoStage,
)
from anjian.hazards.models import Hazard, HazardEvent, HazardPhoto
from anjian.hazards.services import allowed_actions
from anjian.inspections.serializers import code_field, photo_refs_field, photo_url
from anjian.units.models import Unit

# The stage of a photo sent with an action that does not name one.
DEFAULT_STAGE = {
    HazardAction.REPORT: PhotoStage.DISCOVERY,
    HazardAction.FIX_ON_SPOT: PhotoStage.AFTER,
    HazardAction.SUBMIT: PhotoStage.AFTER,
    HazardAction.ACCEPT: PhotoStage.ACCEPTANCE,
    HazardAction.REJECT: PhotoStage.ACCEPTANCE,
}


def default_stage(action: str) -> str:
    return DEFAULT_STAGE.get(action, PhotoStage.BEFORE)


class HazardSerializer(serializers.ModelSerializer):
    """A row of the ledger."""

    unit_name = serializers.CharField(source="unit.name", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    category = code_field(HazardCategory.choices, read_only=True)
    level = code_field(HazardLevel.choices, read_only=True)
    overdue = serializers.SerializerMethodField(help_text="open and past its deadline (逾期)")

    class Meta:
        model = Hazard
        fields = ["id", "number", "unit", "unit_name", "region", "region_name", "description",
                  "category", "level", "level_label", "cause_class", "source", "state",
                  "state_label", "discovered_at", "responsible_person", "deadline", "escalation",
                  "closed_at", "fixed_on_spot", "overdue", "version"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, hazard: Hazard) -> bool:
        return hazard.is_overdue(self.context.get("today"))


class HazardEventSerializer(serializers.ModelSerializer):
    action_label = serializers.SerializerMethodField()

    class Meta:
        model = HazardEvent
        fields = ["id", "action", "action_label", "from_state", "to_state", "actor",
                  "actor_name", "at", "comment", "document_number", "data"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_action_label(self, event: HazardEvent) -> str:
        try:
            return str(HazardAction(event.action).label)
        except ValueError:
            return event.action


class HazardPhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="the photo with its evidence stamp (JPEG)")

    class Meta:
        model = HazardPhoto
        fields = ["id", "stage", "url", "sha256", "content_type", "size", "width", "height",
                  "taken_at", "received_at", "place", "photographer"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, photo: HazardPhoto) -> str:
        return photo_url(self.context.get("request"), "hazard-photo", photo.hazard_id, photo.pk)


class AllowedActionSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()


DETAIL_EXCLUDED = {"created_at"}


class HazardDetailSerializer(HazardSerializer):
    """One hazard with its events, photos and the actions the requesting user may take now."""

    events = HazardEventSerializer(many=True, read_only=True)
    photos = HazardPhotoSerializer(many=True, read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta(HazardSerializer.Meta):
        fields = [*HazardSerializer.Meta.fields,
                  *(f.name for f in Hazard._meta.concrete_fields
                    if f.name not in HazardSerializer.Meta.fields and f.name not in DETAIL_EXCLUDED
                    and f.name != "id"),
                  "events", "photos", "allowed_actions"]
        read_only_fields = fields

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, hazard: Hazard) -> list[dict]:
        actor = self.context.get("actor")
        return [{"action": t.action, "label": str(HazardAction(t.action).label)}
                for t in allowed_actions(actor, hazard)]


class HazardReportSerializer(serializers.Serializer):
    """A new hazard (上报): the JSON of the multipart field `hazard`, the form fields, or the JSON
    body."""

    unit = serializers.PrimaryKeyRelatedField(label=gettext_lazy("单位/场所"),
                                              queryset=Unit.objects.none())
    description = serializers.CharField(label=gettext_lazy("隐患描述"))
    cause_class = serializers.ChoiceField(label=gettext_lazy("隐患成因"), choices=CauseClass.choices)
    source = serializers.ChoiceField(label=gettext_lazy("来源"), choices=HazardSource.choices)
    category = serializers.ChoiceField(label=gettext_lazy("隐患类别"),
                                       choices=HazardCategory.choices, required=False)
    level = serializers.ChoiceField(label=gettext_lazy("隐患等级"), choices=HazardLevel.choices,
                                    required=False)
    location = serializers.CharField(label=gettext_lazy("具体位置"), max_length=255,
                                     required=False, allow_blank=True)
    source_reference = serializers.CharField(label=gettext_lazy("来源说明/文号"), max_length=200,
                                             required=False, allow_blank=True)
    discoverer_name = serializers.CharField(label=gettext_lazy("发现人姓名"), max_length=100,
                                            required=False, allow_blank=True)
    discovered_at = serializers.DateTimeField(label=gettext_lazy("发现时间"), required=False)
    photos = photo_refs_field(label=gettext_lazy("隐患照片"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is not None:
            self.fields["unit"].queryset = Unit.objects.for_user(user)

    def validate_discovered_at(self, value):
        if value > timezone.now() + dt.timedelta(minutes=10):
            raise serializers.ValidationError(gettext_lazy("发现时间不能晚于现在"))
        return value

    def hazard_data(self) -> dict:
        return {k: v for k, v in self.validated_data.items() if k not in ("unit", "photos")}


class HazardReportMultipartSerializer(serializers.Serializer):
    hazard = serializers.CharField(help_text="HazardReport as JSON; its photos name file fields "
                                             "of this form (or send the fields as form fields and "
                                             "the files as `photos`)")
    files = serializers.ListField(child=serializers.FileField(), required=False,
                                  help_text="photo files, under the field names the JSON gives")


class HazardActionSerializer(serializers.Serializer):
    """What every action takes besides its own fields (see hazards/handlers.py): the version the
    user saw and the photos. Any other field is passed to the action as it is."""

    version = serializers.IntegerField(label=gettext_lazy("版本"), min_value=1,
                                       help_text="the hazard's `version` as the user last saw it")
    photos = photo_refs_field(label=gettext_lazy("照片"))


class HazardActionMultipartSerializer(serializers.Serializer):
    data = serializers.CharField(help_text="the action's fields, version and photos as JSON (or "
                                           "send them as form fields, the files as `photos`)")
    files = serializers.ListField(child=serializers.FileField(), required=False)


class StatsSerializer(serializers.Serializer):
    key = serializers.CharField(allow_null=True)
    label = serializers.CharField()
    found = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    valid = serializers.IntegerField()
    rectified = serializers.IntegerField()
    on_time = serializers.IntegerField()
    overdue = serializers.IntegerField()
    major = serializers.IntegerField()
    open = serializers.IntegerField()
    rectification_rate = serializers.FloatField(allow_null=True, help_text="percent")
    on_time_rate = serializers.FloatField(allow_null=True, help_text="percent")

    def to_representation(self, stats):
        key = stats.key
        if hasattr(key, "strftime"):
            key = f"{key:%Y-%m}"
        return {"key": None if key is None else str(key), "label": stats.label,
                **{name: getattr(stats, name) for name in (
                    "found", "cancelled", "valid", "rectified", "on_time", "overdue", "major",
                    "open", "rectification_rate", "on_time_rate")}}


class StatisticsSerializer(serializers.Serializer):
    by = serializers.CharField(allow_null=True)
    within = serializers.IntegerField(allow_null=True, help_text="region the rows roll up into")
    total = StatsSerializer()
    rows = StatsSerializer(many=True)
