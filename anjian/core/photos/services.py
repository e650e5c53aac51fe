"""Saving a validated photo as a row of a concrete EvidencePhoto subclass."""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from anjian.core import journal, statements
from anjian.core.models import JournalAction
from anjian.core.photos.models import EvidencePhoto, photo_upload_to
from anjian.core.photos.reading import PhotoData

logger = logging.getLogger(__name__)


def _stored_sha256(storage, name: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with storage.open(name, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _changes(photo: EvidencePhoto) -> dict:
    return {
        "original": [None, photo.original.name],
        "sha256": [None, photo.sha256],
        "size": [None, photo.size],
        "taken_at": [None, photo.taken_at.isoformat() if photo.taken_at else None],
        "place": [None, photo.place],
        "photographer": [None, photo.photographer],
    }


def photo_save(*, model_cls: type[EvidencePhoto], data: PhotoData, actor, place: str = "",
               photographer: str = "", caption: str = "", journal_entries: list | None = None,
               **fk) -> EvidencePhoto:
    """Create one `model_cls` row for `data` (from `read_upload`), received now, by `actor`.

    `fk` holds the subclass's own fields, e.g. `hazard=hazard`. The original is written
    byte-for-byte; if a file with the same content already sits at its content-addressed name,
    the row points at that file instead of writing a copy. The row and its journal entry commit
    together; a file written for a row that fails to save is removed.

    `journal_entries`: a caller that saves several objects in one transaction (a whole inspection
    record) passes a list; the photo's journal entry is built and appended to it instead of being
    written here, and the caller writes them all with one `journal.record_many` before its
    transaction commits (one chain lock, held only for that last step). It must call this inside
    its transaction.
    """
    photo = model_cls(
        sha256=data.sha256,
        content_type=data.content_type,
        size=data.size,
        width=data.width,
        height=data.height,
        taken_at=data.taken_at,
        exif_latitude=data.exif_latitude,
        exif_longitude=data.exif_longitude,
        received_at=timezone.now(),
        uploaded_by=actor if actor is not None and getattr(actor, "pk", None) else None,
        place=place or "",
        photographer=photographer or "",
        caption=caption or "",
        **fk,
    )
    field = photo._meta.get_field("original")
    name = photo_upload_to(photo, "")
    written = None
    if field.storage.exists(name) and _stored_sha256(field.storage, name) == data.sha256:
        photo.original.name = name
    else:
        photo.original.save(name, ContentFile(data.content), save=False)
        written = photo.original.name
    try:
        if journal_entries is not None:
            if not transaction.get_connection().in_atomic_block:
                raise transaction.TransactionManagementError(
                    "photo_save(journal_entries=...) needs the caller's transaction")
            statements.insert([photo])
            journal_entries.append(journal.build(actor, photo, JournalAction.CREATE,
                                                 _changes(photo)))
        else:
            with transaction.atomic():
                photo.save()
                journal.record(actor, photo, JournalAction.CREATE, _changes(photo))
    except BaseException:
        if written:
            try:
                field.storage.delete(written)
            except OSError:
                logger.warning("cannot remove %s after a failed photo save", written)
        raise
    return photo
