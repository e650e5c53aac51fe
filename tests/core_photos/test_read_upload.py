import datetime as dt
import hashlib
import io
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from anjian.core.photos import read_upload
from tests.core_photos.helpers import R, encode, exif_block, gps_tags, jpeg, png_with_size, scene

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TOO_LARGE = "照片文件过大"
WRONG_TYPE = "只能上传 JPG、PNG 或 WEBP 照片"
DAMAGED = "照片文件已损坏，无法读取"
TOO_MANY_PIXELS = "照片分辨率过高"


def rejected(content, **kwargs) -> str:
    with pytest.raises(ValidationError) as info:
        read_upload(content, **kwargs)
    return info.value.messages[0]


def test_jpeg_exif_time_position_and_hash_are_read_exactly():
    content = jpeg(gps=gps_tags())
    upload = SimpleUploadedFile("现场 照片.jpg", content, content_type="image/jpeg")
    data = read_upload(upload)
    assert data.content == content  # byte-identical: the original is never re-encoded
    assert data.sha256 == hashlib.sha256(content).hexdigest()
    assert (data.content_type, data.extension, data.size) == ("image/jpeg", "jpg", len(content))
    assert (data.width, data.height) == (800, 600)
    assert data.taken_at == dt.datetime(2026, 11, 24, 9, 31, 5, tzinfo=SHANGHAI)
    assert data.taken_at.utcoffset() == dt.timedelta(hours=8)
    assert data.exif_latitude == Decimal("34.775000")
    assert data.exif_longitude == Decimal("111.200000")
    assert str(data.exif_latitude) == "34.775000"


def test_offset_time_original_wins_over_the_server_zone():
    data = read_upload(jpeg(offset="+09:00"))
    assert data.taken_at.utcoffset() == dt.timedelta(hours=9)
    assert data.taken_at == dt.datetime(2026, 11, 24, 0, 31, 5, tzinfo=dt.UTC)


def test_south_west_and_fractional_seconds():
    gps = gps_tags(lat=(33, 51, R(3156, 100)), lat_ref="S", lon=(151, 12, R(3, 10)), lon_ref="W")
    data = read_upload(jpeg(gps=gps))
    # 33 + 51/60 + 31.56/3600 = 33.858767; 151 + 12/60 + 0.3/3600 = 151.200083
    assert data.exif_latitude == Decimal("-33.858767")
    assert data.exif_longitude == Decimal("-151.200083")


@pytest.mark.parametrize("gps", [
    gps_tags(lat=(R(34, 0), 46, 30)),      # zero denominator
    gps_tags(lat=(134, 0, 0)),             # out of range
    gps_tags(lat=(0, 0, 0), lon=(0, 0, 0)),  # no fix
    gps_tags(lat_ref="X"),
    {1: "N", 2: (R(34, 1), R(46, 1), R(30, 1))},  # latitude without longitude
])
def test_unusable_gps_is_left_empty(gps):
    data = read_upload(jpeg(gps=gps))
    assert data.exif_latitude is None and data.exif_longitude is None
    assert data.taken_at is not None


@pytest.mark.parametrize("taken", ["0000:00:00 00:00:00", "garbage", "2026:13:45 25:61:00", ""])
def test_unusable_exif_time_is_left_empty(taken):
    assert read_upload(jpeg(taken=taken)).taken_at is None


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")  # Pillow's own warning, not ours
def test_no_exif_and_garbled_exif_are_accepted():
    plain = encode(scene(), "JPEG")
    data = read_upload(plain)
    assert (data.taken_at, data.exif_latitude, data.exif_longitude) == (None, None, None)
    # An APP1 "Exif" segment full of junk right after SOI.
    junk = b"Exif\x00\x00" + b"MM\x00\x2a\x00\x00\x00\x08" + b"\xff\x13" * 40
    garbled = plain[:2] + b"\xff\xe1" + (len(junk) + 2).to_bytes(2, "big") + junk + plain[2:]
    data = read_upload(garbled)
    assert data.taken_at is None and data.sha256 == hashlib.sha256(garbled).hexdigest()


def test_orientation_swaps_the_displayed_size():
    data = read_upload(jpeg(size=(400, 200), orientation=6))
    assert (data.width, data.height) == (200, 400)


@pytest.mark.parametrize(("fmt", "content_type"), [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_are_accepted_with_their_exif(fmt, content_type):
    content = encode(scene((320, 240)), fmt, exif_block(gps=gps_tags()))
    data = read_upload(io.BytesIO(content))
    assert data.content_type == content_type
    assert data.content == content and (data.width, data.height) == (320, 240)
    assert data.taken_at == dt.datetime(2026, 11, 24, 9, 31, 5, tzinfo=SHANGHAI)
    assert (data.exif_latitude, data.exif_longitude) == (Decimal("34.775000"), Decimal("111.2"))


def test_rgba_png_is_accepted():
    content = encode(Image.new("RGBA", (50, 40), (255, 0, 0, 128)), "PNG")
    assert read_upload(content).content_type == "image/png"


def test_text_renamed_to_jpg_is_refused():
    upload = SimpleUploadedFile("photo.jpg", "这不是照片".encode() * 20, content_type="image/jpeg")
    assert rejected(upload) == WRONG_TYPE


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused(fmt):
    assert rejected(encode(scene((64, 48)), fmt)) == WRONG_TYPE


def test_empty_file_is_refused():
    assert rejected(b"") == WRONG_TYPE


def test_truncated_jpeg_is_refused():
    content = jpeg(gps=gps_tags())
    assert rejected(content[: len(content) * 6 // 10]) == DAMAGED


def test_jpeg_magic_with_junk_is_refused():
    assert rejected(b"\xff\xd8\xff\xe0" + b"\x00" * 500) == DAMAGED


def test_png_with_a_bad_checksum_is_refused():
    content = bytearray(encode(scene((64, 48)), "PNG"))
    content[-20] ^= 0xFF  # inside the image data, so its CRC no longer matches
    assert rejected(bytes(content)) == DAMAGED


def test_oversize_file_is_refused_with_the_default_limit_in_the_message():
    class Big(io.BytesIO):
        size = 15 * 2**20 + 1  # the declared size of an UploadedFile: refused before reading

    assert rejected(Big(jpeg())) == "照片文件过大（最大 15 MB）"


def test_oversize_by_setting_and_by_argument(settings):
    content = jpeg()
    settings.ANJIAN_MAX_PHOTO_BYTES = len(content) - 1
    assert rejected(io.BytesIO(content)).startswith(TOO_LARGE)  # counted while reading
    settings.ANJIAN_MAX_PHOTO_BYTES = len(content)
    assert read_upload(content).size == len(content)
    assert rejected(content, max_bytes=len(content) // 2).startswith(TOO_LARGE)


@pytest.mark.parametrize("size", [(100_000, 100_000), (9_000, 9_000)])
def test_decompression_bomb_is_refused(size):
    # 10 gigapixels trips Pillow's own DecompressionBombError; 81 megapixels only our ceiling.
    assert rejected(png_with_size(*size)).startswith(TOO_MANY_PIXELS)


def test_pixel_ceiling_can_be_lowered():
    assert rejected(jpeg(size=(40, 30)), max_pixels=1000).startswith(TOO_MANY_PIXELS)
    assert read_upload(jpeg(size=(40, 25)), max_pixels=1000).width == 40
