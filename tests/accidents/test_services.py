"""Recording accidents, grading them, their reporting timeline and supplementary reports."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from anjian.accidents import services
from anjian.accidents.choices import StepKind
from anjian.accidents.models import Accident, AccidentReportStep
from anjian.core.journal import entries_for
from anjian.testing.accidents import accident, local

pytestmark = pytest.mark.django_db


def kinds(acc):
    return [s.kind for s in acc.steps.order_by("pk")]


def test_three_deaths_make_a_relatively_serious_accident(world):
    acc = accident(world.users["office"], region=world.village_a, deaths=3)
    assert acc.grade == "relatively_serious"
    assert acc.get_grade_display() == "较大"


def test_two_deaths_make_an_ordinary_accident(world):
    acc = accident(world.users["office"], region=world.village_a, deaths=2)
    assert acc.grade == "ordinary"


def test_missing_persons_count_with_the_dead_for_the_grade(world):
    acc = accident(world.users["office"], region=world.village_a, deaths=2, missing=1)
    assert acc.grade == "relatively_serious"


def test_region_and_sector_come_from_the_unit(world):
    acc = accident(world.users["office"], unit=world.units["shop_b"], region=world.village_a)
    assert acc.region == world.units["shop_b"].region
    assert acc.sector_id == world.units["shop_b"].sector_id


def test_a_road_accident_without_unit_falls_to_the_traffic_sector(world):
    acc = accident(world.users["office"], region=world.village_a, road_traffic=True)
    assert acc.sector.code == "road_traffic"


def test_timeline_of_an_ordinary_accident(world):
    t = timezone.now() - dt.timedelta(days=2)
    acc = accident(world.users["office"], region=world.village_a, occurred_at=t,
                   unit_reported_at=None)
    assert kinds(acc) == [StepKind.UNIT_REPORT, StepKind.TO_CITY, StepKind.INVESTIGATION,
                          StepKind.APPROVAL]
    unit = acc.steps.get(kind=StepKind.UNIT_REPORT)
    assert unit.due_at == t + dt.timedelta(hours=1)
    assert unit.is_late()  # not reported, deadline passed
    assert acc.steps.get(kind=StepKind.TO_CITY).due_at == t + dt.timedelta(hours=3)
    assert acc.steps.get(kind=StepKind.INVESTIGATION).due_at == t + dt.timedelta(days=60)
    assert acc.steps.get(kind=StepKind.APPROVAL).due_at is None


def test_unit_report_within_the_hour_is_on_time_and_moves_the_next_deadline(world):
    t = timezone.now() - dt.timedelta(days=2)
    acc = services.accident_create(actor=world.users["office"], data={
        "occurred_at": t, "place": "路口", "region": world.village_a, "type_code": "2025:3",
        "description": "车辆伤害"}, unit_reported_at=t + dt.timedelta(minutes=40))
    unit = acc.steps.get(kind=StepKind.UNIT_REPORT)
    assert unit.done_at == t + dt.timedelta(minutes=40) and not unit.is_late()
    assert acc.steps.get(kind=StepKind.TO_CITY).due_at == t + dt.timedelta(minutes=160)


def test_a_late_unit_report_is_flagged(world):
    t = timezone.now() - dt.timedelta(days=2)
    acc = accident(world.users["office"], region=world.village_a, occurred_at=t)
    step = acc.steps.get(kind=StepKind.UNIT_REPORT)
    services.report_step_record(actor=world.users["office"], step=step,
                                done_at=t + dt.timedelta(hours=3), recipient="县应急管理局")
    step.refresh_from_db()
    assert step.is_late()
    assert AccidentReportStep.objects.get(pk=step.pk).recipient == "县应急管理局"


def test_relatively_serious_accident_escalates_to_the_province(world):
    acc = accident(world.users["office"], region=world.village_a, deaths=3)
    assert StepKind.TO_PROVINCE in kinds(acc) and StepKind.TO_STATE_COUNCIL not in kinds(acc)


def test_supplementary_report_within_window_regrades_and_adds_escalation(world):
    t = timezone.now() - dt.timedelta(days=5)
    office = world.users["office"]
    acc = accident(office, region=world.village_a, occurred_at=t, deaths=2)
    step = services.accident_casualties_update(actor=office, accident=acc, figures={"deaths": 3},
                                               note="一名重伤人员抢救无效死亡")
    acc.refresh_from_db()
    assert acc.grade == "relatively_serious" and acc.deaths == 3
    assert step.kind == StepKind.SUPPLEMENTARY and step.within_window and step.regraded
    assert step.figures == {"deaths": [2, 3]}
    assert StepKind.TO_PROVINCE in kinds(acc)
    assert entries_for(acc).first().changes["grade"] == ["ordinary", "relatively_serious"]


def test_supplementary_report_after_the_road_window_keeps_the_grade(world):
    t = timezone.now() - dt.timedelta(days=10)
    office = world.users["office"]
    acc = accident(office, region=world.village_a, occurred_at=t, deaths=2, road_traffic=True)
    step = services.accident_casualties_update(actor=office, accident=acc, figures={"deaths": 3})
    acc.refresh_from_db()
    assert acc.deaths == 3 and acc.grade == "ordinary"
    assert not step.within_window and not step.regraded
    assert step.is_late()


def test_thirty_day_window_for_other_accidents(world):
    t = timezone.now() - dt.timedelta(days=10)
    office = world.users["office"]
    acc = accident(office, region=world.village_a, occurred_at=t, deaths=2)
    services.accident_casualties_update(actor=office, accident=acc, figures={"deaths": 4})
    acc.refresh_from_db()
    assert acc.grade == "relatively_serious"


def test_regrade_downward_removes_escalation_not_yet_done(world):
    office = world.users["office"]
    acc = accident(office, region=world.village_a, deaths=3)
    services.accident_casualties_update(actor=office, accident=acc, figures={"deaths": 2})
    assert StepKind.TO_PROVINCE not in kinds(acc)


def test_unchanged_figures_are_no_supplementary_report(world):
    office = world.users["office"]
    acc = accident(office, region=world.village_a, deaths=1)
    with pytest.raises(ValidationError, match="没有变化"):
        services.accident_casualties_update(actor=office, accident=acc, figures={"deaths": 1})


def test_poisonings_cannot_exceed_serious_injuries(world):
    with pytest.raises(ValidationError) as exc:
        accident(world.users["office"], region=world.village_a, serious=1, poisonings=2)
    assert "poisonings" in exc.value.error_dict


def test_a_1986_type_for_an_accident_from_july_2026_is_refused_clearly(world):
    with pytest.raises(ValidationError) as exc:
        services.accident_create(actor=world.users["office"], data={
            "occurred_at": local(2026, 7, 2), "place": "x", "region": world.village_a,
            "type_code": "1986:02", "description": "x"})
    message = exc.value.error_dict["type_code"][0].message
    assert "车辆伤害" in message and "GB 6441-2025" in message
    assert not Accident.objects.exists()


def test_moving_the_date_across_1_july_2026_does_not_keep_a_type_from_the_wrong_list(world):
    office = world.users["office"]
    acc = accident(office, region=world.village_a, occurred_at=local(2026, 6, 30),
                   type_code="1986:02")
    assert acc.classification_version == "1986" and acc.type_label == "车辆伤害"
    with pytest.raises(ValidationError) as exc:
        services.accident_update(actor=office, accident=acc,
                                 data={"occurred_at": local(2026, 7, 1, 9)})
    assert "车辆伤害" in exc.value.error_dict["type_code"][0].message
    acc = services.accident_update(actor=office, accident=acc, data={
        "occurred_at": local(2026, 7, 1, 9), "type_code": "2025:3"})
    assert acc.classification_version == "2025" and acc.type_label == "道路（轨道）车辆致害"


def test_investigation_extension_is_capped_at_sixty_days(world):
    office = world.users["office"]
    acc = accident(office, region=world.village_a)
    step = services.investigation_extend(actor=office, accident=acc, days=30, reason="技术鉴定")
    assert step.extension_days == 30
    assert step.due_at == acc.occurred_at + dt.timedelta(days=90)
    with pytest.raises(ValidationError):
        services.investigation_extend(actor=office, accident=acc, days=31, reason="再延")


def test_approval_waits_for_the_investigation_report(world):
    office = world.users["office"]
    acc = accident(office, region=world.village_a, occurred_at=timezone.now() - dt.timedelta(days=3))
    approval = acc.steps.get(kind=StepKind.APPROVAL)
    with pytest.raises(ValidationError):
        services.report_step_record(actor=office, step=approval, done_at=timezone.now())
    report_at = timezone.now() - dt.timedelta(days=1)
    services.report_step_record(actor=office, step=acc.steps.get(kind=StepKind.INVESTIGATION),
                                done_at=report_at)
    approval.refresh_from_db()
    assert approval.due_at == report_at + dt.timedelta(days=15)


def test_enterprise_reports_its_own_units_accident_only(world):
    ent = world.users["enterprise_a"]
    acc = accident(ent, unit=world.units["shop_a"])
    assert acc.reported_by == ent
    with pytest.raises(PermissionDenied):
        accident(ent, unit=world.units["shop_b"])
    assert not Accident.objects.filter(unit=world.units["shop_b"]).exists()


def test_village_cadre_may_not_record(world):
    with pytest.raises(PermissionDenied):
        accident(world.users["village_a"], region=world.village_a)


def test_office_cannot_move_an_accident_out_of_its_town(world):
    office = world.users["office"]
    acc = accident(office, region=world.village_a)
    with pytest.raises(PermissionDenied):
        services.accident_update(actor=office, accident=acc, data={"region": world.village_c,
                                                                   "unit": None})
    acc.refresh_from_db()
    assert acc.region == world.village_a


def test_every_write_is_journaled(world):
    office = world.users["office"]
    acc = accident(office, region=world.village_a, loss=Decimal(5000))
    services.accident_update(actor=office, accident=acc, data={"place": "新地点"})
    actions = list(entries_for(acc).values_list("action", flat=True))
    assert actions == ["update", "create"]
