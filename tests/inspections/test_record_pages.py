"""The phone-first record form, end to end through the page: a grid worker answers the built-in
九小场所 checklist at a shop, photographs what does not conform and raises a hazard in one step."""

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from anjian.inspections import services
from anjian.inspections.choices import TaskStatus, Verdict
from anjian.inspections.models import InspectionAnswer, InspectionPhoto, InspectionRecord
from anjian.inspections.services import AnswerInput
from anjian.testing.hazards import jpeg_bytes
from tests.inspections.helpers import all_conforming, form_data, record_url

pytestmark = pytest.mark.django_db

Hazard = apps.get_model("hazards", "Hazard")


def _jpeg(name="fire.jpg", colour=(200, 60, 40)):
    return SimpleUploadedFile(name, jpeg_bytes(colour), "image/jpeg")


@pytest.fixture
def grid(client, world):
    client.force_login(world.users["grid_a"])
    return client


def _item(template, order):
    return template.items.get(order=order)


def test_the_form_shows_the_units_checklist_with_large_verdict_buttons(grid, world):
    response = grid.get(record_url(world.units["shop_a"]))
    assert response.status_code == 200
    template = response.context["template"]
    assert template.family == "small-venue-fire"
    html = response.content.decode()
    first = _item(template, 1)
    assert f'name="a{first.pk}-verdict"' in html and 'class="btn-check"' in html
    assert 'capture="environment"' in html and 'accept="image/*"' in html
    assert "生成隐患" in html and "inspections/record_form.js" in html
    assert 'name="idempotency_key"' in html and 'id="signature-pad"' in html


def test_a_nonconforming_item_with_a_photo_raises_a_hazard_with_that_photo(grid, world):
    shop = world.units["shop_a"]
    data, template = form_data(grid, shop)
    extinguisher = _item(template, 3)
    data.update({f"a{extinguisher.pk}-verdict": Verdict.NONCONFORMS,
                 f"a{extinguisher.pk}-hazard": "1",
                 f"a{extinguisher.pk}-note": "灭火器过期",
                 f"a{extinguisher.pk}-photos": [_jpeg()],
                 "latitude": "34.720100", "longitude": "111.103900"})
    response = grid.post(record_url(shop), data)
    record = InspectionRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:record_detail", args=[record.pk])
    assert record.unit == shop and record.kind == "grid_patrol"
    assert record.nonconforming_count == 1 and record.created_by == world.users["grid_a"]
    assert record.signature == "王铁军" and record.template == template
    assert (str(record.latitude), str(record.longitude)) == ("34.720100", "111.103900")
    answer = InspectionAnswer.objects.get(record=record, item=extinguisher)
    assert answer.verdict == Verdict.NONCONFORMS and answer.text == "灭火器过期"
    assert answer.photos.count() == 1
    hazard = Hazard.objects.get(answer=answer)
    assert hazard.record == record and hazard.unit == shop
    assert hazard.source == "grid_patrol" and hazard.category == "fire"
    assert "灭火器过期" in hazard.description
    [photo] = hazard.photos.all()
    assert photo.stage == "discovery" and photo.sha256 == answer.photos.get().sha256
    assert Hazard.objects.count() == 1

    page = grid.get(response["Location"])
    html = page.content.decode()
    assert "已提交，生成隐患 1 条" in html
    assert hazard.number in html
    assert reverse("inspections:photo", args=[answer.photos.get().pk]) in html


def test_posting_the_same_form_twice_creates_one_record(grid, world):
    shop = world.units["shop_a"]
    data, template = form_data(grid, shop)
    item = _item(template, 4)
    data.update({f"a{item.pk}-verdict": Verdict.NONCONFORMS, f"a{item.pk}-hazard": "1",
                 f"a{item.pk}-photos": [_jpeg()]})
    first = grid.post(record_url(shop), data)
    data[f"a{item.pk}-photos"] = [_jpeg()]
    second = grid.post(record_url(shop), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert InspectionRecord.objects.count() == 1
    assert Hazard.objects.count() == 1 and InspectionPhoto.objects.count() == 1


def test_a_missing_required_item_is_shown_at_the_item_and_nothing_is_saved(grid, world):
    shop = world.units["shop_a"]
    data, template = form_data(grid, shop)
    first, other = _item(template, 1), _item(template, 5)
    del data[f"a{first.pk}-verdict"]
    data.update({f"a{other.pk}-verdict": Verdict.NONCONFORMS, f"a{other.pk}-hazard": "1",
                 f"a{other.pk}-photos": [_jpeg()]})
    response = grid.post(record_url(shop), data)
    assert response.status_code == 200
    rows = {row.item.pk: row for row in response.context["answers"].rows}
    assert rows[first.pk].errors == ["请选择检查结论"]
    assert "请选择检查结论" in response.content.decode()
    assert "已选择的照片需要重新选择" in response.content.decode()
    # The same submission key is kept, so fixing and resubmitting is still one record.
    assert response.context["form"]["idempotency_key"].value() == data["idempotency_key"]
    assert InspectionRecord.objects.count() == 0
    assert Hazard.objects.count() == 0 and InspectionPhoto.objects.count() == 0


def test_a_file_that_is_not_a_photo_is_refused_at_its_item(grid, world):
    shop = world.units["shop_a"]
    data, template = form_data(grid, shop)
    item = _item(template, 6)
    data.update({f"a{item.pk}-verdict": Verdict.NONCONFORMS, f"a{item.pk}-hazard": "1",
                 f"a{item.pk}-photos": [SimpleUploadedFile("x.jpg", b"not a photo",
                                                           "image/jpeg")]})
    response = grid.post(record_url(shop), data)
    assert response.status_code == 200
    [row] = [r for r in response.context["answers"].rows if r.item.pk == item.pk]
    assert row.errors and "只能上传 JPG、PNG 或 WEBP 照片" in row.errors[0]
    assert InspectionRecord.objects.count() == 0 and Hazard.objects.count() == 0


def test_an_unchecked_hazard_switch_keeps_the_answer_without_a_hazard(grid, world):
    shop = world.units["shop_a"]
    data, template = form_data(grid, shop)
    item = _item(template, 2)
    data[f"a{item.pk}-verdict"] = Verdict.NONCONFORMS
    grid.post(record_url(shop), data)
    answer = InspectionAnswer.objects.get(item=item)
    assert answer.verdict == Verdict.NONCONFORMS and not Hazard.objects.exists()
    page = grid.get(reverse("inspections:record_detail", args=[answer.record_id]))
    assert "answer-nc" in page.content.decode()
    try:
        raise_url = reverse("hazards:raise_from_answer", args=[answer.pk])
    except NoReverseMatch:  # the hazard pages are not there yet
        return
    assert f'href="{raise_url}"' in page.content.decode()  # its page shows the pre-filled form
    assert grid.get(raise_url).status_code == 200


def test_a_signature_drawn_on_the_canvas_is_kept_as_a_png(grid, world):
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (40, 20), (0, 0, 0, 0)).save(buffer, "PNG")
    signature = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    shop = world.units["shop_a"]
    data, _ = form_data(grid, shop, signature=signature, signature_name="")
    assert grid.post(record_url(shop), data).status_code == 302
    record = InspectionRecord.objects.get()
    assert record.signature == signature
    page = grid.get(reverse("inspections:record_detail", args=[record.pk]))
    assert 'class="signature-img"' in page.content.decode()


def test_without_a_signature_the_form_asks_for_one(grid, world):
    shop = world.units["shop_a"]
    data, _ = form_data(grid, shop, signature_name="")
    response = grid.post(record_url(shop), data)
    assert response.status_code == 200
    assert "请在签名框内签名，或填写签名人姓名" in response.content.decode()
    data, _ = form_data(grid, shop, signature="data:image/png;base64,AAAA")
    response = grid.post(record_url(shop), data)
    assert "签名图像无效" in response.content.decode()
    assert InspectionRecord.objects.count() == 0


def test_a_unit_outside_the_users_scope_is_a_404(grid, world):
    for unit in (world.units["shop_b"], world.units["shop_c"]):
        assert grid.get(record_url(unit)).status_code == 404
        assert grid.post(record_url(unit), {"idempotency_key": "0" * 32}).status_code == 404
    assert grid.get("/inspections/records/new/?unit=abc").status_code == 404
    assert InspectionRecord.objects.count() == 0


def test_without_a_unit_the_page_lists_the_units_the_user_may_inspect(grid, world):
    response = grid.get("/inspections/records/new/")
    assert response.status_code == 200
    html = response.content.decode()
    assert world.units["shop_a"].name in html and world.units["shop_b"].name not in html


def test_a_task_is_done_by_its_record_and_gives_the_plans_kind(client, grid, world):
    from anjian.inspections.models import InspectionTask
    from anjian.units.choices import Category

    plan = services.plan_create(actor=world.users["office"], data={
        "name": "消防专项", "kind": "special_campaign", "region": world.village_a,
        "categories": [Category.SMALL_VENUE], "start_date": "2026-01-01",
        "end_date": "2099-12-31"})
    task = InspectionTask.objects.get(plan=plan)
    assert task.unit == world.units["shop_a"]
    tasks_page = grid.get(reverse("inspections:my_tasks"))
    assert record_url(task.unit, task).replace("&", "&amp;") in tasks_page.content.decode()
    data, _ = form_data(grid, task.unit, task=task)
    assert "kind" not in data
    response = grid.post(record_url(task.unit, task), data)
    assert response.status_code == 302
    record = InspectionRecord.objects.get()
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and record.task == task and record.plan == plan
    assert record.kind == "special_campaign"
    # Opening the done task again leads to its record, not to a second one.
    again = grid.get(record_url(task.unit, task))
    assert again.status_code == 302 and again["Location"].endswith(f"/records/{record.pk}/")


def test_a_task_of_another_unit_is_a_404(grid, world):
    from anjian.inspections.models import InspectionTask

    plan = services.plan_create(actor=world.users["office"], data={
        "name": "全镇检查", "kind": "routine", "region": world.town,
        "start_date": "2026-01-01", "end_date": "2099-12-31"})
    other = InspectionTask.objects.get(plan=plan, unit=world.units["school_a"])
    assert grid.get(record_url(world.units["shop_a"], other)).status_code == 404


def _record_with_photo(world):
    template = services.template_for_unit(world.units["shop_a"])
    answers = all_conforming(template)
    from anjian.testing.hazards import photo_data

    answers[0] = AnswerInput(item_id=answers[0].item_id, verdict=Verdict.NONCONFORMS,
                             photos=[photo_data()])
    return services.record_submit(actor=world.users["grid_a"], unit=world.units["shop_a"],
                                  data={"template": template}, answers=answers)


def test_photos_are_stamped_and_scoped(client, world):
    record = _record_with_photo(world)
    photo = InspectionPhoto.objects.get(record=record)
    url = reverse("inspections:photo", args=[photo.pk])
    client.force_login(world.users["village_a"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response.content[:3] == b"\xff\xd8\xff"
    assert client.get(url + "?size=thumb").status_code == 200
    client.force_login(world.users["village_b"])
    assert client.get(url).status_code == 404


def test_a_record_is_seen_within_scope_only(client, world):
    record = _record_with_photo(world)
    url = reverse("inspections:record_detail", args=[record.pk])
    for name, status in (("village_a", 200), ("office", 200), ("leader", 200),
                         ("enterprise_a", 200), ("village_b", 404), ("office_b", 404)):
        client.force_login(world.users[name])
        assert client.get(url).status_code == status, name


def test_the_record_list_shows_the_users_records_and_filters(client, world):
    record = _record_with_photo(world)
    client.force_login(world.users["office"])
    response = client.get(reverse("inspections:record_list"))
    assert response.status_code == 200 and list(response.context["page"].object_list) == [record]
    response = client.get(reverse("inspections:record_list"), {"nonconforming": "true"})
    assert list(response.context["page"].object_list) == [record]
    response = client.get(reverse("inspections:record_list"), {"region": world.village_b.pk})
    assert list(response.context["page"].object_list) == []
    client.force_login(world.users["village_b"])
    response = client.get(reverse("inspections:record_list"))
    assert list(response.context["page"].object_list) == []
