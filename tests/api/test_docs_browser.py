"""The Swagger UI page renders the API in a real browser (Debian's Chromium), under the content
security policy. Playwright runs in a worker thread of its own, so this test does not clash with
the browser the e2e tests keep open for the whole session.

A live-server test commits its data, and its teardown empties every table — also the sectors and
三管三必须 rules the migrations put there. The test asks for a serialized rollback (so it starts
from the migrated data) and puts that data back when the module ends, so the live-server tests that
run after it (tests/e2e) still find the sectors.
"""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from playwright.sync_api import sync_playwright

from anjian.testing.world import PASSWORD

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"


def _render_docs(base_url: str) -> tuple[str, list[str]]:
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(locale="zh-CN")
        page.set_default_timeout(20000)
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(base_url + "/login/")
        page.fill("#id_username", "office")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/login/" not in url)
        page.goto(base_url + "/api/docs/")
        page.wait_for_selector(".swagger-ui .opblock-tag")
        # the tags start folded (over a hundred operations): open two
        for tag in ("units", "regions"):
            page.click(f".opblock-tag[data-tag='{tag}']")
        page.wait_for_selector("[data-path='/api/units/{id}/journal/']")
        text = page.locator(".swagger-ui").inner_text()
        browser.close()
    return text, problems


@pytest.fixture(scope="module")
def _restore_migrated_data(django_db_setup, django_db_blocker):
    yield
    connection = connections[DEFAULT_DB_ALIAS]
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def test_api_docs_render_for_a_logged_in_user(_restore_migrated_data, django_db_serialized_rollback,
                                              live_server, world_tx):
    assert Path(CHROMIUM).exists(), "Debian's Chromium is missing: run `make browser-deps`"
    with ThreadPoolExecutor(max_workers=1) as pool:
        text, problems = pool.submit(_render_docs, live_server.url).result(timeout=120)
    assert "/api/units/{id}/journal/" in text and "/api/regions/" in text
    assert not problems, problems
