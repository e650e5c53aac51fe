import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anjian.core.journal import entries_for
from anjian.testing.training import make_session
from anjian.training.models import TrainingMaterial

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_office_uploads_courseware_and_scope_guards_the_download(client, world):
    session = make_session(world.village_a)
    client.force_login(world.users["office"])
    client.post(reverse("training:material_add", args=[session.pk]),
                {"title": "消防课件", "file": SimpleUploadedFile("课件.pdf", PDF)})
    material = TrainingMaterial.objects.get()
    assert material.title == "消防课件" and material.size == len(PDF)
    assert entries_for(material).exists()
    response = client.get(reverse("training:material_download", args=[material.pk]))
    assert b"".join(response.streaming_content) == PDF
    client.force_login(world.users["village_b"])
    assert client.get(reverse("training:material_download", args=[material.pk])
                      ).status_code == 404


def test_a_file_that_is_not_a_pdf_is_refused_in_chinese(client, world):
    session = make_session(world.town)
    client.force_login(world.users["office"])
    response = client.post(reverse("training:material_add", args=[session.pk]),
                           {"file": SimpleUploadedFile("课件.pdf", b"MZ not a pdf")}, follow=True)
    assert "不是有效的 PDF 文件" in response.content.decode()
    assert not TrainingMaterial.objects.exists()


def test_leader_cannot_upload(client, world):
    session = make_session(world.town)
    client.force_login(world.users["leader"])
    response = client.post(reverse("training:material_add", args=[session.pk]),
                           {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 404
