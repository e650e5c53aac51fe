"""The office opens the ranking: a village with more overdue hazards ranks lower; one of them is
closed (through the hazard services); after a reload the ranking has changed. Also on a phone."""

import pytest

from anjian.assessment import services
from anjian.testing.assessment import close_hazard, overdue_hazard
from tests.e2e.conftest import login

pytestmark = pytest.mark.browser


def _ranks(page) -> dict[str, str]:
    rows = page.locator("#ranking tbody tr")
    return {rows.nth(i).locator("td").nth(1).inner_text(): rows.nth(i).locator("td.rank").inner_text()
            for i in range(rows.count())}


def test_closing_an_overdue_hazard_changes_the_ranking(page, world_tx):
    services.scheme_create_default(actor=world_tx.users["office"], town=world_tx.town)
    first = overdue_hazard(world_tx)
    overdue_hazard(world_tx)
    overdue_hazard(world_tx, "shop_b")
    login(page, "office")
    page.goto(page.base_url + "/assessment/")
    assert _ranks(page) == {"后关村": "1", "张一村": "2"}
    page.click("text=张一村")
    assert page.locator("#breakdown tr[data-key='overdue'] a").get_attribute("href").endswith("overdue=true")
    close_hazard(world_tx, first)
    page.goto(page.base_url + "/assessment/")
    assert _ranks(page) == {"后关村": "1", "张一村": "1"}


def test_ranking_on_a_phone(phone, world_tx, tmp_path):
    services.scheme_create_default(actor=world_tx.users["office"], town=world_tx.town)
    login(phone, "office")
    phone.goto(phone.base_url + "/assessment/")
    assert phone.locator("#ranking tbody tr").count() == 2
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 380
    phone.screenshot(path=str(tmp_path / "ranking.png"), full_page=True)
    assert (tmp_path / "ranking.png").stat().st_size > 1000
    phone.goto(phone.base_url + "/assessment/actions/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 380
