"""On a phone, a hazardous-chemicals enterprise files today's 安全风险研判与承诺 and adds a risk
point whose LEC scores (L=3, E=6, C=15 → D=270) give 较大风险（橙）, shown as it picks the factors;
the unit's colour in the registry follows; the office sees it filed."""

import pytest
from django.db import connections
from playwright.sync_api import expect

from anjian.risks.models import RiskPoint, SafetyCommitment
from anjian.testing.risks import add_chemicals
from tests.e2e.conftest import ARTIFACTS, login

pytestmark = pytest.mark.browser


@pytest.fixture
def rworld(world_tx):
    add_chemicals(world_tx)
    yield world_tx
    connections.close_all()


def test_enterprise_commits_and_reports_an_orange_risk_on_a_phone(phone, page, rworld):
    unit = rworld.units["chem_a"]
    login(phone, "chem_owner")
    phone.goto(phone.base_url + "/risks/")
    expect(phone.locator("h1")).to_contain_text("安全风险研判与承诺公告")
    expect(phone.locator("#commit-unit")).to_have_text("张一化工有限公司")
    expect(phone.locator("#id_principal")).to_have_value("刘化工")
    phone.screenshot(path=str(ARTIFACTS / "risks-commitment-form-phone.png"), full_page=True)
    phone.click("#commitment-form button[type=submit]")
    expect(phone.locator("#commit-status")).to_contain_text("各项均受控")
    assert SafetyCommitment.objects.filter(unit=unit).count() == 1

    phone.goto(phone.base_url + f"/risks/units/{unit.pk}/")
    phone.click("#add-point")
    phone.fill("#id_name", "甲醇储罐区")
    phone.fill("#id_location", "厂区东侧")
    phone.fill("#id_hazard_factor", "储罐泄漏遇明火")
    phone.fill("#id_accident_type", "火灾、爆炸")
    phone.fill("#id_control_measures", "可燃气体报警，每日巡检")
    phone.click("#point-form button[type=submit]")
    phone.wait_for_url("**/assess/")
    phone.select_option("#id_factor_l", "3")
    phone.select_option("#id_factor_e", "6")
    phone.select_option("#id_factor_c", "15")
    expect(phone.locator("#preview-score")).to_have_text("270")
    expect(phone.locator("#preview-colour")).to_contain_text("较大风险（橙）")
    phone.screenshot(path=str(ARTIFACTS / "risks-assess-phone.png"), full_page=True)
    phone.click("#assess-form button[type=submit]")
    expect(phone.locator("#point-colour")).to_contain_text("较大风险（橙）")
    expect(phone.locator("#point-score")).to_contain_text("270")
    phone.goto(phone.base_url + f"/risks/units/{unit.pk}/")
    expect(phone.locator("#unit-colour")).to_contain_text("较大风险（橙）")
    phone.screenshot(path=str(ARTIFACTS / "risks-unit-phone.png"), full_page=True)
    assert RiskPoint.objects.get(unit=unit).colour == "orange"
    unit.refresh_from_db()
    assert unit.risk_level == "orange"

    login(page, "office")
    page.goto(page.base_url + "/risks/commitments/today/")
    expect(page.locator("#filed")).to_contain_text("张一化工有限公司")
    expect(page.locator("#missing")).to_contain_text("全部单位均已承诺")
