"""Sessions expire when the browser closes and after a working day idle."""

import datetime as dt

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anjian.core.middleware import SessionTouchMiddleware
from anjian.testing.world import PASSWORD


def test_session_settings():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 0 < settings.ANJIAN_SESSION_TOUCH_SECONDS <= 300  # the idle clock restarts (SessionTouch)
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax" and settings.CSRF_COOKIE_SAMESITE == "Lax"


def _login(client):
    response = client.post("/login/", {"username": "office", "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_the_session_cookie_ends_with_the_browser(world, client):
    cookie = _login(client).cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]
    assert cookie["httponly"]


def test_an_idle_session_expires(world, client):
    _login(client)
    assert client.get("/units/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/units/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def _last_touched_long_ago(client) -> None:
    session = client.session
    session[SessionTouchMiddleware.KEY] -= settings.ANJIAN_SESSION_TOUCH_SECONDS + 1
    session.save()


def test_activity_pushes_the_expiry_forward(world, client):
    _login(client)
    _last_touched_long_ago(client)
    soon = timezone.now() + dt.timedelta(minutes=5)
    Session.objects.update(expire_date=soon)
    assert client.get("/units/").status_code == 200
    expiry = Session.objects.get().expire_date
    assert expiry > soon + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 600)


def _session_writes(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum(1 for q in queries.captured_queries
               if q["sql"].startswith("UPDATE") and "django_session" in q["sql"])


def test_the_session_is_written_at_most_once_a_minute(world, client):
    _login(client)
    assert _session_writes(client, "/units/") == 0  # saved at the login, moments ago
    _last_touched_long_ago(client)
    assert _session_writes(client, "/units/") == 1
    assert _session_writes(client, "/units/") == 0


def test_logout_ends_the_session(world, client):
    _login(client)
    client.post("/logout/")
    assert not Session.objects.exists() or "_auth_user_id" not in client.session
    assert client.get("/units/").status_code == 302
