"""The scanned copy of a signed agreement (责任书扫描件): a PDF (checked by
`core.attachments.read_attachment`: extension, magic bytes, size, SHA-256) or a photo of the
signed pages, JPEG/PNG/WEBP (checked by `core.photos.read_upload`: magic bytes, Pillow decode,
pixel count), both under the attachment size limit."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from anjian.core.attachments import AttachmentData, max_attachment_bytes, read_attachment
from anjian.core.photos import read_upload
from anjian.core.photos.reading import FORMATS

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp"  # for the file input


@dataclass(frozen=True)
class ImageScan(AttachmentData):
    """A photo scan: AttachmentData with the image's own extension (core.attachments knows only
    document kinds)."""

    image_extension: str = ".jpg"

    @property
    def extension(self) -> str:
        return self.image_extension


def read_scan(file, *, max_bytes: int | None = None, name: str | None = None) -> AttachmentData:
    """Validate an uploaded scan or raise ValidationError with a Chinese message."""
    limit = max_bytes or max_attachment_bytes()
    original = os.path.basename(str(name if name is not None else getattr(file, "name", "")))
    extension = os.path.splitext(original)[1].lower()
    if extension == ".pdf":
        return read_attachment(file, kinds=("pdf",), max_bytes=limit, name=original)
    if extension not in IMAGE_EXTENSIONS:
        raise ValidationError(_("扫描件只能是 PDF 文件或 JPG、PNG、WEBP 图片"), code="extension")
    photo = read_upload(file, max_bytes=limit)
    return ImageScan(content=photo.content, sha256=hashlib.sha256(photo.content).hexdigest(),
                     kind="image", content_type=photo.content_type, size=photo.size,
                     original_name=original[:200] or "scan",
                     image_extension="." + FORMATS[photo.content_type][1])
