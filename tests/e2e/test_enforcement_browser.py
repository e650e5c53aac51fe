"""Enforcement in the browser, on a phone: an order past its deadline is flagged in the ledger; the
office records its re-inspection from the order's page, and the flag goes; the unit on the
dishonesty list carries its 失信 badge."""

import datetime as dt

import pytest
from django.db import connections
from django.utils.timezone import localdate as today  # read at run time: a run may cross midnight
from playwright.sync_api import expect

from anjian.enforcement import services
from anjian.testing.enforcement import record
from tests.e2e.conftest import ARTIFACTS, login

pytestmark = pytest.mark.browser


@pytest.fixture
def order(world_tx):
    made = record(world_tx.users["office"], world_tx.units["shop_a"], number="西张安监责改〔2026〕1号",
                  acted_on=today() - dt.timedelta(days=10), deadline=today() - dt.timedelta(days=1))
    services.listing_create(actor=None, data={"unit": world_tx.units["shop_a"],
                                              "reason": "拒不整改", "listed_on": today()})
    yield made
    connections.close_all()


def test_office_reinspects_an_overdue_order_on_a_phone(phone, world_tx, order):
    login(phone, "office")
    phone.goto(phone.base_url + "/enforcement/")
    expect(phone.locator("#actions .order-overdue")).to_have_count(1)
    expect(phone.locator("#actions .dishonesty-badge")).to_have_count(1)
    phone.screenshot(path=str(ARTIFACTS / "enforcement-list-phone.png"), full_page=True)
    phone.locator("#actions a").first.click()
    phone.click("#reinspect")
    expect(phone.locator("select[name=kind]")).to_have_value("reinspection")
    phone.fill("input[name=number]", "西张安监复查〔2026〕1号")
    phone.fill("textarea[name=outcome]", "经复查，隐患已整改到位")
    phone.screenshot(path=str(ARTIFACTS / "enforcement-form-phone.png"), full_page=True)
    phone.click("#form-submit")
    expect(phone.locator("h1")).to_contain_text("整改复查意见书")
    phone.goto(phone.base_url + f"/enforcement/{order.pk}/")
    expect(phone.locator("#followups")).to_contain_text("西张安监复查〔2026〕1号")
    expect(phone.locator(".order-overdue")).to_have_count(0)
    phone.screenshot(path=str(ARTIFACTS / "enforcement-detail-phone.png"), full_page=True)
