"""Serializers of the risks API: they parse and present; the rules are risks.services'."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from anjian.inspections.serializers import code_field
from anjian.risks.choices import Method
from anjian.risks.models import (
    RiskAssessment,
    RiskLevelOverride,
    RiskPoint,
    RiskReport,
    SafetyCommitment,
)
from anjian.units.choices import RiskLevel
from anjian.units.models import Unit


def _colour(**kwargs):
    return code_field(RiskLevel.choices, **kwargs)


class _UnitField(serializers.PrimaryKeyRelatedField):
    """Any unit id; the service decides whether the user may write for it (403 otherwise)."""

    def get_queryset(self):
        return Unit.objects.all()


class SafetyCommitmentSerializer(serializers.ModelSerializer):
    unit = _UnitField(label=gettext_lazy("单位"))
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = SafetyCommitment
        fields = ["id", "unit", "unit_name", "date", "principal", "equipment_ok",
                  "dangerous_work_count", "dangerous_work_ok", "special_operators_ok",
                  "open_hazards", "hazards_ok", "key_places_ok", "all_ok", "judgement_note",
                  "commitment", "filer_name", "first_filed_at", "filed_at", "is_late",
                  "corrections"]
        read_only_fields = ["id", "date", "all_ok", "filer_name", "first_filed_at", "filed_at",
                            "is_late", "corrections"]


class CommitmentMissingUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "principal", "principal_phone", "safety_officer",
                  "safety_officer_phone"]
        read_only_fields = fields


class RiskAssessmentSerializer(serializers.ModelSerializer):
    method = code_field(Method.choices)
    colour = _colour(read_only=True)
    factor_l = serializers.CharField()
    factor_e = serializers.CharField(required=False, allow_null=True)
    factor_c = serializers.CharField(required=False, allow_null=True)
    factor_s = serializers.CharField(required=False, allow_null=True)

    class Meta:
        model = RiskAssessment
        fields = ["id", "point", "method", "factor_l", "factor_e", "factor_c", "factor_s",
                  "score", "lec_class", "colour", "scheme_version", "bands", "note",
                  "assessor_name", "assessed_at"]
        read_only_fields = ["id", "point", "score", "lec_class", "colour", "scheme_version",
                            "bands", "assessor_name", "assessed_at"]


class RiskPointSerializer(serializers.ModelSerializer):
    unit = _UnitField(label=gettext_lazy("单位"))
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    colour = _colour(read_only=True)
    method = code_field(Method.choices, read_only=True)

    class Meta:
        model = RiskPoint
        fields = ["id", "unit", "unit_name", "name", "location", "hazard_factor",
                  "accident_type", "control_measures", "responsible_person",
                  "responsible_phone", "is_active", "colour", "method", "score", "assessed_at"]
        read_only_fields = ["id", "colour", "method", "score", "assessed_at"]


class RiskReportSerializer(serializers.ModelSerializer):
    unit = _UnitField(label=gettext_lazy("单位"))
    unit_colour = _colour(read_only=True)

    class Meta:
        model = RiskReport
        fields = ["id", "unit", "period_start", "period_end", "red", "orange", "yellow", "blue",
                  "unit_colour", "points", "note", "submitter_name", "submitted_at"]
        read_only_fields = ["id", "red", "orange", "yellow", "blue", "unit_colour", "points",
                            "submitter_name", "submitted_at"]


class RiskOverrideSerializer(serializers.ModelSerializer):
    unit = _UnitField(label=gettext_lazy("单位"))
    colour = _colour()

    class Meta:
        model = RiskLevelOverride
        fields = ["id", "unit", "colour", "reason", "setter_name", "set_at", "lifted_at",
                  "lift_reason"]
        read_only_fields = ["id", "setter_name", "set_at", "lifted_at", "lift_reason"]


class RiskOverrideLiftSerializer(serializers.Serializer):
    lift_reason = serializers.CharField(label=gettext_lazy("解除理由"), max_length=255)
