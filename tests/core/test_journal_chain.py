"""The journal's hash chain: built by every write path, checked by verify_chain."""

import json
import re
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from anjian.core import journal, journal_chain
from anjian.core.journal_chain import GENESIS, HASHED_FIELDS, cached_label, entry_hash
from anjian.core.models import JournalAction, JournalAppendOnlyError, JournalEntry
from anjian.regions.models import Region

HEX64 = re.compile(r"^[0-9a-f]{64}$")


def assert_linked(entries):
    """Each entry's prev_hash is the previous entry's hash and its hash covers its content."""
    label = cached_label()
    prev = GENESIS
    for entry in entries:
        assert HEX64.match(entry.hash), entry.pk
        assert entry.prev_hash == prev, entry.pk
        assert entry.hash == entry_hash(prev, [getattr(entry, f) for f in HASHED_FIELDS], label)
        prev = entry.hash


def test_services_writes_form_one_chain(journal_writes):
    assert journal_writes[0].prev_hash == GENESIS
    assert_linked(journal_writes)
    assert {e.content_type.model for e in journal_writes} >= {"region", "organisation", "unit"}
    assert journal.verify_chain() == []


def test_hash_covers_the_documented_canonical_form():
    """Pinned so a change of format (which would fail every stored entry) cannot go unnoticed."""
    import datetime as dt

    values = [dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))), 7, "王芳",
              "req-1", "api", "update", 99, "12", "张一便民超市", {"name": ["旧", "新"], "a": [None, 1.5]},
              ""]
    text = journal_chain.canonical(values, {99: "units.unit"}.get)
    assert text == ('["2026-03-01T00:30:00.000000+00:00",7,"王芳","req-1","api","update","units.unit",'
                    '"12","张一便民超市",{"a":[null,1.5],"name":["旧","新"]},""]')
    # sha256(64 zeros + that text), as docs/journal.md describes it
    assert entry_hash(GENESIS, values, {99: "units.unit"}.get) == \
        "f0795d5bbf1f6c3f0b8469491a69234481e94a123357c6d84b8fe1559a1b5a73"


@pytest.mark.django_db
def test_the_bulk_chainer_hashes_as_the_canonical_form_does():
    """`chainer` assembles the canonical text from pieces encoded once; it must be the text
    `entry_hash` hashes, for awkward values too (quotes, backslashes, control characters)."""
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from anjian.units.models import Unit

    ct = ContentType.objects.get_for_model(Unit)
    label = journal_chain.cached_label()
    common = {"created_at": dt.datetime(2026, 3, 1, 8, 30, 5, 17, tzinfo=dt.UTC), "actor_id": None,
              "actor_name": '王"芳\\', "request_id": "r\n1", "source": "import",
              "content_type_id": ct.pk, "comment": "Excel台账导入：\t台账.xlsx"}
    rows = [("create", "12", '张一"便民"超市\\', {"name": [None, "x\u0001y"], "employees": [None, 3]}),
            ("update", "13", "", {"is_above_size": [False, True], "a": ["旧", None]})]
    with transaction.atomic():
        chain = journal_chain.chainer(common)
        pairs = [chain(a, o, r, journal_chain.encode_changes(c)) for a, o, r, c in rows]
    prev = journal_chain.GENESIS
    for (action, object_id, object_repr, changes), pair in zip(rows, pairs, strict=True):
        values = [{**common, "action": action, "object_id": object_id, "object_repr": object_repr,
                   "changes": changes}[name] for name in journal_chain.HASHED_FIELDS]
        assert pair == (prev, entry_hash(prev, values, label))
        prev = pair[1]


def test_tampered_changes_are_named(journal_writes):
    victim = journal_writes[3]
    JournalEntry.objects.filter(pk=victim.pk).update(changes={"notes": [None, "无隐患"]})
    problems = journal.verify_chain()
    assert [p.entry_id for p in problems] == [victim.pk]
    assert "内容与哈希不符" in str(problems[0])
    assert victim.object_repr in problems[0].object


def test_tampered_time_and_actor_name_are_caught(journal_writes):
    first, second = journal_writes[1], journal_writes[4]
    JournalEntry.objects.filter(pk=first.pk).update(created_at=first.created_at.replace(microsecond=1))
    JournalEntry.objects.filter(pk=second.pk).update(actor_name="张三")
    assert [p.entry_id for p in journal.verify_chain(batch_size=2)] == [first.pk, second.pk]


def test_deleted_entry_names_the_one_after_the_gap(journal_writes):
    gone, after = journal_writes[2], journal_writes[3]
    JournalEntry.objects.filter(pk=gone.pk).delete()
    problems = journal.verify_chain()
    assert [p.entry_id for p in problems] == [after.pk]
    assert "不衔接" in problems[0].reasons[0]


def test_deleted_first_entry_is_caught(journal_writes):
    JournalEntry.objects.filter(pk=journal_writes[0].pk).delete()
    assert [p.entry_id for p in journal.verify_chain()] == [journal_writes[1].pk]


def test_small_batches_see_the_same_chain(journal_writes):
    JournalEntry.objects.filter(pk=journal_writes[5].pk).update(object_repr="别的单位")
    report = journal.check_chain(batch_size=1)
    assert report.checked == len(journal_writes)
    assert [p.entry_id for p in report.problems] == [journal_writes[5].pk]
    assert report.last_id == journal_writes[-1].pk
    assert report.last_hash == journal_writes[-1].hash


def _entries(n, comment=""):
    return [journal.build(None, Region(pk=i, name=f"网格{i}"), JournalAction.CREATE,
                          {"name": [None, f"网格{i}"], 3: ("元组", i)}, comment=comment)
            for i in range(1, n + 1)]


def test_record_many_chains_across_batches(journal_writes):
    journal.record_many(_entries(250), batch_size=100)
    journal.record(None, Region(pk=1, name="张一村"), JournalAction.UPDATE, {"name": ["甲", "乙"]})
    entries = list(JournalEntry.objects.order_by("id"))
    assert len(entries) == len(journal_writes) + 251
    assert_linked(entries)
    # changes are stored as JSON gives them back, so what was hashed is what is read
    assert entries[len(journal_writes)].changes == {"name": [None, "网格1"], "3": ["元组", 1]}
    assert journal.verify_chain() == []


def test_record_works_outside_a_transaction(transactional_db):
    entry = journal.record(None, Region(pk=5, name="张五村"), JournalAction.CREATE, {"a": [None, 1]})
    journal.record_many(_entries(3))
    assert entry.prev_hash == GENESIS
    assert_linked(JournalEntry.objects.order_by("id"))


def test_rows_written_around_the_orm_are_reported_then_sealed(journal_writes):
    """The ledger importer inserts journal rows with raw SQL; they start without a hash."""
    raw = _entries(2, comment="raw")
    with connection.cursor() as cursor:
        for entry in raw:
            cursor.execute(
                f"INSERT INTO {JournalEntry._meta.db_table} (created_at, actor_name, request_id, source, "
                "action, content_type_id, object_id, object_repr, changes, comment) "
                "VALUES (%s, %s, '', '', %s, %s, %s, %s, %s, %s)",
                [entry.created_at, entry.actor_name, entry.action, entry.content_type_id,
                 entry.object_id, entry.object_repr, json.dumps(entry.changes), entry.comment])
    unsealed = list(JournalEntry.objects.filter(hash="").order_by("id").values_list("id", flat=True))
    assert len(unsealed) == 2
    problems = journal.verify_chain()
    assert [p.entry_id for p in problems] == unsealed
    assert "未入链" in problems[0].reasons[0]
    with transaction.atomic():
        assert journal.seal_pending() == 2
    assert journal.verify_chain() == []
    assert_linked(JournalEntry.objects.order_by("id"))


def test_later_writes_chain_past_unsealed_rows_and_leave_them_reported(journal_writes):
    """Only a row's writer may seal it: otherwise a raw INSERT at the end would be absorbed into
    the chain by whoever writes next."""
    last = journal_writes[-1]
    JournalEntry.objects.filter(pk=last.pk).update(hash="", prev_hash="")
    entry = journal.record(None, Region(pk=9, name="九村"), JournalAction.CREATE, {"a": [None, 9]})
    assert entry.prev_hash == journal_writes[-2].hash
    assert [p.entry_id for p in journal.verify_chain()] == [last.pk]


def test_migration_chains_existing_rows_like_the_app_does(journal_writes):
    JournalEntry.objects.update(hash="", prev_hash="")
    executor = MigrationExecutor(connection)
    apps = executor.loader.project_state([("core", "0002_journal_hash_chain")]).apps
    migration = import_module("anjian.core.migrations.0002_journal_hash_chain")
    migration.chain_existing(apps, SimpleNamespace(connection=connection))
    stored = list(JournalEntry.objects.order_by("id").values_list("prev_hash", "hash"))
    assert stored == [(e.prev_hash, e.hash) for e in journal_writes]
    assert journal.verify_chain() == []


def test_stored_entries_cannot_be_saved_or_deleted(journal_writes):
    entry = JournalEntry.objects.get(pk=journal_writes[0].pk)
    entry.comment = "改过"
    with pytest.raises(JournalAppendOnlyError):
        entry.save()
    with pytest.raises(JournalAppendOnlyError):
        entry.save(update_fields=["comment"])
    with pytest.raises(JournalAppendOnlyError):
        entry.delete()
    assert JournalEntry.objects.get(pk=entry.pk).comment == journal_writes[0].comment
    assert journal.verify_chain() == []


def test_a_new_entry_saved_directly_is_chained(journal_writes):
    entry = journal.build(None, Region(pk=3, name="三村"), JournalAction.CREATE, {"x": [None, 1]})
    entry.save()
    assert entry.prev_hash == journal_writes[-1].hash
    assert journal.verify_chain() == []


def test_deleting_a_user_leaves_their_entries_and_the_chain_intact(journal_writes):
    """The journal keeps a deleted user's id and name: nulling actor_id would break the chain."""
    from anjian.accounts.models import User
    from anjian.regions.services import region_create

    clerk = User.objects.create_user("journal_clerk", display_name="王文书", is_superuser=True)
    region = region_create(actor=clerk, parent=None, name="渑池县", code="411221", kind="district")
    entry = JournalEntry.objects.get(object_id=str(region.pk), content_type__model="region")
    clerk_id = clerk.pk
    clerk.delete()
    entry = JournalEntry.objects.get(pk=entry.pk)
    assert (entry.actor_id, entry.actor_name) == (clerk_id, "王文书")
    assert journal.entries_for(region).get().actor is None  # the join finds no user, no error
    assert journal.verify_chain() == []
