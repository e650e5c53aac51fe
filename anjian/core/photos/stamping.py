"""The visible stamp (time, place, inspector, hash) on every photo that is shown or exported.

`render_stamped` works on any object with the attributes of an EvidencePhoto (duck typing):
`original` (a FieldFile or File, bytes, or a path), `sha256`, `taken_at`, `received_at`, `place`,
`photographer`, `exif_latitude`, `exif_longitude` and optionally `pk`; if the object has a
`stamp_lines()` method, its lines are used, otherwise `build_stamp_lines(photo)`.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont, ImageOps

from anjian.core.photos.fonts import find_cjk_font, font_for

logger = logging.getLogger(__name__)

RENDER_VERSION = 1  # part of the cache key: bump when the look of the stamp changes
MIN_SIDE, MAX_SIDE = 64, 4096
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")

# Stamp labels as the fallback (non-CJK) font writes them.
_ASCII_LABELS = {"拍摄": "Taken", "上传": "Received", "地点": "Place", "检查人": "Inspector"}


class PhotoIntegrityError(ValueError):
    """The stored original no longer matches the SHA-256 recorded when it was received."""


# --- Stamp text ----------------------------------------------------------------------------------


def _local(value) -> str:
    return timezone.localtime(value, timezone.get_default_timezone()).strftime("%Y-%m-%d %H:%M")


def _coordinates(latitude, longitude) -> str:
    if latitude is None or longitude is None:
        return ""
    lat, lon = float(latitude), float(longitude)
    return f"{abs(lat):.6f}°{'N' if lat >= 0 else 'S'} {abs(lon):.6f}°{'E' if lon >= 0 else 'W'}"


def build_stamp_lines(photo) -> list[str]:
    """Time (拍摄 = EXIF time, 上传 = server receive time), place and coordinates, inspector and
    the first 12 characters of the SHA-256, one line each; empty parts are left out."""
    taken_at = getattr(photo, "taken_at", None)
    received_at = getattr(photo, "received_at", None)
    lines = []
    if taken_at is not None:
        lines.append(_("拍摄 %(time)s") % {"time": _local(taken_at)})
    elif received_at is not None:
        lines.append(_("上传 %(time)s") % {"time": _local(received_at)})
    place = " ".join(
        part for part in (
            (getattr(photo, "place", "") or "").strip(),
            _coordinates(getattr(photo, "exif_latitude", None),
                         getattr(photo, "exif_longitude", None)),
        ) if part
    )
    if place:
        lines.append(_("地点 %(place)s") % {"place": place})
    photographer = (getattr(photo, "photographer", "") or "").strip()
    if photographer:
        lines.append(_("检查人 %(name)s") % {"name": photographer})
    lines.append(f"SHA-256 {(getattr(photo, 'sha256', '') or '')[:12]}")
    return lines


def ascii_line(line: str) -> str:
    """A stamp line for a font without CJK glyphs: known labels in English, '?' per other glyph."""
    for label, english in _ASCII_LABELS.items():
        if line.startswith(label + " "):
            line = english + line[len(label):]
            break
    line = unicodedata.normalize("NFKC", line).replace("°", "")
    return "".join(c if 32 <= ord(c) < 127 else "?" for c in line)


# --- Rendering -----------------------------------------------------------------------------------


def _original_bytes(photo) -> bytes:
    original = photo.original
    if isinstance(original, bytes | bytearray | memoryview):
        return bytes(original)
    if isinstance(original, str | os.PathLike):
        return Path(original).read_bytes()
    original.open("rb")
    try:
        return original.read()
    finally:
        original.close()


def _wrap(draw: ImageDraw.ImageDraw, line: str, font, width: int) -> list[str]:
    """Split a line so each piece fits in `width` pixels: at the last space if the piece has one
    in its second half, else between any two characters (Chinese has no spaces)."""
    pieces, current = [], ""
    for char in line:
        if current and draw.textlength(current + char, font=font) > width:
            cut = current.rfind(" ")
            if cut > len(current) // 2:
                pieces.append(current[:cut])
                current = current[cut + 1:] + char
            else:
                pieces.append(current.rstrip())
                current = char.lstrip()
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda v: v / 256).convert("L")
    return image.convert("RGB")


def _draw_stamp(image: Image.Image, lines: list[str], spec) -> Image.Image:
    width, height = image.size
    size = max(12, min(round(width / 42), max(12, height // 10)))
    font = font_for(spec, size)
    cjk = font is not None
    if not cjk:
        lines = [ascii_line(line) for line in lines]
        font = ImageFont.load_default(size=size)
    pad = max(4, size // 2)
    measure = ImageDraw.Draw(image)
    rows = [piece for line in lines for piece in _wrap(measure, line, font, width - 2 * pad)]
    top, bottom = font.getbbox("国Ag" if cjk else "Ag")[1::2]
    line_height = max(bottom - top, size) + max(2, size // 4)
    band_height = 2 * pad + line_height * len(rows)
    if band_height > height * 0.45:
        # A small photo would be mostly hidden: put the band under it instead of over it.
        canvas = Image.new("RGB", (width, height + band_height), (0, 0, 0))
        canvas.paste(image, (0, 0))
        image = canvas
    else:
        box = (0, height - band_height, width, height)
        band = Image.blend(image.crop(box), Image.new("RGB", (width, band_height)), 0.6)
        image.paste(band, box[:2])
    draw = ImageDraw.Draw(image)
    y = image.size[1] - band_height + pad - top
    for row in rows:
        draw.text((pad, y), row, font=font, fill=(255, 255, 255))
        y += line_height
    return image


def _render(data: bytes, lines: list[str], max_side: int, spec) -> bytes:
    image = Image.open(io.BytesIO(data))
    width, height = image.size
    ratio = min(1.0, max_side / max(width, height))
    if image.format == "JPEG" and ratio < 1:
        image.draft("RGB", (max(1, int(width * ratio)), max(1, int(height * ratio))))
    try:
        image = ImageOps.exif_transpose(image)
    except Exception as exc:  # garbled orientation data: show the pixels as stored
        logger.info("cannot apply EXIF orientation: %r", exc)
        image.load()
    image = _flatten(image)
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    image = _draw_stamp(image, lines, spec)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def _cache_path(photo, max_side: int, lines: list[str], spec) -> Path | None:
    sha = getattr(photo, "sha256", "") or ""
    if not _SHA_RE.match(sha) or not getattr(settings, "MEDIA_ROOT", None):
        return None
    pk = str(getattr(photo, "pk", None) or "0")
    if not pk.isdigit():
        pk = hashlib.sha256(pk.encode()).hexdigest()[:16]
    key = hashlib.sha256(repr((RENDER_VERSION, lines, spec)).encode()).hexdigest()[:12]
    return Path(settings.MEDIA_ROOT) / "stamped" / f"{sha}-{pk}-{max_side}-{key}.jpg"


def _write_atomically(path: Path, content: bytes) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except OSError as exc:
        logger.warning("cannot cache stamped photo at %s: %r", path, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def render_stamped(photo, *, max_side: int = 1600) -> bytes:
    """A JPEG of the photo, upright, at most `max_side` pixels on its longer side, with the stamp
    drawn in a dark band at the bottom. Cached under MEDIA_ROOT/stamped/. Raises
    PhotoIntegrityError if the stored original does not match the recorded SHA-256."""
    max_side = max(MIN_SIDE, min(MAX_SIDE, int(max_side)))
    with translation.override(settings.LANGUAGE_CODE):  # the stamp is evidence: one language
        lines = photo.stamp_lines() if hasattr(photo, "stamp_lines") else build_stamp_lines(photo)
    lines = [str(line) for line in lines]
    spec = find_cjk_font()
    cache = _cache_path(photo, max_side, lines, spec)
    if cache is not None:
        try:
            return cache.read_bytes()
        except OSError:
            pass
    data = _original_bytes(photo)
    if hashlib.sha256(data).hexdigest() != getattr(photo, "sha256", None):
        logger.error("photo %s: stored original does not match its SHA-256",
                     getattr(photo, "pk", None))
        raise PhotoIntegrityError("stored original does not match its SHA-256")
    result = _render(data, lines, max_side, spec)
    if cache is not None:
        _write_atomically(cache, result)
    return result


def stamped_response(photo, *, max_side: int = 1600) -> HttpResponse:
    """The stamped JPEG as a response, for views that fetched `photo` through a scoped queryset."""
    response = HttpResponse(render_stamped(photo, max_side=max_side), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    short = re.sub(r"[^0-9a-f]", "", str(getattr(photo, "sha256", "") or ""))[:12] or "stamped"
    response["Content-Disposition"] = f'inline; filename="photo-{short}.jpg"'
    return response
