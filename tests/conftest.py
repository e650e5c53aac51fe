import pytest

from anjian.testing.world import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is the production hasher (tested in tests/accounts); tests use a fast one."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    """Uploaded photos go to a temporary folder, never into the project's data/media."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture
def world_tx(transactional_db):
    """The same world for tests that need committed data (browser tests against the live server)."""
    return build_world()


@pytest.fixture(autouse=True)
def _chinese_first():
    """Each test starts in the default language: LocaleMiddleware leaves the last request's
    language active in the thread, and a test that switched to English must not leak it."""
    from django.utils import translation

    translation.activate("zh-hans")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_at_once():
    """Queued tasks run in the calling thread on an in-memory queue (huey's immediate mode): no
    test writes to the project's data/queue.sqlite3 or needs a worker running."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield
    HUEY.immediate = False
