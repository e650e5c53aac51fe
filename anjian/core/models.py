"""Shared models: the journal of every create, update and delete (变更日志)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class JournalAction(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    DEREGISTER = "deregister", _("注销")
    RESTORE = "restore", _("恢复")


class JournalAppendOnlyError(Exception):
    """Raised on an attempt to change or delete a journal entry through the model."""


class JournalEntryQuerySet(models.QuerySet):
    def bulk_create(self, objs, batch_size=None, **kwargs):
        """Chain the new entries first (see `anjian.core.journal_chain`): bulk_create bypasses
        save(), and an entry written without its hash would break the chain for every reader.
        Then insert them in list order, with statements built once (core.statements) unless
        Django's own options are asked for."""
        from anjian.core import journal_chain, statements

        objs = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            journal_chain.link(objs, using=self.db)
            if kwargs:
                return super().bulk_create(objs, batch_size=batch_size, **kwargs)
            size = batch_size or max(len(objs), 1)
            for start in range(0, len(objs), size):
                statements.insert(objs[start:start + size], using=self.db)
        return objs


class JournalEntry(models.Model):
    """One change to one object: who, when, in which request, which fields from what to what.

    Append-only and hash-chained (`anjian.core.journal_chain`): each entry stores the SHA-256 of
    the previous entry's hash plus its own content, so `anjian verify-journal` can tell when a row
    was edited, removed or slipped in behind the application's back. save() chains a new entry and
    refuses an existing one; delete() refuses.
    """

    # Not auto_now_add: that would overwrite, at insert time, the value the hash was computed on.
    created_at = models.DateTimeField(_("时间"), default=timezone.now, editable=False, db_index=True)
    # No database constraints on the journal's two references: an entry never changes, so a deleted
    # user must not null its actor_id (SET_NULL would break the hash chain, which covers it;
    # actor_name keeps who it was), and checking 90,000 references at the end of a ledger import
    # cost PostgreSQL ~0.7 s for nothing. content_type keeps PROTECT in Django.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
        on_delete=models.DO_NOTHING, db_constraint=False, related_name="+",
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=150, blank=True)
    # Indexed in Meta: db_index on PostgreSQL would add a LIKE index nobody uses to every write.
    request_id = models.CharField(_("请求编号"), max_length=36, blank=True)
    source = models.CharField(_("来源"), max_length=20, blank=True)
    action = models.CharField(_("操作"), max_length=20, choices=JournalAction.choices)
    # No index of its own: the (content_type, object_id, -created_at) index below serves lookups
    # by type too, and each index costs every journal write (90,000 in a large ledger import).
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+",
                                     db_index=False, db_constraint=False)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("对象"), max_length=255)
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    comment = models.TextField(_("说明"), blank=True)
    # db_default: a row inserted by raw SQL without its hash starts unsealed ("") until
    # journal_chain.seal_pending() chains it (the ledger importer sets its hashes itself).
    prev_hash = models.CharField(_("前一条哈希"), max_length=64, default="", db_default="",
                                 blank=True, editable=False)
    hash = models.CharField(_("哈希"), max_length=64, default="", db_default="", blank=True,
                            editable=False)

    objects = JournalEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("变更日志")
        verbose_name_plural = _("变更日志")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"]),
                   models.Index(fields=["request_id"], name="core_journal_request_id")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        """Insert a new entry, chained to the last one; never update a stored entry."""
        from anjian.core import journal_chain

        if not self._state.adding or kwargs.get("force_update") or kwargs.get("update_fields"):
            raise JournalAppendOnlyError(gettext("变更日志只能追加，不能修改已有的日志"))
        kwargs["force_insert"] = True
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            journal_chain.link([self], using=using)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise JournalAppendOnlyError(gettext("变更日志只能追加，不能删除"))
