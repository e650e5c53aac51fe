"""What the demo year's builders share: the window, one seeded random generator, the demo's users,
units and people as database rows, and lookups of who inspects what."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from anjian.accounts.choices import Duty
from anjian.accounts.models import Person, User
from anjian.demo.logins import HOME_VILLAGE  # where demo_village and demo_grid work
from anjian.demo.organisations import POLICE
from anjian.demo.periods import DemoYear
from anjian.demo.specs import Plan
from anjian.demo.township import village_codes
from anjian.inspections.models import ChecklistItem, ChecklistTemplate
from anjian.inspections.services import template_for_unit
from anjian.regions.models import Organisation, Region
from anjian.units.models import Unit

SEED = "xizhangcun-2023:year"


@dataclass
class Checklist:
    template: ChecklistTemplate
    items: list[ChecklistItem]

    def item(self, keyword: str) -> ChecklistItem:
        for item in self.items:
            if keyword in item.text or keyword == item.section:
                return item
        raise LookupError(f"no item with {keyword!r} in {self.template.family}")


@dataclass
class YearKit:
    year: DemoYear
    plan: Plan
    town: Region
    users: dict[str, User]
    units: list[Unit]  # in the order of the plan
    people: dict[str, Person]
    organisations: dict[str, Organisation]
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    created: Counter = field(default_factory=Counter)
    plans: dict[str, list] = field(default_factory=dict)  # plan kind -> [(Period, InspectionPlan)]
    tasks: dict = field(default_factory=dict)  # (plan id, unit id) -> pending InspectionTask
    case_units: dict = field(default_factory=dict)  # hazard case key -> Unit
    case_hazards: dict = field(default_factory=dict)  # hazard case key -> Hazard id
    intervals: dict = field(default_factory=dict)  # risk colour -> days between inspections
    _checklists: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_name = {u.name: u for u in self.units}
        codes = village_codes()
        self.village_code = codes
        self.village_name = {code: name for name, code in codes.items()}
        self.home_village = codes[HOME_VILLAGE]
        self.home_grid = f"{self.home_village}-01"
        specs = self.plan.people
        self.grid_workers = {s.region_code: self.people[s.name] for s in specs
                             if s.duty == Duty.GRID_WORKER}
        self.secretaries = {s.region_code: self.people[s.name] for s in specs
                            if s.duty == Duty.VILLAGE_SECRETARY}
        self.rangers: dict[str, list[Person]] = {}
        self.staff: dict[str, list[Person]] = {}  # organisation -> head first, then staff
        for s in specs:
            if s.duty == Duty.FOREST_RANGER:
                self.rangers.setdefault(s.region_code, []).append(self.people[s.name])
            if s.organisation:
                self.staff.setdefault(s.organisation, []).append(self.people[s.name])
        self.leaders = [self.people[s.name] for s in specs if s.duty == Duty.LEADER]
        self.experts = [self.people[s.name] for s in specs if s.duty == Duty.EXPERT]
        self.police_sectors = set(self.organisations[POLICE].sectors.values_list("pk", flat=True))

    # Units ----------------------------------------------------------------------------------------

    @staticmethod
    def grid_of(unit: Unit) -> str:
        return unit.region.code

    @staticmethod
    def village_of(unit: Unit) -> str:
        return unit.region.code.split("-")[0]

    def in_home_village(self, unit: Unit) -> bool:
        return self.village_of(unit) == self.home_village

    def police_may(self, unit: Unit) -> bool:
        return unit.sector_id in self.police_sectors

    def checklist(self, unit: Unit) -> Checklist | None:
        key = (unit.category, unit.subcategory)
        if key not in self._checklists:
            template = template_for_unit(unit)
            self._checklists[key] = (Checklist(template, list(template.items.order_by("order")))
                                     if template else None)
        return self._checklists[key]

    def plan_for(self, kind: str, day, unit: Unit | None = None):
        """The demo plan of `kind` whose period holds `day` (and whose categories hold `unit`)."""
        for period, plan in self.plans.get(kind, ()):
            if day in period and (unit is None or not plan.categories
                                  or unit.category in plan.categories):
                return plan
        return None

    # People ---------------------------------------------------------------------------------------

    def head(self, organisation: str) -> Person:
        return self.staff[organisation][0]

    def member(self, organisation: str, rng: random.Random) -> Person:
        return rng.choice(self.staff[organisation])

    def patroller(self, unit: Unit, rng: random.Random) -> Person:
        """Who patrols a unit: the ranger of a forest, the village secretary of a pit or a hazard
        point, else the grid worker."""
        village = self.village_of(unit)
        if unit.category == "forest_area" and self.rangers.get(village):
            return rng.choice(self.rangers[village])
        if unit.category in ("abandoned_pit", "geological_hazard", "reservoir"):
            return self.secretaries[village]
        return self.grid_workers.get(unit.region.code) or self.secretaries[village]
