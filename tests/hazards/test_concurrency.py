"""Two users acting on the same hazard at the same moment, in real concurrent transactions on
PostgreSQL: one wins, the other gets the conflict message, and no update is lost."""

import threading

import pytest
from django.db import connection, connections

from anjian.hazards import services as hs
from anjian.hazards.models import Hazard
from anjian.testing.hazards import assign_data, report, staged
from anjian.testing.world import make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks between concurrent transactions: PostgreSQL only "
                              "(SQLite serialises every writer; .ci/run runs this on PostgreSQL)"),
]


def _race(*calls):
    """Run the calls in threads released together; return each one's result or exception."""
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


def test_two_offices_acting_at_once_one_wins_the_other_is_told(world_tx):
    w = world_tx
    second = make_user("office2", "safety_office", region=w.town, display_name="应急办乙")
    hazard = report(w.users["grid_a"], w.units["shop_a"])
    version = hazard.version
    results = _race(
        lambda: hs.hazard_assign(actor=w.users["office"], hazard=hazard.pk, data=assign_data(),
                                 expected_version=version),
        lambda: hs.hazard_cancel(actor=second, hazard=hazard.pk,
                                 data={"cancel_reason": "duplicate"}, expected_version=version),
    )
    winners = [r for r in results if isinstance(r, Hazard)]
    losers = [r for r in results if isinstance(r, hs.HazardConflict)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert "刚刚已被他人处理" in losers[0].messages[0]
    fresh = Hazard.objects.get(pk=hazard.pk)
    assert fresh.state == winners[0].state and fresh.version == version + 1
    assert fresh.events.count() == 2  # the report and the winner's action: nothing lost or doubled


def test_without_a_version_the_second_is_refused_by_the_state_it_finds(world_tx):
    w = world_tx
    hazard = report(w.users["grid_a"], w.units["shop_a"])
    hs.hazard_assign(actor=w.users["office"], hazard=hazard, data=assign_data())
    hs.hazard_acknowledge(actor=w.users["enterprise_a"], hazard=hazard.pk)
    submit = {"rectification_note": "已整改", "funds_spent": "100"}
    results = _race(*[
        (lambda: hs.rectification_submit(actor=w.users["enterprise_a"], hazard=hazard.pk,
                                         data=submit, photos=[staged("after")]))
        for _ in range(3)])
    assert sum(isinstance(r, Hazard) for r in results) == 1, results
    fresh = Hazard.objects.get(pk=hazard.pk)
    assert fresh.state == "awaiting_acceptance"
    assert fresh.events.filter(action="submit").count() == 1
    assert fresh.photos.filter(stage="after").count() == 1
