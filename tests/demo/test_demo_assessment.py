"""The demo's assessment: the default village scheme, an organisation and a leader scheme with a
published quarter each, actions aimed at villages, an organisation, a person and a unit, linked to
their causes, a live ranking, and nothing added on a second run."""

from anjian.assessment import selectors
from anjian.assessment.models import AccountabilityAction, Scheme, Snapshot, TargetKind
from anjian.demo import assessment
from anjian.demo.builder import kit_from_database
from anjian.demo.township import TOWN_CODE
from anjian.regions.models import Region


def test_scheme_actions_and_ranking(town):
    region = Region.objects.get(code=TOWN_CODE)
    scheme = Scheme.objects.get(region=region, target=TargetKind.VILLAGE)
    assert sum(scheme.indicators.values_list("weight", flat=True)) == 100
    actions = AccountabilityAction.objects.filter(village__parent=region)
    assert 6 <= actions.count() <= 12
    assert {"notice", "accountability"} <= set(actions.values_list("kind", flat=True))
    assert actions.filter(hazard__isnull=False).exists() and actions.filter(snapshot__isnull=False).exists()
    snapshots = list(scheme.snapshots.order_by("start"))
    assert len(snapshots) == 2 and snapshots[0].end < snapshots[1].start
    assert len(snapshots[1].rows) == Region.objects.filter(parent=region).count()
    for action in actions.filter(hazard__isnull=False):
        assert action.hazard.region.path.startswith(action.region.path)
    kit = kit_from_database()
    rows = selectors.compute(scheme, kit.year.day(90), kit.year.today)
    assert len(rows) == Region.objects.filter(parent=region).count()
    assert len({r.total for r in rows}) > 1  # the figures tell villages apart
    before = AccountabilityAction.objects.count()
    assessment.build(kit)
    assert AccountabilityAction.objects.count() == before
    assert Snapshot.objects.filter(scheme=scheme).count() == 2
    assert Scheme.objects.filter(region=region).count() == 3


def test_organisation_and_leader_schemes_and_targeted_actions(town):
    region = Region.objects.get(code=TOWN_CODE)
    kit = kit_from_database()
    for target in (TargetKind.ORGANISATION, TargetKind.LEADER):
        scheme = Scheme.objects.get(region=region, target=target)
        snapshot = scheme.snapshots.get()
        assert snapshot.target == target and snapshot.rows
        assert all(r["kind"] == target for r in snapshot.rows)
        assert selectors.compute(scheme, kit.year.day(90), kit.year.today)
    org_action = AccountabilityAction.objects.get(organisation__isnull=False)
    assert org_action.region == region and org_action.sha256 and org_action.snapshot is not None
    unit_action = AccountabilityAction.objects.get(unit__isnull=False)
    assert unit_action.accident is not None and unit_action.accident.unit == unit_action.unit
    person_action = AccountabilityAction.objects.get(person__isnull=False)
    assert person_action.region.parent == region  # the village of the secretary
