"""Drills: owner scope, problems, 转为隐患 in one step (and never twice), the frequency check."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anjian.core.journal import entries_for
from anjian.emergency import selectors, services
from anjian.emergency.models import DrillRequirement
from anjian.hazards.models import Hazard
from anjian.testing.emergency import drill_data
from anjian.testing.hazards import staged
from anjian.units.services import unit_create

pytestmark = pytest.mark.django_db


def make_drill(world, actor=None, **extra):
    return services.drill_create(actor=actor or world.users["office"],
                                 data=drill_data(**{"region": world.town, **extra}))


def test_office_records_a_town_drill_with_organisers_and_participants(world):
    drill = make_drill(world, organisers=[world.police], participating_regions=[world.village_a],
                       participating_units=[world.units["school_a"]])
    assert drill.unit is None and drill.region == world.town and drill.participants == 52
    assert list(drill.participating_regions.all()) == [world.village_a]
    created = entries_for(drill).get()
    assert created.changes["participating_regions"] == [[], [world.village_a.pk]]


def test_a_drill_cannot_be_dated_in_the_future_or_list_units_outside_the_scope(world):
    with pytest.raises(ValidationError) as caught:
        make_drill(world, held_on=dt.date.today() + dt.timedelta(days=2))
    assert "held_on" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        make_drill(world, participating_units=[world.units["shop_c"]])
    assert "participating_units" in caught.value.message_dict


def test_enterprise_records_its_own_drill_only(world):
    enterprise = world.users["enterprise_a"]
    drill = make_drill(world, actor=enterprise, region=None, unit=world.units["shop_a"],
                       kind="site", title="超市火灾疏散演练", participants=12)
    assert drill.unit == world.units["shop_a"]
    with pytest.raises(PermissionDenied):
        make_drill(world, actor=enterprise)


def test_a_problem_becomes_a_hazard_in_one_step_and_only_once(world):
    office = world.users["office"]
    drill = make_drill(world)
    problem = services.drill_problem_add(actor=office, drill=drill, data={
        "description": "消防栓出水压力不足", "measures": "检修加压泵"})
    hazard = services.drill_problem_to_hazard(
        actor=office, problem=problem, unit=world.units["school_a"],
        data={"cause_class": "condition", "category": "fire"}, photos=[staged()])
    problem.refresh_from_db()
    assert problem.hazard == hazard and problem.unit == world.units["school_a"]
    assert hazard.source == "drill" and hazard.description == "消防栓出水压力不足"
    assert drill.title in hazard.source_reference and hazard.state == "reported"
    assert hazard.photos.count() == 1
    with pytest.raises(ValidationError) as caught:
        services.drill_problem_to_hazard(actor=office, problem=problem,
                                         unit=world.units["school_a"],
                                         data={"cause_class": "condition"}, photos=[staged()])
    assert hazard.number in caught.value.messages[0]
    assert Hazard.objects.count() == 1
    assert entries_for(problem).filter(comment__contains=hazard.number).exists()


def test_a_refused_hazard_leaves_the_problem_unconverted(world):
    drill = make_drill(world)
    problem = services.drill_problem_add(actor=world.users["office"], drill=drill,
                                         data={"description": "通讯不畅"})
    with pytest.raises(ValidationError):
        services.drill_problem_to_hazard(actor=world.users["office"], problem=problem,
                                         unit=world.units["school_a"],
                                         data={"cause_class": "management"}, photos=[])
    problem.refresh_from_db()
    assert problem.hazard is None and not Hazard.objects.exists()


def test_village_cannot_convert_a_problem_of_the_town_drill(world):
    drill = make_drill(world)
    problem = services.drill_problem_add(actor=world.users["office"], drill=drill,
                                         data={"description": "疏散指示不清"})
    with pytest.raises(PermissionDenied):
        services.drill_problem_to_hazard(actor=world.users["village_a"], problem=problem,
                                         unit=world.units["school_a"],
                                         data={"cause_class": "condition"}, photos=[staged()])


def _rows(world, today, units=None):
    return {(r.name, r.last_drill) for r in selectors.drills_behind(world.town, today, units)}


def test_drills_behind_lists_the_town_and_the_units_that_must_drill(world):
    today = dt.date.today()
    school, pit = world.units["school_a"], world.units["pit_b"]
    rows = _rows(world, today)
    assert (world.town.name, None) in rows and (school.name, None) in rows
    assert pit.name not in {name for name, _last in rows}  # abandoned pits are not listed
    make_drill(world, held_on=today - dt.timedelta(days=700))
    services.drill_create(actor=world.users["office"], data=drill_data(
        None, unit=school, held_on=today - dt.timedelta(days=100), kind="site"))
    rows = _rows(world, today)
    assert world.town.name not in {name for name, _last in rows}
    assert school.name not in {name for name, _last in rows}


def test_an_old_drill_is_behind_with_its_date_and_due_date(world):
    today = dt.date(2026, 11, 24)
    school = world.units["school_a"]
    services.drill_create(actor=None, data=drill_data(
        None, unit=school, held_on=dt.date(2026, 5, 1), kind="site"))
    services.drill_create(actor=None, data=drill_data(world.town,
                                                      held_on=dt.date(2024, 11, 1)))
    behind = {r.name: r for r in selectors.drills_behind(world.town, today)}
    assert behind[school.name].last_drill == dt.date(2026, 5, 1)
    assert behind[school.name].due == dt.date(2026, 11, 1)
    assert behind[world.town.name].due == dt.date(2026, 11, 1)


def test_the_requirement_table_is_configurable(world):
    today = dt.date.today()
    gas = unit_create(actor=None, data={"name": "张一加油站", "category": "gas_station",
                                        "subcategory": "gas_station", "region": world.village_a})
    assert gas.name in {name for name, _last in _rows(world, today)}
    DrillRequirement.objects.filter(category="gas_station").delete()
    assert gas.name not in {name for name, _last in _rows(world, today)}
    row = services.drill_requirement_set(actor=world.users["office"], requirement=None, data={
        "target": "unit", "category": "abandoned_pit", "subcategory": "", "interval_months": 12})
    assert row.pk and world.units["pit_b"].name in {n for n, _l in _rows(world, today)}
    with pytest.raises(PermissionDenied):
        services.drill_requirement_set(actor=world.users["village_a"], requirement=row,
                                       data={"interval_months": 3})


def test_drills_behind_for_a_village_lists_only_its_units(world):
    rows = selectors.drills_behind(world.village_a, dt.date.today())
    assert {r.name for r in rows} == {world.units["school_a"].name}


def test_an_empty_requirement_table_falls_back_to_the_regulation_defaults(world):
    DrillRequirement.objects.all().delete()
    names = {r.name for r in selectors.drills_behind(world.town, dt.date.today())}
    assert {world.town.name, world.units["school_a"].name} <= names


def test_adding_to_an_empty_table_keeps_the_defaults(world):
    DrillRequirement.objects.all().delete()
    services.drill_requirement_set(actor=world.users["office"], requirement=None, data={
        "target": "unit", "category": "reservoir", "subcategory": "", "interval_months": 12})
    assert DrillRequirement.objects.filter(category="mine").exists()
    assert DrillRequirement.objects.filter(category="reservoir", interval_months=12).exists()


def test_a_duplicate_requirement_is_refused(world):
    with pytest.raises(ValidationError):
        services.drill_requirement_set(actor=world.users["office"], requirement=None, data={
            "target": "unit", "category": "mine", "subcategory": "", "interval_months": 3})
