"""Switching the language: POST /i18n/setlang/ with language=en gives English navigation on the
home page and the unit list (no Chinese left in the navigation bar); switching back gives Chinese."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # ideographs and CJK punctuation


def navbar(response) -> str:
    """The navigation bar's HTML without the signed-in user's name (data, not interface)."""
    html = response.content.decode()
    start = html.index('<nav class="navbar')
    bar = html[start:html.index("</nav>", start)]
    profile = re.escape(reverse("accounts:profile"))
    return re.sub(rf'(<a [^>]*href="{profile}"[^>]*>)[^<]*(</a>)', r"\1\2", bar)


def nav_labels(response) -> list[str]:
    return [str(item["label"]) for item in response.context["nav_items"]]


def set_language(client, code: str, next_url: str = "/"):
    response = client.post(reverse("set_language"), {"language": code, "next": next_url})
    assert response.status_code == 302 and response.url == next_url
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == code
    return response


@pytest.mark.parametrize("url", ["/", "/units/"])
def test_english_navigation_then_back_to_chinese(world, client, url):
    client.force_login(world.users["office"])
    chinese = client.get(url)
    assert chinese.status_code == 200
    assert "监管对象" in navbar(chinese) and "Supervised units" not in navbar(chinese)
    assert '<html lang="zh-hans">' in chinese.content.decode()

    set_language(client, "en", url)
    english = client.get(url)
    assert english.status_code == 200
    bar = navbar(english)
    assert '<html lang="en">' in english.content.decode()
    for label in ("Home", "Supervised units", "Regions and grids", "Agencies", "People",
                  "Sector duty rule", "API docs", "Sign out"):
        assert label in bar, label
    assert not CJK.search(bar), CJK.findall(bar)
    assert not any(CJK.search(label) for label in nav_labels(english)), nav_labels(english)

    set_language(client, "zh-hans", url)
    back = client.get(url)
    assert "监管对象" in navbar(back) and "Supervised units" not in navbar(back)
    assert "退出" in navbar(back)


def test_language_cookie_alone_is_enough(world, client):
    client.force_login(world.users["office"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/units/")
    assert "Supervised units" in nav_labels(response)
    assert not CJK.search(navbar(response))


def test_unit_list_page_interface_is_english(world, client):
    """Beyond the navigation: the page heading, filter labels and table header of /units/."""
    client.force_login(world.users["office"])
    set_language(client, "en", "/units/")
    html = client.get("/units/").content.decode()
    assert "Supervised unit ledger" in html
    assert 'placeholder="Name, address, principal, credit code"' in html
    head = html[html.index("<thead>"):html.index("</thead>")]
    assert "Village (community) / grid" in head
    assert not CJK.search(head), CJK.findall(head)


def test_home_page_greeting_is_english(world, client):
    client.force_login(world.users["office"])
    set_language(client, "en")
    html = client.get("/").content.decode()
    assert "Hello, " in html and "您好" not in html
    assert "Anjian · work-safety supervision platform for townships" in html
