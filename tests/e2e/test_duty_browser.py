"""The duty officer on a phone: "值班" in the navbar opens who is on duty now, a call is logged,
then the shift is handed over to the next one with the call carried over."""

import pytest
from django.db import connections

from anjian.duty.models import DutyHandover, DutyLogEntry
from anjian.testing.duty import current_and_next, duty_staff
from tests.e2e.conftest import login

pytestmark = pytest.mark.browser



@pytest.fixture
def shifts(world_tx):
    duty_staff(world_tx)
    yield current_and_next(world_tx)
    connections.close_all()  # the test's own queries ran beside Playwright's loop


def test_the_duty_officer_logs_a_call_and_hands_over(phone, shifts):
    page = phone
    first, second = shifts
    login(page, "office")
    button = page.locator("#duty-now-link")
    assert button.is_visible()  # outside the collapsed menu: one tap on a phone
    button.click()
    page.wait_for_url("**/duty/now/")
    on_duty = page.locator("#on-duty-now")
    assert "刘值守" in on_duty.inner_text() and "燕生" in on_duty.inner_text()
    assert on_duty.locator('a[href="tel:13900000001"]').is_visible()
    assert "钱镇长" in page.locator("#next-shift").inner_text()
    page.screenshot(path="test-artifacts/duty-now-phone.png", full_page=True)

    page.click("#log-call")
    page.fill("#id_source", "后关村村民李某")
    page.fill("#id_source_phone", "13712345678")
    page.fill("#id_content", "后关小饭馆液化气罐漏气，有刺鼻气味")
    page.fill("#id_handling", "已电话通知消防服务中心和村支书到场处置")
    page.fill("#id_notified", "消防服务中心、后关村党支部书记")
    page.click("#log-save")
    page.wait_for_url(f"**/duty/shifts/{first.pk}/")
    assert "已记录" in page.inner_text(".alert")
    assert "后关村村民李某" in page.locator("#shift-log").inner_text()
    entry = DutyLogEntry.objects.get()
    assert entry.shift == first and entry.source_phone == "13712345678" and not entry.closed

    page.click("#hand-over")
    page.wait_for_url(f"**/duty/shifts/{first.pk}/handover/")
    assert "液化气罐漏气" in page.input_value("#id_open_matters")
    assert page.locator(f'input[name=carried_entries][value="{entry.pk}"]').is_checked()
    page.select_option("#id_taken_over_by", label="马接班（党政办工作人员） 13900000003")
    page.fill("#id_summary", "本班接报1起燃气泄漏，已处置，待复查")
    page.screenshot(path="test-artifacts/duty-handover-phone.png", full_page=True)
    page.click("#handover-save")
    page.wait_for_url(f"**/duty/shifts/{first.pk}/")
    assert "已交班" in page.inner_text(".alert")
    assert "本班接报1起燃气泄漏" in page.locator("#handover-out").inner_text()

    handover = DutyHandover.objects.get()
    assert handover.from_shift == first and handover.to_shift == second
    assert handover.taken_over_by.name == "马接班" and handover.recorded_by.username == "office"
    assert list(handover.carried_entries.all()) == [entry]
    page.goto(page.base_url + f"/duty/shifts/{second.pk}/")
    assert "液化气罐漏气" in page.inner_text("main")  # the next shift sees what it took over


def test_the_roster_on_a_phone_marks_the_uncovered_hours(phone, shifts):
    page = phone
    first, second = shifts
    login(page, "leader")
    page.goto(page.base_url + "/duty/")
    today = page.locator(".duty-day.today")
    assert today.locator(f'[data-shift="{first.pk}"]').is_visible()
    assert today.locator("[data-gap]").count() >= 1  # the morning before the first shift
    assert "段无人值班" in page.inner_text("#coverage-summary")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    page.screenshot(path="test-artifacts/duty-roster-phone.png", full_page=False)
