"""Photos of publicity activities, check-ins and fire sources: validated on upload, stamped when
served, and only to whoever may see the row."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from anjian.patrols.models import CheckInPhoto, FireSourcePhoto
from anjian.testing.hazards import jpeg_bytes
from anjian.testing.patrols import make_ranger
from anjian.training.models import PublicityActivity, PublicityPhoto

pytestmark = pytest.mark.django_db


def jpeg(name="p.jpg"):
    return SimpleUploadedFile(name, jpeg_bytes(), content_type="image/jpeg")


def test_activity_photo_uploaded_and_served_in_scope(client, world):
    client.force_login(world.users["village_a"])
    client.post(reverse("training:activity_create"), {
        "held_on": timezone.localdate().isoformat(), "kind": "door_to_door", "title": "入户宣传",
        "region": world.village_a.pk, "participants": "20", "households": "10",
        "photos": [jpeg("a.jpg"), jpeg("b.jpg")]})
    activity = PublicityActivity.objects.get()
    photo = PublicityPhoto.objects.filter(activity=activity).first()
    assert activity.photos.count() == 2
    response = client.get(reverse("training:activity_photo", args=[photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    client.force_login(world.users["village_b"])
    assert client.get(reverse("training:activity_photo", args=[photo.pk])).status_code == 404


def test_a_non_image_is_refused(client, world):
    client.force_login(world.users["village_a"])
    response = client.post(reverse("training:activity_create"), {
        "held_on": timezone.localdate().isoformat(), "kind": "door_to_door", "title": "入户宣传",
        "region": world.village_a.pk, "participants": "20", "households": "10",
        "photos": [SimpleUploadedFile("x.jpg", b"not an image")]})
    assert response.status_code == 200 and "x.jpg" in response.content.decode()
    assert not PublicityActivity.objects.exists()


def test_checkin_and_fire_source_photos(client, world):
    ranger = make_ranger(world.village_a)
    client.force_login(world.users["village_a"])
    client.post(reverse("patrols:checkin_create"), {"ranger": ranger.pk, "place": "干山",
                                                    "photos": [jpeg()]})
    found = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(reverse("patrols:fire_create"), {
        "found_at": found, "place": "山脚", "region": world.village_a.pk, "kind": "ritual",
        "photos": [jpeg()]})
    checkin_photo, fire_photo = CheckInPhoto.objects.get(), FireSourcePhoto.objects.get()
    for kind, photo in (("checkin", checkin_photo), ("fire", fire_photo)):
        assert client.get(reverse("patrols:photo", args=[kind, photo.pk])).status_code == 200
    detail = client.get(reverse("patrols:checkin_detail", args=[checkin_photo.checkin_id]))
    assert reverse("patrols:photo", args=["checkin", checkin_photo.pk]) in detail.content.decode()
    client.force_login(world.users["village_b"])
    assert client.get(reverse("patrols:photo", args=["fire", fire_photo.pk])).status_code == 404
    assert client.get(reverse("patrols:photo", args=["other", 1])).status_code == 404
