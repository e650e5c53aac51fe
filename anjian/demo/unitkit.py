"""Shared tools of the unit builders: unique names, principals, phones, credit codes, risk colours."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from anjian.demo.names import CreditCodes, PersonNames, Phones, UniqueNames
from anjian.demo.people import People
from anjian.demo.places import Place, Placer
from anjian.demo.specs import UnitSpec
from anjian.units.choices import CATEGORY_OF_SUBCATEGORY

SMALL_RISKS = ("blue", "blue", "blue", "yellow", "yellow", "yellow", "orange")


@dataclass
class UnitKit:
    rng: random.Random
    placer: Placer
    people: People
    person_names: PersonNames
    phones: Phones
    credit_codes: CreditCodes
    names: UniqueNames = field(default_factory=UniqueNames)
    units: list[UnitSpec] = field(default_factory=list)

    def principal(self) -> tuple[str, str]:
        return self.person_names.make(self.rng), self.phones.mobile(self.rng)

    def leader(self, important: bool = True) -> str:
        """A member of the leading group linked to the unit (领导挂钩): the secretary and the town
        head take the most important ones, the deputies the rest."""
        leaders = self.people.leaders
        return self.rng.choice(leaders[:2] if important else leaders[2:])

    def add(self, subcategory: str, place: Place, name: str, *, leader: str = "",
            principal: tuple[str, str] | None = None, **fields) -> UnitSpec:
        person, phone = principal or self.principal()
        values = {
            "name": name, "category": CATEGORY_OF_SUBCATEGORY[subcategory],
            "subcategory": subcategory, "address": place.address,
            "longitude": place.longitude, "latitude": place.latitude,
            "principal": person, "principal_phone": phone,
        }
        values.update({k: v for k, v in fields.items() if v not in (None, "")})
        spec = UnitSpec(place.grid.code, values, leader)
        self.units.append(spec)
        return spec

    def credit(self, kind: str | None) -> str:
        return self.credit_codes.make(self.rng, kind) if kind else ""

    def small_venue(self, subcategory: str, place: Place, name: str, *, section: str,
                    code: str = "", employees: tuple[int, int], area: tuple[int, int],
                    risks: tuple[str, ...] = SMALL_RISKS, credit: str | None = "individual") -> UnitSpec:
        rng = self.rng
        has_code = credit is not None and rng.random() < 0.85
        return self.add(
            subcategory, place, name, industry_section=section, industry_code=code,
            credit_code=self.credit(credit if has_code else None),
            employees=rng.randint(*employees), floor_area=rng.randrange(area[0], area[1], 5),
            risk_level=rng.choice(risks),
        )

    def street_shop(self, place: Place, name: str) -> UnitSpec:
        rng = self.rng
        section = "O" if "修理" in name else "F"
        return self.add(
            "street_shop", place, name, industry_section=section,
            credit_code=self.credit("individual" if rng.random() < 0.8 else None),
            employees=rng.randint(1, 5), floor_area=rng.randrange(20, 300, 5),
            risk_level=rng.choice(SMALL_RISKS),
        )
