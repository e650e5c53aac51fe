"""Writes to the document-tracking ledger (文件督办): documents, their tasks and progress notes.
Every write checks the actor's scope, validates, saves and journals in one transaction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.attachments import AttachmentData, attach
from anjian.core.records import (
    apply,
    journal_create,
    journal_update,
    owner_allowed,
    recheck,
    snapshot,
    validate,
)
from anjian.core.scope import ADD, CHANGE
from anjian.documents.choices import TaskStatus
from anjian.documents.models import DocumentTask, TaskProgress, TrackedDocument
from anjian.workdays.selectors import add_workdays

DOCUMENT_FIELDS = ("issuer", "number", "title", "received_on", "deadline", "summary")
TASK_FIELDS = ("text", "owner_person", "owner_organisation", "owner_village", "deadline")


def _check(actor, model, action: str, region) -> None:
    if not owner_allowed(actor, model, action, region, None):
        raise PermissionDenied(_("该文件或任务不在您的管辖范围内"))


@transaction.atomic
def document_create(*, actor, data: dict, file: AttachmentData | None = None) -> TrackedDocument:
    """Register a higher-level document received by a town (收文登记)."""
    region = data.get("region")
    if region is None or region.level != 2:
        raise ValidationError({"region": _("请选择收文的镇（街道）")})
    document = TrackedDocument(region=region, created_by=actor if actor and actor.pk else None)
    apply(document, data, DOCUMENT_FIELDS)
    _check(actor, TrackedDocument, ADD, region)
    _validate_document(document)
    if file is not None:
        attach(document, file)
    document.save()
    journal_create(actor, document)
    recheck(actor, document, ADD)
    return document


@transaction.atomic
def document_update(*, actor, document: TrackedDocument, data: dict,
                    file: AttachmentData | None = None) -> TrackedDocument:
    document = TrackedDocument.objects.select_for_update().get(pk=document.pk)
    _check(actor, TrackedDocument, CHANGE, document.region)
    before = snapshot(document)
    apply(document, data, DOCUMENT_FIELDS)
    _validate_document(document)
    if file is not None:
        attach(document, file)
    document.save()
    journal_update(actor, document, before)
    return document


def _validate_document(document: TrackedDocument) -> None:
    if document.received_on and document.deadline and document.deadline < document.received_on:
        raise ValidationError({"deadline": _("办结期限不能早于收文日期")})
    validate(document, exclude=["region", "created_by"])


def _place_task(task: DocumentTask) -> None:
    """Check the owner lies in the document's town and put the task in its scope region."""
    town = task.document.region
    errors = {}
    if not (task.owner_person_id or task.owner_organisation_id or task.owner_village_id):
        errors["owner_person"] = _("请指定责任人或责任单位（站所、村）")
    village = task.owner_village
    if village is not None and (village.level != 3 or not village.path.startswith(town.path)):
        errors["owner_village"] = _("责任村（社区）须是本镇的村（社区）")
    organisation = task.owner_organisation
    if organisation is not None and not (town.path.startswith(organisation.region.path)
                                         or organisation.region.path.startswith(town.path)):
        errors["owner_organisation"] = _("责任单位须是本镇或上级的机关站所")
    person = task.owner_person
    if person is not None and not (person.region.path.startswith(town.path)
                                   or town.path.startswith(person.region.path)):
        errors["owner_person"] = _("责任人须在本镇工作")
    if errors:
        raise ValidationError(errors)
    if village is None and person is not None and person.region.level >= 3:
        village = person.region
        while village.level > 3:
            village = village.parent
    task.region = village or town


def _deadline(task: DocumentTask, data: dict) -> None:
    """A deadline given as a date, or as working days after the document was received."""
    workdays = data.get("deadline_workdays")
    if not task.deadline and workdays:
        task.deadline = add_workdays(task.document.received_on, int(workdays)).date
    if not task.deadline:
        raise ValidationError({"deadline": _("请填写完成期限（日期或工作日数）")})


@transaction.atomic
def task_create(*, actor, document: TrackedDocument, data: dict) -> DocumentTask:
    """Split a document into one more task (任务分解) with its owner and deadline."""
    document = TrackedDocument.objects.select_for_update().get(pk=document.pk)
    _check(actor, DocumentTask, ADD, document.region)
    task = DocumentTask(document=document)
    apply(task, data, TASK_FIELDS)
    _deadline(task, data)
    _place_task(task)
    validate(task, exclude=["document", "region"])
    task.save()
    journal_create(actor, task)
    return task


@transaction.atomic
def task_update(*, actor, task: DocumentTask, data: dict) -> DocumentTask:
    task = DocumentTask.objects.select_for_update().select_related("document__region").get(
        pk=task.pk)
    _check(actor, DocumentTask, CHANGE, task.region)
    before = snapshot(task)
    apply(task, data, TASK_FIELDS)
    _deadline(task, data)
    _place_task(task)
    validate(task, exclude=["document", "region"])
    task.save()
    journal_update(actor, task, before)
    return task


@transaction.atomic
def task_progress_add(*, actor, task: DocumentTask, data: dict) -> TaskProgress:
    """A progress note (进展情况); `status` moves the task on (to done: 办结, with its date)."""
    task = DocumentTask.objects.select_for_update().get(pk=task.pk)
    _check(actor, DocumentTask, CHANGE, task.region)
    on = data.get("on") or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("进展日期不能晚于今天")})
    text = (data.get("text") or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写进展情况")})
    progress = TaskProgress.objects.create(task=task, on=on, text=text,
                                           created_by=actor if actor and actor.pk else None)
    journal_create(actor, progress)
    status = data.get("status") or (TaskStatus.IN_PROGRESS if task.status == TaskStatus.OPEN
                                    else task.status)
    _set_status(actor, task, status, on)
    return progress


def _set_status(actor, task: DocumentTask, status: str, on: dt.date) -> None:
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("无效的状态")})
    if status == task.status:
        return
    before = snapshot(task)
    task.status = status
    task.done_on = on if status == TaskStatus.DONE else None
    task.save(update_fields=["status", "done_on", "updated_at"])
    journal_update(actor, task, before)


@transaction.atomic
def task_complete(*, actor, task: DocumentTask, on: dt.date | None = None,
                  text: str = "") -> DocumentTask:
    """Mark a task done (办结) on `on` (default today)."""
    task_progress_add(actor=actor, task=task, data={
        "on": on, "text": text or _("任务已完成"), "status": TaskStatus.DONE})
    task.refresh_from_db()
    return task


__all__ = ["document_create", "document_update", "task_create", "task_update",
           "task_progress_add", "task_complete"]
