"""Document attachments (附件): validated uploads of PDF and Word files, shared by every app that keeps
documents (emergency plans, training materials, higher-level documents …).

- `read_attachment(file, *, kinds=DOCUMENT_KINDS, max_bytes=None) -> AttachmentData`: checks the
  size (setting `ANJIAN_MAX_ATTACHMENT_BYTES`, default 20 MB), the extension, and the content by its
  magic bytes — a .pdf starts with `%PDF-`, a .doc is an OLE2 compound file, a .docx is a zip
  archive holding `word/document.xml` — and computes the SHA-256. Every refusal is a Chinese
  ValidationError naming what was wrong.
- `StoredAttachment`: the abstract model apps subclass (with their own foreign key); rows are filled
  with `attach(instance, data, actor)`. Files live under attachments/<yyyy>/<mm>/<sha256>.<ext>,
  named by content, never by the user's file name, and are never served from a public URL: views
  fetch the row through their scoped queryset and answer with `attachment_response(row)`.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def _is_pdf(content: bytes) -> bool:
    # PDF 1.x/2.0: the header may follow a few junk bytes (the spec allows up to 1024).
    return b"%PDF-" in content[:1024] and b"%%EOF" in content[-2048:]


def _is_doc(content: bytes) -> bool:
    return content.startswith(OLE2_MAGIC)


def _is_docx(content: bytes) -> bool:
    if not content.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "word/document.xml" in names and "[Content_Types].xml" in names


@dataclass(frozen=True)
class Kind:
    label: str
    extensions: tuple[str, ...]
    content_type: str
    check: object = field(repr=False)  # bytes -> bool


KINDS: dict[str, Kind] = {
    "pdf": Kind("PDF", (".pdf",), "application/pdf", _is_pdf),
    "docx": Kind("Word (.docx)", (".docx",),
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 _is_docx),
    "doc": Kind("Word (.doc)", (".doc",), "application/msword", _is_doc),
}
DOCUMENT_KINDS = ("pdf", "docx", "doc")


@dataclass(frozen=True)
class AttachmentData:
    """A validated upload: its bytes and what is stored beside them."""

    content: bytes = field(repr=False)
    sha256: str
    kind: str  # a key of KINDS
    content_type: str
    size: int
    original_name: str

    @property
    def extension(self) -> str:
        return KINDS[self.kind].extensions[0]


def max_attachment_bytes() -> int:
    return int(getattr(settings, "ANJIAN_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_BYTES))


def _clean_name(name: str) -> str:
    base = os.path.basename(str(name or "").replace("\\", "/")).strip()
    return "".join(ch for ch in base if ch.isprintable())[:200] or "attachment"


def read_attachment(file, *, kinds: tuple[str, ...] = DOCUMENT_KINDS,
                    max_bytes: int | None = None, name: str | None = None) -> AttachmentData:
    """Validate an uploaded file (a Django UploadedFile, or bytes with `name`) or raise
    ValidationError with a message the user can act on."""
    limit = max_bytes or max_attachment_bytes()
    allowed = "、".join(KINDS[k].label for k in kinds)
    original = _clean_name(name if name is not None else getattr(file, "name", ""))
    if isinstance(file, bytes | bytearray):
        content = bytes(file)
    else:
        size = getattr(file, "size", None)
        if size is not None and size > limit:
            raise ValidationError(_("文件过大（%(size).1f MB），上限为 %(limit).1f MB") % {
                "size": size / 1048576, "limit": limit / 1048576}, code="too_large")
        if hasattr(file, "seek"):
            file.seek(0)
        content = file.read(limit + 1)
    if not content:
        raise ValidationError(_("文件为空，请重新选择"), code="empty")
    if len(content) > limit:
        raise ValidationError(_("文件过大，上限为 %(limit).1f MB") % {"limit": limit / 1048576},
                              code="too_large")
    extension = os.path.splitext(original)[1].lower()
    by_extension = [k for k in kinds if extension in KINDS[k].extensions]
    if not by_extension:
        raise ValidationError(_("不支持的文件类型“%(ext)s”，只能上传 %(allowed)s 文件") % {
            "ext": extension or _("无扩展名"), "allowed": allowed}, code="extension")
    kind = by_extension[0]
    if not KINDS[kind].check(content):
        raise ValidationError(_("文件内容不是有效的 %(label)s 文件（可能已损坏或扩展名被修改）") % {
            "label": KINDS[kind].label}, code="content")
    return AttachmentData(content=content, sha256=hashlib.sha256(content).hexdigest(), kind=kind,
                          content_type=KINDS[kind].content_type, size=len(content),
                          original_name=original)


def attachment_upload_to(instance, filename: str) -> str:
    when = timezone.localtime(instance.uploaded_at or timezone.now())
    return f"attachments/{when:%Y}/{when:%m}/{instance.sha256}{os.path.splitext(filename)[1]}"


class StoredAttachment(models.Model):
    """An attached document; subclasses add the foreign key to what it belongs to."""

    file = models.FileField(gettext_lazy("附件"), upload_to=attachment_upload_to, max_length=200,
                            blank=True, editable=False)
    original_name = models.CharField(gettext_lazy("原文件名"), max_length=200, blank=True,
                                     editable=False)
    sha256 = models.CharField(gettext_lazy("SHA-256"), max_length=64, blank=True, editable=False)
    content_type = models.CharField(gettext_lazy("文件类型"), max_length=100, blank=True,
                                    editable=False)
    size = models.PositiveIntegerField(gettext_lazy("文件大小（字节）"), null=True, blank=True,
                                       editable=False)
    uploaded_at = models.DateTimeField(gettext_lazy("上传时间"), null=True, blank=True,
                                       editable=False)

    class Meta:
        abstract = True

    @property
    def has_file(self) -> bool:
        return bool(self.sha256 and self.file)


def attach(instance: StoredAttachment, data: AttachmentData) -> None:
    """Put `data` on `instance` (not saved: the caller saves it in its transaction)."""
    instance.sha256 = data.sha256
    instance.original_name = data.original_name
    instance.content_type = data.content_type
    instance.size = data.size
    instance.uploaded_at = timezone.now()
    instance.file.save(f"{data.sha256}{data.extension}", ContentFile(data.content), save=False)


def attachment_response(instance: StoredAttachment):
    """The stored file as a download under its original name; the content is checked against its
    SHA-256 first, so a file changed on disk is never handed out as the original."""
    from django.http import Http404

    from anjian.core.downloads import attachment

    if not instance.has_file:
        raise Http404
    with instance.file.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != instance.sha256:
        raise ValidationError(_("附件内容与登记的摘要不一致，已拒绝下载"), code="integrity")
    return attachment(content, instance.original_name, instance.content_type)
