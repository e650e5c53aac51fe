"""Login lock-outs (登录锁定) for the security administrator, and unlocking them."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings

from anjian.core.models import JournalEntry
from anjian.testing.world import PASSWORD


def fail_logins(client, username: str, times: int) -> None:
    for _ in range(times):
        client.post("/login/", {"username": username, "password": "wrong-password-1"})


def logs_in(client, username: str, password: str = PASSWORD) -> bool:
    client.logout()
    client.post("/login/", {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_repeated_failures_lock_out_and_the_security_admin_unlocks(world, client):
    fail_logins(client, "village_a", settings.AXES_FAILURE_LIMIT)
    assert not logs_in(client, "village_a")  # locked even with the right password
    attempt = AccessAttempt.objects.get(username="village_a")

    client.force_login(world.users["secadmin"])
    response = client.get("/accounts/lockouts/")
    html = response.content.decode()
    assert response.status_code == 200 and "village_a" in html and "已锁定" in html
    assert client.post(f"/accounts/lockouts/{attempt.pk}/reset/").status_code == 302
    assert not AccessAttempt.objects.filter(username="village_a").exists()
    entry = JournalEntry.objects.get(content_type__model="accessattempt", object_id=str(attempt.pk))
    assert entry.actor == world.users["secadmin"] and "village_a" in entry.comment

    assert logs_in(client, "village_a")


@pytest.mark.parametrize("who", ["sysadmin", "auditor", "office", "nobody"])
def test_lockouts_are_for_the_security_admin_only(world, client, who):
    fail_logins(client, "village_b", settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get(username="village_b")
    client.force_login(world.users[who])
    assert client.get("/accounts/lockouts/").status_code == 403
    assert client.post(f"/accounts/lockouts/{attempt.pk}/reset/").status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
