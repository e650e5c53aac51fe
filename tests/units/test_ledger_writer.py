"""The import's streaming COPY (PostgreSQL only: SQLite imports insert after the file is read)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from anjian.units.imports import DEFAULTS, INSERT_FIELDS
from anjian.units.ledger.writer import CopyStream
from anjian.units.models import Unit

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")

FIELDS = INSERT_FIELDS


def shop(world, n: int, credit: str = "") -> tuple:
    now = timezone.now()
    values = DEFAULTS | {"name": f"流式写入商店{n}", "category": "small_venue", "subcategory": "small_shop",
                         "region": world.village_a.pk, "credit_code": credit, "created_at": now,
                         "updated_at": now}
    return tuple(values[n] for n in FIELDS)


def test_rows_get_keys_block_by_block_and_land_in_order(world):
    """Blocks of 2, then 4, then 4…: the COPY ends and begins again for each, and no query is
    sent while one is open (psycopg would refuse it)."""
    with CopyStream(Unit, FIELDS, first=2, largest=4) as stream:
        pks = [stream.add(shop(world, n)) for n in range(11)]
    assert pks == sorted(pks) and len(set(pks)) == 11
    stored = dict(Unit.objects.filter(name__startswith="流式写入商店").values_list("pk", "name"))
    assert stored == {pk: f"流式写入商店{n}" for n, pk in enumerate(pks)}


def test_nothing_is_taken_until_a_row_comes(world):
    def register(name: str) -> int:
        return Unit.objects.create(name=name, category="small_venue", subcategory="small_shop",
                                   region=world.village_a).pk

    before = register("之前登记的商店")
    with CopyStream(Unit, FIELDS):
        pass
    assert register("之后登记的商店") == before + 1


def test_a_taken_credit_code_is_djangos_integrity_error_and_the_block_rolls_back(world):
    taken = world.units["shop_a"].credit_code
    count = Unit.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        with CopyStream(Unit, FIELDS, first=2) as stream:
            stream.add(shop(world, 1))
            stream.add(shop(world, 2, credit=taken))
            stream.add(shop(world, 3))  # a new block: the COPY with the duplicate ends here
    assert Unit.objects.count() == count
