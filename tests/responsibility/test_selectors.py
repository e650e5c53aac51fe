import datetime as dt

from django.utils import timezone

from anjian.responsibility import selectors
from anjian.responsibility.choices import AgreementKind, MeetingKind
from anjian.testing.responsibility import make_meeting, make_visit, sign


def this_year() -> int:
    """Read when a test runs, not when it is collected (a run may cross New Year)."""
    return timezone.localdate().year


def test_coverage_lists_every_expected_party_and_who_is_missing(world, factory):
    coverage = selectors.agreement_coverage(world.town, this_year())
    names = {p.name for p in coverage.parties}
    # villages, departments, the enterprise and the school; not shops, pits or the other town
    assert names == {"张一村", "后关村", "西张村派出所", "西张村镇中心校", "张一机械厂", "张一小学"}
    assert coverage.signed == 0 and len(coverage.missing) == 6

    sign(world, village=world.village_a)
    sign(world, unit=factory, with_scan=False)
    sign(world, village=world.village_b, year=this_year() - 1)  # last year's does not count
    coverage = selectors.agreement_coverage(world.town, this_year())
    assert coverage.signed == 2 and coverage.without_scan == 1
    assert {p.name for p in coverage.missing} == {"后关村", "西张村派出所", "西张村镇中心校", "张一小学"}
    by_kind = {k.kind: (k.expected, k.signed) for k in coverage.by_kind}
    assert by_kind == {AgreementKind.VILLAGE: (2, 1), AgreementKind.ENTERPRISE: (1, 1),
                       AgreementKind.SCHOOL: (1, 0), AgreementKind.DEPARTMENT: (2, 0)}
    assert round(coverage.rate, 2) == 0.33


def test_coverage_of_a_village_is_its_own_and_its_units(world, factory):
    coverage = selectors.agreement_coverage(world.village_a, this_year())
    assert {p.name for p in coverage.parties} == {"张一村", "张一机械厂", "张一小学"}


def test_deregistered_units_are_not_expected(world, factory):
    from anjian.units.services import unit_deregister

    unit_deregister(actor=None, unit=factory, reason="停产")
    assert "张一机械厂" not in {p.name for p in
                               selectors.agreement_coverage(world.town, this_year()).parties}


def test_meetings_are_counted_per_kind_in_the_period(world):
    today = timezone.localdate()
    make_meeting(world, day=today)
    make_meeting(world, day=today, safety_first=False)
    make_meeting(world, region=world.village_a, kind=MeetingKind.VILLAGE_COMMITTEE, day=today)
    make_meeting(world, day=today - dt.timedelta(days=400))
    counts = selectors.meetings_count(world.town, today - dt.timedelta(days=30), today)
    assert (counts.total, counts.safety_first) == (3, 2)
    assert counts.by_kind == [("party_committee", "党委会", 2, 1),
                              ("village_committee", "村两委会议", 1, 1)]
    assert selectors.meetings_count(world.village_b, today, today).total == 0


def test_visits_by_leader_counts_linked_units_and_visits(world, factory):
    today = timezone.localdate()
    make_visit(world, unit=factory, day=today)
    make_visit(world, unit=factory, day=today - dt.timedelta(days=1))
    make_visit(world, unit=world.units["school_a"], day=today - dt.timedelta(days=500))
    rows = selectors.visits_by_leader(world.town, today - dt.timedelta(days=30), today)
    row = next(r for r in rows if r.leader == world.people["leader"])
    assert (row.units, row.visits, row.units_visited, row.last_visit) == (1, 2, 1, today)
