"""A user's grants are kept between requests only while the rows they come from are unchanged:
every write to those tables (also a bulk write, raw SQL, a rolled-back one) is seen at once."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from anjian.accounts.choices import Role
from anjian.accounts.models import GrantsVersion, RoleGrant, User
from anjian.core.scope import ADD
from anjian.regions.models import Organisation
from anjian.units.models import Unit, UnitAccess


def fresh(user: User) -> User:
    """The user as the next request loads it (no grants on the object yet)."""
    return User.objects.get(pk=user.pk)


def visible(user: User) -> set[str]:
    return set(Unit.objects.for_user(fresh(user)).values_list("name", flat=True))


def units_of(region) -> set[str]:
    return set(Unit.objects.filter(region__path__startswith=region.path).values_list("name", flat=True))


def test_a_second_request_reads_one_token_instead_of_the_grants(world):
    user = world.users["village_a"]
    first = fresh(user).scope_grants
    again = fresh(user)
    with CaptureQueriesContext(connection) as queries:
        grants = again.scope_grants
    assert grants is first
    assert [q["sql"] for q in queries.captured_queries] == [
        "SELECT token FROM accounts_grantsversion WHERE id = 1"]


def test_a_new_role_assignment_counts_at_once(world):
    user = world.users["village_a"]
    a, b = units_of(world.village_a), units_of(world.village_b)
    assert visible(user) == a and b and not a & b
    RoleGrant.objects.create(user=user, role=Role.VILLAGE, region=world.village_b)
    assert visible(user) == a | b


def test_bulk_and_raw_writes_count_too(world):
    enterprise = world.users["enterprise_a"]
    assert visible(enterprise) == {"张一便民超市"}
    UnitAccess.objects.bulk_create([UnitAccess(user=enterprise, unit=world.units["pit_b"],
                                               role=Role.ENTERPRISE)])
    assert visible(enterprise) == {"张一便民超市", "后关废弃坑口1号"}
    UnitAccess.objects.filter(user=enterprise).delete()  # one DELETE statement
    assert visible(enterprise) == set()
    village = world.users["village_a"]
    assert visible(village) == units_of(world.village_a)
    with connection.cursor() as cursor:  # the grant moved by hand, past the ORM
        cursor.execute("UPDATE accounts_rolegrant SET region_id = %s WHERE user_id = %s",
                       [world.village_b.pk, village.pk])
    assert visible(village) == units_of(world.village_b)


def test_an_agencys_sectors_and_a_regions_path_count(world):
    agency = world.users["agency"]
    before = fresh(agency).scope_grants
    police: Organisation = world.police
    police.sectors.clear()  # the m2m table
    after = fresh(agency).scope_grants
    assert after is not before and [g.sector_ids for g in after if g.region_path] == [frozenset()]
    world.grid_a.save()  # a region saved (its path may have moved)
    assert fresh(agency).scope_grants is not after


def test_a_rolled_back_assignment_is_not_kept(world):
    user = world.users["village_a"]
    a, b = units_of(world.village_a), units_of(world.village_b)
    with transaction.atomic():
        RoleGrant.objects.create(user=user, role=Role.VILLAGE, region=world.village_b)
        assert visible(user) == a | b  # kept under the token of a change about to roll back
        transaction.set_rollback(True)
    assert visible(user) == a
    RoleGrant.objects.create(user=world.users["nobody"], role=Role.GRID_WORKER, region=world.grid_a)
    assert visible(user) == a  # a later change: a new token, never the rolled-back one


def test_without_the_version_row_nothing_is_kept(world):
    GrantsVersion.objects.all().delete()
    user = world.users["office"]
    first = fresh(user).scope_grants
    assert fresh(user).scope_grants is not first
    assert Unit.objects.for_user(fresh(user), ADD).exists()


@pytest.mark.parametrize("table", ["accounts_rolegrant", "units_unitaccess", "regions_region",
                                   "regions_organisation", "regions_organisation_sectors"])
def test_every_table_grants_are_read_from_has_its_trigger(world, table):
    token = GrantsVersion.objects.get().token
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET id = id WHERE id = (SELECT MIN(id) FROM {table})")
    assert GrantsVersion.objects.get().token != token


def test_an_api_call_reads_its_token_user_and_grants_version_in_one_query(world):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    key = Token.objects.create(user=world.users["village_a"]).key
    client = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/units/").status_code == 200  # the grants read and kept
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/units/")
    assert response.status_code == 200
    assert {u["name"] for u in response.json()["results"]} == units_of(world.village_a)
    sqls = [q["sql"] for q in queries.captured_queries]
    assert "authtoken_token" in sqls[0] and "accounts_grantsversion" in sqls[0]
    assert not any("accounts_grantsversion" in sql for sql in sqls[1:])
    assert not any("accounts_rolegrant" in sql for sql in sqls)


def test_a_wrong_or_inactive_users_token_is_refused(world):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    assert APIClient(HTTP_AUTHORIZATION="Token 0123456789").get("/api/units/").status_code == 401
    user = world.users["village_a"]
    key = Token.objects.create(user=user).key
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert APIClient(HTTP_AUTHORIZATION=f"Token {key}").get("/api/units/").status_code == 401
