"""Document tracking in the browser, on a phone: the office registers a higher-level document,
splits it into a task, marks the task done, and the weekly review shows it done."""

import pytest
from django.db import connections
from playwright.sync_api import expect

from anjian.documents.models import DocumentTask
from tests.e2e.conftest import ARTIFACTS, login

pytestmark = pytest.mark.browser


@pytest.fixture
def world(world_tx):
    yield world_tx
    connections.close_all()


def test_office_registers_splits_finishes_and_reviews_on_a_phone(phone, world):
    login(phone, "office")
    phone.goto(phone.base_url + "/documents/")
    phone.click("#ledger-add")
    phone.fill("input[name=issuer]", "陕州区安委会")
    phone.fill("input[name=number]", "陕安委〔2026〕12号")
    phone.fill("input[name=title]", "关于开展安全生产大检查的通知")
    phone.fill("input[name=received_on]", "2026-01-05")
    phone.screenshot(path=str(ARTIFACTS / "documents-form-phone.png"), full_page=True)
    phone.click("#form-submit")
    expect(phone.locator("h1")).to_contain_text("关于开展安全生产大检查的通知")

    phone.click("#task-add")
    phone.fill("textarea[name=text]", "各村开展拉网式隐患排查")
    phone.locator("select[name=owner_village]").select_option(str(world.village_a.pk))
    phone.fill("input[name=deadline_workdays]", "10")
    phone.click("#form-submit")
    expect(phone.locator("#tasks")).to_contain_text("各村开展拉网式隐患排查")
    phone.screenshot(path=str(ARTIFACTS / "documents-detail-phone.png"), full_page=True)

    phone.locator("#tasks a").first.click()
    phone.fill("#progress-form textarea[name=text]", "已全部排查完毕")
    phone.locator("#progress-form select[name=status]").select_option("done")
    phone.click("#progress-submit")
    expect(phone.locator("#progress")).to_contain_text("已全部排查完毕")
    assert DocumentTask.objects.get().status == "done"

    phone.goto(phone.base_url + "/documents/weekly/")
    expect(phone.locator("#n-done")).to_have_text("1")
    expect(phone.locator("#week-done")).to_contain_text("各村开展拉网式隐患排查")
    phone.screenshot(path=str(ARTIFACTS / "documents-weekly-phone.png"), full_page=True)
