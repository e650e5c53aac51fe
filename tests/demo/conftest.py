"""The demo township, built once for every test in tests/demo (it takes a few seconds).

It is written inside an outer transaction that is rolled back after the last test of this package,
so the rest of the suite never sees it; each test runs in a savepoint inside it (the `db` fixture).
"""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import transaction
from django.test import override_settings

from anjian.demo.builder import build_demo

FAST_ARGON2 = ["tests.demo.conftest.FastArgon2"]


class FastArgon2(Argon2PasswordHasher):
    """Argon2 as in production, with cheap parameters: logging in ten users stays quick."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            media = tmp_path_factory.mktemp("demo-media")  # the demo year's photos
            with override_settings(PASSWORD_HASHERS=FAST_ARGON2, MEDIA_ROOT=str(media)):
                result = build_demo()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield result
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def town(demo, db):
    """The demo's database, for one test (changes it makes are rolled back)."""
    return demo
