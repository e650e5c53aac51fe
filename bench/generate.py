"""Deterministic county-scale registry data for the benchmarks.

`build_plan()` decides everything in pure Python from a seed — a county (陕州区) with a few towns,
their villages and grids, and N supervised units spread over the categories, villages, grids and
risk levels with plausible Chinese names, addresses, people, phones and valid credit codes — so the
same arguments give the same data on every machine. `generate()` writes a plan into the current
database with bulk_create in batches: benchmark data is not a user write path, so it skips the
services (and their journal) on purpose; a unit's sector still comes from the 三管三必须 rules the
migrations installed, as `units.services` derives it.

    from bench.generate import generate
    world = generate(units=100_000)      # after django.setup() and migrate
    world.users["county_office"]         # a safety-office user of the whole county
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from anjian.core.validators import CREDIT_CODE_CHARSET, credit_code_check_char

SEED = 20260501
COUNTY = ("陕州区", "411203")
# The towns of 陕州区 (西张村镇 first: the demo township), with the code suffixes used here.
TOWNS = [
    ("西张村镇", "102"), ("大营镇", "101"), ("原店镇", "103"), ("观音堂镇", "104"),
    ("张汴乡", "201"), ("张湾乡", "202"), ("菜园乡", "203"), ("张茅乡", "204"),
    ("王家后乡", "205"), ("硖石乡", "206"), ("西李村乡", "207"), ("宫前乡", "208"),
    ("店子乡", "209"),
]
KNOWN_VILLAGES = ["张二村", "张一村", "张三村", "张四村", "后关村", "前关村", "人马村", "庙上村",
                  "水淆村", "西阳村", "凡村村", "辛庄村", "沟东村", "陈村村", "赵村村", "庙洼村",
                  "东沟村", "坡头村", "王村村"]
VILLAGE_HEADS = list("东西南北上下前后大小新老张王李赵陈刘杨马高石柳杏桃槐河岭塬")
VILLAGE_TAILS = ["村", "庄村", "沟村", "坡村", "营村", "寨村", "湾村", "洼村", "头村", "凹村", "峪村"]
SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕")
GIVEN = list("建国伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅海燕波辉鹏飞宏志文")
TRADE = ["鑫源", "兴盛", "恒达", "福顺", "宏远", "金利", "祥和", "泰丰", "永安", "聚福", "万家", "惠民",
         "利民", "佳美", "康乐", "旺达", "润丰", "华联", "东方", "昌盛", "通达", "宇航", "嘉禾", "盛世",
         "瑞丰", "天成", "宏达", "众鑫", "百味", "和谐", "新华", "同心", "鸿运", "富源", "金鼎", "长青",
         "红星", "广源", "隆昌", "德胜", "豫西", "甘山", "崤函", "陕塬", "地坑", "黄河", "天鹅", "苹果",
         "金穗", "丰收", "安泰", "如意", "吉祥", "六合", "三和", "五洲", "四季", "一品", "八方", "九鼎"]
ROADS = ["310国道", "209国道", "连霍高速", "S249省道", "S318省道", "陕州大道", "张村大街", "宜村街",
         "南山路", "塬上路"]
RISK_WEIGHTS = [("blue", 48), ("yellow", 30), ("orange", 10), ("red", 2), ("", 10)]
CATEGORY_WEIGHTS = [
    ("small_venue", 340), ("street_shop", 250), ("enterprise", 120), ("abandoned_pit", 100),
    ("crowded_place", 50), ("gas_sales_point", 20), ("fireworks_outlet", 20),
    ("accident_prone_spot", 20), ("road_section", 20), ("geological_hazard", 20),
    ("forest_area", 10), ("reservoir", 10), ("gas_station", 10), ("mine", 5), ("tailings_pond", 5),
]
# Sub-category weights; 九小场所 follow seed 001's 68/163/12/3/47/62.
SUB_WEIGHTS: dict[str, list[tuple[str, int]]] = {
    "small_venue": [("small_production", 68), ("small_shop", 163), ("small_beauty_bath", 12),
                    ("small_hotel", 3), ("small_clinic", 47), ("small_restaurant", 62),
                    ("small_school", 8), ("small_entertainment", 6), ("small_internet_cafe", 5)],
    "street_shop": [("street_shop", 1)],
    "enterprise": [("building_materials", 14), ("machinery", 10), ("food_processing", 12),
                   ("agriculture", 14), ("commerce_trade", 12), ("construction", 8),
                   ("road_transport", 6), ("light_industry", 6), ("textile", 3), ("metallurgy", 2),
                   ("nonferrous", 2), ("hazardous_chemicals", 2), ("fireworks_production", 1),
                   ("other_enterprise", 8)],
    "crowded_place": [("school", 10), ("kindergarten", 12), ("health_centre", 3), ("hospital", 1),
                      ("nursing_home", 3), ("supermarket", 8), ("market", 5), ("religious_site", 4),
                      ("poverty_relief_workshop", 4), ("hotel", 3), ("public_entertainment", 3)],
    "mine": [("metal_mine", 6), ("quarry", 3), ("coal_mine", 1)],
    "tailings_pond": [("tailings_pond", 1)],
    "abandoned_pit": [("abandoned_pit", 1)],
    "gas_station": [("gas_station", 4), ("gas_filling_station", 1)],
    "gas_sales_point": [("lpg_point", 1)],
    "fireworks_outlet": [("fireworks_retail", 1)],
    "forest_area": [("forest_land", 6), ("forest_farm", 2), ("forest_park", 1)],
    "reservoir": [("reservoir", 1)],
    "road_section": [("road_section", 1)],
    "geological_hazard": [("landslide", 4), ("collapse", 4), ("debris_flow", 1),
                          ("ground_subsidence", 3)],
    "accident_prone_spot": [("road_blackspot", 4), ("dangerous_water", 3), ("other_spot", 1)],
}
# How a place of each sub-category calls itself after its trade name.
KIND_WORDS = {
    "small_production": ["加工厂", "面粉加工坊", "木器加工厂", "彩钢加工部", "豆腐坊", "榨油坊"],
    "small_shop": ["超市", "便利店", "副食店", "日杂店", "烟酒商行", "农资店"],
    "small_beauty_bath": ["美发店", "理发店", "洗浴中心", "美容院"],
    "small_hotel": ["旅社", "宾馆", "农家宾馆"],
    "small_clinic": ["诊所", "卫生室", "中医诊所", "牙科诊所"],
    "small_restaurant": ["饭店", "面馆", "烩面馆", "小吃店", "羊肉汤馆", "农家乐"],
    "small_school": ["幼儿园", "托管班", "培训学校"],
    "small_entertainment": ["KTV", "歌舞厅", "棋牌室"],
    "small_internet_cafe": ["网吧", "网络会所"],
    "street_shop": ["五金店", "电动车行", "服装店", "手机店", "建材门市", "家电门市", "药店",
                    "烟酒店", "水果店", "汽修店", "门窗店", "粮油店"],
    "building_materials": ["建材有限公司", "砖厂", "水泥制品有限公司", "石料厂"],
    "machinery": ["机械有限公司", "机械厂", "农机修造厂"],
    "food_processing": ["食品有限公司", "果业有限公司", "粉条加工厂"],
    "agriculture": ["农业专业合作社", "养殖专业合作社", "苹果专业合作社", "种植家庭农场"],
    "commerce_trade": ["商贸有限公司", "物流有限公司"],
    "construction": ["建筑工程有限公司", "建设有限公司"],
    "road_transport": ["运输有限公司", "客运有限公司"],
    "light_industry": ["包装有限公司", "纸业有限公司"],
    "textile": ["服装有限公司", "纺织厂"],
    "metallurgy": ["铸造有限公司"],
    "nonferrous": ["金属材料有限公司"],
    "hazardous_chemicals": ["化工有限公司"],
    "fireworks_production": ["烟花爆竹有限公司"],
    "other_enterprise": ["实业有限公司", "科技有限公司", "新能源有限公司"],
    "supermarket": ["购物广场", "生活超市"],
    "hotel": ["大酒店", "宾馆"],
    "public_entertainment": ["文化广场", "娱乐城"],
    "poverty_relief_workshop": ["扶贫车间"],
    "lpg_point": ["液化气站", "燃气供应点"],
    "fireworks_retail": ["烟花爆竹零售点"],
    "gas_station": ["加油站"],
    "gas_filling_station": ["加气站"],
}
COMPANY_SUBS = {s for s, _ in SUB_WEIGHTS["enterprise"]} | {
    "gas_station", "gas_filling_station", "metal_mine", "quarry", "coal_mine", "tailings_pond"}
PUBLIC_SUBS = {"school", "kindergarten", "health_centre", "hospital", "nursing_home"}
# GB/T 4754 sections (门类) where the kind of unit implies one.
SECTION_OF_CATEGORY = {"enterprise": "C", "mine": "B", "tailings_pond": "B", "gas_station": "F",
                       "gas_sales_point": "F", "fireworks_outlet": "F", "street_shop": "F"}
SECTION_OF_SUB = {"agriculture": "A", "construction": "E", "road_transport": "G",
                  "commerce_trade": "F", "small_restaurant": "H", "small_hotel": "H",
                  "small_shop": "F", "small_clinic": "Q", "small_production": "C", "hotel": "H"}
PLACE_CATEGORIES = {"abandoned_pit", "forest_area", "reservoir", "road_section",
                    "geological_hazard", "accident_prone_spot"}


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    kind: str
    parent_code: str | None
    latitude: Decimal
    longitude: Decimal


@dataclass
class Plan:
    """Everything `generate()` writes, decided in advance from the seed."""

    regions: list[RegionRow]
    units: list[dict]  # Unit field values; "region_code" stands for the region, "leader" for the
    # town's linked leader's name
    leaders: list[tuple[str, str]] = field(default_factory=list)  # (town code, name)


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> Callable[[], str]:
    values = [v for v, _ in pairs]
    cum = []
    total = 0
    for _, w in pairs:
        total += w
        cum.append(total)
    return lambda: rng.choices(values, cum_weights=cum)[0]


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('35789')}{rng.randrange(10**9):09d}"


def _credit_code(kind: str, seq: int) -> str:
    """A valid GB 32100 code, unique by `seq`: 91 company, 92 individual business, 12 public body."""
    digits = []
    n = seq
    for _ in range(7):
        n, r = divmod(n, 31)
        digits.append(CREDIT_CODE_CHARSET[r])
    first17 = f"{kind}{COUNTY[1]}MA" + "".join(reversed(digits))
    return first17 + credit_code_check_char(first17)


def _coord(rng: random.Random, centre: Decimal, spread: float) -> Decimal:
    return (centre + Decimal(str(round(rng.uniform(-spread, spread), 6)))).quantize(Decimal("0.000001"))


def build_plan(*, units: int = 100_000, towns: int = 6, seed: int = SEED) -> Plan:
    """The regions and units of a county, deterministically from `seed`."""
    if not 1 <= towns <= len(TOWNS):
        raise ValueError(f"towns must be between 1 and {len(TOWNS)}")
    rng = random.Random(seed)
    county_name, county_code = COUNTY
    regions = [RegionRow(county_code, county_name, "district", None, Decimal("34.720000"),
                         Decimal("111.100000"))]
    villages: list[tuple[RegionRow, str, list[RegionRow], float]] = []  # village, town, grids, weight
    leaders = []
    for t, (town_name, suffix) in enumerate(TOWNS[:towns]):
        town_code = county_code + suffix
        town = RegionRow(town_code, town_name, "town", county_code,
                         _coord(rng, Decimal("34.720000"), 0.15), _coord(rng, Decimal("111.100000"), 0.2))
        regions.append(town)
        leaders.append((town_code, _person(rng)))
        names = list(KNOWN_VILLAGES) if t == 0 else []
        count = 41 if t == 0 else rng.randint(18, 36)
        while len(names) < count:
            name = rng.choice(VILLAGE_HEADS) + rng.choice(VILLAGE_HEADS) + rng.choice(VILLAGE_TAILS)
            if name not in names:
                names.append(name)
        for v, village_name in enumerate(names[:count]):
            village = RegionRow(f"{town_code}{200 + v:03d}", village_name, "village", town_code,
                                _coord(rng, town.latitude, 0.04), _coord(rng, town.longitude, 0.05))
            grids = [RegionRow(f"{village.code}-{g + 1:02d}", f"{village_name}第{g + 1}网格", "grid",
                               village.code, _coord(rng, village.latitude, 0.006),
                               _coord(rng, village.longitude, 0.008))
                     for g in range(rng.randint(2, 5))]
            regions.append(village)
            regions.extend(grids)
            villages.append((village, town_name, grids, rng.uniform(0.4, 2.0)))

    pick_category = _weighted(rng, CATEGORY_WEIGHTS)
    pick_sub = {cat: _weighted(rng, pairs) for cat, pairs in SUB_WEIGHTS.items()}
    pick_risk = _weighted(rng, RISK_WEIGHTS)
    village_weights = []
    total = 0.0
    for *_, w in villages:
        total += w
        village_weights.append(total)
    leader_of = dict(leaders)
    plan_units = []
    code_seq = 0
    counters: dict[tuple[str, str], int] = {}
    for _ in range(units):
        village, town_name, grids, _w = rng.choices(villages, cum_weights=village_weights)[0]
        category = pick_category()
        sub = pick_sub[category]()
        on_grid = category not in PLACE_CATEGORIES and rng.random() < 0.75
        region = rng.choice(grids) if on_grid else village
        trade = rng.choice(TRADE)
        vshort = village.name[:-1] if village.name.endswith("村") else village.name
        road = rng.choice(ROADS)
        key = (village.code, sub)
        counters[key] = n = counters.get(key, 0) + 1
        if sub in KIND_WORDS:
            word = rng.choice(KIND_WORDS[sub])
            if category == "enterprise" or sub in ("gas_station", "gas_filling_station"):
                name = f"三门峡{trade}{word}" if word.endswith("公司") else f"陕州区{trade}{word}"
            elif rng.random() < 0.3:
                name = f"{rng.choice(SURNAMES)}记{word}"
            elif sub == "poverty_relief_workshop":
                name = f"{village.name}{word}"
            else:
                name = f"{vshort}{trade}{word}" if rng.random() < 0.3 else f"{trade}{word}"
        elif sub in ("school", "kindergarten"):
            name = f"{village.name}{'小学' if sub == 'school' else '幼儿园'}" if n == 1 else \
                f"{trade}{'学校' if sub == 'school' else '幼儿园'}"
        elif sub in ("health_centre", "hospital", "nursing_home"):
            word = {"health_centre": "卫生院", "hospital": "医院", "nursing_home": "敬老院"}[sub]
            name = f"{town_name}{word}" if n == 1 else f"{town_name}{vshort}{word}"
        elif sub == "market":
            name = f"{vshort}集贸市场"
        elif sub == "religious_site":
            name = f"{vshort}{rng.choice(['关帝庙', '娘娘庙', '基督教堂', '观音庙'])}"
        elif category == "mine":
            name = f"三门峡{trade}矿业有限公司{vshort}{'金矿' if sub == 'metal_mine' else '采石场' if sub == 'quarry' else '煤矿'}"
        elif category == "tailings_pond":
            name = f"三门峡{trade}矿业有限公司{vshort}尾矿库"
        elif category == "abandoned_pit":
            name = f"{village.name}废弃坑口{n}号"
        elif category == "forest_area":
            name = f"{vshort}{'林场' if sub == 'forest_farm' else '森林公园' if sub == 'forest_park' else '林区'}{n}号"
        elif category == "reservoir":
            name = f"{vshort}{rng.choice(['水库', '塘坝', '蓄水池'])}{n}号"
        elif category == "road_section":
            name = f"{road}{vshort}段{n}"
        elif category == "geological_hazard":
            name = f"{vshort}{dict(landslide='滑坡', collapse='崩塌', debris_flow='泥石流', ground_subsidence='地面塌陷')[sub]}隐患点{n}号"
        else:  # accident-prone spots
            name = (f"{road}{vshort}{rng.choice(['急弯', '陡坡', '交叉口'])}{n}号" if sub == "road_blackspot"
                    else f"{vshort}{rng.choice(['坑塘', '河道', '水渠'])}{n}号")
        if category in PLACE_CATEGORIES:
            address = f"{town_name}{village.name}{rng.choice(['北', '南', '东', '西'])}{rng.randint(1, 5)}公里"
        elif rng.random() < 0.25:
            address = f"{town_name}{road}{rng.randint(1, 999)}号"
        else:
            address = f"{town_name}{village.name}{rng.randint(1, 12)}组{rng.randint(1, 120)}号"
        if sub in COMPANY_SUBS:
            code_kind = "91"
        elif sub in PUBLIC_SUBS:
            code_kind = "12"
        elif category in ("small_venue", "street_shop", "fireworks_outlet", "gas_sales_point") \
                and rng.random() < 0.6:
            code_kind = "92"
        else:
            code_kind = ""
        credit_code = ""
        if code_kind:
            code_seq += 1
            credit_code = _credit_code(code_kind, code_seq)
        has_people = category not in PLACE_CATEGORIES
        employees = None
        if category == "enterprise":
            employees = int(rng.lognormvariate(3.0, 1.0)) + 3
        elif has_people:
            employees = rng.randint(1, 30)
        above = category == "enterprise" and (employees or 0) >= 80
        grade = ""
        if category in ("enterprise", "mine", "tailings_pond", "gas_station"):
            grade = rng.choice(["level_3", "level_3", "small_micro", "small_micro", "none", "level_2"])
        industry_section = SECTION_OF_SUB.get(sub, SECTION_OF_CATEGORY.get(category, ""))
        deregistered = rng.random() < 0.02
        principal = _person(rng) if has_people or rng.random() < 0.5 else ""
        plan_units.append({
            "name": name, "credit_code": credit_code, "category": category, "subcategory": sub,
            "industry_section": industry_section, "region_code": region.code, "address": address,
            "latitude": _coord(rng, region.latitude, 0.004),
            "longitude": _coord(rng, region.longitude, 0.005),
            "principal": principal, "principal_phone": _mobile(rng) if principal else "",
            "safety_officer": _person(rng) if category == "enterprise" else "",
            "safety_officer_phone": _mobile(rng) if category == "enterprise" else "",
            "employees": employees, "above_designated_size": above,
            "standardisation_grade": grade, "risk_level": pick_risk(),
            "status": "deregistered" if deregistered else "active",
            "deregistered_reason": "停业" if deregistered else "",
            "leader": leader_of[town_code_of(region.code)] if above or category == "mine" else "",
        })
    return Plan(regions=regions, units=plan_units, leaders=leaders)


def town_code_of(region_code: str) -> str:
    return region_code[:9]


@dataclass
class Generated:
    county: object
    towns: list
    users: dict
    regions: int
    units: int
    seconds: float


def generate(*, units: int = 100_000, towns: int = 6, seed: int = SEED, batch_size: int = 2000,
             progress: Callable[[str], None] | None = None) -> Generated:
    """Write a plan into the current (freshly migrated) database; returns what was made."""
    from django.db import transaction

    from anjian.accounts.choices import Duty, Role
    from anjian.accounts.models import Person, RoleGrant, User
    from anjian.regions.models import Region
    from anjian.units.models import Unit
    from anjian.units.services import SectorResolver

    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    plan = build_plan(units=units, towns=towns, seed=seed)
    say(f"planned {len(plan.regions)} regions and {len(plan.units)} units "
        f"in {time.perf_counter() - started:.1f} s")
    level = {"district": 1, "town": 2, "village": 3, "grid": 4}
    with transaction.atomic():
        by_code: dict[str, Region] = {}
        for depth in (1, 2, 3, 4):
            rows = [r for r in plan.regions if level[r.kind] == depth]
            objs = [Region(name=r.name, code=r.code, kind=r.kind, level=depth,
                           parent=by_code[r.parent_code] if r.parent_code else None,
                           path=f"/pending-{r.code}/", latitude=r.latitude, longitude=r.longitude)
                    for r in rows]
            Region.objects.bulk_create(objs, batch_size=batch_size)
            if any(o.pk is None for o in objs):  # a backend without RETURNING: read the ids back
                ids = dict(Region.objects.filter(code__in=[o.code for o in objs])
                           .values_list("code", "pk"))
                for o in objs:
                    o.pk = ids[o.code]
            for o in objs:
                o.path = f"{o.parent.path if o.parent else '/'}{o.pk}/"
                by_code[o.code] = o
            Region.objects.bulk_update(objs, ["path"], batch_size=batch_size)
        leaders = {}
        for town_code, name in plan.leaders:
            leaders[town_code] = Person.objects.create(
                name=name, region=by_code[town_code], duty=Duty.LEADER, position="党委副书记")
        resolver = SectorResolver()
        sectors: dict[tuple[str, str, str], int | None] = {}
        batch = []
        written = 0
        for row in plan.units:
            values = dict(row)
            region = by_code[values.pop("region_code")]
            leader_name = values.pop("leader")
            key = (values["category"], values["subcategory"], values["industry_section"])
            if key not in sectors:
                sectors[key] = resolver.sector_id(*key)
            unit = Unit(region=region, sector_id=sectors[key], **values)
            if leader_name:
                unit.linked_leader = leaders[town_code_of(region.code)]
            batch.append(unit)
            if len(batch) >= batch_size:
                Unit.objects.bulk_create(batch)
                written += len(batch)
                batch = []
                if written % 20000 == 0:
                    say(f"  {written} units")
        if batch:
            Unit.objects.bulk_create(batch)
            written += len(batch)

        county = by_code[COUNTY[1]]
        town_objs = [by_code[r.code] for r in plan.regions if r.kind == "town"]
        first_village = next(by_code[r.code] for r in plan.regions if r.kind == "village")
        users = {}
        for key, role, region, display in [
            ("county_office", Role.SAFETY_OFFICE, county, "区应急管理局"),
            ("town_office", Role.SAFETY_OFFICE, town_objs[0], f"{town_objs[0].name}应急办"),
            ("village", Role.VILLAGE, first_village, f"{first_village.name}干部"),
        ]:
            user = User(username=f"bench_{key}", display_name=display)
            user.set_unusable_password()
            user.save()
            RoleGrant.objects.create(user=user, role=role, region=region)
            users[key] = user
    seconds = time.perf_counter() - started
    say(f"generated {len(plan.regions)} regions and {written} units in {seconds:.1f} s")
    return Generated(county=county, towns=town_objs, users=users, regions=len(plan.regions),
                     units=written, seconds=seconds)


def load_generated() -> Generated | None:
    """What an earlier `generate()` wrote into this database, or None if it holds no such data."""
    from anjian.accounts.models import User
    from anjian.regions.models import Region
    from anjian.units.models import Unit

    users = {u.username.removeprefix("bench_"): u
             for u in User.objects.filter(username__startswith="bench_")}
    county = Region.objects.filter(code=COUNTY[1]).first()
    if county is None or not users:
        return None
    towns = list(Region.objects.filter(parent=county).order_by("pk"))
    return Generated(county=county, towns=towns, users=users, regions=Region.objects.count(),
                     units=Unit.objects.count(), seconds=0.0)
