import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, login

pytestmark = pytest.mark.browser


def test_office_user_filters_units_by_category_and_opens_one(page, transactional_db, world_tx):
    login(page, "office")
    page.click("nav >> text=基础台账")  # the menu group opens its dropdown
    page.click("nav >> text=监管对象")
    page.wait_for_selector("#units")
    assert page.locator("#units tbody tr").count() == 4
    page.select_option("#unit-filter select[name=category]", "small_venue")
    expect(page.locator("#units tbody tr")).to_have_count(2)
    assert "category=small_venue" in page.url
    rows = page.locator("#units tbody").inner_text()
    assert "张一便民超市" in rows and "后关小饭馆" in rows and "张一小学" not in rows
    page.click("text=后关小饭馆")
    page.wait_for_selector("h1:has-text('后关小饭馆')")
    assert "小餐馆" in page.content()
    assert "消防安全" in page.locator("dl").inner_text()  # sector by 三管三必须


def test_village_cadre_cannot_see_another_villages_unit(page, transactional_db, world_tx):
    other = world_tx.units["shop_b"]
    login(page, "village_a")
    page.goto(page.base_url + "/units/")
    text = page.locator("#units").inner_text()
    assert "张一便民超市" in text and "后关小饭馆" not in text
    response = page.goto(page.base_url + f"/units/{other.pk}/")
    assert response.status == 404
    api = page.request.get(page.base_url + f"/api/units/{other.pk}/")
    assert api.status == 404
    listing = page.request.get(page.base_url + "/api/units/?page_size=100")
    assert listing.ok
    assert "后关小饭馆" not in listing.text()


def test_units_page_works_on_a_phone(browser, live_server, transactional_db, world_tx):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.base_url = live_server.url
    login(page, "grid_a")
    page.goto(page.base_url + "/units/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide on a {PHONE['width']}px phone"
    assert page.locator("#units tbody tr").count() == 1
    context.close()
