"""Schemes for organisations (机关站所) and leaders (领导干部), and the new indicators, each figure
derived from the data built here."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from anjian.accounts.choices import Duty
from anjian.accounts.models import Person
from anjian.assessment import selectors, services
from anjian.assessment.models import IndicatorKey as K
from anjian.assessment.models import Scheme, Snapshot, TargetKind
from anjian.core.journal import entries_for
from anjian.inspections.models import LeaderInspectionRule
from anjian.testing.accidents import accident
from anjian.testing.responsibility import make_visit, sign
from anjian.testing.training import make_session
from anjian.units.models import Unit
from anjian.units.services import unit_create
from tests.inspections.helpers import submit

pytestmark = pytest.mark.django_db


def _haulier(world):
    """A road-transport enterprise in 张一村: monthly training due, supervised by the police
    (sector road_traffic)."""
    return unit_create(actor=None, data={"name": "西张村运输公司", "category": "enterprise",
                                         "subcategory": "road_transport", "region": world.grid_a})


def _scheme(world, target, indicators, name="测试方案"):
    return services.scheme_save(actor=world.users["office"], indicators=indicators, data={
        "name": name, "region": world.town, "target": target, "active": True})


def _line(rows, pk, key):
    row = next(r for r in rows if r.pk == pk)
    return next(ln for ln in row.lines if ln.key == key)


def _year_so_far():
    today = timezone.localdate()
    return dt.date(today.year, 1, 1), today


def test_organisation_indicators(world):
    haul = _haulier(world)
    police, school = world.police, world.school_office
    # The police supervise fire and road traffic: both shops (fire) and the haulier (road traffic).
    police_units = {world.units["shop_a"].pk, world.units["shop_b"].pk, haul.pk}
    assert set(Unit.objects.filter(sector__in=police.sectors.all(), region__path__startswith=world.town.path)
               .values_list("pk", flat=True)) == police_units
    start, end = _year_so_far()
    submit(world.users["office"], world.units["shop_a"], days_ago=0)  # 1 of the police's 3 units
    make_session(world.grid_a, unit=haul, held_on=start)  # one month of `end.month` months due
    sign(world, organisation=police)  # the police signed, the school office not
    accident(world.users["office"], unit=haul, deaths=1, occurred_at=timezone.now() - dt.timedelta(hours=2))
    scheme = _scheme(world, TargetKind.ORGANISATION, [
        (K.COVERAGE, 30, 1.0), (K.TRAINING, 20, 1.0), (K.AGREEMENTS, 20, 1.0), (K.ACCIDENTS, 15, 5.0),
        (K.ACCIDENT_DEATHS, 15, 10.0)])
    rows = selectors.compute(scheme, start, end)
    assert {r.name for r in rows} == {"西张村派出所", "西张村镇中心校"}
    coverage = _line(rows, police.pk, K.COVERAGE)
    assert coverage.detail.startswith("1/3") and coverage.points == round(30 / 3, 2)
    training = _line(rows, police.pk, K.TRAINING)
    assert training.detail.startswith(f"1/{end.month}") and training.points == round(20 / end.month, 2)
    assert _line(rows, police.pk, K.AGREEMENTS).points == 20
    assert _line(rows, school.pk, K.AGREEMENTS).detail.startswith("0/1")
    assert _line(rows, police.pk, K.ACCIDENTS).measure == 1
    assert _line(rows, police.pk, K.ACCIDENTS).points == 10
    assert _line(rows, police.pk, K.ACCIDENT_DEATHS).points == 5
    assert _line(rows, school.pk, K.ACCIDENTS).points == 15
    # The school office supervises 张一小学 only: no monthly training due (full marks), not inspected.
    assert _line(rows, school.pk, K.TRAINING).measure is None
    assert _line(rows, school.pk, K.COVERAGE).detail.startswith("0/1")


def test_village_gets_new_indicators(world):
    haul = _haulier(world)
    start, end = _year_so_far()
    # 张一村 is expected to sign with itself, 张一小学 and the haulier; two of three signed.
    sign(world, village=world.village_a)
    sign(world, unit=world.units["school_a"])
    accident(world.users["office"], unit=haul, occurred_at=timezone.now() - dt.timedelta(hours=2))
    scheme = _scheme(world, TargetKind.VILLAGE, [(K.AGREEMENTS, 30, 1.0), (K.ACCIDENTS, 20, 5.0),
                                                 (K.COVERAGE, 50, 1.0)])
    rows = selectors.compute(scheme, start, end)
    agreements = _line(rows, world.village_a.pk, K.AGREEMENTS)
    assert agreements.detail.startswith("2/3") and agreements.points == 20
    assert _line(rows, world.village_a.pk, K.ACCIDENTS).points == 15
    assert "occurred_from" in _line(rows, world.village_a.pk, K.ACCIDENTS).link
    assert _line(rows, world.village_b.pk, K.ACCIDENTS).points == 20
    # Coverage as a rate (not a percentage): 张一村 has 3 units, none inspected yet.
    assert _line(rows, world.village_a.pk, K.COVERAGE).detail == "0/3 0%"
    submit(world.users["office"], world.units["shop_a"])
    rows = selectors.compute(scheme, start, end)
    assert _line(rows, world.village_a.pk, K.COVERAGE).points == round(50 / 3, 2)


def _second_leader(world):
    return Person.objects.create(name="吴镇长", region=world.town, duty=Duty.LEADER, position="镇长")


def test_leader_ranking_changes_when_a_leader_led_inspection_is_added(world):
    leader, other = world.people["leader"], _second_leader(world)
    Unit.objects.filter(pk=world.units["shop_a"].pk).update(linked_leader=leader)
    Unit.objects.filter(pk=world.units["shop_b"].pk).update(linked_leader=other)
    rule = LeaderInspectionRule.objects.get(rank="party_secretary")
    rule.people.set([leader, other])
    scheme = _scheme(world, TargetKind.LEADER, [(K.LEADER_INSPECTION, 60, 1.0), (K.VISITS, 40, 1.0)])
    today = timezone.localdate()
    start = today - dt.timedelta(days=29)
    due = max(30 // rule.interval_days, 1)
    rows = selectors.compute(scheme, start, today)
    assert {r.name for r in rows} == {"燕生", "吴镇长"} and [r.rank for r in rows] == [1, 1]
    assert _line(rows, leader.pk, K.LEADER_INSPECTION).detail.startswith(f"0/{due}")
    submit(world.users["office"], world.units["shop_a"], days_ago=1, leader=leader)
    make_visit(world, unit=world.units["shop_a"], day=today)
    rows = selectors.compute(scheme, start, today)
    first = next(r for r in rows if r.pk == leader.pk)
    second = next(r for r in rows if r.pk == other.pk)
    assert first.rank == 1 and second.rank == 2
    assert _line(rows, leader.pk, K.LEADER_INSPECTION).points == round(60 * min(1 / due, 1), 2)
    visits = _line(rows, leader.pk, K.VISITS)
    assert visits.detail.startswith("1/1") and visits.points == 40
    assert _line(rows, other.pk, K.VISITS).detail.startswith("0/1")


def test_indicator_must_apply_to_target(world):
    with pytest.raises(ValidationError, match="不适用"):
        _scheme(world, TargetKind.ORGANISATION, [(K.LEADER_INSPECTION, 50, 1.0)])
    with pytest.raises(ValidationError, match="不适用"):
        _scheme(world, TargetKind.LEADER, [(K.DAILY_REPORT, 50, 1.0)])
    with pytest.raises(ValidationError, match="权重"):
        _scheme(world, TargetKind.VILLAGE, [(K.COVERAGE, 0, 1.0)])
    assert not Scheme.objects.exists()
    for target in TargetKind.values:
        scheme = services.scheme_create_default(actor=world.users["office"], town=world.town, target=target)
        assert sum(i.weight for i in scheme.indicators.all()) == 100


def _scheme_post(target, *rows, **extra):
    data = {"name": "机关站所考核", "region": "", "target": target, "active": "on",
            "ind-TOTAL_FORMS": str(len(rows)), "ind-INITIAL_FORMS": "0", "ind-MIN_NUM_FORMS": "0",
            "ind-MAX_NUM_FORMS": "1000", **extra}
    for n, (key, weight, goal) in enumerate(rows):
        data |= {f"ind-{n}-key": key, f"ind-{n}-weight": str(weight), f"ind-{n}-target": str(goal)}
    return data


def test_scheme_edit_page(world, client):
    client.force_login(world.users["office"])
    url = reverse("assessment:scheme_create")
    assert client.get(url).status_code == 200
    town = str(world.town.pk)
    refused = client.post(url, _scheme_post("organisation", ("visits", 50, 1), region=town))
    assert refused.status_code == 200 and "不适用于考核对象" in refused.content.decode()
    zero = client.post(url, _scheme_post("organisation", ("coverage", 0, 1), region=town))
    assert zero.status_code == 200 and not Scheme.objects.exists()
    ok = client.post(url, _scheme_post("organisation", ("coverage", 60, 1), ("daily_report", 40, 1),
                                       region=town))
    assert ok.status_code == 302
    scheme = Scheme.objects.get()
    assert scheme.target == "organisation"
    assert dict(scheme.indicators.values_list("key", "weight")) == {"coverage": 60, "daily_report": 40}
    page = client.get(reverse("assessment:scheme_edit", args=[scheme.pk])).content.decode()
    assert 'id="total-weight">100<' in page
    ind = {i.key: i.pk for i in scheme.indicators.all()}
    edit = _scheme_post("organisation", ("coverage", 70, 1), ("daily_report", 40, 1), region=town)
    edit |= {"ind-INITIAL_FORMS": "2", "ind-0-id": str(ind["coverage"]), "ind-1-id": str(ind["daily_report"]),
             "ind-1-DELETE": "on"}
    assert client.post(reverse("assessment:scheme_edit", args=[scheme.pk]), edit).status_code == 302
    assert dict(scheme.indicators.values_list("key", "weight")) == {"coverage": 70}
    entries = sorted(entries_for(scheme), key=lambda e: e.pk)
    assert [e.action for e in entries] == ["create", "update"]
    assert "indicators" in entries[1].changes
    # Only the office edits schemes; another town's office cannot reach this one.
    for name in ("leader", "agency", "village_a"):
        client.force_login(world.users[name])
        assert client.get(url).status_code == 404, name
    client.force_login(world.users["office_b"])
    assert client.get(reverse("assessment:scheme_edit", args=[scheme.pk])).status_code == 404


def test_snapshot_and_api_carry_target_kind(world, client):
    scheme = services.scheme_create_default(actor=world.users["office"], town=world.town,
                                            target=TargetKind.ORGANISATION)
    start, end = _year_so_far()
    snapshot = services.snapshot_freeze(actor=world.users["office"], scheme=scheme, start=start, end=end)
    assert snapshot.target == "organisation"
    assert {r["name"] for r in snapshot.rows} == {"西张村派出所", "西张村镇中心校"}
    assert all(r["kind"] == "organisation" and r["target"] for r in snapshot.rows)
    assert Snapshot.objects.get().rows == snapshot.rows
    client.force_login(world.users["office"])
    data = client.get(f"/api/assessment/schemes/{scheme.pk}/").json()
    assert data["target"] == "organisation" and len(data["indicators"]) == 8
    ranking = client.get(f"/api/assessment/schemes/{scheme.pk}/ranking/?start={start}&end={end}").json()
    assert {r["name"] for r in ranking} == {"西张村派出所", "西张村镇中心校"}
    assert all("detail" in ln for r in ranking for ln in r["lines"])
