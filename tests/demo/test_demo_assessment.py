"""The demo's assessment: the default scheme, actions linked to their causes, a live ranking, and
nothing added on a second run."""

from anjian.assessment import selectors
from anjian.assessment.models import AccountabilityAction, Scheme, Snapshot
from anjian.demo import assessment
from anjian.demo.builder import kit_from_database
from anjian.demo.township import TOWN_CODE
from anjian.regions.models import Region


def test_scheme_actions_and_ranking(town):
    region = Region.objects.get(code=TOWN_CODE)
    scheme = Scheme.objects.get(region=region)
    assert sum(scheme.indicators.values_list("weight", flat=True)) == 100
    actions = AccountabilityAction.objects.filter(region__parent=region)
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
    before = actions.count()
    assessment.build(kit)
    assert AccountabilityAction.objects.filter(region__parent=region).count() == before
    assert Snapshot.objects.filter(scheme=scheme).count() == 2
