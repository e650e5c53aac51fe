"""Reporting a hazard from the page (on a phone: the camera), and raising one from a non-conforming
inspection answer — once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.hazards.models import Hazard, HazardPhoto
from anjian.inspections.choices import Verdict
from anjian.testing.hazards import jpeg_bytes, submit_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def jpeg(name="p.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(), "image/jpeg")


def report_form(unit, **extra) -> dict:
    return {"unit": unit.pk, "description": "安全出口被纸箱堵塞", "cause_class": "condition",
            "category": "fire", "level": "ordinary", "source": "grid_patrol",
            "location": "一楼后门", **extra}


def test_the_report_page_opens_the_camera_and_defaults_the_source_by_role(world, client):
    client.force_login(world.users["grid_a"])
    response = client.get("/hazards/report/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'capture="environment"' in body and 'accept="image/*"' in body and "multiple" in body
    assert response.context["form"]["source"].value() == "grid_patrol"
    assert "物的危险状态" in body and "人的不安全行为" in body and "管理上的缺陷" in body
    units = set(response.context["form"].fields["unit"].queryset)
    assert world.units["shop_a"] in units and world.units["shop_b"] not in units
    client.force_login(world.users["enterprise_a"])
    response = client.get("/hazards/report/")
    assert response.context["form"]["source"].value() == "self_check"
    assert str(response.context["form"]["unit"].value()) == str(world.units["shop_a"].pk)
    client.force_login(world.users["expert"])
    assert client.get("/hazards/report/").context["form"]["source"].value() == "expert_check"


def test_the_unit_is_prefilled_from_the_query(world, client):
    client.force_login(world.users["office"])
    unit = world.units["school_a"]
    response = client.get(f"/hazards/report/?unit={unit.pk}")
    assert str(response.context["form"]["unit"].value()) == str(unit.pk)
    assert response.context["form"]["source"].value() == "agency_inspection"
    outside = world.units["shop_c"]
    response = client.get(f"/hazards/report/?unit={outside.pk}")
    assert not response.context["form"]["unit"].value()


def test_reporting_creates_the_hazard_with_its_photos(world, client):
    client.force_login(world.users["grid_a"])
    response = client.post("/hazards/report/",
                           {**report_form(world.units["shop_a"]),
                            "photos": [jpeg("a.jpg"), jpeg("b.jpg")]})
    hazard = Hazard.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/hazards/{hazard.pk}/"
    assert hazard.state == "reported" and hazard.discovered_by == world.users["grid_a"]
    assert hazard.location == "一楼后门" and hazard.source == "grid_patrol"
    assert list(hazard.photos.values_list("stage", flat=True)) == ["discovery", "discovery"]
    assert hazard.number in client.get(response["Location"]).content.decode()


def test_a_non_image_upload_shows_the_chinese_error_and_creates_nothing(world, client):
    client.force_login(world.users["grid_a"])
    fake = SimpleUploadedFile("隐患.jpg", b"GIF89a not really", "image/jpeg")
    response = client.post("/hazards/report/",
                           {**report_form(world.units["shop_a"]), "photos": [jpeg(), fake]})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["photos"])
    assert "只能上传 JPG、PNG 或 WEBP 照片" in errors and "隐患.jpg" in errors
    assert "只能上传 JPG、PNG 或 WEBP 照片" in response.content.decode()
    assert not Hazard.objects.exists() and not HazardPhoto.objects.exists()


def test_a_report_needs_a_photo_unless_assigned_from_above(world, client):
    client.force_login(world.users["office"])
    response = client.post("/hazards/report/", report_form(world.units["shop_a"]))
    assert "请至少上传一张隐患照片" in " ".join(response.context["form"].errors["photos"])
    response = client.post("/hazards/report/",
                           report_form(world.units["shop_a"], source="higher_assignment"))
    assert "交办文号" in " ".join(response.context["form"].errors["source_reference"])
    assert not Hazard.objects.exists()
    response = client.post("/hazards/report/",
                           report_form(world.units["shop_a"], source="higher_assignment",
                                       source_reference="陕安办〔2026〕8号"))
    assert response.status_code == 302
    assert Hazard.objects.get().source_reference == "陕安办〔2026〕8号"


def test_a_unit_outside_the_scope_cannot_be_reported(world, client):
    client.force_login(world.users["village_a"])
    response = client.post("/hazards/report/",
                           {**report_form(world.units["shop_b"]), "photos": [jpeg()]})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not Hazard.objects.exists()


def test_a_user_without_reporting_grants_is_told_so(world, client):
    client.force_login(world.users["auditor"])
    response = client.get("/hazards/report/")
    assert response.status_code == 200 and response.context["no_units"]


@pytest.fixture
def answer(world):
    record = submit_record(world.users["grid_a"], world.units["shop_a"], nonconforming=1)
    return record.answers.get(verdict=Verdict.NONCONFORMS)


def test_raising_from_a_nonconforming_answer_works_once(world, client, answer):
    client.force_login(world.users["grid_a"])
    url = f"/hazards/from-answer/{answer.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["description"].value() and form["source"].value() == "grid_patrol"
    data = {name: form[name].value() or "" for name in (
        "description", "category", "cause_class", "level", "source", "source_reference",
        "location")}
    data["description"] = "改写后的描述：安全出口堵塞"
    response = client.post(url, data)
    hazard = Hazard.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/hazards/{hazard.pk}/"
    assert hazard.answer == answer and hazard.record == answer.record
    assert hazard.description == "改写后的描述：安全出口堵塞"
    assert hazard.photos.filter(stage="discovery").count() == answer.photos.count() >= 1

    again = client.get(url)
    assert again.context["existing"] == hazard and hazard.number in again.content.decode()
    response = client.post(url, data)
    assert response.status_code == 200
    assert "不能重复生成" in " ".join(response.context["form"].non_field_errors())
    assert Hazard.objects.count() == 1


def test_a_conforming_answer_is_refused(world, client):
    record = submit_record(world.users["grid_a"], world.units["shop_a"], nonconforming=0)
    conforming = record.answers.filter(verdict=Verdict.CONFORMS).first()
    client.force_login(world.users["grid_a"])
    url = f"/hazards/from-answer/{conforming.pk}/"
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in (
        "description", "category", "cause_class", "level", "source", "location")}
    response = client.post(url, data)
    assert "不符合" in " ".join(response.context["form"].non_field_errors())
    assert not Hazard.objects.exists()


def test_an_answer_outside_the_scope_is_404(world, client, answer):
    client.force_login(world.users["village_b"])
    assert client.get(f"/hazards/from-answer/{answer.pk}/").status_code == 404
    assert client.post(f"/hazards/from-answer/{answer.pk}/", {}).status_code == 404
    assert client.get("/hazards/from-answer/999999/").status_code == 404
