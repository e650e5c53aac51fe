"""Two offices putting the same person on overlapping shifts at the same moment, in real
concurrent transactions on PostgreSQL: the people's rows are locked, so exactly one succeeds and
the other is told whom and which shift it clashes with."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from anjian.duty.models import DutyShift
from anjian.testing.duty import at, duty_staff, make_shift
from anjian.testing.world import make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks between concurrent transactions: PostgreSQL only "
                              "(SQLite serialises every writer)"),
]


def _race(*calls):
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.mark.parametrize("attempt", range(3))
def test_two_overlapping_shifts_for_one_person_at_once_only_one_wins(world_tx, day, attempt):
    w = world_tx
    duty_staff(w)
    second_office = make_user("office2", "safety_office", region=w.town)
    results = _race(
        lambda: make_shift(w, at(day, 8, 30), at(day, 17, 30), ["duty_1", "duty_2"],
                           actor=w.users["office"]),
        lambda: make_shift(w, at(day, 12), at(day, 20), ["duty_3", "duty_2"], leader="leader_2",
                           actor=second_office),
    )
    winners = [r for r in results if isinstance(r, DutyShift)]
    losers = [r for r in results if isinstance(r, ValidationError)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert "陈守夜已安排在西张村镇" in losers[0].message_dict["people"][0]
    assert DutyShift.objects.count() == 1
