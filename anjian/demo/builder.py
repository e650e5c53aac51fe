"""Write the demo plan to the database: only what is missing, through the services, journaled.

Existing objects are recognised by their keys (region code; organisation name in its region;
person name in their region; unit credit code or name within the town; username) and left exactly
as they are, so running the demo again creates nothing and never touches anyone's own data.
Then, once the units and users exist, a year of inspections and hazards up to today
(`demo.inspections`), unless the town already has it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from anjian.accounts.choices import Role
from anjian.accounts.models import Person, RoleGrant, User
from anjian.accounts.roles import UNIT_ROLES
from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.demo import DEMO_PASSWORD
from anjian.demo.inspections import build_year, year_exists
from anjian.demo.ledgers import LEDGERS
from anjian.demo.periods import DemoYear
from anjian.demo.plan import make_plan
from anjian.demo.specs import Plan, UserSpec
from anjian.demo.township import TOWN_CODE
from anjian.demo.yearkit import YearKit
from anjian.regions.models import Organisation, Region, Sector
from anjian.regions.services import organisation_create, region_create
from anjian.units.models import Unit, UnitAccess
from anjian.units.services import SectorResolver, unit_create


@dataclass
class DemoResult:
    plan: Plan
    created: Counter = field(default_factory=Counter)
    users: dict[str, User] = field(default_factory=dict)  # username -> user, for every demo login
    now: dt.datetime | None = None  # the build's clock: the demo year ends here


def build_demo(now: dt.datetime | None = None) -> DemoResult:
    """Add the demo township to the database (all or nothing) and return what was created. The
    year is built as of `now` (default: the current time), read once: the same `now` gives the
    same data, today's rows included (tests rebuild as of the first build's time)."""
    result = DemoResult(make_plan(), now=timezone.localtime(now or timezone.now()))
    token = journal.source_var.set("demo")
    try:
        with transaction.atomic():
            regions = _regions(result)
            organisations = _organisations(result, regions)
            people = _people(result, regions, organisations)
            units = _units(result, regions, people)
            _users(result, regions, organisations, people, units)
            _year(result, regions[TOWN_CODE], organisations, people, units)
    finally:
        journal.source_var.reset(token)
    return result


def _regions(result: DemoResult) -> dict[str, Region]:
    specs = result.plan.regions
    regions = {r.code: r for r in Region.objects.filter(code__in=[s.code for s in specs])}
    for spec in specs:  # parents come before their children
        if spec.code in regions:
            continue
        parent = regions[spec.parent_code] if spec.parent_code else None
        regions[spec.code] = region_create(actor=None, parent=parent, name=spec.name,
                                           code=spec.code, kind=spec.kind, **spec.extra)
        result.created["regions"] += 1
    return regions


def _organisations(result: DemoResult, regions: dict[str, Region]) -> dict[str, Organisation]:
    specs = result.plan.organisations
    existing = {(o.region_id, o.name): o for o in Organisation.objects.filter(
        region__in=[regions[s.region_code] for s in specs], name__in=[s.name for s in specs])}
    sectors = {s.code: s for s in Sector.objects.all()}
    organisations = {}
    for spec in specs:
        region = regions[spec.region_code]
        org = existing.get((region.pk, spec.name))
        if org is None:
            org = organisation_create(
                actor=None, region=region, name=spec.name, kind=spec.kind,
                sectors=[sectors[c] for c in spec.sectors if c in sectors],
                phone=spec.phone, address=spec.address)
            result.created["organisations"] += 1
        organisations[spec.name] = org
    return organisations


def _people(result: DemoResult, regions: dict[str, Region],
            organisations: dict[str, Organisation]) -> dict[str, Person]:
    specs = result.plan.people
    region_ids = {regions[s.region_code].pk for s in specs}
    existing = {(p.name, p.region_id): p for p in Person.objects.filter(
        region_id__in=region_ids, name__in=[s.name for s in specs])}
    new = []
    people = {}
    for spec in specs:
        region = regions[spec.region_code]
        person = existing.get((spec.name, region.pk))
        if person is None:
            org = organisations.get(spec.organisation) if spec.organisation else None
            person = Person(name=spec.name, phone=spec.phone, region=region, organisation=org,
                            duty=spec.duty, position=spec.position)
            new.append(person)
        people[spec.name] = person
    Person.objects.bulk_create(new, batch_size=500)
    journal.record_many([
        journal.build(None, p, JournalAction.CREATE, journal.diff({}, journal.snapshot(p)))
        for p in new
    ])
    if new:
        result.created["people"] += len(new)
    return people


def _units(result: DemoResult, regions: dict[str, Region], people: dict[str, Person]) -> dict[str, Unit]:
    specs = result.plan.units
    town = regions[TOWN_CODE]
    in_town = Unit.objects.filter(region__path__startswith=town.path)
    by_name = {u.name: u for u in in_town.filter(name__in=[s.name for s in specs])}
    codes = [s.fields["credit_code"] for s in specs if s.fields.get("credit_code")]
    by_code = {u.credit_code: u for u in Unit.objects.filter(credit_code__in=codes)}
    units = {}
    resolver = SectorResolver()
    for spec in specs:
        unit = by_name.get(spec.name) or by_code.get(spec.fields.get("credit_code", ""))
        if unit is None:
            data = dict(spec.fields, region=regions[spec.region_code])
            if spec.leader:
                data["linked_leader"] = people[spec.leader]
            unit = unit_create(actor=None, data=data, resolver=resolver)
            result.created["units"] += 1
        units[spec.name] = unit
    return units


def _users(result: DemoResult, regions: dict[str, Region], organisations: dict[str, Organisation],
           people: dict[str, Person], units: dict[str, Unit]) -> None:
    specs = result.plan.users
    existing = {u.username: u for u in User.objects.filter(username__in=[s.username for s in specs])}
    linked = set(User.objects.filter(person__in=[people[s.person] for s in specs])
                 .values_list("person_id", flat=True))
    password = ""
    for spec in specs:
        user = existing.get(spec.username)
        if user is None:  # an existing account is never changed, even if it has a demo name
            # one hash for all: every demo login shares the password, and Argon2 takes its time
            password = password or make_password(DEMO_PASSWORD)
            person = people[spec.person]
            user = _user_create(spec, person if person.pk not in linked else None, password,
                                regions, organisations, units)
            result.created["users"] += 1
        result.users[spec.username] = user


def _year(result: DemoResult, town: Region, organisations: dict[str, Organisation],
          people: dict[str, Person], units: dict[str, Unit]) -> None:
    """The year of inspections and hazards (unless the town has it), then every other ledger's
    year (`demo.ledgers`; each adds only what its ledger is missing)."""
    rows = {u.pk: u for u in Unit.objects.filter(region__path__startswith=town.path)
            .select_related("region")}
    ordered = [rows[units[spec.name].pk] for spec in result.plan.units]
    kit = YearKit(DemoYear(result.now), result.plan, town, result.users, ordered, people, organisations)
    if not year_exists(town):
        build_year(kit)
    for build in LEDGERS:
        build(kit)
    result.created.update(kit.created)


def _user_create(spec: UserSpec, person: Person | None, password: str, regions, organisations,
                 units) -> User:
    name = person.name if person else spec.username
    user = User(username=spec.username, password=password, display_name=name,
                phone=person.phone if person else "", person=person)
    user.save()
    if spec.role in UNIT_ROLES:
        for unit_name in spec.units:
            UnitAccess.objects.create(user=user, unit=units[unit_name], role=spec.role)
        where = "、".join(spec.units)
    else:
        grant = RoleGrant.objects.create(
            user=user, role=spec.role, region=regions[spec.region_code] if spec.region_code else None,
            organisation=organisations[spec.organisation] if spec.organisation else None)
        where = str(grant.organisation or grant.region)
    journal.record(None, user, JournalAction.CREATE, {
        "username": [None, user.username], "display_name": [None, user.display_name],
        "phone": [None, user.phone], "person": [None, user.person_id],
        "roles": [None, [f"{Role(spec.role).label} {where}"]],
    })
    return user


def kit_from_database() -> YearKit:
    """The kit `_year` hands the ledgers' builders, read back from a database holding the demo (to
    run one ledger's builder again, as its tests do)."""
    plan = make_plan()
    town = Region.objects.get(code=TOWN_CODE)
    inside = {"region__path__startswith": town.path}
    units = {u.name: u for u in Unit.objects.filter(**inside).select_related("region")}
    people = {p.name: p for p in Person.objects.filter(name__in=[s.name for s in plan.people])}
    organisations = {o.name: o for o in Organisation.objects.filter(
        name__in=[s.name for s in plan.organisations])}
    users = {u.username: u for u in User.objects.filter(username__in=[s.username
                                                                       for s in plan.users])}
    return YearKit(DemoYear(), plan, town, users, [units[s.name] for s in plan.units], people,
                   organisations)
