"""Bulk writers (the Excel ledger importer, anjian/units/imports.py) insert journal rows with raw
SQL, which link() never sees: those rows start unsealed and the writer chains them with
journal.seal_pending() under journal.lock(); the importer does, so an import verifies."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from anjian.core import journal
from anjian.core.models import JournalEntry
from anjian.regions.models import Region
from tests.units.test_ledger_import import HEADER, code, row, run


def import_with_creates_and_updates(world) -> list[int]:
    """Two imports: new units (INSERT … SELECT journal rows), then a changed one (executemany)."""
    before = JournalEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    rows = [HEADER, row("张一百货", credit=code("D4"), phone="13800000061", staff=5),
            row("张一面馆", sub="小餐馆", address="东街3号", staff="6人", above="否", risk="蓝")]
    assert run(world, rows)[1].created == 2
    rows[1] = row("张一百货", credit=code("D4"), phone="13800000061", staff=7, risk="黄")
    assert run(world, rows)[1].updated == 1
    return list(JournalEntry.objects.filter(id__gt=before).order_by("id").values_list("id", flat=True))


def raw_entry(world) -> int:
    """A journal row written by raw SQL, as a bulk writer does, without a hash."""
    ct = ContentType.objects.get_for_model(Region)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {JournalEntry._meta.db_table} (created_at, actor_name, request_id, source,"
            " action, content_type_id, object_id, object_repr, changes, comment, prev_hash, hash)"
            " VALUES (%s, '', '', '', 'update', %s, %s, %s, %s, '', '', '')",
            [timezone.now(), ct.pk, str(world.village_a.pk), "张一村", '{"notes": ["", "x"]}'])
    return JournalEntry.objects.order_by("-id").values_list("id", flat=True).first()


def test_raw_rows_are_reported_until_sealed(world):
    """Rows a bulk writer inserted are named as unsealed, and nothing else is, until sealed."""
    pk = raw_entry(world)
    problems = journal.verify_chain()
    assert [p.entry_id for p in problems] == [pk] and "未入链" in problems[0].reasons[0]
    with transaction.atomic():
        journal.seal_pending()
    assert journal.verify_chain() == []


def test_later_writes_chain_past_unsealed_rows(world):
    pk = raw_entry(world)
    journal.record(None, world.village_a, "update", {"notes": ["", "复核"]})
    assert {p.entry_id for p in journal.verify_chain()} == {pk}


def test_an_import_leaves_a_verified_chain(world):
    import_with_creates_and_updates(world)
    assert journal.verify_chain() == []
