"""The record form on a phone in Debian's Chromium: 不符合 shows the photo and hazard block, the
position comes from the device, a finger signature is kept, and one tap makes one record and one
hazard."""

import pytest
from django.apps import apps
from django.db import connections

from anjian.inspections.models import InspectionRecord
from anjian.testing.hazards import jpeg_bytes
from tests.e2e.conftest import login, sign

pytestmark = pytest.mark.browser


@pytest.fixture
def shop(world_tx):
    yield world_tx.units["shop_a"]
    connections.close_all()  # the test's own queries ran beside Playwright's loop


def test_a_grid_worker_inspects_a_shop_on_a_phone(phone, shop):
    page = phone
    login(page, "grid_a")
    page.goto(page.base_url + f"/inspections/records/new/?unit={shop.pk}")
    cards = page.locator(".answer-item")
    for index in range(cards.count()):
        if cards.nth(index).locator(".verdict-group").count():
            cards.nth(index).locator("label").first.click()  # 符合
    third = cards.nth(2)
    assert not third.locator(".nc-block").is_visible()
    third.locator("label", has_text="不符合").click()
    assert third.locator(".nc-block").is_visible()
    third.locator("input[type=file]").set_input_files(
        [{"name": "fire.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}])
    assert "已选择 1 张照片" in third.inner_text()
    third.locator("input[type=text]").fill("灭火器过期")

    page.click("#locate-btn")
    page.wait_for_function("document.querySelector('input[name=latitude]').value !== ''")
    sign(page)
    assert page.input_value("input[name=signature]").startswith("data:image/png;base64,")

    page.click("#record-submit")
    page.wait_for_url("**/inspections/records/*/")
    page.wait_for_load_state("networkidle")  # the stamped thumbnails, before the server stops
    assert "已提交，生成隐患 1 条" in page.inner_text(".alert")
    record = InspectionRecord.objects.get()
    assert record.signature.startswith("data:image/png;base64,")
    assert str(record.latitude) == "34.720100" and record.nonconforming_count == 1
    hazard = apps.get_model("hazards", "Hazard").objects.get()
    assert hazard.record == record and hazard.photos.count() == 1
    assert page.locator(".signature-img").is_visible()
