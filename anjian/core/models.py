"""Shared models: the journal of every create, update and delete (变更日志)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class JournalAction(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    DEREGISTER = "deregister", _("注销")
    RESTORE = "restore", _("恢复")


class JournalEntry(models.Model):
    """One change to one object: who, when, in which request, which fields from what to what.

    Append-only: nothing in Anjian updates or deletes a journal entry.
    """

    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=150, blank=True)
    request_id = models.CharField(_("请求编号"), max_length=36, blank=True, db_index=True)
    source = models.CharField(_("来源"), max_length=20, blank=True)
    action = models.CharField(_("操作"), max_length=20, choices=JournalAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("对象"), max_length=255)
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    comment = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("变更日志")
        verbose_name_plural = _("变更日志")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()} {self.object_repr}"
