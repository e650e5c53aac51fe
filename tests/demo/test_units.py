"""The demo's supervised units: seed 001 §四's exact figures and the town's real places."""

from collections import Counter

from anjian.accounts.choices import Duty
from anjian.core.models import JournalEntry
from anjian.core.validators import credit_code_error, phone_error
from anjian.demo.geo import LAT_N, LAT_S, LON_E, LON_W
from anjian.units.choices import RiskLevel
from anjian.units.models import Unit

SEED_001 = {
    ("small_venue", "small_production"): 68, ("small_venue", "small_shop"): 163,
    ("small_venue", "small_beauty_bath"): 12, ("small_venue", "small_hotel"): 3,
    ("small_venue", "small_clinic"): 47, ("small_venue", "small_restaurant"): 62,
    ("street_shop", "street_shop"): 231,
    ("crowded_place", "school"): 2, ("crowded_place", "kindergarten"): 3,
    ("crowded_place", "health_centre"): 2, ("crowded_place", "nursing_home"): 2,
    ("crowded_place", "supermarket"): 2, ("crowded_place", "poverty_relief_workshop"): 2,
    ("tailings_pond", "tailings_pond"): 2, ("abandoned_pit", "abandoned_pit"): 267,
}


def test_unit_counts_match_seed_001_exactly(town):
    counts = Counter(Unit.objects.values_list("category", "subcategory"))
    assert {key: counts[key] for key in SEED_001} == SEED_001
    by_category = Counter(Unit.objects.values_list("category", flat=True))
    assert by_category["small_venue"] == 355
    assert by_category["street_shop"] == 231
    assert by_category["crowded_place"] == 13
    assert by_category["mine"] == 4


def test_the_real_towns_places_are_there(town):
    def names(category):
        return set(Unit.objects.filter(category=category).values_list("name", flat=True))

    assert names("reservoir") == {"涧里水库", "后河水库", "九峪沟水库"}
    assert {"窑店林场", "义马矿务局林场", "干山林区", "方山林区", "放牛山林区", "三角山林区"} == names("forest_area")
    enterprises = names("enterprise")
    for historic in ("选矿厂", "黄金矿业", "砖瓦厂", "机械厂"):
        assert any(historic in name for name in enterprises), historic
    for category in ("gas_station", "gas_sales_point", "fireworks_outlet", "road_section",
                     "geological_hazard", "accident_prone_spot"):
        assert names(category), category


def test_accident_prone_spots_and_reservoirs_carry_warning_signs(town):
    for unit in Unit.objects.filter(category__in=["accident_prone_spot", "reservoir", "geological_hazard"]):
        assert unit.warning_signs, unit


def test_every_unit_is_complete_and_valid(town):
    units = list(Unit.objects.select_related("region", "region__parent"))
    assert len({u.name for u in units}) == len(units)
    for u in units:
        assert u.region.level == 4, u  # every unit sits on a grid
        assert u.address.startswith("西张村镇") and u.principal, u
        assert phone_error(u.principal_phone) is None, u
        assert not u.safety_officer_phone or phone_error(u.safety_officer_phone) is None, u
        assert u.risk_level in RiskLevel.values, u
        assert LON_W - 0.02 < u.longitude < LON_E + 0.02 and LAT_S - 0.01 < u.latitude < LAT_N + 0.01


def test_credit_codes_are_valid_unique_and_registered_in_the_district(town):
    codes = [c for c in Unit.objects.values_list("credit_code", flat=True) if c]
    assert len(codes) > 500 and len(set(codes)) == len(codes)
    for code in codes:
        assert credit_code_error(code) is None, code
        assert code[2:8] == "411203", code


def test_enterprises_carry_registry_details(town):
    enterprises = list(Unit.objects.filter(category="enterprise"))
    assert len(enterprises) >= 10
    for e in enterprises:
        assert e.credit_code and e.employees and e.industry_section and e.standardisation_grade, e
        assert e.safety_officer and e.linked_leader_id, e
    assert any(e.above_designated_size for e in enterprises)
    assert not all(e.above_designated_size for e in enterprises)
    assert {e.industry_section for e in enterprises} >= {"B", "C"}


def test_important_units_have_a_linked_leader_from_the_leading_group(town):
    important = Unit.objects.filter(category__in=["mine", "tailings_pond", "enterprise", "reservoir"]) | \
        Unit.objects.filter(subcategory__in=["school", "kindergarten", "health_centre", "nursing_home"])
    for unit in important.select_related("linked_leader"):
        assert unit.linked_leader is not None, unit
        assert unit.linked_leader.duty == Duty.LEADER and "组长" in unit.linked_leader.position, unit


def test_shops_cluster_on_the_two_built_up_streets(town):
    """Most street shops and 九小场所 stand on 张村街道 or 宜村街道; every village still keeps its own
    shop, its clinic (村卫生室) and most of the small workshops."""
    for category, share in (("street_shop", 0.7), ("small_venue", 0.42)):
        units = Unit.objects.filter(category=category).select_related("region__parent")
        on_street = [u for u in units if "张村街道" in u.address or "宜村街道" in u.address]
        assert len(on_street) >= share * len(units), category
        villages = {u.region.parent.name for u in on_street}
        assert villages <= {"张一村", "张二村", "张三村", "张四村", "宜村村"}, villages


def test_abandoned_pits_lie_in_the_southern_hills_and_mountains(town):
    pits = Unit.objects.filter(category="abandoned_pit").select_related("region__parent")
    assert {p.region.parent.notes[:4] for p in pits} <= {"中部浅山", "南部山区"}


def test_every_unit_was_created_through_the_journaled_service(town):
    journaled = set(JournalEntry.objects.filter(
        content_type__model="unit", action="create", source="demo").values_list("object_id", flat=True))
    assert journaled == {str(pk) for pk in Unit.objects.values_list("pk", flat=True)}
