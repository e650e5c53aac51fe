"""The office records a training with its sign-in list in the browser and finds it in the
ledger, the hours ledger and the unit's archive."""

import pytest

from anjian.training.models import TrainingSession
from tests.e2e.conftest import ARTIFACTS, login

pytestmark = pytest.mark.browser


def test_office_records_a_training_with_a_sign_in_list(page, world_tx):
    login(page, "office")
    page.goto(page.base_url + "/training/")
    page.click("#ledger-create")
    page.fill("#id_topic", "超市消防安全培训")
    page.select_option("#id_kind", "special")
    page.select_option("#id_unit", str(world_tx.units["shop_a"].pk))
    page.fill("#id_hours", "4")
    page.fill("#id_attendance_count", "12")
    page.fill("#id_roster", "王强，主要负责人\n李娜，安全生产管理人员")
    page.click("#main-form button[type=submit]")
    page.wait_for_selector("#attendance-table")
    assert "王强" in page.locator("#attendance-table").inner_text()
    session = TrainingSession.objects.get(topic="超市消防安全培训")
    assert session.attendances.count() == 2 and session.unit == world_tx.units["shop_a"]
    page.goto(page.base_url + "/training/hours/")
    assert "李娜" in page.locator("#hours-table").inner_text()
    page.goto(page.base_url + f"/training/units/{world_tx.units['shop_a'].pk}/")
    assert "超市消防安全培训" in page.locator("#unit-sessions").inner_text()


def test_ledger_and_push_on_a_phone(phone, world_tx):
    login(phone, "office")
    phone.goto(phone.base_url + "/training/publicity/push/")
    phone.check(f"input[name=villages][value='{world_tx.village_a.pk}']")
    phone.fill("#id_title", "森林防火提示")
    phone.fill("#id_message", "严禁野外用火、上坟烧纸")
    phone.tap("#main-form button[type=submit]")
    phone.wait_for_selector("text=已推送到 1 个村（社区）")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "training-publicity-phone.png"), full_page=True)
    assert "森林防火提示" in phone.locator("#ledger-table").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
