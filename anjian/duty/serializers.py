"""Serializers of the duty API. They parse and present; duty.services holds the rules."""

from __future__ import annotations

from rest_framework import serializers

from anjian.accounts.models import Person
from anjian.duty.models import DutyHandover, DutyLogEntry, DutyShift
from anjian.regions.models import Region


class PersonOnDutySerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "position", "phone"]
        read_only_fields = fields


class _ActorScoped(serializers.ModelSerializer):
    """Limits the related fields' choices to what the acting user may see; another id reads as
    "does not exist"."""

    scoped_fields: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is None:
            return
        for name, model in self.scoped_fields.items():
            if name in self.fields:
                field = self.fields[name]
                target = getattr(field, "child_relation", field)
                target.queryset = model.objects.for_user(user)


class DutyShiftSerializer(_ActorScoped):
    scoped_fields = {"region": Region, "people": Person, "leader": Person}
    region_name = serializers.CharField(source="region.name", read_only=True)
    people_on_duty = PersonOnDutySerializer(source="people", many=True, read_only=True)
    leader_on_duty = PersonOnDutySerializer(source="leader", read_only=True)

    class Meta:
        model = DutyShift
        fields = ["id", "region", "region_name", "start", "end", "people", "people_on_duty",
                  "leader", "leader_on_duty", "note", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        validators: list = []  # the rules are the service's, with its Chinese messages


class DutyLogEntrySerializer(_ActorScoped):
    scoped_fields = {"shift": DutyShift}
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    logged_by_name = serializers.CharField(source="logged_by", read_only=True, default=None)

    class Meta:
        model = DutyLogEntry
        fields = ["id", "shift", "received_at", "kind", "kind_label", "source", "source_phone",
                  "content", "handling", "notified", "closed", "closed_at", "logged_by",
                  "logged_by_name", "created_at", "updated_at"]
        read_only_fields = ["closed_at", "logged_by", "created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:  # an entry stays on its shift
            fields["shift"].read_only = True
        return fields


class DutyHandoverSerializer(_ActorScoped):
    scoped_fields = {"from_shift": DutyShift, "to_shift": DutyShift, "handed_over_by": Person,
                     "taken_over_by": Person, "carried_entries": DutyLogEntry}
    handed_over_at = serializers.DateTimeField(required=False)

    class Meta:
        model = DutyHandover
        fields = ["id", "from_shift", "to_shift", "summary", "open_matters", "carried_entries",
                  "handed_over_by", "taken_over_by", "handed_over_at", "recorded_by",
                  "created_at"]
        read_only_fields = ["recorded_by", "created_at"]
        validators: list = []
