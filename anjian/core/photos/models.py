"""EvidencePhoto: the abstract model behind every photo kept as evidence (照片取证).

Apps subclass it with their own foreign key, e.g.

    class HazardPhoto(EvidencePhoto):
        hazard = models.ForeignKey(Hazard, on_delete=models.CASCADE, related_name="photos")

and create rows only through `photo_save` (anjian.core.photos.services). The original is stored
byte-for-byte under photos/<yyyy>/<mm>/<sha256>.<ext> and is never served from a public URL:
views fetch the row through their scoped queryset and answer with `stamped_response`.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.photos.reading import FORMATS
from anjian.core.photos.stamping import build_stamp_lines

_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


def photo_upload_to(instance, filename: str) -> str:
    """photos/<yyyy>/<mm>/<sha256>.<ext>: named by content, never by the user's file name.
    Year and month are those of the server's receive time in settings.TIME_ZONE."""
    when = timezone.localtime(instance.received_at or timezone.now(),
                              timezone.get_default_timezone())
    extension = FORMATS.get(instance.content_type, (None, "bin"))[1]
    name = instance.sha256 if _SHA_RE.match(instance.sha256 or "") else secrets.token_hex(32)
    return f"photos/{when:%Y}/{when:%m}/{name}.{extension}"


class PhotoContentType(models.TextChoices):
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"
    WEBP = "image/webp", "WEBP"


class EvidencePhoto(models.Model):
    original = models.FileField(_("原件"), upload_to=photo_upload_to, max_length=200,
                                editable=False)
    sha256 = models.CharField(
        _("SHA-256"), max_length=64, db_index=True, editable=False,
        validators=[RegexValidator(_SHA_RE, _("SHA-256 应为64位十六进制小写字符"))],
        help_text=_("原件的SHA-256摘要，上传时计算"),
    )
    content_type = models.CharField(_("文件类型"), max_length=20,
                                    choices=PhotoContentType.choices, editable=False)
    size = models.PositiveIntegerField(_("文件大小（字节）"), editable=False)
    width = models.PositiveIntegerField(_("宽度（像素）"), editable=False)
    height = models.PositiveIntegerField(_("高度（像素）"), editable=False)
    taken_at = models.DateTimeField(_("拍摄时间"), null=True, blank=True, editable=False,
                                    help_text=_("照片EXIF中记录的拍摄时间"))
    exif_latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6,
                                        null=True, blank=True, editable=False)
    exif_longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6,
                                         null=True, blank=True, editable=False)
    received_at = models.DateTimeField(_("上传时间"), default=timezone.now, db_index=True,
                                       editable=False, help_text=_("服务器收到照片的时间"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    place = models.CharField(_("地点"), max_length=200, blank=True)
    photographer = models.CharField(_("检查人"), max_length=100, blank=True)
    caption = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["received_at", "id"]
        verbose_name = _("照片")
        verbose_name_plural = _("照片")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {(self.sha256 or '')[:12]}"

    def stamp_lines(self) -> list[str]:
        """The lines of the visible stamp; subclasses may add their own (e.g. a hazard number)."""
        return build_stamp_lines(self)
