"""Every workflow action through its page, with real uploaded JPEGs: the forms reach the service,
refusals land on the form in Chinese, a stale page is a conflict, and scope is a 404."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from anjian.core.photos import read_upload
from anjian.hazards import services as hs
from anjian.hazards.models import Hazard, HazardEvent, HazardPhoto
from anjian.testing.hazards import MAJOR_DOSSIER, assign_data, jpeg_bytes, report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def jpeg(name="p.jpg", colour=(10, 180, 40)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(colour), "image/jpeg")


def act(client, hazard, action, data=None, **photos):
    hazard.refresh_from_db()
    payload = {"version": hazard.version, **(data or {}), **photos}
    return client.post(f"/hazards/{hazard.pk}/action/{action}/", payload)


def assert_done(response, hazard, state):
    if response.status_code != 302:
        context = response.context or {}
        form = context.get("form")
        pytest.fail(f"{response.status_code}: {form.errors if form else ''} "
                    f"{context.get('conflict', '')} {context.get('blocked', '')}")
    assert response["Location"] == f"/hazards/{hazard.pk}/"
    hazard.refresh_from_db()
    assert hazard.state == state


def page_assign_data(**extra) -> dict:
    data = assign_data(**extra)
    data.pop("deadline")
    return {**data, "deadline_workdays": "5"}


def test_the_whole_loop_through_the_pages(world, client):
    u = world.users
    hazard = report(u["grid_a"], world.units["shop_a"])
    client.force_login(u["office"])
    response = client.get(f"/hazards/{hazard.pk}/action/assign/")
    assert response.status_code == 200 and "工作日" in response.content.decode()
    assert_done(act(client, hazard, "assign", page_assign_data()), hazard, "assigned")
    assert hazard.deadline > timezone.localdate() and hazard.responsible_person == "王强"

    client.force_login(u["enterprise_a"])
    assert_done(act(client, hazard, "acknowledge", {"comment": "已收到"}), hazard, "rectifying")
    assert_done(act(client, hazard, "interim_measures", {"interim_measures": "专人值守"}),
                hazard, "rectifying")
    assert hazard.interim_measures == "专人值守"
    response = act(client, hazard, "submit", {"rectification_note": "已清理货物",
                                              "funds_spent": "300"},
                   photos=[jpeg("a.jpg"), jpeg("b.jpg", (200, 200, 20))])
    assert_done(response, hazard, "awaiting_acceptance")
    assert hazard.photos.filter(stage="after").count() == 2

    client.force_login(u["office"])
    response = act(client, hazard, "accept", {"acceptance_opinion": "整改到位"},
                   photos=[jpeg("c.jpg")])
    assert_done(response, hazard, "closed")
    assert hazard.photos.filter(stage="acceptance").count() == 1
    events = list(HazardEvent.objects.filter(hazard=hazard).values_list("action", flat=True))
    assert events == ["report", "assign", "acknowledge", "interim_measures", "submit", "accept"]
    follow = client.get(f"/hazards/{hazard.pk}/")
    assert "已销号" in follow.content.decode()


def test_a_success_message_follows_the_redirect(world, client):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    client.force_login(world.users["office"])
    response = client.post(f"/hazards/{hazard.pk}/action/assign/",
                           {"version": 1, **page_assign_data()}, follow=True)
    assert "已完成“交办”" in response.content.decode()


def test_fix_on_spot_by_the_finder(world, client):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    client.force_login(world.users["grid_a"])
    assert 'data-action="fix_on_spot"' in client.get(f"/hazards/{hazard.pk}/").content.decode()
    response = act(client, hazard, "fix_on_spot", {"rectification_note": "当场清理"},
                   photos=[jpeg()])
    assert_done(response, hazard, "closed")
    assert hazard.fixed_on_spot and hazard.photos.filter(stage="after").exists()


def test_fix_on_spot_asks_for_before_photos_when_none_is_stored(world, client):
    hazard = hs.hazard_report(actor=world.users["grid_a"], unit=world.units["shop_a"],
                              data={"description": "上级交办：门店消防通道堵塞",
                                    "cause_class": "condition", "source": "higher_assignment",
                                    "source_reference": "陕安办〔2026〕12号"})
    client.force_login(world.users["grid_a"])
    form = client.get(f"/hazards/{hazard.pk}/action/fix_on_spot/").context["form"]
    assert "before_photos" in form.fields
    response = act(client, hazard, "fix_on_spot", {"rectification_note": "当场清理"},
                   photos=[jpeg()], before_photos=[jpeg("before.jpg", (90, 90, 90))])
    assert_done(response, hazard, "closed")
    assert set(hazard.photos.values_list("stage", flat=True)) == {"before", "after"}


def test_a_major_hazard_needs_its_dossier_and_a_panel(world, client):
    hazard = report(world.users["office"], world.units["shop_a"], level="major")
    client.force_login(world.users["office"])
    response = act(client, hazard, "assign", page_assign_data())
    assert response.status_code == 200
    form = response.context["form"]
    assert "重大隐患须填写此项" in form.errors["plan_goal"][0]
    assert "supervision_authority" in form.errors
    hazard.refresh_from_db()
    assert hazard.state == "reported" and hazard.version == 1
    assert_done(act(client, hazard, "assign", page_assign_data(**MAJOR_DOSSIER)), hazard,
                "assigned")
    assert hazard.listed_on and hazard.supervision_authority == MAJOR_DOSSIER[
        "supervision_authority"]

    client.force_login(world.users["enterprise_a"])
    act(client, hazard, "acknowledge")
    act(client, hazard, "submit", {"rectification_note": "已改造", "funds_spent": "50000"},
        photos=[jpeg()])
    client.force_login(world.users["office"])
    page = client.get(f"/hazards/{hazard.pk}/action/accept/").content.decode()
    assert "重大隐患必填" in page
    response = act(client, hazard, "accept", {"acceptance_opinion": "同意", "acceptance_panel": "张三"})
    assert "至少两名" in " ".join(response.context["form"].errors["acceptance_panel"])
    response = act(client, hazard, "accept", {"acceptance_opinion": "同意",
                                              "acceptance_panel": "张三、李四"})
    assert_done(response, hazard, "closed")
    assert hazard.lifted_on == timezone.localdate()


def test_reject_returns_to_rectifying(world, client):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    hazard = hs.hazard_assign(actor=world.users["office"], hazard=hazard, data=assign_data())
    client.force_login(world.users["enterprise_a"])
    act(client, hazard, "acknowledge")
    act(client, hazard, "submit", {"rectification_note": "已整改", "funds_spent": "0"},
        photos=[jpeg()])
    client.force_login(world.users["office"])
    response = act(client, hazard, "reject", {"reason": "货物仍未清走"})
    assert_done(response, hazard, "rectifying")
    assert HazardEvent.objects.filter(hazard=hazard, action="reject",
                                      comment="货物仍未清走").exists()


def test_extend_deadline_regrade_and_escalate(world, client):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    hazard = hs.hazard_assign(actor=world.users["office"], hazard=hazard, data=assign_data())
    old = hazard.deadline
    client.force_login(world.users["office"])
    new = (old + dt.timedelta(days=10)).isoformat()
    assert_done(act(client, hazard, "extend_deadline", {"deadline": new, "reason": "材料未到"}),
                hazard, "assigned")
    assert hazard.deadline.isoformat() == new

    response = act(client, hazard, "regrade", {"level": "major", "reason": "涉及人员密集"})
    assert response.status_code == 200 and "plan_goal" in response.context["form"].errors
    response = act(client, hazard, "regrade", {"level": "major", "reason": "涉及人员密集",
                                               **MAJOR_DOSSIER})
    assert_done(response, hazard, "assigned")
    assert hazard.level == "major" and hazard.listed_on

    # Escalation is offered only once the hazard is overdue.
    blocked = client.get(f"/hazards/{hazard.pk}/action/escalate/").content.decode()
    assert 'id="blocked"' in blocked and "未逾期" in blocked
    Hazard.objects.filter(pk=hazard.pk).update(deadline=timezone.localdate() - dt.timedelta(1))
    response = act(client, hazard, "escalate", {"step": "bulletin", "comment": "逾期未整改"})
    assert "文号" in " ".join(response.context["form"].errors["document_number"])
    response = act(client, hazard, "escalate", {"step": "bulletin",
                                                "document_number": "西安委〔2026〕3号"})
    assert_done(response, hazard, "assigned")
    assert hazard.escalation == "bulletin"
    event = HazardEvent.objects.get(hazard=hazard, action="escalate")
    assert event.document_number == "西安委〔2026〕3号"
    body = client.get(f"/hazards/{hazard.pk}/").content.decode()
    assert "西安委〔2026〕3号" in body and "通报" in body


def test_cancel_with_a_reason(world, client):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    client.force_login(world.users["office"])
    response = act(client, hazard, "cancel", {"cancel_note": "重复"})
    assert "cancel_reason" in response.context["form"].errors
    response = act(client, hazard, "cancel", {"cancel_reason": "duplicate", "cancel_note": "同一问题"})
    assert_done(response, hazard, "cancelled")
    assert hazard.cancel_reason == "duplicate"


def test_a_stale_version_is_a_conflict_and_changes_nothing(world, client):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    client.force_login(world.users["office"])
    seen = client.get(f"/hazards/{hazard.pk}/action/cancel/").context["form"]["version"].value()
    hs.hazard_assign(actor=world.users["office"], hazard=hazard, data=assign_data())
    response = client.post(f"/hazards/{hazard.pk}/action/cancel/",
                           {"version": seen, "cancel_reason": "duplicate"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "已被他人处理" in body and 'id="conflict"' in body and f"/hazards/{hazard.pk}/" in body
    hazard.refresh_from_db()
    assert hazard.state == "assigned" and hazard.version == 2
    assert not HazardEvent.objects.filter(hazard=hazard, action="cancel").exists()


def test_a_non_image_upload_is_refused_in_chinese_and_nothing_is_saved(world, client):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    hazard = hs.hazard_assign(actor=world.users["office"], hazard=hazard, data=assign_data())
    hazard = hs.hazard_acknowledge(actor=world.users["enterprise_a"], hazard=hazard)
    client.force_login(world.users["enterprise_a"])
    fake = SimpleUploadedFile("整改.jpg", b"%PDF-1.4 not a photo", "image/jpeg")
    response = act(client, hazard, "submit", {"rectification_note": "已清理", "funds_spent": "0"},
                   photos=[jpeg(), fake])
    assert response.status_code == 200
    assert "只能上传 JPG、PNG 或 WEBP 照片" in " ".join(response.context["form"].errors["photos"])
    assert "只能上传 JPG、PNG 或 WEBP 照片" in response.content.decode()
    hazard.refresh_from_db()
    assert hazard.state == "rectifying" and hazard.photos.count() == 1  # the discovery photo


def test_a_refusal_by_the_service_lands_on_the_form(world, client):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    client.force_login(world.users["leader"])  # sees the hazard, may not assign it
    blocked = client.get(f"/hazards/{hazard.pk}/action/assign/").content.decode()
    assert "您无权" in blocked
    response = act(client, hazard, "assign", page_assign_data())
    assert response.status_code == 200
    assert "您无权对该隐患执行“交办”" in " ".join(response.context["form"].non_field_errors())
    hazard.refresh_from_db()
    assert hazard.state == "reported"


def test_an_action_from_the_wrong_state_is_explained(world, client):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    client.force_login(world.users["office"])
    body = client.get(f"/hazards/{hazard.pk}/action/accept/").content.decode()
    assert "不能执行“验收销号”" in body and 'id="action-form"' not in body
    assert client.get(f"/hazards/{hazard.pk}/action/report/").status_code == 404
    assert client.get(f"/hazards/{hazard.pk}/action/nonsense/").status_code == 404


def test_out_of_scope_is_404_for_detail_action_and_photo(world, client):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    photo = hazard.photos.get()
    client.force_login(world.users["village_b"])
    assert client.get(f"/hazards/{hazard.pk}/").status_code == 404
    assert client.get(f"/hazards/{hazard.pk}/action/assign/").status_code == 404
    assert client.post(f"/hazards/{hazard.pk}/action/cancel/",
                       {"version": 1, "cancel_reason": "duplicate"}).status_code == 404
    assert client.get(f"/hazards/photos/{photo.pk}/").status_code == 404
    client.force_login(world.users["office_b"])  # another town's office
    assert client.get(f"/hazards/{hazard.pk}/").status_code == 404
    hazard.refresh_from_db()
    assert hazard.state == "reported"


def test_the_photo_is_served_stamped(world, client):
    original = jpeg_bytes((200, 60, 40), size=(800, 600))
    hazard = hs.hazard_report(actor=world.users["grid_a"], unit=world.units["shop_a"],
                              data={"description": "安全出口堵塞", "cause_class": "condition",
                                    "source": "grid_patrol"},
                              photos=[hs.StagedPhoto(read_upload(original), "discovery")])
    photo = HazardPhoto.objects.get(hazard=hazard)
    client.force_login(world.users["village_a"])
    response = client.get(f"/hazards/photos/{photo.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    body = response.content
    assert body.startswith(b"\xff\xd8") and body != original
    thumb = client.get(f"/hazards/photos/{photo.pk}/?size=thumb").content
    assert max(Image.open(BytesIO(thumb)).size) == 400
    assert max(Image.open(BytesIO(body)).size) == 800


def test_anonymous_users_are_sent_to_login(world, client):
    hazard = report(world.users["grid_a"], world.units["shop_a"])
    for url in (f"/hazards/{hazard.pk}/", f"/hazards/{hazard.pk}/action/assign/",
                f"/hazards/photos/{hazard.photos.get().pk}/", "/hazards/", "/hazards/report/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
