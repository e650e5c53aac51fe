"""A small, complete world for tests: one county, one town, two villages (A inside the personas'
scope, B the outsider's), grids, agencies with sectors, a user for every role and units of several
categories in each village, people in each village and agency. A second town (观音堂镇) with its own
village, grid, police station, person, unit and safety office (`office_b`) lies outside every
西张村镇 persona's scope. Built with the real services where they exist."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

from anjian.accounts.choices import Duty, Role
from anjian.accounts.models import Person, RoleGrant, User
from anjian.accounts.services import person_create
from anjian.regions.choices import OrganisationKind, RegionKind
from anjian.regions.models import Organisation, Region, Sector
from anjian.regions.services import region_create
from anjian.units.models import Unit, UnitAccess
from anjian.units.services import unit_create

PASSWORD = "Anjian-test-2026"


@dataclass
class World:
    county: Region
    town: Region
    village_a: Region
    village_b: Region
    grid_a: Region
    grid_b: Region
    police: Organisation
    school_office: Organisation
    users: dict[str, User] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    # Outside 西张村镇: another town of the county and what lies in it.
    town_b: Region | None = None
    village_c: Region | None = None
    grid_c: Region | None = None
    police_b: Organisation | None = None
    people: dict[str, Person] = field(default_factory=dict)

    def regions(self) -> list[Region]:
        return [self.county, self.town, self.village_a, self.village_b, self.grid_a, self.grid_b,
                self.town_b, self.village_c, self.grid_c]

    def organisations(self) -> list[Organisation]:
        return [self.police, self.school_office, self.police_b]


def make_user(username: str, role: str | None = None, *, region=None, organisation=None,
              display_name: str = "") -> User:
    user = User.objects.create_user(username, password=PASSWORD, display_name=display_name or username)
    if role:
        RoleGrant.objects.create(user=user, role=role, region=region, organisation=organisation)
    return user


def _unit(name, category, subcategory, region, **extra) -> Unit:
    return unit_create(actor=None, data={"name": name, "category": category,
                                         "subcategory": subcategory, "region": region, **extra})


def ensure_default_data() -> None:
    """Re-run the data migrations' defaults (sectors, 三管三必须 rules, calendar, checklists, drill
    frequencies, risk colour bands), idempotently: a
    transactional test (browser tests against the live server) flushes the tables they filled."""
    from django.apps import apps

    for name, function in (("anjian.regions.migrations.0002_default_sectors", "add"),
                           ("anjian.units.migrations.0002_default_sector_rules", "add"),
                           ("anjian.workdays.migrations.0002_seed_chinese_calendar", "add"),
                           ("anjian.inspections.migrations.0002_builtin_checklists", "add"),
                           ("anjian.emergency.migrations.0002_default_drill_requirements", "load"),
                           ("anjian.risks.migrations.0002_default_grading_scheme", "add")):
        getattr(import_module(name), function)(apps, None)


def build_world() -> World:
    ensure_default_data()
    county = region_create(actor=None, parent=None, name="陕州区", code="411203",
                           kind=RegionKind.DISTRICT)
    town = region_create(actor=None, parent=county, name="西张村镇", code="411203102",
                         kind=RegionKind.TOWN)
    village_a = region_create(actor=None, parent=town, name="张一村", code="411203102201",
                              kind=RegionKind.VILLAGE)
    village_b = region_create(actor=None, parent=town, name="后关村", code="411203102205",
                              kind=RegionKind.VILLAGE)
    grid_a = region_create(actor=None, parent=village_a, name="张一村第1网格",
                           code="411203102201-01", kind=RegionKind.GRID)
    grid_b = region_create(actor=None, parent=village_b, name="后关村第1网格",
                           code="411203102205-01", kind=RegionKind.GRID)
    police = Organisation.objects.create(region=town, name="西张村派出所",
                                         kind=OrganisationKind.POLICE_STATION)
    police.sectors.set(Sector.objects.filter(code__in=["fire", "road_traffic"]))
    school_office = Organisation.objects.create(region=town, name="西张村镇中心校",
                                                kind=OrganisationKind.SCHOOL)
    school_office.sectors.set(Sector.objects.filter(code="education"))
    w = World(county, town, village_a, village_b, grid_a, grid_b, police, school_office)

    w.units["shop_a"] = _unit("张一便民超市", "small_venue", "small_shop", grid_a,
                              credit_code="91350100M000100Y43", principal="王强",
                              principal_phone="13800000001", risk_level="yellow")
    w.units["school_a"] = _unit("张一小学", "crowded_place", "school", village_a, risk_level="orange")
    w.units["shop_b"] = _unit("后关小饭馆", "small_venue", "small_restaurant", grid_b, risk_level="blue")
    w.units["pit_b"] = _unit("后关废弃坑口1号", "abandoned_pit", "abandoned_pit", village_b)

    _outside_town(w)
    people = w.people
    people["leader"] = Person.objects.create(name="燕生", region=town, duty=Duty.LEADER,
                                             position="党委书记")
    people["secretary_a"] = _person("张建国", village_a, Duty.VILLAGE_SECRETARY, "张一村党支部书记",
                                    "13800000011")
    people["cadre_b"] = _person("李红梅", village_b, Duty.CADRE, "后关村村委委员", "13800000012")
    people["grid_worker_a"] = _person("王铁军", grid_a, Duty.GRID_WORKER, "专职网格员",
                                      "13800000013")
    people["police_staff"] = _person("赵卫东", town, Duty.STAFF, "派出所民警", "0398-3810110",
                                     organisation=police)
    people["cadre_c"] = _person("孙立平", w.village_c, Duty.CADRE, "七里村村委委员", "13800000015")
    users = w.users
    users["leader"] = make_user("leader", Role.LEADER, region=town, display_name="燕生")
    users["office"] = make_user("office", Role.SAFETY_OFFICE, region=town, display_name="应急办")
    users["agency"] = make_user("agency", Role.AGENCY, organisation=police, display_name="派出所民警")
    users["school_agency"] = make_user("school_agency", Role.AGENCY, organisation=school_office)
    users["village_a"] = make_user("village_a", Role.VILLAGE, region=village_a, display_name="张一村干部")
    users["village_b"] = make_user("village_b", Role.VILLAGE, region=village_b, display_name="后关村干部")
    users["grid_a"] = make_user("grid_a", Role.GRID_WORKER, region=grid_a, display_name="网格员甲")
    users["enterprise_a"] = make_user("enterprise_a", display_name="超市老板")
    UnitAccess.objects.create(user=users["enterprise_a"], unit=w.units["shop_a"], role=Role.ENTERPRISE)
    users["expert"] = make_user("expert", display_name="安全服务专家")
    UnitAccess.objects.create(user=users["expert"], unit=w.units["pit_b"], role=Role.EXPERT)
    users["sysadmin"] = make_user("sysadmin", Role.SYSTEM_ADMIN, region=town)
    users["secadmin"] = make_user("secadmin", Role.SECURITY_ADMIN, region=town)
    users["auditor"] = make_user("auditor", Role.AUDIT_ADMIN, region=town)
    users["nobody"] = make_user("nobody")
    users["office_b"] = make_user("office_b", Role.SAFETY_OFFICE, region=w.town_b,
                                  display_name="观音堂镇应急办")
    return w


def _person(name, region, duty, position, phone, organisation=None) -> Person:
    return person_create(actor=None, data={
        "name": name, "region": region, "duty": duty, "position": position, "phone": phone,
        "organisation": organisation})


def _outside_town(w: World) -> None:
    """Another town of the county: nobody of 西张村镇 may see or touch anything in it."""
    w.town_b = region_create(actor=None, parent=w.county, name="观音堂镇", code="411203105",
                             kind=RegionKind.TOWN)
    w.village_c = region_create(actor=None, parent=w.town_b, name="七里村", code="411203105201",
                                kind=RegionKind.VILLAGE)
    w.grid_c = region_create(actor=None, parent=w.village_c, name="七里村第1网格",
                             code="411203105201-01", kind=RegionKind.GRID)
    w.police_b = Organisation.objects.create(region=w.town_b, name="观音堂派出所",
                                             kind=OrganisationKind.POLICE_STATION)
    w.police_b.sectors.set(Sector.objects.filter(code__in=["fire", "road_traffic"]))
    # A small shop, like shop_a: same category and sector, but in the other town.
    w.units["shop_c"] = _unit("七里村日杂店", "small_venue", "small_shop", w.grid_c,
                              principal="孙大海", principal_phone="13800000021", risk_level="blue")
