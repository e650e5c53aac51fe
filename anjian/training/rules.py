"""Training hours owed (学时), 《生产经营单位安全培训规定》 (原国家安全监管总局令第3号, as amended),
domain.md §10.1. Pure Python: no database.

| person                                   | initial | annual refresher |
| principal / safety manager (general)     | 32      | 12               |
| the same in high-risk sectors            | 48      | 16               |
| new worker in high-risk sectors          | 72      | 20               |
| new worker (general)                     | 24      | none set         |
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from anjian.training.choices import AttendeeRole

# 煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼: by unit category and sub-category.
HIGH_RISK_CATEGORIES = frozenset({"mine", "tailings_pond", "fireworks_outlet"})
HIGH_RISK_SUBCATEGORIES = frozenset({"hazardous_chemicals", "fireworks_production", "metallurgy",
                                     "nonferrous"})
MANAGERS = frozenset({AttendeeRole.PRINCIPAL, AttendeeRole.SAFETY_MANAGER})

_HOURS = {
    # (manager?, high risk?) -> (initial, refresher)
    (True, False): (32, 12),
    (True, True): (48, 16),
    (False, True): (72, 20),
    (False, False): (24, None),
}


def is_high_risk(category: str, subcategory: str = "") -> bool:
    return category in HIGH_RISK_CATEGORIES or subcategory in HIGH_RISK_SUBCATEGORIES


@dataclass(frozen=True)
class Requirement:
    hours: Decimal | None  # None: no hours are set for this person
    basis: str


def required_hours(role: str, *, high_risk: bool, initial: bool) -> Requirement:
    """The hours a person of `role` owes in a year: the initial training in their first year
    (`initial`), the annual refresher after. Workers other than principals, safety managers and
    new workers owe no set hours under the order (None)."""
    if role not in MANAGERS and role != AttendeeRole.NEW_WORKER:
        return Requirement(None, "")
    first, refresher = _HOURS[(role in MANAGERS, high_risk)]
    hours = first if initial else refresher
    sector = "高危行业" if high_risk else "一般行业"
    stage = "初次培训" if initial else "每年再培训"
    return Requirement(None if hours is None else Decimal(hours),
                       f"总局令第3号：{sector}{stage}" if hours is not None else "")


def hours_status(done: Decimal, requirement: Requirement) -> str:
    """'met', 'short' or '' (nothing set)."""
    if requirement.hours is None:
        return ""
    return "met" if done >= requirement.hours else "short"
