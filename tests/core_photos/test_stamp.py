import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps, ImageStat

from anjian.core.photos import (
    PhotoIntegrityError,
    build_stamp_lines,
    find_cjk_font,
    fonts,
    read_upload,
    render_stamped,
    stamped_response,
    stamping,
)
from tests.core_photos.helpers import encode, gps_tags, jpeg, scene

RECEIVED = dt.datetime(2026, 11, 25, 2, 5, tzinfo=dt.UTC)  # 10:05 in Shanghai


@dataclass
class Shot:
    """What render_stamped and build_stamp_lines need from a photo (duck typing)."""

    original: bytes = field(repr=False)
    sha256: str
    taken_at: dt.datetime | None = None
    exif_latitude: Decimal | None = None
    exif_longitude: Decimal | None = None
    received_at: dt.datetime = RECEIVED
    place: str = "西张村镇 宏达加油站"
    photographer: str = "张三"
    pk: int = 7


def shot(content: bytes, **overrides) -> Shot:
    data = read_upload(content)
    values = {"original": data.content, "sha256": data.sha256, "taken_at": data.taken_at,
              "exif_latitude": data.exif_latitude, "exif_longitude": data.exif_longitude}
    return Shot(**(values | overrides))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def near_white(image: Image.Image, box) -> int:
    band = image.convert("L").crop(box)
    return sum(band.point(lambda v: 255 if v >= 200 else 0).histogram()[255:])


def unstamped(content: bytes, max_side: int) -> Image.Image:
    image = ImageOps.exif_transpose(Image.open(io.BytesIO(content))).convert("RGB")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return image


# --- Stamp text ------------------------------------------------------------------------------------


def test_stamp_lines_with_exif_time_and_position():
    photo = shot(jpeg(gps=gps_tags()))
    assert build_stamp_lines(photo) == [
        "拍摄 2026-11-24 09:31",
        "地点 西张村镇 宏达加油站 34.775000°N 111.200000°E",
        "检查人 张三",
        f"SHA-256 {photo.sha256[:12]}",
    ]


def test_stamp_lines_fall_back_to_the_receive_time_in_shanghai():
    photo = shot(encode(scene(), "JPEG"), place="", photographer="")
    assert build_stamp_lines(photo) == ["上传 2026-11-25 10:05", f"SHA-256 {photo.sha256[:12]}"]


def test_stamp_time_is_shown_in_the_server_zone_and_south_west_is_signed():
    photo = shot(jpeg(offset="+09:00"), exif_latitude=Decimal("-33.858767"),
                 exif_longitude=Decimal("-151.200083"), place="")
    lines = build_stamp_lines(photo)
    assert lines[0] == "拍摄 2026-11-24 08:31"  # 09:31 at +09:00
    assert lines[1] == "地点 33.858767°S 151.200083°W"


def test_ascii_fallback_keeps_time_coordinates_and_hash():
    assert stamping.ascii_line("拍摄 2026-11-24 09:31") == "Taken 2026-11-24 09:31"
    assert stamping.ascii_line("上传 2026-11-25 10:05") == "Received 2026-11-25 10:05"
    assert stamping.ascii_line("地点 宏达加油站（东） 34.775000°N 111.200000°E") == (
        "Place ?????(?) 34.775000N 111.200000E"
    )
    assert stamping.ascii_line("检查人 张三") == "Inspector ??"


# --- Rendering -------------------------------------------------------------------------------------


def test_render_is_a_downscaled_jpeg_with_text_drawn_in_the_bottom_band():
    content = jpeg(size=(3200, 2400), gps=gps_tags())
    rendered = render_stamped(shot(content))
    assert rendered.startswith(b"\xff\xd8\xff")
    image = Image.open(io.BytesIO(rendered))
    assert image.format == "JPEG" and image.size == (1600, 1200)
    reference = unstamped(content, 1600)
    band = (0, 1200 - 120, 1600, 1200)
    top = (0, 0, 1600, 800)
    assert near_white(reference, band) == 0  # the scene has no white at all
    assert near_white(image, band) > 1500  # white strokes of four lines of text
    assert near_white(image, top) == 0
    difference = ImageChops.difference(image.convert("RGB"), reference)
    assert ImageStat.Stat(difference.crop(top)).mean[0] < 3  # above the band: the same photo
    assert ImageStat.Stat(difference.crop(band)).mean[0] > 15  # the band: darkened, with text
    bottom_var = ImageStat.Stat(image.convert("L").crop(band)).var[0]
    assert bottom_var > 4 * ImageStat.Stat(reference.convert("L").crop(band)).var[0]


def test_render_keeps_the_aspect_ratio_and_max_side():
    image = Image.open(io.BytesIO(render_stamped(shot(jpeg(size=(1000, 500))), max_side=400)))
    assert image.size == (400, 200)
    small = Image.open(io.BytesIO(render_stamped(shot(jpeg(size=(600, 450))))))
    assert small.size == (600, 450)  # never enlarged


def test_render_applies_exif_orientation():
    image = Image.open(io.BytesIO(render_stamped(shot(jpeg(size=(800, 400), orientation=6)))))
    assert image.size == (400, 800)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_render_png_with_transparency_and_webp(fmt):
    source = scene((500, 400)).convert("RGBA")
    source.putalpha(128)
    image = Image.open(io.BytesIO(render_stamped(shot(encode(source, fmt)))))
    assert image.format == "JPEG" and image.size == (500, 400) and image.mode == "RGB"


def test_tiny_photo_gets_its_stamp_under_it_rather_than_over_it():
    image = Image.open(io.BytesIO(render_stamped(shot(jpeg(size=(80, 60))))))
    assert image.width == 80 and image.height > 60
    reference = unstamped(jpeg(size=(80, 60)), 1600)
    photo_area = ImageChops.difference(image.convert("RGB").crop((0, 0, 80, 60)), reference)
    assert ImageStat.Stat(photo_area).mean[0] < 6
    assert near_white(image, (0, 60, 80, image.height)) > 20


def test_render_is_cached_per_photo_size_and_text(tmp_path):
    photo = shot(jpeg())
    first = render_stamped(photo, max_side=500)
    cached = list((tmp_path / "media" / "stamped").iterdir())
    assert [p.name.split("-")[:3] for p in cached] == [[photo.sha256, "7", "500"]]
    photo.original = b"not read again on a cache hit"
    assert render_stamped(photo, max_side=500) == first
    photo.original = shot(jpeg()).original
    photo.photographer = "李四"  # a different stamp is a different file
    assert render_stamped(photo, max_side=500) != first
    assert len(list((tmp_path / "media" / "stamped").iterdir())) == 2


def test_a_tampered_original_is_not_rendered():
    photo = shot(jpeg())
    photo.original = jpeg(size=(801, 600))
    with pytest.raises(PhotoIntegrityError):
        render_stamped(photo)


def test_stamped_response_headers():
    photo = shot(jpeg())
    response = stamped_response(photo)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="photo-{photo.sha256[:12]}.jpg"'
    assert response.content.startswith(b"\xff\xd8\xff")


# --- Fonts -----------------------------------------------------------------------------------------


def _cjk_fonts_installed() -> bool:
    if not shutil.which("fc-list"):
        return False
    listing = subprocess.run(["fc-list", ":lang=zh-cn", "file"], capture_output=True, text=True)
    return bool(listing.stdout.strip())


def test_a_cjk_font_is_found_and_draws_chinese():
    if not _cjk_fonts_installed():
        pytest.fail("No CJK font on this machine: install fonts-noto-cjk (apt-get install "
                    "fonts-noto-cjk) so photo stamps can show Chinese; `make test` does this.")
    spec = find_cjk_font()
    assert spec is not None, "fc-list shows a Chinese font but find_cjk_font() found none"
    font = fonts.font_for(spec, 40)
    glyph = font.getmask("安")
    missing = font.getmask("\U000f0000")  # a private-use code point: the .notdef box
    assert glyph.getbbox() is not None
    assert bytes(glyph) != bytes(missing)


def test_chinese_and_ascii_stamps_differ(monkeypatch):
    photo = shot(jpeg())
    with_cjk = render_stamped(photo)
    monkeypatch.setattr(stamping, "find_cjk_font", lambda: None)
    fallback = render_stamped(photo)  # another cache key: the font is part of it
    assert with_cjk != fallback
    image = Image.open(io.BytesIO(fallback))
    assert near_white(image, (0, 480, 800, 600)) > 200


def test_no_cjk_font_falls_back_with_a_warning(monkeypatch, caplog):
    monkeypatch.setattr(fonts, "CJK_FONT_PATHS", [])
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    find_cjk_font.cache_clear()
    try:
        assert find_cjk_font() is None
    finally:
        find_cjk_font.cache_clear()
    assert "install fonts-noto-cjk" in caplog.text


def test_an_unloadable_font_falls_back_instead_of_failing(monkeypatch, tmp_path):
    broken = tmp_path / "broken.ttc"
    broken.write_bytes(b"not a font")
    monkeypatch.setattr(stamping, "find_cjk_font", lambda: (str(broken), 0))
    image = Image.open(io.BytesIO(render_stamped(shot(jpeg()))))
    assert near_white(image, (0, 480, 800, 600)) > 200


def test_long_lines_are_wrapped_to_the_image_width():
    spec = find_cjk_font()
    font = fonts.font_for(spec, 20) if spec else ImageFont.load_default(size=20)
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    line = "地点 西张村镇 某某村 某某幼儿园 东门 很长很长很长的地址 34.775000°N 111.200000°E"
    pieces = stamping._wrap(draw, line, font, 200)
    assert len(pieces) > 2
    assert all(draw.textlength(piece, font=font) <= 200 for piece in pieces)
    assert "".join(pieces).replace(" ", "") == line.replace(" ", "")
    assert "111.200000°E" in pieces[-1]  # numbers are not cut when a space is near
