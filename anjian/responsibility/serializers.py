"""API serializers: they parse and present; the services validate and write."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from anjian.accounts.models import Person
from anjian.regions.models import Organisation, Region
from anjian.responsibility.choices import DutyCategory
from anjian.responsibility.models import Agreement, LinkageVisit, Meeting, ResponsibilityList
from anjian.responsibility.scans import read_scan
from anjian.units.models import Unit


class _Scoped(serializers.ModelSerializer):
    """Related choices limited to what the requesting user may see: another id reads as "does
    not exist"."""

    scoped = {"region": Region, "village": Region, "holder": Person, "leader": Person,
              "chaired_by": Person, "unit": Unit, "organisation": Organisation}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is None:
            return
        for name, model in self.scoped.items():
            field = self.fields.get(name)
            if field is not None and not field.read_only and hasattr(field, "queryset"):
                field.queryset = model.objects.for_user(user)


class DutySerializer(serializers.Serializer):
    category = serializers.ChoiceField(label=_("责任类别"), choices=DutyCategory.choices)
    text = serializers.CharField(label=_("职责内容"))


class ResponsibilityListSerializer(_Scoped):
    duties = DutySerializer(many=True)
    holder_name = serializers.CharField(source="holder.name", read_only=True, default=None)

    class Meta:
        model = ResponsibilityList
        fields = ["id", "region", "year", "post", "holder", "holder_name", "version", "previous",
                  "notes", "duties", "created_at", "updated_at"]
        read_only_fields = ["version", "previous", "created_at", "updated_at"]
        validators: list = []

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["duties"] = [{"category": d.category, "text": d.text}
                          for d in instance.duties.all()]
        return data


class CopySerializer(serializers.Serializer):
    year = serializers.IntegerField(label=_("新年度"), min_value=2000, max_value=2100)


class AgreementSerializer(_Scoped):
    counterparty_name = serializers.SerializerMethodField()
    scan = serializers.FileField(label=_("扫描件"), write_only=True, required=False)
    has_scan = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = ["id", "year", "kind", "town", "village", "unit", "organisation",
                  "counterparty_name", "title", "first_signatory", "second_signatory",
                  "signed_on", "tasks", "scan", "has_scan", "original_name", "sha256", "size",
                  "content_type", "created_at", "updated_at"]
        read_only_fields = ["town", "original_name", "sha256", "size", "content_type",
                            "created_at", "updated_at"]
        validators: list = []

    def get_counterparty_name(self, obj) -> str:
        return str(obj.counterparty)

    def get_has_scan(self, obj) -> bool:
        return bool(obj.sha256)

    def validate_scan(self, value):
        return read_scan(value) if value else None


class LinkageVisitSerializer(_Scoped):
    leader_name = serializers.CharField(source="leader.name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = LinkageVisit
        fields = ["id", "leader", "leader_name", "unit", "unit_name", "visited_on", "checked",
                  "problems", "follow_up", "inspection", "recorded_by", "created_at",
                  "updated_at"]
        read_only_fields = ["recorded_by", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is not None and "inspection" in self.fields:
            from anjian.inspections.models import InspectionRecord

            self.fields["inspection"].queryset = InspectionRecord.objects.for_user(user)


class MeetingSerializer(_Scoped):
    class Meta:
        model = Meeting
        fields = ["id", "region", "held_on", "kind", "title", "chaired_by", "attendees",
                  "safety_first", "topics", "decisions", "recorded_by", "created_at",
                  "updated_at"]
        read_only_fields = ["recorded_by", "created_at", "updated_at"]
