"""Helpers for tests of commitments and risk grading: a unit that must commit each day, with its
own enterprise login, and times on a given day."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from anjian.accounts.choices import Role
from anjian.risks.choices import DEFAULT_COMMITMENT
from anjian.testing.world import World, _unit, make_user
from anjian.units.models import UnitAccess


def add_chemicals(world: World) -> None:
    """`chem_a` (a hazardous-chemicals enterprise in grid A, 主要负责人 with a phone) and its
    login `chem_owner`; `chem_c` in the other town."""
    world.units["chem_a"] = _unit("张一化工有限公司", "enterprise", "hazardous_chemicals",
                                  world.grid_a, principal="刘化工", principal_phone="13800000031",
                                  safety_officer="陈安全", safety_officer_phone="13800000032",
                                  risk_level="yellow")
    world.units["chem_c"] = _unit("七里化工厂", "enterprise", "hazardous_chemicals", world.grid_c,
                                  principal="孙化工", principal_phone="13800000033")
    world.users["chem_owner"] = make_user("chem_owner", display_name="刘化工")
    UnitAccess.objects.create(user=world.users["chem_owner"], unit=world.units["chem_a"],
                              role=Role.ENTERPRISE)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def commitment_data(**extra) -> dict:
    data = {"principal": "刘化工", "equipment_ok": True, "dangerous_work_count": 1,
            "dangerous_work_ok": True, "special_operators_ok": True, "open_hazards": 0,
            "hazards_ok": True, "key_places_ok": True, "commitment": DEFAULT_COMMITMENT}
    return {**data, **extra}


def point_data(**extra) -> dict:
    return {"name": "储罐区", "location": "厂区东侧", "hazard_factor": "甲醇储罐泄漏遇明火",
            "accident_type": "火灾、爆炸", "control_measures": "每日巡检，设可燃气体报警",
            "responsible_person": "陈安全", "responsible_phone": "13800000032", **extra}


def lec(l_="3", e="6", c="15") -> dict:
    return {"method": "lec", "factor_l": l_, "factor_e": e, "factor_c": c}
