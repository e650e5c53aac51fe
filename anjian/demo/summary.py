"""Counts of the demo town's inspection and hazard ledgers, for the summary `anjian demo` prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from anjian.demo.township import TOWN_CODE
from anjian.hazards.choices import HazardLevel, HazardState
from anjian.hazards.models import Hazard
from anjian.inspections.models import InspectionPlan, InspectionRecord
from anjian.regions.models import Region


@dataclass
class LedgerCounts:
    plans: int = 0
    records: int = 0
    hazards: dict[str, int] = field(default_factory=dict)  # state -> count, every state
    overdue: int = 0
    major: int = 0

    @property
    def total_hazards(self) -> int:
        return sum(self.hazards.values())

    def line(self) -> str:
        states = "、".join(f"{HazardState(s).label}{n}" for s, n in self.hazards.items())
        return (f"台账 ledger：检查计划 {self.plans} 个、检查记录 {self.records} 条；"
                f"隐患 {self.total_hazards} 条（{states}；其中逾期 {self.overdue}、重大 {self.major}）")


def ledger_counts() -> LedgerCounts | None:
    """What the town's ledgers hold (whoever wrote it), or None before the demo exists."""
    town = Region.objects.filter(code=TOWN_CODE).first()
    if town is None:
        return None
    hazards = Hazard.objects.filter(region__path__startswith=town.path)
    by_state = dict.fromkeys(HazardState.values, 0)
    for state in hazards.values_list("state", flat=True):
        by_state[state] += 1
    return LedgerCounts(
        plans=InspectionPlan.objects.filter(region__path__startswith=town.path).count(),
        records=InspectionRecord.objects.filter(unit__region__path__startswith=town.path).count(),
        hazards=by_state, overdue=hazards.overdue().count(),
        major=hazards.filter(level=HazardLevel.MAJOR).count())
