"""Prepared statements only where a hot path asks for them (PostgreSQL with server-side binding)."""

import pytest
from django.db import connection

from anjian.core.prepared import prepared_statements
from anjian.units.models import Unit

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")


def prepared_texts() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def look_up(pk: int) -> list:
    return list(Unit.objects.filter(pk=pk).values_list("name", flat=True))


def test_a_statement_run_twice_inside_is_prepared_and_nothing_outside(world):
    pk = world.units["shop_a"].pk
    assert connection.settings_dict["OPTIONS"]["server_side_binding"] is True
    for _ in range(3):
        look_up(pk)
    assert not [s for s in prepared_texts() if '"units_unit"' in s]
    with prepared_statements():
        assert look_up(pk) == look_up(pk) == [world.units["shop_a"].name]
    assert [s for s in prepared_texts() if '"units_unit"' in s and "WHERE" in s]
    assert connection.connection.prepare_threshold is None  # handed back


def test_outside_the_block_a_prepared_statement_is_not_used(world):
    pk = world.units["shop_a"].pk
    with prepared_statements():
        look_up(pk)
        look_up(pk)
    before = len(prepared_texts())
    with connection.cursor() as cursor:
        cursor.execute("SELECT generic_plans + custom_plans FROM pg_prepared_statements")
        runs = sum(row[0] for row in cursor.fetchall())
    look_up(pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT generic_plans + custom_plans FROM pg_prepared_statements")
        assert sum(row[0] for row in cursor.fetchall()) == runs
    assert len(prepared_texts()) == before
