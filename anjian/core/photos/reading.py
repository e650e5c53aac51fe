"""Validating an uploaded photo and reading what it says about itself (EXIF time and position).

The checks run from the cheapest to the most expensive: size, magic bytes, the header's pixel
count (decompression bombs), Pillow's `verify()`, then a full decode so that a truncated or
damaged file is refused at upload time rather than when someone first looks at it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

logger = logging.getLogger(__name__)

# Content type -> (Pillow format, file extension).
FORMATS = {
    "image/jpeg": ("JPEG", "jpg"),
    "image/png": ("PNG", "png"),
    "image/webp": ("WEBP", "webp"),
}
MAX_PHOTO_PIXELS = 60_000_000  # a 60-megapixel ceiling: phone cameras stay well below it

_TAG_ORIENTATION = 0x0112
_IFD_EXIF = 0x8769
_IFD_GPS = 0x8825
_TAG_DATETIME_ORIGINAL = 0x9003
_TAG_OFFSET_TIME_ORIGINAL = 0x9011
_GPS_LAT_REF, _GPS_LAT, _GPS_LON_REF, _GPS_LON = 1, 2, 3, 4
_COORD_STEP = Decimal("0.000001")
_EXIF_DATETIME_RE = re.compile(r"^\s*(\d{4})[:\-/](\d{2})[:\-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET_RE = re.compile(r"^\s*([+-])(\d{2}):?(\d{2})\s*$")


@dataclass(frozen=True)
class PhotoData:
    """A validated upload: the original bytes and the field values of an EvidencePhoto."""

    content: bytes = field(repr=False)
    sha256: str
    content_type: str
    size: int
    width: int  # as displayed, i.e. after the EXIF orientation is applied
    height: int
    taken_at: dt.datetime | None = None
    exif_latitude: Decimal | None = None
    exif_longitude: Decimal | None = None

    @property
    def extension(self) -> str:
        return FORMATS[self.content_type][1]


def _too_large(limit: int) -> ValidationError:
    return ValidationError(
        _("照片文件过大（最大 %(mb)s MB）") % {"mb": f"{limit / 2**20:.3g}"}, code="photo_too_large"
    )


def _wrong_type() -> ValidationError:
    return ValidationError(_("只能上传 JPG、PNG 或 WEBP 照片"), code="photo_type")


def _damaged() -> ValidationError:
    return ValidationError(_("照片文件已损坏，无法读取"), code="photo_damaged")


def _too_many_pixels(limit: int) -> ValidationError:
    return ValidationError(
        _("照片分辨率过高（最多 %(mp)s 百万像素），请缩小后再上传") % {"mp": f"{limit / 1e6:.3g}"},
        code="photo_too_many_pixels",
    )


def _read_bytes(file, limit: int) -> bytes:
    if isinstance(file, bytes | bytearray | memoryview):
        data = bytes(file)
    else:
        declared = getattr(file, "size", None)
        if isinstance(declared, int) and declared > limit:
            raise _too_large(limit)
        if hasattr(file, "seek"):
            try:
                file.seek(0)
            except (OSError, ValueError):
                pass
        data = file.read(limit + 1)
        if isinstance(data, str):  # a text-mode file is not a photo
            raise _wrong_type()
    if len(data) > limit:
        raise _too_large(limit)
    return data


def sniff_content_type(data: bytes) -> str | None:
    """The content type from the magic bytes, or None for anything but JPEG, PNG and WEBP."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def read_upload(file, *, max_bytes: int | None = None, max_pixels: int | None = None) -> PhotoData:
    """Validate an uploaded photo and read it; raises ValidationError with a Chinese message.

    `file` is a Django UploadedFile, any binary file-like object, or bytes. `max_bytes` defaults
    to settings.ANJIAN_MAX_PHOTO_BYTES, `max_pixels` to MAX_PHOTO_PIXELS.
    """
    limit = max_bytes if max_bytes is not None else settings.ANJIAN_MAX_PHOTO_BYTES
    pixel_limit = max_pixels if max_pixels is not None else MAX_PHOTO_PIXELS
    data = _read_bytes(file, limit)
    content_type = sniff_content_type(data)
    if content_type is None:
        raise _wrong_type()
    pillow_format = FORMATS[content_type][0]

    try:
        # Image.open reads only the header. Pillow itself fails above 2 x Image.MAX_IMAGE_PIXELS
        # (DecompressionBombError) and warns above it; our own ceiling is lower than both.
        image = Image.open(io.BytesIO(data), formats=[pillow_format])
        width, height = image.size
        if width <= 0 or height <= 0:
            raise _damaged()
        if width * height > pixel_limit:
            raise _too_many_pixels(pixel_limit)
        image.verify()
        image = Image.open(io.BytesIO(data), formats=[pillow_format])
        if image.format == "JPEG":
            # Decoding at 1/8 scale still reads every byte of the entropy-coded data, so a
            # truncated file is caught without holding the full-size bitmap in memory.
            image.draft(None, (max(1, width // 8), max(1, height // 8)))
        image.load()
        exif = _exif_of(image)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(pixel_limit) from None
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError, struct.error, ...
        logger.info("rejected damaged photo upload: %r", exc)
        raise _damaged() from None

    if _orientation(exif) in (5, 6, 7, 8):
        width, height = height, width
    latitude, longitude = _gps_of(exif)
    return PhotoData(
        content=data,
        sha256=hashlib.sha256(data).hexdigest(),
        content_type=content_type,
        size=len(data),
        width=width,
        height=height,
        taken_at=_taken_at(exif),
        exif_latitude=latitude,
        exif_longitude=longitude,
    )


# --- EXIF: everything below tolerates missing or garbled data ------------------------------------


def _exif_of(image: Image.Image):
    try:
        return image.getexif()
    except Exception as exc:
        logger.info("unreadable EXIF in photo upload: %r", exc)
        return None


def _ifd(exif, tag: int) -> dict:
    if exif is None:
        return {}
    try:
        return dict(exif.get_ifd(tag))
    except Exception as exc:
        logger.info("unreadable EXIF IFD %#x: %r", tag, exc)
        return {}


def _text(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return str(value).replace("\x00", "").strip() if value is not None else ""


def _orientation(exif) -> int:
    try:
        return int(exif.get(_TAG_ORIENTATION, 1)) if exif is not None else 1
    except (TypeError, ValueError):
        return 1


def _taken_at(exif) -> dt.datetime | None:
    """EXIF DateTimeOriginal as an aware datetime: at OffsetTimeOriginal if the camera wrote
    one, else in settings.TIME_ZONE (EXIF times carry no zone of their own)."""
    tags = _ifd(exif, _IFD_EXIF)
    raw = tags.get(_TAG_DATETIME_ORIGINAL)
    if raw is None and exif is not None:
        raw = exif.get(_TAG_DATETIME_ORIGINAL)  # some writers misplace it in IFD0
    match = _EXIF_DATETIME_RE.match(_text(raw))
    if not match:
        return None
    try:
        naive = dt.datetime(*(int(g) for g in match.groups()))
    except ValueError:  # 0000:00:00 00:00:00 and other impossible dates
        return None
    if not 1970 <= naive.year <= 2200:
        return None
    offset = _OFFSET_RE.match(_text(tags.get(_TAG_OFFSET_TIME_ORIGINAL)))
    if offset:
        sign = -1 if offset.group(1) == "-" else 1
        minutes = int(offset.group(2)) * 60 + int(offset.group(3))
        if minutes <= 14 * 60:
            return naive.replace(tzinfo=dt.timezone(sign * dt.timedelta(minutes=minutes)))
    return timezone.make_aware(naive, timezone.get_default_timezone())


def _fraction(value) -> Fraction:
    numerator = getattr(value, "numerator", None)
    denominator = getattr(value, "denominator", None)
    if numerator is not None and denominator is not None:
        if not denominator:
            raise ValueError("zero denominator")
        return Fraction(int(numerator), int(denominator))
    if isinstance(value, tuple) and len(value) == 2:  # (numerator, denominator)
        return Fraction(int(value[0]), int(value[1]))
    return Fraction(str(value))


def _degrees(value, ref, positive: str, negative: str, bound: int) -> Decimal | None:
    try:
        parts = list(value) if isinstance(value, tuple | list) else [value]
        if not 1 <= len(parts) <= 3:
            return None
        total = sum(
            (_fraction(p) / 60**i for i, p in enumerate(parts)), start=Fraction(0)
        )
    except (TypeError, ValueError, ZeroDivisionError, ArithmeticError):
        return None
    if total < 0 or total > bound:
        return None
    ref_text = _text(ref).upper()[:1]
    if ref_text == negative:
        total = -total
    elif ref_text not in (positive, ""):
        return None
    degrees = Decimal(total.numerator) / Decimal(total.denominator)
    return degrees.quantize(_COORD_STEP, rounding=ROUND_HALF_UP)


def _gps_of(exif) -> tuple[Decimal | None, Decimal | None]:
    gps = _ifd(exif, _IFD_GPS)
    if _GPS_LAT not in gps or _GPS_LON not in gps:
        return None, None
    latitude = _degrees(gps[_GPS_LAT], gps.get(_GPS_LAT_REF), "N", "S", 90)
    longitude = _degrees(gps[_GPS_LON], gps.get(_GPS_LON_REF), "E", "W", 180)
    if latitude is None or longitude is None:
        return None, None
    if latitude == 0 and longitude == 0:  # a camera without a fix writes zeros
        return None, None
    return latitude, longitude
