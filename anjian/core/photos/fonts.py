"""Finding a font with Chinese glyphs for the photo stamp, once per process."""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import subprocess

from PIL import ImageFont

logger = logging.getLogger(__name__)

# Known CJK fonts, most preferred first (Debian/Ubuntu, Fedora/Arch, macOS, Windows).
CJK_FONT_PATHS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/source-han-sans/SourceHanSans-Regular.ttc",
    "/usr/share/fonts/adobe-source-han-sans/SourceHanSans-Regular.ttc",
    "/usr/share/fonts/adobe-source-han-sans/SourceHanSansCN-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
]


def _sc_face_index(path: str) -> int | None:
    """In a font collection, the Simplified Chinese face (Noto/Source Han put JP first); 0 when
    no face says so; None when the file does not load as a font at all."""
    for index in range(12):
        try:
            family = ImageFont.truetype(path, 12, index=index).getname()[0] or ""
        except OSError:
            return None if index == 0 else 0
        if re.search(r"\b(SC|CN|GB)\b", family) or "Simplified" in family:
            return index
    return 0


def _fc_match() -> tuple[str, int] | None:
    if not shutil.which("fc-match"):
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}\n%{index}\n%{lang}", "sans-serif:lang=zh-cn"],
            capture_output=True, text=True, timeout=5, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.split("\n")
    if len(parts) < 3 or "zh-cn" not in parts[2].split("|") or not os.path.isfile(parts[0]):
        return None  # fc-match always answers; only a font that covers zh-cn will do
    try:
        return parts[0], int(parts[1] or 0)
    except ValueError:
        return parts[0], 0


@functools.cache
def find_cjk_font() -> tuple[str, int] | None:
    """(path, face index) of a font with Chinese glyphs, or None; looked up once per process."""
    for path in CJK_FONT_PATHS:
        if os.path.isfile(path):
            index = _sc_face_index(path)
            if index is not None:
                return path, index
    found = _fc_match()
    if found is None:
        logger.warning(
            "No CJK font found (install fonts-noto-cjk); photo stamps fall back to ASCII text."
        )
    return found


@functools.lru_cache(maxsize=32)
def font_for(spec: tuple[str, int] | None, size: int):
    """The CJK font of `spec` at `size` pixels, or None if there is none (or it fails to load)."""
    if spec is None:
        return None
    try:
        return ImageFont.truetype(spec[0], size, index=spec[1])
    except OSError:
        logger.warning("cannot load CJK font %s; photo stamps fall back to ASCII text", spec[0])
        return None
