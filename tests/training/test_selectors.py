import datetime as dt
from decimal import Decimal

import pytest

from anjian.testing.training import make_activity, make_session
from anjian.training import selectors
from anjian.training.models import Attendance
from anjian.units.services import unit_create

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 20)


@pytest.fixture
def factories(world):
    make = {}
    for name, village, sub in (("机械厂", world.village_a, "machinery"),
                               ("化工厂", world.village_b, "hazardous_chemicals")):
        make[name] = unit_create(actor=None, data={"name": name, "category": "enterprise",
                                                   "subcategory": sub, "region": village})
    return make


def test_compliance_counts_months_held_or_attended(world, factories):
    machine, chem = factories["机械厂"], factories["化工厂"]
    make_session(unit=machine, held_on=dt.date(2026, 1, 10))
    make_session(unit=machine, held_on=dt.date(2026, 3, 5))
    make_session(world.town, held_on=dt.date(2026, 2, 16), participating_units=[machine, chem])
    result = selectors.training_compliance(world.town, 2026, today=TODAY)
    rows = {r.unit.name: r for r in result.rows}
    assert set(rows) == {"机械厂", "化工厂"}  # shops, schools and pits owe no monthly training
    assert rows["机械厂"].months[:5] == [True, True, True, False, False]
    assert rows["机械厂"].months[5:] == [None] * 7  # months not yet come
    assert (rows["机械厂"].held, rows["机械厂"].missed) == (3, 2)
    assert (rows["化工厂"].held, rows["化工厂"].missed) == (1, 4)
    assert result.month_totals()[:3] == [1, 2, 1]


def test_compliance_within_a_village_and_among_given_units(world, factories):
    result = selectors.training_compliance(world.village_a, 2026, today=TODAY)
    assert [r.unit.name for r in result.rows] == ["机械厂"]
    from anjian.units.models import Unit

    scoped = selectors.training_compliance(None, 2026, units=Unit.objects.for_user(
        world.users["village_b"]), today=TODAY)
    assert [r.unit.name for r in scoped.rows] == ["化工厂"]


def test_a_past_year_owes_all_twelve_months(world, factories):
    result = selectors.training_compliance(world.town, 2025, today=TODAY)
    assert all(r.due == 12 and r.held == 0 for r in result.rows)


def test_hours_ledger_sums_a_year_against_the_requirement(world, factories):
    chem = factories["化工厂"]
    for month in (3, 6, 9):
        make_session(unit=chem, held_on=dt.date(2025, month, 1), hours=6,
                     attendances=[{"name": "赵厂长", "role": "principal", "unit": chem},
                                  {"name": "新工人", "role": "new_worker", "unit": chem}])
    make_session(unit=chem, held_on=dt.date(2024, 3, 1), hours=8,
                 attendances=[{"name": "赵厂长", "role": "principal", "unit": chem}])
    rows = {r.name: r for r in selectors.hours_ledger(Attendance.objects.all(), 2025)}
    boss, new = rows["赵厂长"], rows["新工人"]
    assert (boss.hours, boss.sessions, boss.requirement.hours) == (Decimal(18), 3, Decimal(16))
    assert boss.status == "met"
    assert (new.hours, new.requirement.hours, new.status) == (Decimal(18), Decimal(72), "short")


def test_publicity_totals_add_up_sessions_activities_and_materials(world):
    day = dt.date(2025, 6, 16)
    make_session(world.town, held_on=day, attendance_count=1000, kind="first_lesson")
    make_session(world.village_b, held_on=day, attendance_count=40)
    make_activity(world.village_a, held_on=day, kind="safety_month", participants=300,
                  households=0, materials=[{"name": "宣传册", "quantity": 870}])
    make_activity(world.grid_a, held_on=day, households=45, participants=90,
                  materials=[{"name": "宣传册", "quantity": 100}, {"name": "手册", "quantity": 5}])
    make_activity(world.village_c, held_on=day, participants=999)  # another town
    totals = selectors.publicity_totals(world.town, dt.date(2025, 6, 1), dt.date(2025, 6, 30))
    assert (totals["sessions"], totals["attendances"]) == (2, 1040)
    assert (totals["activities"], totals["participants"], totals["households"]) == (2, 390, 45)
    assert totals["materials"] == {"宣传册": 970, "手册": 5}
    assert totals["activities_by_kind"] == {"safety_month": 1, "door_to_door": 1}
    village = selectors.publicity_totals(world.village_a, dt.date(2025, 6, 1),
                                         dt.date(2025, 6, 30))
    assert village["sessions"] == 0 and village["activities"] == 2


@pytest.mark.parametrize(("year", "pupils"), [(2025, dt.date(2025, 3, 31)),
                                              (2026, dt.date(2026, 3, 30)),
                                              (2024, dt.date(2024, 3, 25))])
def test_calendar_has_the_national_dates(year, pupils):
    days = {d.kind: d for d in selectors.publicity_dates(year)}
    assert days["pupil_day"].start == pupils and pupils.weekday() == 0
    assert days["safety_month"].start == dt.date(year, 6, 1)
    assert days["safety_month"].end == dt.date(year, 6, 30)
    assert days["fire_day"].start == dt.date(year, 11, 9)
    assert days["traffic_day"].start == dt.date(year, 12, 2)
    assert days["national_security_day"].start == dt.date(year, 4, 15)
    dates = [d.start for d in selectors.publicity_dates(year)]
    assert dt.date(year, 5, 12) in dates and dates == sorted(dates)
