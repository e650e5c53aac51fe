"""The demo's region tree: district → 西张村镇 → 41 villages → grids, with codes and polygons."""

import re
from collections import Counter

import pytest

from anjian.demo.geo import LAT_N, LAT_S, LON_E, LON_W, point_in_ring, polygon_area
from anjian.regions.models import Organisation, Region
from anjian.units.models import SectorRule, Unit

KNOWN = {
    "411203102200": "张二村", "411203102201": "张一村", "411203102203": "张三村",
    "411203102204": "张四村", "411203102205": "后关村", "411203102206": "前关村",
    "411203102207": "人马村",
}
PROBABLE = ["庙上村", "水淆村", "西阳村", "凡村村", "辛庄村", "沟东村", "陈村村", "赵村村",
            "庙洼村", "东沟村", "坡头村", "王村村"]


def ring(region):
    return [tuple(p) for p in region.boundary["coordinates"][0]]


@pytest.fixture
def villages(town):
    return list(Region.objects.filter(parent__code="411203102").order_by("code"))


def test_tree_starts_at_the_district_and_town(town):
    district = Region.objects.get(code="411203")
    assert (district.name, district.level, district.parent) == ("陕州区", 1, None)
    town_region = Region.objects.get(code="411203102")
    assert (town_region.name, town_region.parent, town_region.level) == ("西张村镇", district, 2)


def test_town_has_41_villages_with_the_known_codes(villages):
    assert len(villages) == 41
    assert all(v.kind == "village" and v.level == 3 for v in villages)
    by_code = {v.code: v.name for v in villages}
    assert {code: by_code.get(code) for code in KNOWN} == KNOWN
    assert by_code["411203102200"] == "张二村"
    assert Region.objects.get(code="411203102200").urban_rural_class == "121"
    assert all(re.fullmatch(r"411203102\d{3}", code) for code in by_code)
    assert len(set(by_code.values())) == 41


def test_probable_villages_take_codes_from_208_in_order(villages):
    by_name = {v.name: v.code for v in villages}
    assert [by_name[name] for name in PROBABLE] == [f"411203102{208 + i}" for i in range(12)]


def test_every_village_has_two_to_four_grids_with_derived_codes(villages):
    for village in villages:
        grids = list(village.children.order_by("code"))
        assert 2 <= len(grids) <= 4, village
        assert [g.code for g in grids] == [f"{village.code}-{n:02d}" for n in range(1, len(grids) + 1)]
        assert all(g.kind == "grid" and g.level == 4 for g in grids)
        assert grids[0].name == f"{village.name}第1网格"


def test_boundaries_are_closed_polygons_inside_the_town_box(town):
    regions = Region.objects.filter(level__in=(2, 3, 4))
    assert regions.count() == 1 + 41 + Region.objects.filter(level=4).count()
    for region in regions:
        assert region.boundary["type"] == "Polygon"
        points = ring(region)
        assert points[0] == points[-1] and len(points) >= 5
        assert polygon_area(points) > 0, f"{region} is not counter-clockwise"
        for lon, lat in points:
            assert LON_W - 0.03 < lon < LON_E + 0.03 and LAT_S - 0.01 < lat < LAT_N + 0.01
        assert point_in_ring((float(region.longitude), float(region.latitude)), points), region


def test_grids_tile_their_village_and_villages_tile_the_town(villages):
    town_area = polygon_area(ring(Region.objects.get(code="411203102")))
    assert sum(polygon_area(ring(v)) for v in villages) == pytest.approx(town_area, rel=1e-5)
    for village in villages:
        grids = sum(polygon_area(ring(g)) for g in village.children.all())
        # exact up to rounding to 6 decimals: 1e-7 square degrees is about 1,000 m²
        assert grids == pytest.approx(polygon_area(ring(village)), abs=1e-7), village
    # about 186 km² (1° latitude ≈ 111 km, 1° longitude ≈ 91.4 km here)
    assert 150 < town_area * 111 * 91.4 < 230


def test_polygons_do_not_overlap_at_any_unit(villages):
    """Every unit lies in its own grid, in no other grid of its village and in exactly one village."""
    rings = {v.pk: ring(v) for v in villages}
    grids = {g.pk: (g.parent_id, ring(g)) for g in Region.objects.filter(level=4)}
    for unit in Unit.objects.all():
        point = (float(unit.longitude), float(unit.latitude))
        village_id, own = grids[unit.region_id]
        assert point_in_ring(point, own), unit
        siblings = [r for pk, (parent, r) in grids.items() if parent == village_id and pk != unit.region_id]
        assert not any(point_in_ring(point, r) for r in siblings), unit
        assert [pk for pk, r in rings.items() if point_in_ring(point, r)] == [village_id], unit


def test_organisations_cover_every_sector_the_rules_use(town):
    names = set(Organisation.objects.values_list("name", flat=True))
    for short in ("应急管理办公室", "派出所", "卫生院", "交通管理站", "消防服务中心", "中心校",
                  "电管所", "综合行政执法队", "市场监管所", "林业站", "自然资源所", "水利站",
                  "规划建设办公室"):
        assert any(short in name for name in names), short
    supervised = set(Organisation.objects.values_list("sectors__code", flat=True))
    used = set(SectorRule.objects.values_list("sector__code", flat=True))
    assert used <= supervised, used - supervised


def test_every_unit_has_a_supervising_department(town):
    units = Unit.objects.select_related("region")
    assert all(u.sector_id for u in units)
    without = [u.name for u in units[:: 25] if not u.supervising_departments().exists()]
    assert without == []


def test_region_counts_are_plausible(town):
    counts = Counter(Region.objects.values_list("level", flat=True))
    assert counts[1] == 1 and counts[2] == 1 and counts[3] == 41
    assert 82 <= counts[4] <= 164
