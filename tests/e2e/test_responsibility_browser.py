"""The office sees who has not signed this year's responsibility agreement, records a signature
with its scanned copy, and the missing list shrinks; the pages fit a phone."""

import pytest
from playwright.sync_api import expect

from anjian.testing.responsibility import make_list, make_meeting, pdf_bytes, sign
from tests.e2e.conftest import ARTIFACTS, login

pytestmark = pytest.mark.browser


def test_office_records_a_missing_signature_and_the_list_shrinks(page, transactional_db,
                                                                 world_tx):
    sign(world_tx, village=world_tx.village_a)
    login(page, "office")
    page.click("nav >> text=责任考核")
    page.click("nav >> text=责任书")
    page.click("#coverage-link")
    expect(page.locator("#missing-count")).to_have_text("4")
    expect(page.locator("tr[data-party='后关村']")).to_have_count(1)
    expect(page.locator("tr[data-party='西张村派出所']")).to_have_count(1)
    expect(page.locator("tr[data-party='张一村']")).to_have_count(0)  # signed

    page.locator("tr[data-party='后关村'] >> text=登记签订").click()
    page.wait_for_selector("#responsibility-form")
    assert page.locator("#id_village").input_value() == str(world_tx.village_b.pk)
    page.fill("#id_second_signatory", "李红梅")
    page.set_input_files("#id_scan", files=[{"name": "后关村责任书.pdf",
                                             "mimeType": "application/pdf",
                                             "buffer": pdf_bytes("后关村")}])
    page.click("#responsibility-form button[type=submit]")
    page.wait_for_selector("#scan >> text=后关村责任书.pdf")

    page.goto(page.base_url + "/responsibility/agreements/coverage/")
    expect(page.locator("#missing-count")).to_have_text("3")
    expect(page.locator("tr[data-party='后关村']")).to_have_count(0)
    with page.expect_download() as download:
        page.click("#missing-export")
    assert download.value.suggested_filename.endswith(".xlsx")


def test_a_bad_scan_is_refused_with_a_chinese_message(page, transactional_db, world_tx):
    login(page, "office")
    page.goto(page.base_url + "/responsibility/agreements/new/?kind=village"
              f"&village={world_tx.village_b.pk}")
    page.fill("#id_second_signatory", "李红梅")
    page.set_input_files("#id_scan", files=[{"name": "扫描件.pdf", "mimeType": "application/pdf",
                                             "buffer": b"not a pdf"}])
    page.click("#responsibility-form button[type=submit]")
    expect(page.locator(".field-error")).to_contain_text("不是有效的 PDF")


@pytest.mark.parametrize("path", ["agreements/coverage/", "meetings/", "lists/", "leaders/"])
def test_pages_fit_a_phone(phone, transactional_db, world_tx, path):
    make_list(world_tx)
    make_meeting(world_tx)
    login(phone, "office")
    phone.goto(phone.base_url + f"/responsibility/{path}")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{path} is {width}px wide on a 375px phone"
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / f"responsibility-{path.split('/')[0]}-phone.png"),
                     full_page=True)
