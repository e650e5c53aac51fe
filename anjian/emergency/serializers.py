"""API serializers of the emergency ledgers: they parse; the viewsets call the services."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from anjian.emergency.models import (
    Drill,
    DrillProblem,
    EmergencyPlan,
    EmergencyPlanVersion,
    EmergencyTeam,
    Incident,
    IncidentEvent,
    SupplyItem,
    SupplyMovement,
    TeamMember,
)

OWNER = ["region", "unit"]


class OwnedSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(read_only=True)

    def validate(self, attrs):
        if self.instance is None and not attrs.get("region") and not attrs.get("unit"):
            raise serializers.ValidationError({"region": "请填写所属区划（region）或所属单位（unit）"})
        return attrs


class VersionSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True, required=False,
                                 help_text="PDF/DOCX/DOC, checked by content")
    has_file = serializers.BooleanField(read_only=True)

    class Meta:
        model = EmergencyPlanVersion
        fields = ["id", "number", "approved_by", "approved_on", "document_number",
                  "effective_on", "review_interval_years", "review_due", "change_note",
                  "original_name", "sha256", "size", "has_file", "file"]
        read_only_fields = ["review_due", "original_name", "sha256", "size"]


class PlanSerializer(OwnedSerializer):
    review_status = serializers.SerializerMethodField()
    current_version = VersionSerializer(read_only=True)

    class Meta:
        model = EmergencyPlan
        fields = ["id", "title", "kind", *OWNER, "owner_name", "department", "summary",
                  "is_active", "current_version", "review_status"]

    def get_review_status(self, plan) -> str:
        return plan.review_status(timezone.localdate())


class ProblemSerializer(serializers.ModelSerializer):
    hazard_number = serializers.CharField(source="hazard.number", read_only=True, default=None)

    class Meta:
        model = DrillProblem
        fields = ["id", "description", "measures", "unit", "hazard", "hazard_number",
                  "converted_at"]
        read_only_fields = ["hazard", "converted_at"]


class DrillSerializer(OwnedSerializer):
    problems = ProblemSerializer(many=True, read_only=True)

    class Meta:
        model = Drill
        fields = ["id", "title", "held_on", "plan", "kind", "form", "scenario", "location",
                  *OWNER, "owner_name", "organisers", "participating_organisations",
                  "participating_regions", "participating_units", "participants", "evaluation",
                  "problems"]


class ProblemHazardSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    description = serializers.CharField(required=False, allow_blank=True)
    cause_class = serializers.CharField()
    category = serializers.CharField(required=False)
    level = serializers.CharField(required=False)
    photos = serializers.ListField(child=serializers.FileField(), allow_empty=False,
                                   help_text="one or more JPEG/PNG/WEBP photos (multipart)")


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = TeamMember
        fields = ["id", "person", "name", "role", "phone"]
        extra_kwargs = {"name": {"required": False, "allow_blank": True}}


class TeamSerializer(OwnedSerializer):
    members = MemberSerializer(many=True, read_only=True)

    class Meta:
        model = EmergencyTeam
        fields = ["id", "name", "kind", *OWNER, "owner_name", "leader", "phone", "duties",
                  "equipment", "is_active", "members"]


class SupplySerializer(OwnedSerializer):
    low = serializers.BooleanField(source="is_low", read_only=True)
    expired = serializers.SerializerMethodField()
    expiring = serializers.SerializerMethodField()

    class Meta:
        model = SupplyItem
        fields = ["id", "name", "category", "specification", "quantity", "unit_of_measure",
                  "minimum_stock", *OWNER, "owner_name", "location", "custodian",
                  "custodian_phone", "expires_on", "notes", "low", "expired", "expiring"]

    def get_expired(self, item) -> bool:
        return item.is_expired()

    def get_expiring(self, item) -> bool:
        return item.is_expiring()


class MovementSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupplyMovement
        fields = ["id", "direction", "quantity", "balance", "reason", "at", "actor_name"]
        read_only_fields = ["balance", "at", "actor_name"]


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = IncidentEvent
        fields = ["id", "at", "kind", "text", "by"]
        extra_kwargs = {"at": {"required": False}, "by": {"required": False}}


class IncidentSerializer(OwnedSerializer):
    events = EventSerializer(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = ["id", "title", "kind", "occurred_at", "place", *OWNER, "owner_name", "summary",
                  "status", "closed_at", "outcome", "events"]
        read_only_fields = ["status", "closed_at", "outcome"]


class CloseSerializer(serializers.Serializer):
    outcome = serializers.CharField()
