"""Password hashing: Argon2 first, stored hashes are Argon2, older hashes upgrade at login.
(The password rules are in test_password_rules.py, where the suite's fast hasher is fine.)"""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password

from anjian.accounts.models import User


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    """Overrides the suite's fast hasher: these tests use the production hashers."""


def test_argon2_is_the_first_hasher():
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_stored_hashes_are_argon2(db):
    user = User.objects.create_user("hashed", password="Anjian-test-2026")
    assert user.password.startswith("argon2$argon2id$")
    assert "Anjian-test-2026" not in user.password
    assert user.check_password("Anjian-test-2026") and not user.check_password("anjian-test-2026")


def test_an_older_hash_is_upgraded_to_argon2_at_login(db, client):
    user = User.objects.create_user("legacy")
    user.password = make_password("Anjian-test-2026", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    response = client.post("/login/", {"username": "legacy", "password": "Anjian-test-2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2")
