"""The password rules reject short, common, numeric-only and letters-only passwords with Chinese
messages, wherever a password is set, and a refused password changes nothing."""

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from anjian.accounts.models import User
from anjian.accounts.services import user_create, user_set_password
from tests.api.conftest import assert_chinese


@pytest.mark.parametrize("password, why", [
    ("Ab1x", "短"),  # too short
    ("password123", "常见"),  # common
    ("20260101123456", "数字"),  # numeric only
    ("anjianxitong", "字母和数字"),  # letters only
])
def test_weak_passwords_are_refused_with_a_chinese_message(world, password, why):
    admin = world.users["sysadmin"]
    with pytest.raises(ValidationError) as create:
        user_create(actor=admin, data={"username": "weak", "password": password})
    messages = create.value.message_dict["password"]
    assert_chinese(messages)
    assert any(why in m for m in messages), messages
    assert not User.objects.filter(username="weak").exists()
    target = world.users["grid_a"]
    old_hash = target.password
    with pytest.raises(ValidationError) as reset:
        user_set_password(actor=admin, user=target, password=password)
    assert_chinese(reset.value.message_dict["password"])
    target.refresh_from_db()
    assert target.password == old_hash


@pytest.mark.parametrize("password", ["password123", "20260101123456", "anjianxitong"])
def test_djangos_own_validation_speaks_chinese_too(password):
    with pytest.raises(ValidationError) as exc:
        password_validation.validate_password(password)
    assert_chinese(exc.value.messages)


def test_a_good_password_passes(world):
    user = user_create(actor=world.users["sysadmin"],
                       data={"username": "strong", "password": "Xizhang-2026-anquan"})
    assert user.check_password("Xizhang-2026-anquan")
