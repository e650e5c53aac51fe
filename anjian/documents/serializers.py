"""Serializers of the document-tracking API."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from anjian.documents.choices import TaskStatus
from anjian.documents.models import DocumentTask, TaskProgress, TrackedDocument


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrackedDocument
        fields = ["id", "region", "issuer", "number", "title", "received_on", "deadline", "summary",
                  "original_name", "created_at", "updated_at"]
        read_only_fields = ["original_name", "created_at", "updated_at"]


class ProgressSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False, write_only=True)

    class Meta:
        model = TaskProgress
        fields = ["id", "on", "text", "status", "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"on": {"required": False}}


class TaskSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(read_only=True)
    overdue = serializers.SerializerMethodField()
    deadline_workdays = serializers.IntegerField(required=False, write_only=True, min_value=0,
                                                 max_value=250)
    progress = ProgressSerializer(many=True, read_only=True)

    class Meta:
        model = DocumentTask
        fields = ["id", "document", "region", "text", "owner_person", "owner_organisation",
                  "owner_village", "owner_name", "deadline", "deadline_workdays", "status",
                  "done_on", "overdue", "progress"]
        read_only_fields = ["region", "status", "done_on"]
        extra_kwargs = {"deadline": {"required": False}}

    def get_overdue(self, task) -> bool:
        return task.is_overdue(timezone.localdate())
