"""The closed loop in the browser, as the seeds describe it: a grid worker on a phone inspects a small
restaurant, marks the fire-exit item 不符合 with a photo and raises a hazard; the office assigns it
with 五落实 and downloads the slip; the enterprise acknowledges and submits its rectification; the
office accepts; the ledger shows it closed and the statistics move."""

import pytest
from django.db import connections
from docx import Document
from playwright.sync_api import expect

from anjian.accounts.choices import Role
from anjian.hazards.models import Hazard
from anjian.testing.hazards import jpeg_bytes
from anjian.testing.world import make_user
from anjian.units.models import UnitAccess
from anjian.units.services import unit_create
from tests.e2e.conftest import login, sign

pytestmark = pytest.mark.browser

PHOTO = {"name": "现场.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}


@pytest.fixture
def restaurant(world_tx):
    unit = unit_create(actor=None, data={
        "name": "张一村老王小饭馆", "category": "small_venue", "subcategory": "small_restaurant",
        "region": world_tx.grid_a, "address": "张一村中心街8号", "principal": "王老板",
        "principal_phone": "13800000031", "risk_level": "yellow"})
    owner = make_user("restaurant", display_name="王老板")
    UnitAccess.objects.create(user=owner, unit=unit, role=Role.ENTERPRISE)
    yield unit
    connections.close_all()  # the test's own queries ran beside Playwright's loop


def _inspect_on_phone(phone, restaurant) -> Hazard:
    login(phone, "grid_a")
    phone.goto(phone.base_url + f"/inspections/records/new/?unit={restaurant.pk}")
    cards = phone.locator(".answer-item")
    fire_exit = None
    for index in range(cards.count()):
        card = cards.nth(index)
        if not card.locator(".verdict-group").count():
            if card.locator("input[type=file]").count():  # a photo item
                card.locator("input[type=file]").set_input_files([PHOTO])
            continue
        if "锁闭疏散通道和安全出口" in card.inner_text() and fire_exit is None:
            fire_exit = card
            card.locator("label", has_text="不符合").click()
        else:
            card.locator("label", has_text="符合").first.click()
    assert fire_exit is not None, "the 九小场所 checklist has a fire-exit item"
    fire_exit.locator("input[type=file]").set_input_files([PHOTO])
    fire_exit.locator("input[type=text]").fill("后门被杂物堵塞")
    sign(phone)
    phone.click("#record-submit")
    phone.wait_for_url("**/inspections/records/*/")
    expect(phone.locator(".alert").first).to_contain_text("生成隐患 1 条")
    hazard = Hazard.objects.get(unit=restaurant)
    assert hazard.source == "grid_patrol" and "安全出口" in hazard.description
    assert hazard.photos.count() == 1
    return hazard


def _act(page, hazard, action: str, fill: dict, photos: str | None = None) -> None:
    page.goto(page.base_url + f"/hazards/{hazard.pk}/")
    page.click(f"a[data-action={action}]")
    for name, value in fill.items():
        page.locator(f"[name={name}]").fill(value)
    if photos:
        page.locator(f"input[name={photos}]").set_input_files([PHOTO])
    page.locator("form:has([name=version]) button[type=submit]").click()
    page.wait_for_url(f"**/hazards/{hazard.pk}/")


def test_the_closed_loop_from_a_phone_inspection_to_close_out(page, phone, world_tx, restaurant):
    hazard = _inspect_on_phone(phone, restaurant)

    login(page, "office")
    page.goto(page.base_url + "/hazards/statistics/")
    totals = page.locator("#totals td")
    assert (totals.nth(0).inner_text(), totals.nth(1).inner_text()) == ("1", "0")  # found, rectified
    _act(page, hazard, "assign", {
        "measures": "清理后门杂物，保持安全出口畅通", "responsible_person": "王老板",
        "responsible_phone": "13800000031", "deadline_workdays": "5", "funds": "200",
        "contingency_plan": "整改完成前关闭后厨，安排专人值守"})
    expect(page.locator(".badge", has_text="已交办").first).to_be_visible()
    with page.expect_download() as download:
        page.click("a[href$='slip.docx']")
    text = "\n".join(p.text for p in Document(download.value.path()).paragraphs)
    tables = "\n".join(c.text for t in Document(download.value.path()).tables
                       for r in t.rows for c in r.cells)
    assert hazard.number in text + tables and "清理后门杂物" in tables

    login(phone, "restaurant")
    _act(phone, hazard, "acknowledge", {})
    _act(phone, hazard, "submit", {"rectification_note": "杂物已清走，后门恢复畅通",
                                   "funds_spent": "150"}, photos="photos")
    hazard.refresh_from_db()
    assert hazard.state == "awaiting_acceptance"

    _act(page, hazard, "accept", {"acceptance_opinion": "现场复查，整改到位，同意销号"})
    hazard.refresh_from_db()
    assert hazard.state == "closed" and hazard.accepted_by.username == "office"

    page.goto(page.base_url + f"/hazards/?q={hazard.number}")
    row = page.locator(f"text={hazard.number}").first
    expect(row).to_be_visible()
    expect(page.locator("#hazard-table, table, .hz-card").first).to_contain_text("已销号")
    page.goto(page.base_url + "/hazards/statistics/")
    assert (totals.nth(0).inner_text(), totals.nth(1).inner_text()) == ("1", "1")
