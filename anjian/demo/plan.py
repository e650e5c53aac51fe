"""The whole demo township as data, computed from fixed seeds only (no database, no clock)."""

from __future__ import annotations

from anjian.demo.logins import build_users
from anjian.demo.names import CreditCodes, PersonNames, Phones, rng_for
from anjian.demo.organisations import organisation_specs
from anjian.demo.people import LEADERS, build_people
from anjian.demo.places import Placer
from anjian.demo.specs import Plan
from anjian.demo.township import build_villages, region_specs, village_codes
from anjian.demo.unitkit import UnitKit
from anjian.demo.units_land import build_enterprises, build_land
from anjian.demo.units_sites import (
    build_abandoned_pits,
    build_crowded_places,
    build_fuel_and_fireworks,
    build_mines,
)
from anjian.demo.units_small import build_small_venues, build_street_shops

UNIT_BUILDERS = [
    ("small_venues", build_small_venues), ("street_shops", build_street_shops),
    ("crowded_places", build_crowded_places), ("mines", build_mines),
    ("abandoned_pits", build_abandoned_pits), ("fuel_and_fireworks", build_fuel_and_fireworks),
    ("enterprises", build_enterprises), ("land", build_land),
]


def make_plan() -> Plan:
    villages = build_villages()
    names = PersonNames(reserved=tuple(n for n, _post, _role in LEADERS if n))
    phones = Phones()
    organisations = organisation_specs(phones)
    people = build_people(villages, names, phones)
    kit = UnitKit(rng_for("units"), Placer(villages, rng_for("places")), people, names, phones,
                  CreditCodes())
    for section, build in UNIT_BUILDERS:
        kit.rng = rng_for(f"units:{section}")
        kit.placer.rng = rng_for(f"places:{section}")
        build(kit)
    users = build_users(people, kit.units, village_codes())
    return Plan(region_specs(villages), organisations, people.specs, kit.units, users)
