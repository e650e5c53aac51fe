"""Enterprises (the town's historic industry and others), reservoirs, forest farms and forest areas,
road sections, geological-hazard points and accident-prone spots with their warning signs."""

from __future__ import annotations

from anjian.demo.organisations import FORESTRY
from anjian.demo.unitkit import UnitKit

# (name, subcategory, GB/T 4754 section, class code, village, employees, above size, grade, risk)
ENTERPRISES = [
    # the historic industry of the town: ore dressing, gold, bricks, machinery
    ("陕州区西张村选矿厂", "nonferrous", "B", "0921", "人马村", 76, True, "level_3", "orange"),
    ("三门峡西张村黄金矿业有限公司", "nonferrous", "B", "0921", "涧里村", 158, True, "level_2", "orange"),
    ("陕州区西张村砖瓦厂", "building_materials", "C", "3031", "王村村", 42, False, "level_3", "yellow"),
    ("三门峡西张村机械厂", "machinery", "C", "3511", "张三村", 96, True, "level_3", "yellow"),
    # and the rest of today's economy
    ("陕州区鑫盛面粉有限公司", "food_processing", "C", "1312", "赵村村", 28, False, "small_micro", "yellow"),
    ("陕州区宏达建筑工程有限公司", "construction", "E", "4710", "张二村", 64, False, "level_3", "orange"),
    ("陕州区顺通运输有限公司", "road_transport", "G", "5431", "张四村", 33, False, "small_micro", "orange"),
    ("陕州区塬上果业专业合作社", "agriculture", "A", "0151", "西阳村", 19, False, "none", "blue"),
    ("陕州区西张村果品冷藏有限公司", "commerce_trade", "G", "", "水淆村", 22, False, "small_micro", "orange"),
    ("陕州区金源水泥制品厂", "building_materials", "C", "3021", "东坡村", 24, False, "small_micro", "yellow"),
    ("陕州区永利包装材料有限公司", "light_industry", "C", "2231", "陈村村", 31, False, "small_micro", "yellow"),
    ("陕州区华美服饰有限公司", "textile", "C", "1819", "张一村", 57, False, "small_micro", "yellow"),
    ("陕州区林丰木业有限公司", "light_industry", "C", "2011", "下河村", 21, False, "small_micro", "orange"),
    ("陕州区方山石料加工厂", "building_materials", "C", "3032", "石门村", 27, False, "none", "orange"),
    ("陕州区西张村农机修造厂", "machinery", "C", "", "槐树村", 18, False, "small_micro", "yellow"),
    ("陕州区嘉禾食用菌专业合作社", "agriculture", "A", "0142", "前关村", 15, False, "none", "blue"),
    ("陕州区惠民农资有限公司", "commerce_trade", "F", "", "张二村", 12, False, "none", "yellow"),
]
COOPERATIVE = "专业合作社"

# (name, village, notes, warning signs)
RESERVOIRS = [
    ("涧里水库", "涧里村", "小（一）型水库，总库容约180万立方米，以灌溉、防洪为主",
     "库区设置“水深危险 严禁游泳”警示牌6块，配救生圈4个、救生绳2根"),
    ("后河水库", "后关村", "小（二）型水库，总库容约60万立方米",
     "库区设置“水深危险 严禁游泳”警示牌4块，配救生圈2个"),
    ("九峪沟水库", "青山村", "小（二）型水库，总库容约45万立方米",
     "库区设置警示牌3块，溢洪道设置防护栏"),
]
# (name, subcategory, village, notes)
FORESTS = [
    ("窑店林场", "forest_farm", "崖底村", "国有林场，与义马矿务局林场共约占全镇面积30%"),
    ("义马矿务局林场", "forest_farm", "西岭村", "企业林场，森林防火重点区域"),
    ("干山林区", "forest_land", "涧里村", "主峰干山海拔1903米，邻近甘山国家森林公园"),
    ("方山林区", "forest_land", "青山村", "以油松、栎类为主"),
    ("放牛山林区", "forest_land", "红岩村", "进山路口设防火检查点"),
    ("三角山林区", "forest_land", "南沟村", "以侧柏、刺槐为主"),
]
ROAD_SECTIONS = [
    ("西三公路西张村段", "张二村", "县道，连接三门峡市区，长约9.6公里"),
    ("张宜路（张村至宜村）", "张四村", "乡道，长约6.2公里"),
    ("宜干路（宜村至干山）", "马岭村", "旅游公路，长约14公里，多急弯陡坡"),
    ("庙上至西阳通村公路", "庙上村", "通村公路，长约4.1公里"),
    ("后关至人马通村公路", "后关村", "通村公路，长约5.3公里"),
    ("涧里至红岩山区公路", "涧里村", "山区公路，长约7.8公里，临崖路段多"),
]
GEOLOGICAL_HAZARDS = [
    ("庙上村地坑院黄土崩塌隐患点", "collapse", "庙上村", 6),
    ("寺沟村滑坡隐患点", "landslide", "寺沟村", 11),
    ("红岩村崩塌隐患点", "collapse", "红岩村", 4),
    ("青山村泥石流隐患沟", "debris_flow", "青山村", 15),
    ("人马村采空区地面塌陷点", "ground_subsidence", "人马村", 9),
    ("岭头村滑坡隐患点", "landslide", "岭头村", 7),
    ("崖底村崩塌隐患点", "collapse", "崖底村", 5),
    ("涧里村泥石流隐患沟", "debris_flow", "涧里村", 12),
]
# Seed 000 §四: warning signs at accident-prone roads and reservoirs.
ACCIDENT_PRONE_SPOTS = [
    ("宜干路马岭急弯陡坡路段", "road_blackspot", "马岭村", "急弯、陡坡警告标志各2块，爆闪灯1组，减速带"),
    ("西三公路张村路口", "road_blackspot", "张二村", "交叉路口警告标志、减速让行标志，劝导点1处"),
    ("石门村连续下坡路段", "road_blackspot", "石门村", "连续下坡警告标志2块，避险车道指示"),
    ("沟东村临崖路段", "road_blackspot", "沟东村", "临崖警示桩40根，“注意危险”标志2块"),
    ("涧里水库库区岸边", "dangerous_water", "涧里村", "“水深危险 严禁游泳”警示牌4块"),
    ("后河水库溢洪道", "dangerous_water", "后关村", "“严禁下水”警示牌2块，防护栏"),
    ("九峪沟河道漫水桥", "dangerous_water", "青山村", "“汛期严禁通行”警示牌2块"),
    ("张四村涝池", "dangerous_water", "张四村", "“水深危险”警示牌2块，围栏"),
]


def build_enterprises(kit: UnitKit) -> None:
    rng, placer, leaders = kit.rng, kit.placer, kit.people.leaders
    for name, sub, section, code, village, employees, above, grade, risk in ENTERPRISES:
        place = placer.in_village(placer.village(village), rng.choice(["工业区", "村北", "村南", "公路旁"]))
        kit.add(sub, place, kit.names.take(name),
                leader=leaders[0 if above else 1] if risk != "blue" else leaders[7],
                industry_section=section, industry_code=code,
                credit_code=kit.credit("cooperative" if COOPERATIVE in name else "company"),
                employees=employees, above_designated_size=above, standardisation_grade=grade,
                risk_level=risk, floor_area=rng.randrange(600, 12000, 100),
                safety_officer=kit.person_names.make(rng), safety_officer_phone=kit.phones.mobile(rng))


def build_land(kit: UnitKit) -> None:
    rng, placer, people = kit.rng, kit.placer, kit.people
    land_leader = people.leaders[7]  # 副镇长（分管农业、林业、水利）
    for name, village, notes, signs in RESERVOIRS:
        v = placer.village(village)
        kit.add("reservoir", placer.in_village(v, name), kit.names.take(name), leader=land_leader,
                principal=people.contact(people.heads["西张村镇水利站"]), industry_section="N",
                risk_level="orange", notes=notes, warning_signs=signs,
                safety_officer=people.secretaries[v.code],
                safety_officer_phone=people.contact(people.secretaries[v.code])[1])
    for name, sub, village, notes in FORESTS:
        v = placer.village(village)
        kit.add(sub, placer.in_village(v, name), kit.names.take(name), leader=land_leader,
                principal=people.contact(people.heads[FORESTRY]) if sub == "forest_land" else None,
                industry_section="A", risk_level="orange" if sub == "forest_land" else "yellow",
                notes=notes, warning_signs="进山路口设置森林防火警示牌、宣传牌")
    traffic = people.contact(people.heads["西张村镇交通管理站"])
    for name, village, notes in ROAD_SECTIONS:
        kit.add("road_section", placer.in_village(placer.village(village), "境内"),
                kit.names.take(name), leader=kit.leader(important=False), principal=traffic,
                risk_level=rng.choice(["yellow", "orange"]), notes=notes)
    for name, sub, village, households in GEOLOGICAL_HAZARDS:
        v = placer.village(village)
        kit.add(sub, placer.in_village(v), kit.names.take(name),
                principal=people.contact(people.secretaries[v.code]),
                risk_level="orange" if households >= 10 else "yellow",
                notes=f"威胁{households}户{households * 4 - rng.randint(0, 5)}人；汛期加密巡查",
                warning_signs="设置地质灾害警示牌1块，明确监测责任人")
    for name, sub, village, signs in ACCIDENT_PRONE_SPOTS:
        v = placer.village(village)
        principal = traffic if sub == "road_blackspot" else people.contact(people.secretaries[v.code])
        kit.add(sub, placer.in_village(v, name.removeprefix(v.name)), kit.names.take(name),
                principal=principal,
                risk_level="orange" if "急弯" in signs or "水深" in signs else "yellow",
                warning_signs=signs)
