"""The office records accidents in the browser: 3 deaths are graded 较大, 2 deaths 一般 (Order
493), the grade previewed while typing and shown after saving; the ledger works on a phone."""

import datetime as dt

import pytest
from django.utils import timezone

from anjian.accidents.models import Accident
from tests.e2e.conftest import login

pytestmark = pytest.mark.browser


def record(page, world, place: str, deaths: int) -> None:
    page.goto(page.base_url + "/accidents/new/")
    when = (timezone.localtime() - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    page.fill("#id_occurred_at", when)
    page.dispatch_event("#id_occurred_at", "change")
    page.wait_for_selector(f"#id_type_code[data-loaded-for='{when}']", state="attached")
    page.select_option("#id_type_code", "2025:3")
    page.fill("#id_place", place)
    page.select_option("#id_region", str(world.village_a.pk))
    page.check("#id_road_traffic")
    page.fill("#id_deaths", str(deaths))
    page.fill("#id_description", "两车相撞")
    expected = "较大" if deaths >= 3 else "一般"
    page.wait_for_function(
        "t => (document.querySelector('#grade-preview-badge') || {}).textContent === t", arg=expected)
    page.click("#accident-save")
    page.wait_for_url(lambda url: "/accidents/new/" not in url)


def test_three_deaths_are_relatively_serious_and_two_ordinary(page, world_tx):
    login(page, "office")
    record(page, world_tx, "310国道张一村段", 3)
    assert page.locator("#accident-grade .badge").first.inner_text() == "较大"
    assert page.locator("[data-kind='to_province']").count() == 1
    record(page, world_tx, "张一村村道弯道", 2)
    assert page.locator("#accident-grade .badge").first.inner_text() == "一般"
    assert page.locator("[data-kind='to_province']").count() == 0
    grades = dict(Accident.objects.values_list("place", "grade"))
    assert grades == {"310国道张一村段": "relatively_serious", "张一村村道弯道": "ordinary"}


def test_ledger_and_statistics_on_a_phone(phone, world_tx):
    from anjian.testing.accidents import accident

    accident(world_tx.users["office"], region=world_tx.village_a, place="张一村路口", deaths=1,
             road_traffic=True)
    login(phone, "office")
    phone.goto(phone.base_url + "/accidents/")
    assert phone.locator("#accidents tbody tr").count() == 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 380
    phone.goto(phone.base_url + "/accidents/statistics/")
    assert "共发生生产安全事故1起" in phone.locator("#summary").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 380


def test_the_type_list_follows_the_date(page, world_tx):
    login(page, "office")
    page.goto(page.base_url + "/accidents/new/")
    for when, offered, gone in (("2026-06-30T10:00", "1986:02", "2025:3"),
                                ("2026-07-01T10:00", "2025:3", "1986:02")):
        page.fill("#id_occurred_at", when)
        page.dispatch_event("#id_occurred_at", "change")
        page.wait_for_selector(f"#id_type_code[data-loaded-for='{when}']", state="attached")
        assert page.locator(f"#id_type_code option[value='{offered}']").count() == 1
        assert page.locator(f"#id_type_code option[value='{gone}']").count() == 0
