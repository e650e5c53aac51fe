"""Daily reporting in Debian's Chromium: a village cadre files a zero report on a phone in one tap
from the menu's page; the safety office then sees who has not reported, with the phone to call."""

import pytest
from django.db import connections
from django.utils import timezone
from playwright.sync_api import expect

from anjian.dailyreports.models import DailyReport
from anjian.dailyreports.services import daily_report_zero
from anjian.testing.dailyreports import reporters
from tests.e2e.conftest import ARTIFACTS, login

pytestmark = pytest.mark.browser


@pytest.fixture
def world(world_tx):
    yield world_tx
    connections.close_all()  # the test's own queries ran beside Playwright's loop


def test_a_village_cadre_files_a_zero_report_on_a_phone(phone, world):
    page = phone
    login(page, "village_a")
    page.goto(page.base_url + "/daily-reports/")
    card = page.locator(".own-report")
    expect(card).to_contain_text("张一村")
    page.click("#file-link")  # one tap from the menu's page to the form
    page.wait_for_url("**/daily-reports/file/**")
    zero = page.locator("#zero-button")
    expect(zero).to_be_visible()
    box = zero.bounding_box()
    assert box["width"] > 300 and box["height"] >= 60  # a big target on a 375 px screen
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dailyreports-file-phone.png"), full_page=True)
    zero.tap()
    page.wait_for_url("**/daily-reports/?town=*")
    expect(page.locator(".alert")).to_contain_text("零报告")
    expect(page.locator(".own-report")).to_contain_text("已于")
    report = DailyReport.objects.get()
    assert report.is_zero and report.region == world.village_a
    assert report.submitted_by == world.users["village_a"]
    # no horizontal scrolling on the phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_office_sees_who_is_missing(page, world):
    reps = reporters(world)
    daily_report_zero(actor=world.users["village_a"], reporter=reps["village_a"],
                      day=timezone.localdate())
    login(page, "office")
    page.goto(page.base_url + "/")
    page.click("a.dropdown-toggle:has-text('值班应急')")
    page.click("a.dropdown-item:has-text('日报告')")
    page.wait_for_url("**/daily-reports/")
    missing = page.locator("#missing")
    expect(missing).to_contain_text("后关村")
    expect(missing).to_contain_text("13800000012")
    expect(missing).to_contain_text("西张村派出所")
    expect(missing).not_to_contain_text("张一村")
    expect(page.locator("#filed")).to_contain_text("张一村")
    assert missing.locator('a[href="tel:13800000012"]').count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dailyreports-today-office.png"), full_page=True)


def test_the_office_reads_compliance_and_the_summary_on_a_phone(phone, world):
    reps = reporters(world)
    daily_report_zero(actor=world.users["office"], reporter=reps["police"],
                      day=timezone.localdate())
    page = phone
    login(page, "office")
    for path, marker in [("/daily-reports/", "#missing"),
                         ("/daily-reports/compliance/", "#compliance"),
                         ("/daily-reports/summary/", "#summary-missing"),
                         ("/daily-reports/reports/", "#reports")]:
        page.goto(page.base_url + path)
        expect(page.locator(marker)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    page.goto(page.base_url + "/daily-reports/compliance/")
    expect(page.locator(f'tr[data-reporter="{reps["police"].key}"]')).to_contain_text("西张村派出所")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dailyreports-compliance-phone.png"), full_page=True)
