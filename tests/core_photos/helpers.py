"""Real image files built with Pillow for the photo-evidence tests."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw, TiffImagePlugin

R = TiffImagePlugin.IFDRational


def scene(size=(800, 600)) -> Image.Image:
    """A dark gradient with a few shapes: no near-white pixels anywhere."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.eval(image, lambda v: v // 3)  # 0..85
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 4, height // 4, width // 2, height // 2), fill=(120, 40, 40))
    draw.ellipse((width // 2, height // 3, 3 * width // 4, 2 * height // 3), fill=(40, 120, 40))
    return image


def exif_block(*, taken="2026:11:24 09:31:05", offset=None, gps=None, orientation=None):
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    if taken is not None or offset is not None:
        ifd = exif.get_ifd(0x8769)
        if taken is not None:
            ifd[0x9003] = taken
        if offset is not None:
            ifd[0x9011] = offset
    if gps is not None:
        exif.get_ifd(0x8825).update(gps)
    return exif


def gps_tags(lat=(34, 46, 30), lat_ref="N", lon=(111, 12, 0), lon_ref="E"):
    def rationals(parts):
        return tuple(p if isinstance(p, R) else R(p, 1) for p in parts)

    return {1: lat_ref, 2: rationals(lat), 3: lon_ref, 4: rationals(lon)}


def encode(image: Image.Image, fmt: str, exif=None, **options) -> bytes:
    out = io.BytesIO()
    if exif is not None:
        options["exif"] = exif.tobytes()  # an Exif with only sub-IFDs is falsy to the PNG writer
    image.save(out, fmt, **options)
    return out.getvalue()


def jpeg(size=(800, 600), **exif_options) -> bytes:
    return encode(scene(size), "JPEG", exif_block(**exif_options), quality=90)


def png_with_size(width: int, height: int) -> bytes:
    """A valid 1x1 PNG whose IHDR then claims width x height (CRC recomputed)."""
    data = bytearray(encode(Image.new("RGB", (1, 1)), "PNG"))
    ihdr = 8  # signature; then length (4), b"IHDR" (4), data (13), CRC (4)
    data[ihdr + 8:ihdr + 16] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr + 4:ihdr + 21])) & 0xFFFFFFFF
    data[ihdr + 21:ihdr + 25] = struct.pack(">I", crc)
    return bytes(data)
