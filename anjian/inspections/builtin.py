"""Built-in checklists (内置检查表). Item wording is the public practice of domain.md §6.1 and the
seeds; offices copy and edit them in the interface. `add` installs any that are missing and never
touches an existing family, so re-running it (migrations, test set-up) is harmless."""

# Each item: (section, text, hazard category, cause class[, answer type]).
C, A, M = "condition", "act", "management"

SMALL_VENUE_FIRE = [
    ("消防安全管理", "消防安全责任制落实：明确消防安全责任人、管理人，签订责任书", "fire", M),
    ("消防安全管理", "日常防火检查巡查有记录", "fire", M),
    ("建筑消防设施", "门口有灭火器：每层至少 1 组（2 具 4 kg 干粉），置于箱内且在有效期内", "fire", C),
    ("建筑消防设施", "室内消火栓完好，水带、水枪齐全", "fire", C),
    ("建筑消防设施", "出口、走道口设有应急照明灯且能正常使用", "fire", C),
    ("安全出口和疏散通道", "疏散通道有疏散指示标志，出口有安全出口标志", "fire", C),
    ("建筑消防设施", "每个房间屋顶至少安装 1 个独立式感烟火灾探测报警器", "fire", C),
    ("消防安全管理", "员工“四会”：会报警、会使用器材、会组织疏散、会扑救初期火灾", "fire", A),
    ("消防安全管理", "无违规住人（“三合一”）；确需住宿的已采用合规防火分隔，用气场所不住人", "fire", C),
    ("安全出口和疏散通道", "无占用、堵塞、锁闭疏散通道和安全出口；电动自行车不在室内、楼道、门口停放充电", "fire", A),
    ("安全出口和疏散通道", "无影响逃生的防盗网、铁栅栏、广告牌，或已留有逃生口", "fire", C),
    ("建筑消防设施", "无易燃可燃夹芯彩钢板搭建或装修", "fire", C),
    ("用火用电用气", "无违规用火用电用气：私拉乱接、大功率电器、营业期间动火焊割", "electrical", A),
    ("应急疏散", "制定应急疏散预案并组织演练", "fire", M),
    ("现场照片", "现场照片（门头、灭火器、疏散通道）", "fire", C, "photo"),
]

CROWDED_PLACE = [
    ("消防安全管理", "落实消防安全责任制，确定消防安全管理人并公示", "fire", M),
    ("消防安全管理", "每日防火巡查、每月防火检查有记录", "fire", M),
    ("建筑消防设施", "火灾自动报警、自动喷水灭火系统运行正常，控制室有人值守", "fire", C),
    ("建筑消防设施", "灭火器、消火栓配置齐全有效", "fire", C),
    ("安全出口和疏散通道", "安全出口、疏散通道畅通，未锁闭、堵塞", "fire", C),
    ("安全出口和疏散通道", "疏散指示标志、应急照明完好（损坏率不超过规定）", "fire", C),
    ("人员管理", "营业/开放期间人数未超过核定容量", "management", A),
    ("用火用电用气", "厨房燃气设施有泄漏报警和切断装置，电气线路无私拉乱接", "gas", C),
    ("应急疏散", "制定灭火和应急疏散预案，每半年至少演练一次", "fire", M),
    ("在场人数", "检查时在场人数", "management", C, "number"),
]

GAS_STATION = [
    ("证照管理", "危险化学品经营许可证、成品油零售许可证在有效期内", "hazardous_chemicals", M),
    ("人员管理", "主要负责人、安全管理人员经考核合格，加油员经培训上岗", "management", M),
    ("现场管理", "加油区严禁烟火、禁止使用手机等警示标志齐全", "hazardous_chemicals", C),
    ("设备设施", "油罐、管线、加油机无渗漏，静电接地装置完好", "hazardous_chemicals", C),
    ("设备设施", "可燃气体检测报警装置完好", "gas", C),
    ("消防设施", "灭火器、灭火毯、消防沙配置齐全", "fire", C),
    ("作业管理", "卸油作业有专人监护，落实静电接地和卸油规程", "hazardous_chemicals", A),
    ("应急管理", "制定应急预案并定期演练", "management", M),
]

GAS_SALES_POINT = [
    ("证照管理", "燃气经营许可证在有效期内，不向无证经营者供气", "gas", M),
    ("气瓶管理", "气瓶有充装标识、检验合格，无过期、报废气瓶", "special_equipment", C),
    ("储存场所", "瓶库通风良好、使用防爆电器，未设在地下室或居住场所", "gas", C),
    ("储存场所", "实瓶空瓶分区存放，存瓶量不超过规定", "gas", C),
    ("设备设施", "可燃气体报警装置完好", "gas", C),
    ("消防设施", "灭火器配置齐全有效", "fire", C),
    ("人员管理", "从业人员经培训上岗，送气工持证", "management", M),
    ("安全宣传", "向用户宣传安全用气常识并入户检查", "gas", M),
]

MINE_PIT_PATROL = [
    ("封闭情况", "废弃坑口已封闭，封堵设施完好", "mining", C),
    ("警示标志", "设有明显的警示标志和警示牌", "mining", C),
    ("非法开采", "无私挖滥采、非法开采痕迹", "mining", A),
    ("地质环境", "周边无塌陷、裂缝、滑坡等异常", "geological", C),
    ("尾矿库", "尾矿库坝体无裂缝、渗漏、管涌，排洪设施畅通", "mining", C),
    ("尾矿库", "尾矿库安全超高、干滩长度符合要求，监测设施正常", "mining", C),
    ("矿山", "矿山按规定停产或生产，安全设施完好，人员持证", "mining", M),
    ("现场照片", "巡查现场照片", "mining", C, "photo"),
]

CONSTRUCTION = [
    ("安全管理", "项目负责人、专职安全员在岗，特种作业人员持证上岗", "construction", M),
    ("高处作业", "临边、洞口防护到位，作业人员正确系挂安全带", "construction", C),
    ("脚手架", "脚手架搭设经验收，连墙件、剪刀撑齐全", "construction", C),
    ("起重机械", "塔吊、施工升降机经检测验收，限位装置有效", "special_equipment", C),
    ("施工用电", "施工用电“三级配电、两级保护”，一机一闸一漏", "electrical", C),
    ("基坑工程", "深基坑支护、降水和监测符合方案", "construction", C),
    ("个人防护", "进入现场正确佩戴安全帽", "construction", A),
    ("消防安全", "动火作业审批，现场配备灭火器材", "fire", M),
]

HAZARDOUS_CHEMICALS = [
    ("证照管理", "安全生产许可证、经营许可证在有效期内", "hazardous_chemicals", M),
    ("人员管理", "主要负责人、安全管理人员考核合格，特种作业人员持证上岗", "management", M),
    ("重大危险源", "重大危险源已辨识、备案，监测监控系统正常运行", "hazardous_chemicals", C),
    ("工艺安全", "重点监管危险化工工艺实现自动化控制和紧急停车", "hazardous_chemicals", C),
    ("检测报警", "可燃、有毒气体检测报警装置设置并正常运行", "hazardous_chemicals", C),
    ("防爆电气", "爆炸危险场所使用防爆电气设备", "electrical", C),
    ("储存管理", "危险化学品分类分区储存，禁忌物料不混存", "hazardous_chemicals", A),
    ("特殊作业", "动火、受限空间等特殊作业审批和监护到位", "hazardous_chemicals", A),
    ("应急管理", "应急预案备案并演练，应急物资配备齐全", "management", M),
]

ENTERPRISE_SELF_CHECK = [
    ("主体责任", "主要负责人履行安全生产第一责任人职责，建立全员安全生产责任制", "management", M),
    ("安全管理", "设置安全管理机构或配备安全管理人员", "management", M),
    ("教育培训", "从业人员三级安全教育和每月安全培训有记录", "management", M),
    ("双重预防", "开展风险辨识评估，建立隐患排查治理台账", "management", M),
    ("设备设施", "特种设备定期检验，安全附件有效", "special_equipment", C),
    ("用电安全", "电气线路规范，无私拉乱接", "electrical", C),
    ("消防安全", "消防设施器材完好，疏散通道畅通", "fire", C),
    ("有限空间", "有限空间辨识、设置警示标志，作业先通风、再检测、后作业", "occupational", A),
    ("劳动防护", "为从业人员配备并督促正确佩戴劳动防护用品", "occupational", A),
    ("应急管理", "制定应急预案并组织演练", "management", M),
]

BUILTIN = [
    ("small-venue-fire", "九小场所消防安全检查表", ["small_venue", "street_shop"], [],
     SMALL_VENUE_FIRE),
    ("crowded-place", "人员密集场所安全检查表", ["crowded_place"], [], CROWDED_PLACE),
    ("gas-station", "加油加气站安全检查表", ["gas_station"], [], GAS_STATION),
    ("gas-sales-point", "燃气销售点安全检查表", ["gas_sales_point"], [], GAS_SALES_POINT),
    ("mine-pit-patrol", "矿山、尾矿库、废弃坑口巡查表",
     ["mine", "tailings_pond", "abandoned_pit"], [], MINE_PIT_PATROL),
    ("construction", "建筑施工安全检查表", [], ["construction"], CONSTRUCTION),
    ("hazardous-chemicals", "危险化学品安全检查表", [], ["hazardous_chemicals"],
     HAZARDOUS_CHEMICALS),
    ("enterprise-self-check", "企业安全生产自查表", ["enterprise"], [], ENTERPRISE_SELF_CHECK),
]

# Risk colour -> days between inspections (configurable defaults; red most often).
RISK_FREQUENCIES = [("red", 7), ("orange", 15), ("yellow", 30), ("blue", 90), ("", 180)]
# 带队检查: party secretary and town head weekly, section cadres semi-monthly, county cadres monthly.
LEADER_RULES = [("party_secretary", 7), ("town_head", 7), ("section_cadre", 15),
                ("county_cadre", 30)]


def add(apps, schema_editor) -> None:
    Template = apps.get_model("inspections", "ChecklistTemplate")
    Item = apps.get_model("inspections", "ChecklistItem")
    for family, name, categories, subcategories, items in BUILTIN:
        if Template.objects.filter(family=family).exists():
            continue
        template = Template.objects.create(family=family, version=1, name=name, builtin=True,
                                           categories=categories, subcategories=subcategories)
        Item.objects.bulk_create([
            Item(template=template, order=n, section=row[0], text=row[1], hazard_category=row[2],
                 cause_class=row[3], answer_type=row[4] if len(row) > 4 else "verdict",
                 required=len(row) <= 4, hazard_text=f"{row[1]}（不符合）")
            for n, row in enumerate(items, start=1)])
    Frequency = apps.get_model("inspections", "RiskFrequency")
    for level, days in RISK_FREQUENCIES:
        Frequency.objects.get_or_create(risk_level=level, defaults={"interval_days": days})
    Rule = apps.get_model("inspections", "LeaderInspectionRule")
    for rank, days in LEADER_RULES:
        Rule.objects.get_or_create(rank=rank, defaults={"interval_days": days})
