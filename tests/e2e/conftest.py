"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Chromium comes from Debian (`make browser-deps` installs chromium and fonts-noto-cjk); Playwright's
own browser download does not work offline. Screenshots of failing tests land in test-artifacts/.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from anjian.testing.world import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make in between
# are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is missing: run `make browser-deps` (apt-get install chromium "
                    "fonts-noto-cjk)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def phone(browser, live_server, request):
    """A phone-sized, touch page that shares its position (a grid worker in the field)."""
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True,
        permissions=["geolocation"],
        geolocation={"latitude": 34.7201, "longitude": 111.1039, "accuracy": 10})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-phone.png"), full_page=True)
    context.close()


def login(page, username: str, password: str = PASSWORD) -> None:
    page.goto(page.base_url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)


def sign(page) -> None:
    """Draw a zig-zag signature with the mouse (a finger on a phone) on the record form's pad."""
    pad = page.locator("#signature-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 50)
    page.mouse.down()
    for step in range(1, 9):
        page.mouse.move(box["x"] + 20 + step * 25, box["y"] + 50 + (25 if step % 2 else 0))
    page.mouse.up()
