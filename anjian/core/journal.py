"""Writing the journal: services call `record` (or `record_many` for bulk writes) inside their
transaction, so a change and its journal entry commit or roll back together.

Entries are hash-chained as they are written (`anjian.core.journal_chain`); `verify_chain` checks
the chain and `anjian verify-journal` reports on it."""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from anjian.core.journal_chain import Problem, check_chain, lock, seal_pending, verify_chain
from anjian.core.models import JournalAction, JournalEntry

__all__ = ["Problem", "build", "check_chain", "diff", "entries_for", "lock",
           "record", "record_many", "seal_pending", "snapshot", "verify_chain"]

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
source_var: contextvars.ContextVar[str] = contextvars.ContextVar("journal_source", default="")


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict:
    """Field values of `obj` as JSON-ready data; foreign keys by their id."""
    result = {}
    for f in obj._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        if f.name in ("id", "created_at", "updated_at"):
            continue
        result[f.name] = _plain(getattr(obj, f.attname))
    return result


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for every field whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def _actor_name(actor) -> str:
    if actor is None:
        return "系统"
    return getattr(actor, "display_name", "") or actor.get_username()


def build(actor, obj: models.Model, action: str, changes: dict | None = None,
          comment: str = "", content_type: ContentType | None = None) -> JournalEntry:
    return JournalEntry(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=_actor_name(actor),
        request_id=request_id_var.get(),
        source=source_var.get(),
        action=action,
        content_type=content_type or ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        changes=changes or {},
        comment=comment,
    )


def record(actor, obj: models.Model, action: str, changes: dict | None = None,
           comment: str = "") -> JournalEntry | None:
    """Journal one change. An update that changed nothing writes nothing.

    Outside a transaction this opens one: the chain lock must last until the entry commits."""
    if action == JournalAction.UPDATE and not changes and not comment:
        return None
    entry = build(actor, obj, action, changes, comment)
    with transaction.atomic(savepoint=False):
        entry.save()  # chains it (JournalEntry.save)
    return entry


def record_many(entries: list[JournalEntry], batch_size: int = 2000) -> None:
    """Journal many changes at once: one lock, the chain computed in Python for the whole list,
    then inserts in list order (JournalEntry.objects.bulk_create chains them)."""
    with transaction.atomic(savepoint=False):
        JournalEntry.objects.bulk_create(entries, batch_size=batch_size)


def entries_for(obj: models.Model):
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return JournalEntry.objects.filter(content_type=ct, object_id=str(obj.pk)).select_related("actor")
