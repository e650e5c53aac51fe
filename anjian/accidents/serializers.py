"""Serializers of the accidents API: they parse and present; the services decide."""

from __future__ import annotations

from rest_framework import serializers

from anjian.accidents.models import Accident, AccidentReportStep, IndicatorYear
from anjian.accidents.services import DETAIL_FIELDS, FIGURE_FIELDS, INDICATOR_FIELDS
from anjian.regions.models import Region
from anjian.units.models import Unit


class StepSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    late = serializers.SerializerMethodField()

    class Meta:
        model = AccidentReportStep
        fields = ["id", "kind", "kind_label", "due_at", "done_at", "recipient", "note",
                  "extension_days", "figures", "within_window", "regraded", "late"]
        read_only_fields = fields

    def get_late(self, step) -> bool:
        return step.is_late()


class AccidentSerializer(serializers.ModelSerializer):
    """An accident. `type_code` is written as the code of the list for the accident's date
    (GB 6441-1986 '01'–'20' before 2026-07-01, GB 6441-2025 '1'–'27' from it), or as
    'version:code'."""

    type_code = serializers.CharField(max_length=10)
    type_label = serializers.CharField(read_only=True)
    grade_label = serializers.CharField(source="get_grade_display", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    injured = serializers.IntegerField(read_only=True)
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.none(), required=False,
                                                allow_null=True)
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.none(), required=False,
                                              allow_null=True)

    class Meta:
        model = Accident
        fields = ["id", *DETAIL_FIELDS, *FIGURE_FIELDS, "classification_version", "type_label",
                  "grade", "grade_label", "region_name", "injured", "sector", "reported_at",
                  "created_at", "updated_at"]
        read_only_fields = ["classification_version", "grade", "sector", "reported_at",
                            "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is not None:
            self.fields["region"].queryset = Region.objects.for_user(user)
            self.fields["unit"].queryset = Unit.objects.for_user(user)


class AccidentDetailSerializer(AccidentSerializer):
    steps = StepSerializer(many=True, read_only=True)

    class Meta(AccidentSerializer.Meta):
        fields = [*AccidentSerializer.Meta.fields, "steps"]


class CasualtySerializer(serializers.Serializer):
    deaths = serializers.IntegerField(min_value=0, required=False)
    missing = serializers.IntegerField(min_value=0, required=False)
    serious_injuries = serializers.IntegerField(min_value=0, required=False)
    poisonings = serializers.IntegerField(min_value=0, required=False)
    minor_injuries = serializers.IntegerField(min_value=0, required=False)
    direct_loss = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0,
                                           required=False)
    at = serializers.DateTimeField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class StepRecordSerializer(serializers.Serializer):
    step = serializers.IntegerField()
    done_at = serializers.DateTimeField()
    recipient = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class IndicatorYearSerializer(serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.none())

    class Meta:
        model = IndicatorYear
        fields = ["id", *INDICATOR_FIELDS, "updated_at"]
        read_only_fields = ["updated_at"]
        validators: list = []  # uniqueness is the service's rule (with its Chinese message)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is not None:
            self.fields["region"].queryset = Region.objects.for_user(user).filter(level__lte=2)
