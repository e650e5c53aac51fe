"""The benchmark data generator: same arguments, same data; the counts asked for; valid units."""

from collections import Counter

import pytest

from anjian.accounts.choices import Role
from anjian.core.validators import credit_code_error
from anjian.regions.models import Region
from anjian.units.choices import CATEGORY_OF_SUBCATEGORY
from anjian.units.models import Unit
from bench.generate import COUNTY, build_plan, generate


def test_the_same_seed_plans_the_same_county():
    first = build_plan(units=1000, towns=2, seed=7)
    second = build_plan(units=1000, towns=2, seed=7)
    assert first.regions == second.regions
    assert first.units == second.units
    assert first.leaders == second.leaders


def test_another_seed_plans_other_units():
    assert build_plan(units=200, towns=1, seed=1).units != build_plan(units=200, towns=1, seed=2).units


def test_the_plan_has_the_requested_size_and_shape():
    plan = build_plan(units=1000, towns=3)
    kinds = Counter(r.kind for r in plan.regions)
    assert kinds["district"] == 1 and kinds["town"] == 3
    assert kinds["village"] >= 41 + 2 * 18  # the demo town's 41 villages, then 18–36 a town
    assert 2 * kinds["village"] <= kinds["grid"] <= 5 * kinds["village"]
    assert len(plan.units) == 1000
    assert len({u["category"] for u in plan.units}) >= 10


def test_every_planned_unit_is_valid():
    plan = build_plan(units=1000, towns=2)
    codes = [u["credit_code"] for u in plan.units if u["credit_code"]]
    assert codes and len(codes) == len(set(codes))
    assert all(credit_code_error(c) is None for c in codes)
    region_kind = {r.code: r.kind for r in plan.regions}
    for unit in plan.units:
        assert CATEGORY_OF_SUBCATEGORY[unit["subcategory"]] == unit["category"]
        assert region_kind[unit["region_code"]] in ("village", "grid")
        assert unit["name"] and len(unit["name"]) <= 200 and len(unit["address"]) <= 255


@pytest.mark.django_db
def test_generate_writes_the_plan_into_the_database():
    plan = build_plan(units=1000, towns=2)
    world = generate(units=1000, towns=2)

    assert world.units == Unit.objects.count() == 1000
    assert world.regions == Region.objects.count() == len(plan.regions)
    assert Region.objects.get(code=COUNTY[1]).level == 1
    for region in Region.objects.select_related("parent"):
        expected = f"{region.parent.path if region.parent else '/'}{region.pk}/"
        assert region.path == expected
    written = list(Unit.objects.order_by("pk").values_list("name", "credit_code", "region__code"))
    assert written == [(u["name"], u["credit_code"], u["region_code"]) for u in plan.units]


@pytest.mark.django_db
def test_generated_units_get_their_sector_and_offices_see_them():
    world = generate(units=300, towns=1)

    shops = Unit.objects.filter(category="small_venue")
    assert shops.exists() and not shops.exclude(sector__code="fire").exists()
    county_office = world.users["county_office"]
    assert county_office.role_grants.get().role == Role.SAFETY_OFFICE
    assert Unit.objects.for_user(county_office).count() == 300
    village = world.users["village"]
    village_region = village.role_grants.get().region
    assert Unit.objects.for_user(village).count() == Unit.objects.filter(
        region__path__startswith=village_region.path).count() < 300
