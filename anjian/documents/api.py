"""REST API of document tracking (/api/documents/, /api/document-tasks/). Reads are scoped and
filtered by the pages' FilterSets; every write calls documents.services.

- documents: CRUD without delete.
- tasks: create (with `document`), update; `POST …/{id}/progress/` adds a progress note and may
  move the status (`status`: in_progress, done).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from anjian.core.api import OwnedViewSet
from anjian.core.scope import CHANGE, get_for_user
from anjian.documents import services
from anjian.documents.filtersets import DocumentFilterSet, TaskFilterSet
from anjian.documents.models import DocumentTask, TrackedDocument
from anjian.documents.serializers import DocumentSerializer, ProgressSerializer, TaskSerializer


class DocumentViewSet(OwnedViewSet):
    """Higher-level documents (上级文件)."""

    scope_model = TrackedDocument
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet
    select_related = ("region",)
    create_service = services.document_create
    update_service = services.document_update
    object_name = "document"


class TaskViewSet(OwnedViewSet):
    """Document tasks (督办任务) and their progress."""

    scope_model = DocumentTask
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    select_related = ("document", "owner_person", "owner_organisation", "owner_village")
    prefetch_related = ("progress",)
    scope_actions = {**OwnedViewSet.scope_actions, "progress": CHANGE}
    update_service = services.task_update
    object_name = "task"

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        document = get_for_user(TrackedDocument, self.request.user, CHANGE, pk=data.pop("document").pk)
        self.saved(serializer, services.task_create(actor=self.request.user, document=document,
                                                    data=data))

    @extend_schema(request=ProgressSerializer, responses=ProgressSerializer,
                   summary="Add a progress note")
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        task = self.get_object()
        return self._child(ProgressSerializer, lambda data: services.task_progress_add(
            actor=request.user, task=task, data=data))


ROUTES: list = [("documents", DocumentViewSet, "document"),
                ("document-tasks", TaskViewSet, "document-task")]
