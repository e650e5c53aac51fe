"""Document tracking (文件督办): higher-level documents (上级文件) broken into tasks with owners and
deadlines, tracked to done. Overdue is derived from the deadline and the status, never stored."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.attachments import StoredAttachment
from anjian.core.scope import ScopedQuerySet, ScopeSpec
from anjian.documents.choices import TaskStatus
from anjian.regions.models import Organisation, Region

USER = settings.AUTH_USER_MODEL


class TrackedDocument(StoredAttachment):
    """A higher-level document received by the town (上级文件): issuer, number (文号), title."""

    region = models.ForeignKey(Region, verbose_name=_("所属镇（街道）"), on_delete=models.PROTECT,
                               related_name="tracked_documents")
    issuer = models.CharField(_("发文单位"), max_length=100)
    number = models.CharField(_("文号"), max_length=60, blank=True)
    title = models.CharField(_("文件标题"), max_length=200)
    received_on = models.DateField(_("收文日期"))
    deadline = models.DateField(_("办结期限"), null=True, blank=True)
    summary = models.TextField(_("主要内容"), blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = ScopeSpec(region="region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("督办文件")
        verbose_name_plural = _("督办文件")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["region", "received_on"])]

    def __str__(self) -> str:
        return f"《{self.title}》{self.number}" if self.number else f"《{self.title}》"


class DocumentTask(models.Model):
    """One task broken out of a document (任务分解), owned by a person and/or an organisation or a
    village. `region` is where it is scoped: the owning village, else the document's town."""

    document = models.ForeignKey(TrackedDocument, verbose_name=_("文件"), on_delete=models.CASCADE,
                                 related_name="tasks")
    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT,
                               related_name="+")
    text = models.TextField(_("任务内容"))
    owner_person = models.ForeignKey(Person, verbose_name=_("责任人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="document_tasks")
    owner_organisation = models.ForeignKey(Organisation, verbose_name=_("责任单位（站所）"), null=True,
                                           blank=True, on_delete=models.PROTECT, related_name="+")
    owner_village = models.ForeignKey(Region, verbose_name=_("责任村（社区）"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    deadline = models.DateField(_("完成期限"))
    status = models.CharField(_("状态"), max_length=12, choices=TaskStatus.choices,
                              default=TaskStatus.OPEN)
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = ScopeSpec(region="region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("督办任务")
        verbose_name_plural = _("督办任务")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["region", "status", "deadline"])]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def owner_name(self) -> str:
        parts = [str(o) for o in (self.owner_organisation, self.owner_village) if o is not None]
        if self.owner_person_id:
            parts.append(self.owner_person.name)
        return " / ".join(parts) or "—"

    def is_overdue(self, today: dt.date) -> bool:
        """Not done and past its deadline (逾期), or done after it."""
        if self.status == TaskStatus.DONE:
            return False
        return self.deadline < today


class TaskProgress(models.Model):
    """A dated progress note on a task (进展情况)."""

    task = models.ForeignKey(DocumentTask, on_delete=models.CASCADE, related_name="progress")
    on = models.DateField(_("日期"))
    text = models.TextField(_("进展情况"))
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_spec = ScopeSpec(region="task__region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("任务进展")
        verbose_name_plural = _("任务进展")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.text[:40]}"
