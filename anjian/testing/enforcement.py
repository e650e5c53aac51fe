"""Enforcement records for tests: the data of each kind of action, written through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from anjian.enforcement import services
from anjian.enforcement.choices import ActionKind


def action_data(unit, kind: str = ActionKind.ORDER, **extra) -> dict:
    today = timezone.localdate()
    data = {"kind": kind, "number": f"西张安监〔2026〕{kind}号", "acted_on": today,
            "unit": unit, "legal_basis": "《中华人民共和国安全生产法》第六十五条",
            "findings": "安全出口堵塞", "outcome": "责令限期整改"}
    if kind == ActionKind.ORDER:
        data["deadline"] = today + dt.timedelta(days=7)
    if kind == ActionKind.PENALTY:
        data["penalty_amount"] = Decimal("5000")
    return {**data, **extra}


def record(actor, unit, kind: str = ActionKind.ORDER, **extra):
    return services.action_create(actor=actor, data=action_data(unit, kind, **extra))
