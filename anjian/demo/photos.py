"""Small real photos for the demo: JPEGs of 200×150 pixels (about 3–7 KB) drawn from a seed, with the
EXIF time and GPS position a phone would write, so the evidence pages show plausible stamps."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal

from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter
from PIL.TiffImagePlugin import IFDRational

from anjian.core.photos import PhotoData, read_upload

SIZE = (200, 150)
# Base colours by what the photo shows: a hazard found, the scene before, after, at acceptance.
PALETTES = {
    "discovery": ((178, 64, 52), (140, 96, 60), (196, 120, 40)),
    "before": ((150, 80, 60), (120, 100, 80)),
    "after": ((70, 140, 80), (90, 150, 120), (60, 120, 140)),
    "acceptance": ((60, 100, 170), (80, 120, 160)),
    "record": ((120, 130, 140), (150, 140, 110), (100, 120, 100)),
}


def _dms(value: Decimal) -> tuple:
    total = abs(float(value))
    degrees = int(total)
    minutes = int((total - degrees) * 60)
    seconds = round(((total - degrees) * 60 - minutes) * 60 * 100)
    return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(seconds, 100)


def jpeg(seed: str, kind: str = "record", taken_at: dt.datetime | None = None,
         latitude: Decimal | None = None, longitude: Decimal | None = None) -> bytes:
    rng = random.Random(seed)
    base = rng.choice(PALETTES.get(kind, PALETTES["record"]))
    image = Image.new("RGB", SIZE, base)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(8, 16)):  # walls, doors, boxes: blocks of nearby colours
        x, y = rng.randrange(SIZE[0]), rng.randrange(SIZE[1])
        w, h = rng.randint(10, 90), rng.randint(8, 70)
        colour = tuple(max(0, min(255, c + rng.randint(-70, 70))) for c in base)
        draw.rectangle([x, y, x + w, y + h], fill=colour)
    for _ in range(rng.randint(3, 8)):
        points = [(rng.randrange(SIZE[0]), rng.randrange(SIZE[1])) for _ in range(2)]
        draw.line(points, fill=tuple(rng.randrange(256) for _ in range(3)), width=rng.randint(1, 4))
    noise = Image.frombytes("L", SIZE, rng.randbytes(SIZE[0] * SIZE[1])).convert("RGB")
    image = Image.blend(image, noise, rng.uniform(0.08, 0.14)).filter(ImageFilter.SMOOTH)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Demo", "Anjian demo camera"
    if taken_at is not None:
        local = timezone.localtime(taken_at)
        ifd = exif.get_ifd(0x8769)
        ifd[0x9003] = local.strftime("%Y:%m:%d %H:%M:%S")
        ifd[0x9011] = local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:]
    if latitude is not None and longitude is not None:
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = ("N" if latitude >= 0 else "S"), _dms(latitude)
        gps[3], gps[4] = ("E" if longitude >= 0 else "W"), _dms(longitude)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rng.randint(72, 85), exif=exif)
    return buffer.getvalue()


def photo(seed: str, kind: str = "record", taken_at: dt.datetime | None = None, unit=None) -> PhotoData:
    """A validated photo (through the same reader as uploads) of `unit`'s place at `taken_at`."""
    latitude = getattr(unit, "latitude", None)
    longitude = getattr(unit, "longitude", None)
    return read_upload(jpeg(seed, kind, taken_at, latitude, longitude))
