"""Concurrent writers on PostgreSQL must not fork the chain (the advisory lock in journal_chain).
SQLite serialises writers itself (IMMEDIATE transactions), so this runs on PostgreSQL only."""

import threading

import pytest
from django.db import connection, transaction

from anjian.core import journal
from anjian.core.models import JournalAction, JournalEntry
from anjian.regions.models import Region

THREADS, EACH = 8, 15


def writer(start: threading.Barrier, n: int, errors: list) -> None:
    try:
        start.wait()
        for i in range(EACH):
            # one entry per transaction, and a record_many batch in between
            journal.record(None, Region(pk=n * 100 + i, name=f"网格{n}-{i}"), JournalAction.CREATE,
                           {"n": [None, n], "i": [None, i]})
            if i % 5 == 0:
                with transaction.atomic():
                    journal.record_many([
                        journal.build(None, Region(pk=n * 1000 + i * 10 + k, name="批量"),
                                      JournalAction.UPDATE, {"k": [k, k + 1]})
                        for k in range(3)])
    except Exception as error:  # noqa: BLE001 - reported by the test
        errors.append(error)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain():
    if connection.vendor != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's; SQLite serialises writers itself")
    before = JournalEntry.objects.count()
    start, errors = threading.Barrier(THREADS), []
    threads = [threading.Thread(target=writer, args=(start, n, errors)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    written = THREADS * (EACH + 3 * len(range(0, EACH, 5)))
    assert JournalEntry.objects.count() == before + written
    prev_hashes = list(JournalEntry.objects.values_list("prev_hash", flat=True))
    assert len(set(prev_hashes)) == len(prev_hashes), "two entries follow the same one: a fork"
    assert journal.verify_chain() == []
