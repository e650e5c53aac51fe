"""The demo's duty ledger: a full roster with a leader on duty every day, a duty log and
handovers; built again it adds nothing."""

import datetime as dt

import pytest
from django.db.models import Count
from django.utils import timezone

from anjian.accounts.choices import Duty
from anjian.accounts.models import Person
from anjian.demo import duty as demo_duty
from anjian.demo.builder import kit_from_database
from anjian.demo.periods import DemoYear
from anjian.duty import selectors
from anjian.duty.models import DutyHandover, DutyLogEntry, DutyShift
from anjian.regions.models import Region


@pytest.fixture
def duty_town(town):
    return Region.objects.get(level=2, name="西张村镇")


def test_the_roster_covers_the_whole_year_and_four_weeks_ahead(town, duty_town):
    year = DemoYear()
    start = timezone.make_aware(dt.datetime.combine(year.start, dt.time(8, 30)))
    end = timezone.make_aware(dt.datetime.combine(year.today + dt.timedelta(days=28),
                                                  dt.time(8, 30)))
    coverage = selectors.coverage_gaps(duty_town, start, end)
    assert coverage.gaps == [] and coverage.overlaps == []
    assert len(coverage.shifts) == 2 * ((end - start).days)
    assert selectors.on_duty_now(duty_town)  # someone is on duty now
    assert town.created["duty shifts"] == DutyShift.objects.count()


def test_two_people_per_shift_and_a_leader_each_day_rotating(duty_town):
    shifts = DutyShift.objects.filter(region=duty_town).annotate(n=Count("people"))
    assert set(shifts.values_list("n", flat=True)) == {2}
    leaders = set(shifts.values_list("leader__duty", flat=True))
    assert leaders == {Duty.LEADER}
    assert shifts.values("leader").distinct().count() == 10
    first_two = list(shifts.order_by("start")[:2])
    assert first_two[0].leader_id == first_two[1].leader_id  # one leader leads the whole day
    staff = Person.objects.filter(duty_shifts__region=duty_town).distinct()
    assert 6 <= staff.count() <= 15 and not staff.exclude(region=duty_town).exists()


def test_a_believable_log_and_a_handover_after_every_past_shift(duty_town):
    entries = DutyLogEntry.objects.filter(shift__region=duty_town)
    assert 100 <= entries.count() <= 300
    assert set(entries.values_list("kind", flat=True)) == {"call", "event", "instruction", "other"}
    assert entries.filter(closed=False).count() < 10 and entries.filter(closed=True).exists()
    for entry in entries.order_by("?")[:20]:
        assert entry.shift.start <= entry.received_at <= entry.shift.end
    now = timezone.now()
    ended = DutyShift.objects.filter(region=duty_town, end__lte=now).count()
    assert DutyHandover.objects.filter(from_shift__region=duty_town).count() == ended
    open_past = entries.filter(closed=False, shift__end__lte=now)
    for entry in open_past:
        assert entry.handovers.exists()  # carried over to the next shift



def test_building_again_adds_nothing(town):
    before = (DutyShift.objects.count(), DutyLogEntry.objects.count(),
              DutyHandover.objects.count())
    kit = kit_from_database()
    demo_duty.build(kit)
    assert not kit.created
    assert (DutyShift.objects.count(), DutyLogEntry.objects.count(),
            DutyHandover.objects.count()) == before


def test_the_builder_is_deterministic_and_fast(town):

    kit = kit_from_database()
    first = list(DutyShift.objects.order_by("start").values_list("start", "leader__name")[:30])
    DutyHandover.carried_entries.through.objects.all().delete()
    DutyHandover.objects.all().delete()
    DutyLogEntry.objects.all().delete()
    DutyShift.people.through.objects.all().delete()
    DutyShift.objects.all().delete()
    demo_duty.build(kit)
    assert list(DutyShift.objects.order_by("start").values_list("start", "leader__name")[:30]) == first
