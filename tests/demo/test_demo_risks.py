"""The demo's commitments and risk grading: 60 days of commitments from the units that must file
(a few missed, a few late, some not yet today), risk points whose highest colour is the unit's
colour, one override with its reason, and nothing added on a second run."""

from collections import Counter

from django.utils import timezone

from anjian.core.journal import entries_for
from anjian.demo import risks
from anjian.demo.builder import build_demo
from anjian.demo.logins import ENTERPRISE_UNIT
from anjian.demo.township import TOWN_CODE
from anjian.regions.models import Region
from anjian.risks import selectors
from anjian.risks.models import RiskLevelOverride, RiskPoint, RiskReport, SafetyCommitment


def _town():
    return Region.objects.get(code=TOWN_CODE)


def test_sixty_days_of_commitments_from_the_units_that_must_file(town):
    units = list(selectors.expected_units(_town()))
    assert len(units) >= 12 and ENTERPRISE_UNIT in {u.name for u in units}
    commitments = SafetyCommitment.objects.filter(unit__in=units)
    assert commitments.values("date").distinct().count() >= 59
    per_unit = Counter(commitments.values_list("unit_id", flat=True))
    assert set(per_unit) == {u.pk for u in units}
    total = len(units) * 59
    assert 0.8 * total < commitments.exclude(date=timezone.localdate()).count() < total
    assert 0 < commitments.filter(is_late=True).count() < 0.2 * commitments.count()
    assert commitments.filter(all_ok=False).exclude(judgement_note="").exists()
    assert entries_for(commitments.first()).exists()
    owner = SafetyCommitment.objects.filter(unit__name=ENTERPRISE_UNIT).first()
    assert owner.filed_by.username == "demo_enterprise"


def test_some_have_not_filed_today_the_demo_enterprise_among_them(town):
    missing = {u.name for u in selectors.commitments_missing(_town(), timezone.localdate())}
    assert ENTERPRISE_UNIT in missing and len(missing) >= 2


def test_risk_points_agree_with_the_registry_colours(town):
    units = list(selectors.expected_units(_town()))
    for unit in units:
        assert RiskPoint.objects.filter(unit=unit).count() >= 2, unit
        assert selectors.unit_risk_colour(unit) == unit.risk_level, unit
    colours = Counter(u.risk_level for u in units)
    assert colours["red"] >= 1 and colours["orange"] >= 3
    assert RiskPoint.objects.filter(method="ls").exists()
    assert RiskReport.objects.filter(unit__name=ENTERPRISE_UNIT).exists()


def test_one_override_with_its_reason(town):
    override = RiskLevelOverride.objects.get()
    assert override.unit.name == risks.OVERRIDDEN and override.colour == "red"
    assert "镇安委会" in override.reason and override.lifted_at is None
    assert selectors.assessed_colour(override.unit) == "orange"


def test_a_second_run_adds_nothing(town):
    before = (SafetyCommitment.objects.count(), RiskPoint.objects.count())
    result = build_demo()
    assert (SafetyCommitment.objects.count(), RiskPoint.objects.count()) == before
    assert not any(k in result.created for k in ("safety commitments", "risk points"))
