"""Serializers of the enforcement API."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from anjian.enforcement.models import DishonestyListing, EnforcementAction


class ActionSerializer(serializers.ModelSerializer):
    order_state = serializers.SerializerMethodField()

    class Meta:
        model = EnforcementAction
        fields = ["id", "kind", "number", "acted_on", "unit", "region", "officers",
                  "organisations", "legal_basis", "findings", "outcome", "deadline",
                  "penalty_amount", "hazards_found", "illegal_acts_stopped", "hazard",
                  "inspection", "follows", "order_state", "created_at", "updated_at"]
        read_only_fields = ["region", "created_at", "updated_at"]

    def get_order_state(self, action) -> str | None:
        return action.order_state(timezone.localdate())


class ListingSerializer(serializers.ModelSerializer):
    active = serializers.SerializerMethodField()

    class Meta:
        model = DishonestyListing
        fields = ["id", "unit", "region", "reason", "action", "listed_on", "until", "lifted_on",
                  "lifted_by", "lift_reason", "active"]
        read_only_fields = ["region", "lifted_on", "lifted_by", "lift_reason"]

    def get_active(self, listing) -> bool:
        return listing.is_active(timezone.localdate())


class LiftSerializer(serializers.Serializer):
    lifted_on = serializers.DateField(required=False)
    lift_reason = serializers.CharField()
