"""Statements built once (core.statements): the same rows and instances as the ORM's, on both
databases, and scoped queries that follow the user's grants (accounts.grant_cache)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from rest_framework.authtoken.models import Token

from anjian.accounts import grant_cache
from anjian.accounts.choices import Role
from anjian.accounts.models import RoleGrant, User
from anjian.core import journal
from anjian.core.journal_chain import verify_chain
from anjian.core.models import JournalAction, JournalEntry
from anjian.core.statements import Compiled, insert
from anjian.inspections.models import InspectionRecord
from anjian.inspections.services import unit_reachable, unit_visible
from anjian.units.models import Unit


def values(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_a_compiled_query_gives_the_orms_instances_for_each_value(world):
    shop = world.units["shop_a"]
    Unit.objects.filter(pk=shop.pk).update(latitude=Decimal("34.512345"), employees=7)
    by_pk = Compiled(lambda pk: Unit.objects.filter(pk=pk), int)
    for unit in (world.units["shop_a"], world.units["pit_b"]):
        (found,) = by_pk(unit.pk)
        assert values(found) == values(Unit.objects.get(pk=unit.pk))
        assert found._state.db == "default" and not found._state.adding
    (found,) = by_pk(shop.pk)
    assert found.latitude == Decimal("34.512345") and timezone.is_aware(found.created_at)
    assert by_pk(987654321) == []


def test_select_related_and_annotations_come_back_as_the_orm_builds_them(world):
    user = world.users["village_a"]
    token = Token.objects.create(user=user)
    from anjian.accounts.authentication import _token_query

    (found,) = _token_query(Token)(token.key)
    assert found.user == user and found.user.username == user.username
    assert found.grants_token == grant_cache.current_token()
    assert _token_query(Token)("no-such-key") == []


def test_a_value_that_would_not_reach_the_sql_unchanged_is_refused():
    with pytest.raises(ValueError, match="once as a parameter"):
        Compiled(lambda name: Unit.objects.filter(name__startswith=name), str)
    assert Compiled(lambda pk: Unit.objects.none(), int)(1) == []


def test_insert_stores_rows_in_list_order_with_their_keys(world):
    unit = world.units["shop_a"]
    when = timezone.now() - dt.timedelta(hours=2)
    for count in (1, 3, 120):  # VALUES, and arrays (UNNEST) on PostgreSQL from 100 rows
        records = [InspectionRecord(unit=unit, kind="grid_patrol", inspected_at=when,
                                    summary=f"第{n}条", latitude=Decimal("34.5"))
                   for n in range(count)]
        insert(records)
        keys = [r.pk for r in records]
        assert keys == sorted(keys) and None not in keys
        for record in records:
            stored = InspectionRecord.objects.get(pk=record.pk)
            assert values(stored) == values(record)
            assert stored.created_at is not None  # auto_now_add, set by the insert
    with pytest.raises(ValueError, match="without a primary key"):
        insert([InspectionRecord.objects.first()])


def test_journal_entries_inserted_together_keep_an_unbroken_chain(world):
    actor = world.users["office"]
    unit = world.units["shop_a"]
    entries = [journal.build(actor, unit, JournalAction.UPDATE,
                             {"name": ["旧名", f"新名{n}"], "n": [n, n + 1], "nested": {"键": [1.5]}})
               for n in range(3)]
    journal.record_many(entries)
    stored = list(JournalEntry.objects.filter(pk__in=[e.pk for e in entries]).order_by("pk"))
    assert [e.changes for e in stored] == [e.changes for e in entries]
    assert stored[0].content_type == ContentType.objects.get_for_model(Unit)
    assert verify_chain() == []


def test_a_scoped_query_follows_the_users_grants(world):
    user = world.users["village_a"]
    mine, other = world.units["shop_a"], world.units["pit_b"]
    fresh = User.objects.get(pk=user.pk)
    assert unit_visible(fresh, mine.pk) == mine and unit_visible(fresh, other.pk) is None
    assert unit_reachable(fresh, mine.pk) and not unit_reachable(fresh, other.pk)
    RoleGrant.objects.create(user=user, role=Role.VILLAGE, region=world.village_b)
    fresh = User.objects.get(pk=user.pk)
    assert unit_visible(fresh, other.pk) == other and unit_reachable(fresh, other.pk)
    RoleGrant.objects.filter(user=user, region=world.village_b).delete()
    fresh = User.objects.get(pk=user.pk)
    assert unit_visible(fresh, other.pk) is None and not unit_reachable(fresh, other.pk)
    User.objects.filter(pk=user.pk).update(is_superuser=True)  # no grant row changes
    assert unit_visible(User.objects.get(pk=user.pk), other.pk) == other
