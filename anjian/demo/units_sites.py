"""Crowded places, mines, tailings ponds and abandoned pits of seed 001 §四, and the town's gas
stations, gas sales points and fireworks outlets."""

from __future__ import annotations

from anjian.demo.unitkit import UnitKit

# (name, subcategory, village or street, GB/T 4754 code, credit kind, employees, risk)
CROWDED_PLACES = [
    ("西张村镇初级中学", "school", "张二村", "8331", "institution", 68, "orange"),
    ("西张村镇中心小学", "school", "张一村", "8321", "institution", 45, "orange"),
    ("西张村镇中心幼儿园", "kindergarten", "张三村", "8310", "institution", 18, "orange"),
    ("宜村阳光幼儿园", "kindergarten", "宜村村", "8310", "private_nonprofit", 11, "yellow"),
    ("人马村幼儿园", "kindergarten", "人马村", "8310", "private_nonprofit", 7, "yellow"),
    ("西张村镇卫生院", "health_centre", "张村街道", "8423", "institution", 42, "orange"),
    ("西张村镇宜村卫生院", "health_centre", "宜村街道", "8423", "institution", 16, "yellow"),
    ("西张村镇敬老院", "nursing_home", "张四村", "8514", "institution", 9, "orange"),
    ("西张村镇宜村敬老院", "nursing_home", "宜村村", "8514", "institution", 6, "orange"),
    ("万家福购物广场", "supermarket", "张村街道", "5212", "company", 26, "orange"),
    ("宜村惠民超市", "supermarket", "宜村街道", "5212", "company", 14, "yellow"),
    ("庙上村扶贫车间（服装加工）", "poverty_relief_workshop", "庙上村", "1819", "cooperative", 32, "yellow"),
    ("前关村扶贫车间（食用菌）", "poverty_relief_workshop", "前关村", "0142", "cooperative", 24, "yellow"),
]
SECTION_OF_CODE = {"83": "P", "84": "Q", "85": "Q", "52": "F", "18": "C", "01": "A"}

# Four mines with mining rights, each run by a branch (分公司, with its own credit code).
MINES = [
    ("三门峡西张村黄金矿业有限公司干山金矿", "metal_mine", "涧里村", "0921", 140, "red", "level_2"),
    ("陕州区兴达矿业有限公司方山铝土矿", "metal_mine", "青山村", "0916", 85, "orange", "level_3"),
    ("陕州区宏达建材有限公司三角山石灰岩矿", "quarry", "南沟村", "1011", 46, "orange", "level_3"),
    ("陕州区鑫源石业有限公司放牛山建筑石料矿", "quarry", "红岩村", "1019", 38, "orange", "level_3"),
]
TAILINGS_PONDS = [
    ("陕州区西张村选矿厂尾矿库", "人马村", "red", "四等库，坝高约28米，总库容约96万立方米；属陕州区西张村选矿厂"),
    ("三门峡西张村黄金矿业有限公司涧里尾矿库", "涧里村", "orange",
     "五等库，坝高约18米，总库容约42万立方米；属三门峡西张村黄金矿业有限公司"),
]
ABANDONED_PITS = 267
PIT_SPOTS = ["后沟", "北岭", "南坡", "西沟", "老矿区", "东山坡", "阴坡", "梁顶", "沟口", "半坡"]
PIT_ORES = ["金矿", "铝土矿", "煤窑", "石料", "耐火黏土"]
PIT_STATES = [
    ("已封堵，设置警示牌1块", "blue"), ("已设置警示牌和围栏", "blue"),
    ("已设置警示牌，未封堵", "yellow"), ("设置警示牌，围栏部分损坏", "yellow"),
    ("", "orange"),
]
GAS_STATIONS = [
    ("中国石化销售股份有限公司河南三门峡陕州西张村加油站", "张四村", "国道连接线东侧"),
    ("中国石油天然气股份有限公司河南三门峡陕州宜村加油站", "宜村村", "宜干路北侧"),
    ("陕州区西张村镇鑫旺加油站", "赵村村", "西三公路旁"),
]
GAS_SALES_POINTS = [
    ("西张村液化气供应站", "张四村", "company"), ("宜村液化气门市", "宜村村", "individual"),
    ("人马村瓶装液化气供应点", "人马村", "individual"),
]
FIREWORKS_OUTLETS = 5


def build_crowded_places(kit: UnitKit) -> None:
    rng, placer = kit.rng, kit.placer
    for name, sub, where, code, credit, employees, risk in CROWDED_PLACES:
        if where.endswith("街道"):
            place = placer.on_street(where)
        else:
            place = placer.in_village(placer.village(where), rng.choice(["教育路", "中心路", "村东"]))
        kit.add(sub, place, kit.names.take(name), leader=kit.leader(important=risk == "orange"),
                industry_section=SECTION_OF_CODE[code[:2]], industry_code=code,
                credit_code=kit.credit(credit), employees=employees, risk_level=risk,
                safety_officer=kit.person_names.make(rng), safety_officer_phone=kit.phones.mobile(rng),
                floor_area=rng.randrange(800, 9000, 50))


def build_mines(kit: UnitKit) -> None:
    rng, placer = kit.rng, kit.placer
    for name, sub, village, code, employees, risk, grade in MINES:
        place = placer.in_village(placer.village(village), rng.choice(PIT_SPOTS))
        kit.add(sub, place, kit.names.take(name), leader=kit.people.leaders[0 if risk == "red" else 6],
                industry_section="B", industry_code=code, credit_code=kit.credit("company"),
                employees=employees, risk_level=risk, standardisation_grade=grade,
                above_designated_size=employees >= 80,
                safety_officer=kit.person_names.make(rng), safety_officer_phone=kit.phones.mobile(rng),
                notes=f"持有采矿许可证，有效期至{rng.randint(2025, 2030)}年；地下开采" if sub == "metal_mine"
                else f"持有采矿许可证，有效期至{rng.randint(2025, 2030)}年；露天开采")
    for name, village, risk, notes in TAILINGS_PONDS:
        place = placer.in_village(placer.village(village), "尾矿库")
        kit.add("tailings_pond", place, kit.names.take(name), leader=kit.people.leaders[1],
                industry_section="B", risk_level=risk, notes=notes,
                safety_officer=kit.person_names.make(rng), safety_officer_phone=kit.phones.mobile(rng),
                warning_signs="库区设置警示牌4块、坝体位移监测点")


def build_abandoned_pits(kit: UnitKit) -> None:
    """267 abandoned pits, most in the mountain villages, watched by each village's secretary."""
    rng, placer = kit.rng, kit.placer
    villages = placer.zone("mountain") * 3 + placer.zone("hills")
    per_village: dict[str, int] = {}
    people = kit.people
    for _ in range(ABANDONED_PITS):
        village = rng.choice(villages)
        n = per_village[village.code] = per_village.get(village.code, 0) + 1
        spot = rng.choice(PIT_SPOTS)
        signs, risk = rng.choice(PIT_STATES)
        kit.add("abandoned_pit", placer.in_village(village, spot),
                kit.names.take(f"{village.name}{n}号废弃坑口"),
                principal=people.contact(people.secretaries[village.code]),
                risk_level=risk, warning_signs=signs,
                notes=f"原{rng.choice(PIT_ORES)}开采遗留，位于{spot}；管护责任人为村党支部书记")


def build_fuel_and_fireworks(kit: UnitKit) -> None:
    rng, placer = kit.rng, kit.placer
    for name, village, where in GAS_STATIONS:
        kit.add("gas_station", placer.in_village(placer.village(village), where), kit.names.take(name),
                leader=kit.leader(important=False), industry_section="F", industry_code="5265",
                credit_code=kit.credit("company"), employees=rng.randint(5, 12), risk_level="orange",
                standardisation_grade="level_3", floor_area=rng.randrange(1200, 3000, 50),
                safety_officer=kit.person_names.make(rng), safety_officer_phone=kit.phones.mobile(rng),
                warning_signs="站内设置“严禁烟火”“熄火加油”警示标志")
    for name, village, credit in GAS_SALES_POINTS:
        kit.add("lpg_point", placer.in_village(placer.village(village), "主街"), kit.names.take(name),
                industry_section="F", credit_code=kit.credit(credit), employees=rng.randint(2, 5),
                risk_level="orange", floor_area=rng.randrange(40, 100, 5),
                warning_signs="设置“严禁烟火”警示牌")
    for _ in range(FIREWORKS_OUTLETS):
        place = placer.on_streets() if rng.random() < 0.6 else placer.anywhere("tableland", where="主街")
        name = kit.names.make(rng, lambda r, p=place: f"{p.village.name[:-1]}{r.choice('鑫盛兴隆福顺发')}"
                                                      f"{r.choice('源泰祥瑞达利')}烟花爆竹零售点")
        kit.add("fireworks_retail", place, name, industry_section="F",
                credit_code=kit.credit("individual"), employees=rng.randint(1, 3),
                risk_level="orange", floor_area=rng.randrange(15, 60, 5),
                warning_signs="门口设置“严禁烟火”警示牌", notes="持烟花爆竹经营（零售）许可证，春节前后经营")
