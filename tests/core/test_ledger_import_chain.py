"""Bulk writers insert journal rows with raw SQL, which link() never sees. The Excel ledger importer
(anjian/units/imports.py) hashes its rows in Python as it builds them (journal_chain.chain_values)
and inserts them sealed; a writer that inserts unsealed rows chains them afterwards with
journal.seal_pending() under journal.lock()."""

import datetime as dt
import json
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from anjian.core import journal
from anjian.core.journal_chain import encode_changes
from anjian.core.models import JournalEntry
from anjian.regions.models import Region
from anjian.units.imports import SNAPSHOT_FIELDS, _creation_changes
from anjian.units.ledger.writer import (
    allocate_ids,
    db_datetime,
    insert_creation_journal,
    insert_rows,
)
from anjian.units.models import Unit
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


def test_an_import_inserts_its_rows_sealed_after_the_last_entry(world):
    journal.record(None, world.village_a, "update", {"notes": ["", "导入前"]})
    tail = JournalEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    ids = import_with_creates_and_updates(world)
    entries = list(JournalEntry.objects.filter(id__in=ids).order_by("id").values_list("prev_hash", "hash"))
    assert len(entries) == 3 and all(h for _prev, h in entries)
    assert entries[0][0] == tail and [p for p, _h in entries[1:]] == [h for _p, h in entries[:-1]]
    journal.record(None, world.village_a, "update", {"notes": ["导入前", "导入后"]})
    assert journal.verify_chain() == []


def _database_changes(ids: list[int]) -> dict[str, dict]:
    """`changes` as the database builds them from the stored unit rows (insert_creation_journal)."""
    constants = {"created_at": timezone.now(), "actor": None, "actor_name": "", "request_id": "",
                 "source": "", "content_type": ContentType.objects.get_for_model(Unit).pk,
                 "comment": "参照", "action": "create"}
    with transaction.atomic():
        insert_creation_journal(Unit, ids, SNAPSHOT_FIELDS, constants, JournalEntry)
        built = dict(JournalEntry.objects.filter(comment="参照").values_list("object_id", "changes"))
        transaction.set_rollback(True)
    return built


def test_imported_creation_changes_are_what_the_database_would_build(world):
    """The importer's Python-built `changes` hold what the database built from the stored rows
    before (decimals with their places, booleans, FK ids, numbers; empty values left out)."""
    rows = [["名称", "信用代码", "子类", "村", "经度", "纬度", "建筑面积", "从业人数", "规模以上", "挂钩领导",
             "备注"],
            ["张一机械厂", code("G7", "91411203"), "机械", "张一村", 111.2, "34.654321", "88.5", 120, "否",
             "燕生", "二层"],
            ["张一砖厂", "", "建材", "张一村", "111", "", 2000, 0, "是", "", ""]]
    before = JournalEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    assert run(world, rows)[1].created == 2
    imported = dict(JournalEntry.objects.filter(id__gt=before, action="create").values_list("object_id", "changes"))
    assert len(imported) == 2
    assert imported == _database_changes(sorted(map(int, imported)))
    assert journal.verify_chain() == []


def test_creation_changes_match_the_database_for_every_field_type(world):
    """creation_changes against the database's own JSON for the same stored values, on this
    database: negative zero, trailing zeros, dates, true and false, 0, None and ''."""
    unit = world.units["shop_a"]
    base = {f.name: getattr(unit, f.attname) for f in Unit._meta.concrete_fields} | {"credit_code": ""}
    samples = [
        base | {"name": "样本一", "longitude": Decimal("-0.000000"), "latitude": Decimal("34.100000"),
                "floor_area": Decimal("88.50"), "employees": 0, "above_designated_size": True,
                "deregistered_at": dt.date(2024, 1, 2), "notes": "", "principal": "张三\"引号\"",
                "linked_leader": None},
        base | {"name": "样本二", "longitude": None, "latitude": Decimal("-34.000001"), "floor_area": Decimal("0.00"),
                "employees": None, "above_designated_size": False, "deregistered_at": None,
                "address": "", "sector": None, "notes": "第一行\n第二行\\反斜杠\u2028\t😀 <&>"},
    ]
    stamp = db_datetime(timezone.now())
    names = [f.name for f in Unit._meta.concrete_fields if not f.primary_key]
    with transaction.atomic():
        ids = allocate_ids(Unit, len(samples))
        insert_rows(Unit, ["id", *names], [
            (pk, *(stamp if n in ("created_at", "updated_at") else values[n] for n in names))
            for pk, values in zip(ids, samples, strict=True)])
        built = _database_changes(ids)
        for pk, values in zip(ids, samples, strict=True):
            text = _creation_changes([values[n] for n in SNAPSHOT_FIELDS])
            ours = json.loads(text)
            assert text == encode_changes(ours)  # the canonical text the chain hashes
            assert ours == built[str(pk)], pk
        transaction.set_rollback(True)


def test_journal_rows_inserted_in_several_batches_chain_in_order(world, monkeypatch):
    monkeypatch.setattr("anjian.units.ledger.writer.BATCH", 1)  # SQLite; one COPY stream on PostgreSQL
    ids = import_with_creates_and_updates(world)
    assert len(ids) == 3 and journal.verify_chain() == []
