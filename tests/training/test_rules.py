from decimal import Decimal

import pytest

from anjian.training.rules import hours_status, is_high_risk, required_hours


@pytest.mark.parametrize(("role", "high_risk", "initial", "hours"), [
    ("principal", False, True, 32),
    ("safety_manager", False, True, 32),
    ("principal", False, False, 12),
    ("safety_manager", False, False, 12),
    ("principal", True, True, 48),
    ("safety_manager", True, False, 16),
    ("new_worker", True, True, 72),
    ("new_worker", True, False, 20),
    ("new_worker", False, True, 24),
    ("new_worker", False, False, None),
    ("worker", True, True, None),
    ("cadre", False, False, None),
])
def test_required_hours_follow_order_no_3(role, high_risk, initial, hours):
    requirement = required_hours(role, high_risk=high_risk, initial=initial)
    assert requirement.hours == (Decimal(hours) if hours is not None else None)
    assert bool(requirement.basis) == (hours is not None)


@pytest.mark.parametrize(("category", "subcategory", "expected"), [
    ("mine", "metal_mine", True),
    ("tailings_pond", "tailings_pond", True),
    ("enterprise", "hazardous_chemicals", True),
    ("enterprise", "metallurgy", True),
    ("enterprise", "fireworks_production", True),
    ("enterprise", "machinery", False),
    ("small_venue", "small_shop", False),
])
def test_high_risk_sectors_are_mines_chemicals_fireworks_and_metallurgy(category, subcategory,
                                                                        expected):
    assert is_high_risk(category, subcategory) is expected


def test_hours_status_compares_done_with_required():
    need = required_hours("principal", high_risk=False, initial=False)
    assert hours_status(Decimal("11.5"), need) == "short"
    assert hours_status(Decimal(12), need) == "met"
    assert hours_status(Decimal(0), required_hours("worker", high_risk=False, initial=False)) == ""
