"""Login throttling (django-axes): after 5 failures the account is locked, even with the right
password, and the lock-out page says so in Chinese."""

from django.conf import settings

from anjian.testing.world import PASSWORD

LOCKED = "登录失败次数过多，账号已暂时锁定"


def _fail(client, username: str, times: int) -> None:
    """`times` wrong passwords; the first four are told so, the fifth is the lock-out."""
    for attempt in range(1, times + 1):
        response = client.post("/login/", {"username": username, "password": "wrong-password-9"})
        if attempt < settings.AXES_FAILURE_LIMIT:
            assert response.status_code == 200
            assert "用户名或密码不正确" in response.content.decode()
        else:
            assert response.status_code == 429 and LOCKED in response.content.decode()


def test_the_limit_is_five_failures():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert "axes.backends.AxesStandaloneBackend" == settings.AUTHENTICATION_BACKENDS[0]


def test_four_failures_still_let_the_right_password_in(world, client):
    _fail(client, "office", 4)
    response = client.post("/login/", {"username": "office", "password": PASSWORD})
    assert response.status_code == 302


def test_after_five_failures_even_the_right_password_is_locked_out(world, client):
    _fail(client, "office", 5)
    right = client.post("/login/", {"username": "office", "password": PASSWORD})
    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/units/").status_code == 302  # still not logged in


def test_a_locked_account_gets_no_api_token_either(world, client):
    _fail(client, "office", 5)
    response = client.post("/api/token/", {"username": "office", "password": PASSWORD})
    assert response.status_code in (400, 403, 429)
    assert "token" not in response.json()


def test_failures_at_the_token_endpoint_count_too(world, client):
    for _ in range(5):
        client.post("/api/token/", {"username": "office", "password": "wrong-password-9"})
    right = client.post("/login/", {"username": "office", "password": PASSWORD})
    assert right.status_code == 429


def test_the_lock_is_per_account_so_colleagues_behind_one_address_can_log_in(world, client):
    _fail(client, "office", 5)
    response = client.post("/login/", {"username": "leader", "password": PASSWORD})
    assert response.status_code == 302
