"""Photo evidence (照片取证), shared by inspection records and hazards.

- `read_upload(file, *, max_bytes=None) -> PhotoData`: validate an upload, read EXIF and SHA-256.
- `EvidencePhoto`: the abstract model apps subclass with their own foreign key.
- `photo_save(model_cls=..., data=..., actor=..., place=..., photographer=..., **fk)`.
- `render_stamped(photo, *, max_side=1600) -> bytes` and `stamped_response(photo)` for views.

Importing this package imports the model, so do it from models.py modules or later (not from
settings or an AppConfig module).
"""

from anjian.core.photos.fonts import find_cjk_font
from anjian.core.photos.models import EvidencePhoto, PhotoContentType, photo_upload_to
from anjian.core.photos.reading import MAX_PHOTO_PIXELS, PhotoData, read_upload
from anjian.core.photos.services import photo_save
from anjian.core.photos.stamping import (
    PhotoIntegrityError,
    build_stamp_lines,
    render_stamped,
    stamped_response,
)

__all__ = [
    "MAX_PHOTO_PIXELS",
    "EvidencePhoto",
    "PhotoContentType",
    "PhotoData",
    "PhotoIntegrityError",
    "build_stamp_lines",
    "find_cjk_font",
    "photo_save",
    "photo_upload_to",
    "read_upload",
    "render_stamped",
    "stamped_response",
]
