"""The demo year of field patrols (seed 000 §三, seed 001 §四): persuasion points on main roads
with the seed's vehicles and violations, the 37 rangers' daily check-ins (a couple missing today),
fire checkpoints and fire sources, and nothing added on a second run."""

from django.utils import timezone

from anjian.accounts.models import User
from anjian.demo import patrols
from anjian.demo.builder import (
    _year,  # noqa: F401 - the kit is built the way _year builds it
    kit_from_database,
)
from anjian.demo.township import TOWN_CODE
from anjian.patrols import selectors
from anjian.patrols.models import FireCheckpoint, FireSource, PatrolCheckIn, PersuasionRecord
from anjian.regions.models import Region


def _town():
    return Region.objects.get(code=TOWN_CODE)



def test_persuasions_on_main_roads_with_the_seeds_vehicles_and_violations(town):
    today = timezone.localdate()
    stats = selectors.persuasion_stats(_town(), today.replace(day=1) if today.day > 1 else today,
                                       today)
    records = PersuasionRecord.objects.filter(region__path__startswith=_town().path)
    assert records.count() > 200
    top = set(records.values_list("vehicle_type", flat=True))
    assert {"tricycle", "motorcycle", "farm_vehicle"} <= top
    assert {"farm_passengers", "no_helmet", "no_licence", "no_plate", "overload"} <= set(
        records.values_list("violation", flat=True))
    assert stats.total >= 0
    grid = User.objects.get(username="demo_grid")
    assert PersuasionRecord.objects.for_user(grid).exists()  # a point in the demo grid


def test_37_rangers_check_in_daily_and_a_couple_are_missing_today(town):
    rangers = selectors.rangers(_town())
    assert rangers.count() == 37
    missing = selectors.rangers_missing(_town(), timezone.localdate())
    checked_today = selectors.checkins_on(_town(), timezone.localdate())
    rangers_checked = set(checked_today.values_list("ranger_id", flat=True))
    # three rangers never check in today; the others have once it is past their patrol hour
    assert missing.count() >= 3
    assert missing.count() + len(rangers_checked) == 37
    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    assert selectors.checkins_on(_town(), yesterday).count() > 30
    assert PatrolCheckIn.objects.count() > 37 * 25


def test_checkpoints_and_fire_sources(town):
    assert set(FireCheckpoint.objects.values_list("name", flat=True)) >= {"东山防火检查站"}
    fires = FireSource.objects.all()
    assert fires.count() >= 10
    assert fires.filter(handled_at__isnull=True).count() == 1


def test_a_second_run_adds_nothing(town):
    before = PersuasionRecord.objects.count(), PatrolCheckIn.objects.count()
    kit = kit_from_database()
    patrols.build(kit)
    assert (PersuasionRecord.objects.count(), PatrolCheckIn.objects.count()) == before
    assert not kit.created
