"""The account services the pages and the API share: scope re-checks, journal, refusals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anjian.accounts import services
from anjian.accounts.models import Person, RoleGrant
from anjian.core.models import JournalEntry


def test_person_moved_out_of_scope_is_refused_and_rolled_back(world):
    person = services.person_create(actor=world.users["village_a"], data={
        "name": "赵六", "duty": "cadre", "region": world.village_a})
    with pytest.raises(PermissionDenied):
        services.person_update(actor=world.users["village_a"], person=person,
                               data={"region": world.village_b})
    person.refresh_from_db()
    assert person.region == world.village_a
    assert not JournalEntry.objects.filter(content_type__model="person", object_id=str(person.pk),
                                           action="update").exists()


def test_person_created_outside_scope_leaves_nothing(world):
    before = Person.objects.count()
    with pytest.raises(PermissionDenied):
        services.person_create(actor=world.users["village_a"], data={
            "name": "越界", "duty": "cadre", "region": world.village_b})
    assert Person.objects.count() == before


def test_staff_of_an_organisation_must_sit_under_it(world):
    with pytest.raises(ValidationError) as exc:
        services.person_create(actor=world.users["office"], data={
            "name": "错位", "duty": "staff", "region": world.county, "organisation": world.police})
    assert "机构“西张村派出所”不在" in exc.value.message_dict["organisation"][0]


def test_role_grant_is_journaled_on_the_user(world):
    user = world.users["nobody"]
    grant = services.role_grant_create(actor=world.users["sysadmin"], user=user,
                                       role="grid_worker", region=world.grid_a)
    entry = JournalEntry.objects.get(content_type__model="user", object_id=str(user.pk))
    assert entry.changes["roles"] == [[], [str(grant)]] and entry.actor == world.users["sysadmin"]


def test_only_system_admins_manage_users(world):
    for who in ("office", "secadmin", "auditor"):
        with pytest.raises(PermissionDenied):
            services.user_create(actor=world.users[who], data={
                "username": f"made_by_{who}", "password": "Xizhang-2026-ok"})
        with pytest.raises(PermissionDenied):
            services.role_grant_create(actor=world.users[who], user=world.users["nobody"],
                                       role="village", region=world.village_a)
    assert not RoleGrant.objects.filter(user=world.users["nobody"]).exists()


def test_duplicate_grant_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.role_grant_create(actor=world.users["sysadmin"], user=world.users["village_a"],
                                   role="village", region=world.village_a)
    assert exc.value.message_dict["role"] == ["该用户已有相同的角色授权"]


def test_password_rules_speak_chinese(world):
    with pytest.raises(ValidationError) as exc:
        services.user_set_password(actor=world.users["sysadmin"], user=world.users["village_a"],
                                   password="village_a1")
    messages = " ".join(exc.value.message_dict["password"])
    assert "密码" in messages and "This password" not in messages
