"""photo_save and the model, on a concrete EvidencePhoto subclass that exists only for these tests:
its table is created and dropped here and the model is unregistered afterwards, so no migration
and no other test ever sees it."""

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone
from PIL import Image

from anjian.core import journal
from anjian.core.models import JournalEntry
from anjian.core.photos import (
    EvidencePhoto,
    PhotoIntegrityError,
    photo_save,
    read_upload,
    render_stamped,
    stamped_response,
)
from tests.core_photos.helpers import gps_tags, jpeg


@pytest.fixture
def photo_model(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    model = type("PhotoSaveTestPhoto", (EvidencePhoto,), {
        "__module__": __name__,
        "Meta": type("Meta", (EvidencePhoto.Meta,), {"app_label": "core"}),
        "note": models.CharField(max_length=20, blank=True),
    })
    with connection.schema_editor() as editor:
        editor.create_model(model)
    try:
        yield model
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(model)
        del apps.all_models["core"][model._meta.model_name]
        apps.clear_cache()
        ContentType.objects.clear_cache()


@pytest.fixture
def inspector(transactional_db):
    return get_user_model().objects.create_user("inspector1", password="x", display_name="张三")


def test_photo_save_stores_the_original_byte_for_byte(photo_model, inspector, tmp_path):
    content = jpeg(gps=gps_tags())
    data = read_upload(content)
    before = timezone.now()
    photo = photo_save(model_cls=photo_model, data=data, actor=inspector,
                       place="宏达加油站", photographer="张三", caption="消防通道堵塞", note="x")
    photo.refresh_from_db()
    assert before <= photo.received_at <= timezone.now()
    assert photo.uploaded_by == inspector and photo.note == "x"
    assert (photo.sha256, photo.size, photo.width, photo.height) == (
        hashlib.sha256(content).hexdigest(), len(content), 800, 600)
    assert photo.content_type == "image/jpeg" and str(photo.exif_latitude) == "34.775000"
    assert photo.taken_at == dt.datetime(2026, 11, 24, 1, 31, 5, tzinfo=dt.UTC)
    local = timezone.localtime(photo.received_at)
    assert photo.original.name == f"photos/{local:%Y}/{local:%m}/{photo.sha256}.jpg"
    stored = Path(tmp_path / "media" / photo.original.name)
    assert stored.read_bytes() == content
    entry = JournalEntry.objects.get(object_id=str(photo.pk))
    assert entry.actor == inspector and entry.changes["sha256"] == [None, photo.sha256]
    assert photo.stamp_lines()[1:3] == ["地点 宏达加油站 34.775000°N 111.200000°E", "检查人 张三"]


def test_the_same_file_twice_is_two_rows_sharing_one_stored_file(photo_model, inspector, tmp_path):
    data = read_upload(jpeg())
    first = photo_save(model_cls=photo_model, data=data, actor=inspector, place="甲",
                       photographer="张三")
    second = photo_save(model_cls=photo_model, data=data, actor=None, place="乙",
                        photographer="李四")
    assert first.pk != second.pk and first.sha256 == second.sha256
    assert first.original.name == second.original.name
    assert second.uploaded_by is None
    assert len(list((tmp_path / "media" / "photos").rglob("*.jpg"))) == 1


def test_a_failed_save_leaves_no_file_behind(photo_model, inspector, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("journal down")

    monkeypatch.setattr(journal, "record", broken)
    with pytest.raises(RuntimeError):
        photo_save(model_cls=photo_model, data=read_upload(jpeg()), actor=inspector,
                   place="", photographer="")
    assert photo_model.objects.count() == 0
    assert not list((tmp_path / "media").rglob("*.jpg"))


def test_saved_photo_renders_stamped_and_detects_tampering(photo_model, inspector, tmp_path):
    photo = photo_save(model_cls=photo_model, data=read_upload(jpeg(size=(1000, 750))),
                       actor=inspector, place="宏达加油站", photographer="张三")
    response = stamped_response(photo)
    assert response["Content-Type"] == "image/jpeg"
    assert len(list((tmp_path / "media" / "stamped").glob(f"{photo.sha256}-{photo.pk}-1600-*"))) == 1
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1000, 750)
    Path(tmp_path / "media" / photo.original.name).write_bytes(jpeg(size=(1000, 751)))
    with pytest.raises(PhotoIntegrityError):
        render_stamped(photo, max_side=800)  # not cached yet: the original is read and checked
