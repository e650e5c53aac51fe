"""CSRF is enforced on every state-changing request made with a session."""

import re

from django.test import Client

from anjian.accounts.models import Person
from anjian.testing.world import PASSWORD
from anjian.units.models import Unit
from tests.api.conftest import assert_chinese

UNIT = {"name": "跨站请求商店", "category": "small_venue", "subcategory": "small_shop"}


def _client(world, username="office") -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[username])
    return client


def _token(client, url: str) -> str:
    html = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_form_post_without_the_token_is_refused_and_changes_nothing(world):
    client = _client(world)
    before = Unit.objects.count()
    response = client.post("/units/new/", {**UNIT, "region": world.village_a.pk})
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert Unit.objects.count() == before


def test_the_same_post_with_the_token_works(world):
    client = _client(world)
    token = _token(client, "/units/new/")
    response = client.post("/units/new/", {**UNIT, "region": world.village_a.pk,
                                           "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Unit.objects.filter(name="跨站请求商店").exists()


def test_the_login_form_needs_the_token(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "office", "password": PASSWORD})
    assert response.status_code == 403


def test_api_writes_with_a_session_need_the_token(world):
    client = _client(world)
    person = world.people["cadre_b"]
    response = client.patch(f"/api/people/{person.pk}/", {"position": "改"},
                            content_type="application/json")
    assert response.status_code == 403
    assert_chinese(response.json())
    person.refresh_from_db()
    assert person.position == "后关村村委委员"
    client.get("/units/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    ok = client.patch(f"/api/people/{person.pk}/", {"position": "改"},
                      content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert ok.status_code == 200


def test_api_writes_with_a_token_need_no_csrf(world):
    client = Client(enforce_csrf_checks=True)
    token = client.post("/api/token/", {"username": "office", "password": PASSWORD}).json()["token"]
    response = client.post("/api/people/", {"name": "令牌新人", "region": world.village_a.pk},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 201
    assert Person.objects.filter(name="令牌新人").exists()
