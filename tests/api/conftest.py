import re

import pytest
from rest_framework.test import APIClient

CJK = re.compile(r"[\u4e00-\u9fff]")


def messages_of(detail) -> list[str]:
    """Every message string in a DRF error body (nested dicts and lists)."""
    if isinstance(detail, dict):
        return [m for v in detail.values() for m in messages_of(v)]
    if isinstance(detail, list):
        return [m for v in detail for m in messages_of(v)]
    return [str(detail)]


def assert_chinese(detail) -> None:
    messages = messages_of(detail)
    assert messages, detail
    for message in messages:
        assert CJK.search(message), f"not a Chinese message: {message!r}"


@pytest.fixture
def api(world):
    """api("office") -> an APIClient logged in (by session) as that persona of the world."""

    def client_for(username: str | None = None) -> APIClient:
        client = APIClient()
        if username:
            client.force_login(world.users[username])
        return client

    return client_for
