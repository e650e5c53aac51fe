"""Emergency drills in the browser, on a phone: the office records a problem a drill found and
turns it into a hazard in one step; the drill page then links the hazard and offers no second
conversion. Also the plan ledger shows a plan past its review date, on the phone."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from playwright.sync_api import expect

from anjian.core.attachments import read_attachment
from anjian.emergency import services
from anjian.emergency.models import DrillProblem
from anjian.hazards.models import Hazard
from anjian.testing.emergency import drill_data, pdf_bytes, version_data
from anjian.testing.hazards import jpeg_bytes
from tests.e2e.conftest import ARTIFACTS, login

pytestmark = pytest.mark.browser

PHOTO = {"name": "演练现场.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}


@pytest.fixture
def drill(world_tx):
    made = services.drill_create(actor=world_tx.users["office"], data=drill_data(
        world_tx.town, organisers=[world_tx.police], participating_regions=[world_tx.village_a]))
    yield made
    connections.close_all()


def test_office_turns_a_drill_problem_into_a_hazard_on_a_phone(phone, world_tx, drill):
    school = world_tx.units["school_a"]
    login(phone, "office")
    phone.goto(phone.base_url + f"/emergency/drills/{drill.pk}/")
    expect(phone.locator("h1")).to_contain_text(drill.title)
    form = phone.locator("#problem-form")
    form.locator("textarea[name=description]").fill("学校疏散通道堆放杂物，演练时疏散受阻")
    form.locator("textarea[name=measures]").fill("清理杂物，保持通道畅通")
    form.locator("select[name=unit]").select_option(str(school.pk))
    form.locator("button[type=submit]").click()
    expect(phone.locator("#problems .problem")).to_have_count(1)
    phone.screenshot(path=str(ARTIFACTS / "emergency-drill-phone.png"), full_page=True)

    phone.locator(".problem-convert").click()
    phone.wait_for_url("**/drill-problems/*/hazard/")
    expect(phone.locator("textarea[name=description]")).to_have_value(
        "学校疏散通道堆放杂物，演练时疏散受阻\n整改建议：清理杂物，保持通道畅通")
    expect(phone.locator("select[name=unit]")).to_have_value(str(school.pk))
    phone.locator("select[name=cause_class]").select_option("condition")
    phone.locator("select[name=category]").select_option("fire")
    phone.locator("input[name=photos]").set_input_files([PHOTO])
    phone.screenshot(path=str(ARTIFACTS / "emergency-convert-phone.png"), full_page=True)
    phone.click("#form-submit")
    phone.wait_for_url(f"**/emergency/drills/{drill.pk}/")
    expect(phone.locator(".alert").first).to_contain_text("已转为隐患")
    hazard = Hazard.objects.get(unit=school)
    expect(phone.locator(".problem-hazard")).to_contain_text(hazard.number)
    expect(phone.locator(".problem-convert")).to_have_count(0)
    assert hazard.source == "drill" and drill.title in hazard.source_reference
    assert DrillProblem.objects.get().hazard == hazard
    # No horizontal scrolling on a 375 px screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 380

    phone.goto(phone.base_url + f"/hazards/{hazard.pk}/")
    expect(phone.locator("body")).to_contain_text("演练发现")


def test_plan_past_review_is_flagged_in_the_ledger_on_a_phone(phone, world_tx):
    old = dt.date.today() - dt.timedelta(days=4 * 365)
    services.plan_create(actor=world_tx.users["office"], data={
        "title": "西张村镇地质灾害专项应急预案", "kind": "special", "region": world_tx.town},
        version=version_data(approved_on=old, effective_on=old),
        file=read_attachment(SimpleUploadedFile("地灾.pdf", pdf_bytes())))
    login(phone, "office")
    phone.goto(phone.base_url + "/emergency/plans/")
    expect(phone.locator("#plans")).to_contain_text("西张村镇地质灾害专项应急预案")
    expect(phone.locator(".review-overdue")).to_have_count(1)
    phone.locator("#plans a", has_text="地质灾害").click()
    expect(phone.locator(".alert-danger")).to_contain_text("超过评估期限")
    with phone.expect_download() as download:
        phone.locator("#versions a", has_text="地灾.pdf").click()
    assert download.value.suggested_filename == "地灾.pdf"
    connections.close_all()


@pytest.mark.parametrize("path", ["plans", "drills", "teams", "supplies", "incidents",
                                  "drills/behind"])
def test_every_ledger_fits_a_phone(phone, world_tx, drill, path):
    from anjian.testing.emergency import incident_data, supply_data

    office = world_tx.users["office"]
    services.supply_create(actor=office, data=supply_data(world_tx.town, quantity="2"))
    services.incident_create(actor=office, data=incident_data(world_tx.village_a))
    services.team_create(actor=office, data={
        "name": "西张村镇应急救援小分队", "kind": "rescue", "region": world_tx.town,
        "leader": "燕生", "phone": "13800000009"})
    login(phone, "office")
    phone.goto(phone.base_url + f"/emergency/{path}/")
    expect(phone.locator("table").first).to_be_visible()
    phone.screenshot(path=str(ARTIFACTS / f"emergency-{path.replace('/', '-')}-phone.png"),
                     full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 380
