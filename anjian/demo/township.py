"""The region tree of the demo: 陕州区 → 西张村镇 → its 41 villages → their grids
(facts: ../shared/data/xizhangcun.md)."""

from __future__ import annotations

from anjian.demo.geo import grid_cuts, ring_geojson, town_ring, town_rows
from anjian.demo.names import rng_for
from anjian.demo.specs import GridInfo, RegionSpec, VillageInfo, coord
from anjian.regions.choices import RegionKind

DISTRICT_CODE, DISTRICT_NAME = "411203", "陕州区"
TOWN_CODE, TOWN_NAME = "411203102", "西张村镇"

# The seven villages known by name and 12-digit code, with their urban–rural class.
KNOWN_VILLAGES = {
    "张二村": ("200", "121"), "张一村": ("201", "122"), "张三村": ("203", "122"),
    "张四村": ("204", "122"), "后关村": ("205", "220"), "前关村": ("206", "220"),
    "人马村": ("207", "220"),
}
# Probable villages, known by name only: codes from 208 on, in this order.
PROBABLE_VILLAGES = [
    "庙上村", "水淆村", "西阳村", "凡村村", "辛庄村", "沟东村", "陈村村", "赵村村", "庙洼村",
    "东沟村", "坡头村", "王村村",
]
# Invented in the same style to reach 41, with codes after the probable ones.
INVENTED_VILLAGES = [
    "宜村村", "北营村", "东坡村", "槐树村", "寺沟村", "桃园村", "马岭村", "杨家岭村", "石门村",
    "下河村", "窑头村", "泉头村", "岭头村", "罗家村", "上岭村", "核桃坪村", "涧里村", "红岩村",
    "崖底村", "青山村", "西岭村", "南沟村",
]
# Where each village lies, north to south: loess tableland in the north with 张村 (张一–张四) at
# the centre, 宜村 in the middle, mountains (干山, 方山, 放牛山, 三角山) in the south.
LAYOUT = [
    ["凡村村", "辛庄村", "北营村", "西阳村", "水淆村", "沟东村", "东沟村"],
    ["陈村村", "赵村村", "张一村", "张二村", "张三村", "庙上村", "坡头村"],
    ["王村村", "后关村", "前关村", "张四村", "东坡村", "槐树村", "庙洼村"],
    ["人马村", "寺沟村", "桃园村", "宜村村", "马岭村", "杨家岭村", "石门村"],
    ["下河村", "窑头村", "泉头村", "岭头村", "罗家村", "上岭村", "核桃坪村"],
    ["涧里村", "红岩村", "崖底村", "青山村", "西岭村", "南沟村"],
]
ZONE_OF_ROW = ["tableland", "tableland", "tableland", "hills", "mountain", "mountain"]
ZONE_NOTES = {
    "centre": "镇区，张村街道穿村而过",
    "tableland": "北部黄土塬区，海拔约750米，以苹果种植为主",
    "hills": "中部浅山丘陵区",
    "mountain": "南部山区，林地面积大，森林防火重点村",
}
STREETS = {"张一村": "张村街道", "张二村": "张村街道", "张三村": "张村街道",
           "张四村": "张村街道", "宜村村": "宜村街道"}
CENTRE = set(STREETS)

TOWN_NOTES = ("位于陕州区南部，距三门峡市区约20公里，面积约186平方公里，人口约3万人；"
              "镇政府驻张村（张二村）。北部为黄土塬，海拔约750米；南部为山区（干山海拔1903米、"
              "方山、放牛山、三角山），邻近甘山国家森林公园。水库：涧里、后河、九峪沟；"
              "林场：窑店林场、义马矿务局林场（约占全镇面积30%）。历史上有选矿厂、金矿、"
              "砖瓦厂、机械厂，是陕州区南部的商贸重镇。")


def village_codes() -> dict[str, str]:
    town = TOWN_CODE
    codes = {name: f"{town}{code}" for name, (code, _urc) in KNOWN_VILLAGES.items()}
    for i, name in enumerate(PROBABLE_VILLAGES + INVENTED_VILLAGES):
        codes[name] = f"{town}{208 + i}"
    return codes


def _urban_rural_class(name: str) -> str:
    if name in KNOWN_VILLAGES:
        return KNOWN_VILLAGES[name][1]
    return "122" if name == "宜村村" else "220"


def build_villages() -> list[VillageInfo]:
    """Villages with their polygons and grids, west to east and north to south."""
    rng = rng_for("geometry")
    rows = town_rows(rng, tuple(len(row) for row in LAYOUT))
    codes = village_codes()
    villages = []
    for r, names in enumerate(LAYOUT):
        for c, name in enumerate(names):
            zone = "centre" if name in CENTRE else ZONE_OF_ROW[r]
            cell = rows[r][c]
            n_grids = 4 if zone == "centre" else rng.choice((2, 3, 3, 4) if r < 3 else (2, 2, 3))
            village = VillageInfo(code=codes[name], name=name, zone=zone, cell=cell,
                                  groups=rng.randint(4, 9), street=STREETS.get(name, ""))
            for n, grid_cell in enumerate(cell.split(grid_cuts(rng, n_grids)), start=1):
                village.grids.append(GridInfo(f"{village.code}-{n:02d}", f"{name}第{n}网格", grid_cell))
            villages.append(village)
    villages.sort(key=lambda v: v.code)
    return villages


def town_boundary(villages: list[VillageInfo]) -> dict:
    """The town's outline, recomputed from the rows of village cells."""
    rows: dict[float, list] = {}
    for v in villages:
        rows.setdefault(v.cell.north.ys[0], []).append(v.cell)
    ordered = [sorted(cells, key=lambda c: c.west_s) for _k, cells in
               sorted(rows.items(), key=lambda kv: -kv[0])]
    return ring_geojson(town_ring(ordered))


def region_specs(villages: list[VillageInfo]) -> list[RegionSpec]:
    """District, town, villages and grids, parents before children."""
    town_lon, town_lat = next(v for v in villages if v.name == "张二村").cell.centroid()
    specs = [
        RegionSpec(DISTRICT_CODE, DISTRICT_NAME, RegionKind.DISTRICT, None,
                   {"notes": "河南省三门峡市陕州区（原陕县，2016年更名）"}),
        RegionSpec(TOWN_CODE, TOWN_NAME, RegionKind.TOWN, DISTRICT_CODE, {
            "boundary": town_boundary(villages), "latitude": coord(town_lat),
            "longitude": coord(town_lon), "notes": TOWN_NOTES,
        }),
    ]
    for v in villages:
        lon, lat = v.cell.centroid()
        specs.append(RegionSpec(v.code, v.name, RegionKind.VILLAGE, TOWN_CODE, {
            "boundary": v.cell.geojson(), "latitude": coord(lat), "longitude": coord(lon),
            "urban_rural_class": _urban_rural_class(v.name),
            "notes": f"{ZONE_NOTES[v.zone]}；下辖{v.groups}个村民小组。",
        }))
    for v in villages:
        for g in v.grids:
            lon, lat = g.cell.centroid()
            specs.append(RegionSpec(g.code, g.name, RegionKind.GRID, v.code, {
                "boundary": g.cell.geojson(), "latitude": coord(lat), "longitude": coord(lon),
            }))
    return specs
