"""Field patrols on a phone: a grid worker records a persuasion in a few taps at the point they
stand at; a forest ranger checks in with the phone's position."""

import pytest

from anjian.patrols.models import PatrolCheckIn, PersuasionRecord
from anjian.testing.patrols import make_point, make_ranger
from anjian.testing.world import make_user
from tests.e2e.conftest import ARTIFACTS, login

pytestmark = pytest.mark.browser


def test_grid_worker_records_a_persuasion_in_a_few_taps(phone, world_tx):
    point = make_point(world_tx.grid_a, name="张一村口劝导点")
    login(phone, "grid_a")
    phone.goto(phone.base_url + "/patrols/persuasion/new/")
    assert phone.locator("#id_point").input_value() == str(point.pk)  # the only point
    phone.tap("label:has-text('三轮车')")
    phone.tap("label:has-text('农用车载人')")
    phone.tap("#quick-save")
    phone.wait_for_selector("text=已记录：三轮车 农用车载人")
    phone.tap("label:has-text('摩托车')")
    phone.tap("label:has-text('未戴头盔或防护')")
    phone.tap("#quick-save")
    phone.wait_for_selector("text=今日已登记 2 起")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "patrols-quick-entry-phone.png"), full_page=True)
    got = sorted(PersuasionRecord.objects.values_list("vehicle_type", "violation"))
    assert got == [("motorcycle", "no_helmet"), ("tricycle", "farm_passengers")]
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the quick entry must fit a phone without sideways scrolling"


def test_ranger_checks_in_with_the_phones_position(phone, world_tx):
    ranger = make_ranger(world_tx.village_a, name="赵护林")
    user = make_user("ranger_zhao", display_name="赵护林")
    user.person = ranger
    user.save(update_fields=["person"])
    login(phone, "ranger_zhao")
    phone.goto(phone.base_url + "/patrols/forest/")
    phone.wait_for_url(lambda url: "/checkins/new/" in url)
    phone.wait_for_selector("text=已获取位置")
    phone.fill("#id_place", "干山片区")
    phone.tap("#checkin-save")
    phone.wait_for_selector("text=已打卡：赵护林")
    checkin = PatrolCheckIn.objects.get()
    assert checkin.ranger == ranger and checkin.region == world_tx.village_a
    assert abs(float(checkin.latitude) - 34.7201) < 0.0001
    assert abs(float(checkin.longitude) - 111.1039) < 0.0001
    assert phone.locator("text=干山片区").count() >= 1  # my recent check-ins


def test_office_sees_the_ranger_missing_today_on_a_phone(phone, world_tx):
    make_ranger(world_tx.village_a, name="钱护林")
    login(phone, "office")
    phone.goto(phone.base_url + "/patrols/forest/")
    assert "钱护林" in phone.locator("#missing-rangers").inner_text()
    assert phone.locator("#missing-count").inner_text() == "1"
