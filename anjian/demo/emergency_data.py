"""What the demo town's emergency ledgers hold: plans (seed 000's two named plans and the special
plans of a hill town), drills, teams, supplies and incidents. Days are days before the build date."""

from __future__ import annotations

from anjian.demo.organisations import GOVERNMENT_OFFICE, POLICE, SAFETY_OFFICE

HEALTH_CENTRE = "西张村镇卫生院"
FIRE_SERVICE = "西张村镇消防服务中心"
ENFORCEMENT = "西张村镇综合行政执法队"
DRILL_VILLAGE = "张一村"  # seed 000's 响水洞村: the village that joined the town's drill

# (title, kind, department, approved days ago, interval years, summary)
TOWN_PLANS = [
    ("西张村镇处置突发事件应急预案", "comprehensive", GOVERNMENT_OFFICE, 540, 3,
     "总则、组织体系、预警与信息报告、应急响应、后期处置、保障措施"),
    ("西张村镇防灾救灾应急演练方案", "special", SAFETY_OFFICE, 400, 3,
     "演练目的、情景设置、参演单位及职责、演练流程、评估总结"),
    ("西张村镇森林防火专项应急预案", "special", "西张村镇林业站", 300, 3,
     "火情监测、扑火队伍调度、群众转移、火场清理"),
    ("西张村镇防汛专项应急预案", "special", "西张村镇水利站", 1040, 3,
     "汛期值守、水库和危险水域巡查、群众转移避险"),
    ("西张村镇地质灾害专项应急预案", "special", "陕州区自然资源局西张村自然资源所", 1200, 3,
     "隐患点监测、预警信号、避险转移路线"),
    ("西张村镇道路交通事故专项应急预案", "special", "西张村镇交通管理站", 200, 3,
     "事故现场处置、交通管制、伤员救治"),
]
# Site plans (现场处置方案) of high-risk units: (unit name, approved days ago)
SITE_PLANS = [
    ("三门峡西张村黄金矿业有限公司干山金矿", 700),
    ("陕州区西张村选矿厂尾矿库", 420),
    ("中国石化销售股份有限公司河南三门峡陕州西张村加油站", 250),
    ("西张村液化气供应站", 150),
]

# The seed-000 drill: the town with the police station, the health centre and a village, 50+ people.
SEED_DRILL = {
    "title": "西张村镇处置突发事件应急实战演练", "days_ago": 75, "kind": "comprehensive",
    "form": "live", "plan": "西张村镇处置突发事件应急预案", "location": "西张村镇张村街道集镇",
    "scenario": "集镇一商铺液化气罐泄漏引发火灾，二楼有人员被困，周边群众聚集围观。",
    "participants": 56,
    "evaluation": "信息报告及时，派出所15分钟内完成警戒，卫生院现场救护规范，检验了预案的可操作性，"
                  "锻炼了应急救援队伍。",
    "problems": [
        ("集镇消防栓出水压力不足，水带接口与消防车不匹配", "联系供水站检修加压泵，统一接口规格",
         "万家福购物广场"),
        ("疏散广播在后街听不清，部分群众未及时撤离", "增设室外喇叭，明确后街疏散引导员", ""),
        ("救护车进场通道被摊位占用", "划定应急通道并设置禁停标志", ""),
    ],
}
# Other drills: (title, days ago, kind, form, plan, owner unit name or "" for the town,
#                participants, scenario)
DRILLS = [
    ("西张村镇森林防火扑救演练", 250, "special", "live", "西张村镇森林防火专项应急预案", "", 45,
     "清明期间山林起火，扑火队伍集结扑救并转移周边群众。"),
    ("西张村镇防汛抢险桌面推演", 160, "special", "tabletop", "西张村镇防汛专项应急预案", "", 18,
     "强降雨导致水库水位上涨，推演预警发布与群众转移。"),
    ("地质灾害避险转移演练", 120, "special", "live", "西张村镇地质灾害专项应急预案", "", 60,
     "滑坡隐患点出现裂缝，组织受威胁群众按路线转移。"),
    ("干山金矿井下透水现场处置演练", 90, "site", "live", "", "三门峡西张村黄金矿业有限公司干山金矿",
     35, "井下作业面突然涌水，人员撤离并启动排水。"),
    ("尾矿库坝体渗漏应急演练", 260, "site", "live", "", "陕州区西张村选矿厂尾矿库", 22,
     "坝体下游出现渗水，启动监测和下游人员转移。"),
    ("加油站油品泄漏着火处置演练", 40, "site", "live", "",
     "中国石化销售股份有限公司河南三门峡陕州西张村加油站", 12, "卸油时油品泄漏着火，员工初期扑救。"),
    ("西张村镇中心小学地震疏散演练", 30, "site", "live", "", "西张村镇中心小学", 620,
     "课间发生地震，师生按路线疏散到操场。"),
    ("敬老院夜间火灾疏散演练", 200, "site", "live", "", "西张村镇敬老院", 40,
     "夜间厨房起火，护理员组织老人疏散。"),
]

# Teams: (name, kind, leader organisation, member organisations, member count, duties)
TEAMS = [
    ("西张村镇执法小分队", "enforcement", ENFORCEMENT, (ENFORCEMENT, POLICE, SAFETY_OFFICE), 8,
     "打非治违、联合执法、事故现场警戒"),
    ("西张村镇应急救援小分队", "rescue", SAFETY_OFFICE, (SAFETY_OFFICE, POLICE, HEALTH_CENTRE), 10,
     "突发事件先期处置、人员搜救、群众转移"),
    ("西张村镇专职消防队", "fire_brigade", FIRE_SERVICE, (FIRE_SERVICE, ENFORCEMENT), 6,
     "火灾扑救、抢险救援、消防宣传"),
]
RANGER_TEAM = ("西张村镇森林防火扑火队", "forest_fire", "森林火情扑救、林区巡护")

# Supplies: (name, category, specification, quantity, unit, minimum, location, expires in days
#            or None)
STORE = "西张村镇应急物资储备库"
SUPPLIES = [
    ("干粉灭火器", "fire_fighting", "MFZ/ABC4", 120, "具", 50, STORE, 400),
    ("推车式灭火器", "fire_fighting", "MFTZ/ABC35", 6, "具", 4, STORE, 500),
    ("消防水带", "fire_fighting", "DN65 20m", 30, "盘", 20, STORE, None),
    ("消防员灭火防护服", "protective", "97式", 20, "套", 20, STORE, None),
    ("正压式空气呼吸器", "protective", "RHZKF6.8/30", 4, "台", 6, STORE, None),
    ("风力灭火机", "forest_fire", "6MF-30", 25, "台", 10, "西张村镇林业站", None),
    ("二号扑火工具", "forest_fire", "", 150, "把", 100, "西张村镇林业站", None),
    ("背负式灭火水枪", "forest_fire", "20L", 40, "具", 30, "西张村镇林业站", None),
    ("编织袋", "flood_control", "50×80cm", 3000, "条", 2000, STORE, None),
    ("沙袋（已装）", "flood_control", "", 400, "袋", 500, STORE, None),
    ("救生衣", "flood_control", "成人", 60, "件", 40, STORE, None),
    ("救生圈", "flood_control", "2.5kg", 30, "个", 20, STORE, None),
    ("冲锋舟", "flood_control", "5.2m", 1, "艘", 1, "西张村镇水利站", None),
    ("抽水泵", "rescue_equipment", "QDX10", 8, "台", 4, STORE, None),
    ("发电机", "rescue_equipment", "5kW汽油", 3, "台", 2, STORE, None),
    ("油锯", "rescue_equipment", "", 6, "台", 4, STORE, None),
    ("铁锹", "rescue_equipment", "", 200, "把", 100, STORE, None),
    ("应急照明灯", "communication", "强光手提", 50, "个", 30, STORE, None),
    ("对讲机", "communication", "", 24, "部", 20, "西张村镇应急管理办公室", None),
    ("卫星电话", "communication", "", 2, "部", 2, "西张村镇应急管理办公室", None),
    ("应急广播喇叭", "communication", "手持", 15, "个", 10, STORE, None),
    ("急救箱", "medical", "标准型", 20, "个", 15, HEALTH_CENTRE, 200),
    ("医用口罩", "medical", "一次性", 5000, "只", 2000, HEALTH_CENTRE, 20),
    ("担架", "medical", "折叠式", 10, "副", 6, HEALTH_CENTRE, None),
    ("帐篷", "living", "12㎡单帐篷", 30, "顶", 20, STORE, None),
    ("棉被", "living", "", 200, "床", 150, STORE, None),
    ("折叠床", "living", "", 80, "张", 50, STORE, None),
    ("矿泉水", "living", "550ml×24", 60, "箱", 100, STORE, 25),
    ("方便面", "living", "12桶/箱", 40, "箱", 30, STORE, -5),
    ("应急车辆", "vehicle", "皮卡", 2, "辆", 1, "西张村镇人民政府院内", None),
]

# Incidents: (title, kind, days ago, place, summary, [(hours after, kind, text, by)], outcome)
INCIDENTS = [
    ("宜村村民房火灾", "accident", 150, "宜村村二组",
     "村民厨房柴火堆起火，引燃西侧厢房，无人员伤亡。",
     [(0.3, "report", "宜村村支书电话报告镇应急办", "宜村村支书"),
      (0.5, "instruction", "立即调派专职消防队和应急救援小分队赶赴现场，注意人员安全", "镇长"),
      (1.0, "action", "专职消防队到场扑救，派出所设置警戒", "消防队"),
      (2.0, "action", "明火扑灭，清理余火，核查无人员伤亡", "镇应急办")],
     "明火扑灭，烧毁厢房两间，无人员伤亡，已对周边住户开展用火安全宣传。"),
    ("强降雨致道路塌方", "natural_disaster", 95, "西张村至宜村道路K3处",
     "连续强降雨致路基塌方约20米，交通中断。",
     [(0.5, "report", "交管站巡查发现并报告", "交管站"),
      (1.0, "action", "设置警示标志，实施交通管制，绕行引导", "交管站、派出所"),
      (26.0, "action", "抢修队完成临时便道，恢复单车道通行", "规划建设办")],
     "临时便道已通车，县交通部门已立项修复。"),
    ("山林火情", "natural_disaster", 10, "凡村村后山林地",
     "护林员巡查发现后山冒烟，疑似烧荒引发火情。",
     [(0.2, "report", "护林员电话报告林业站", "护林员"),
      (0.6, "action", "森林防火扑火队20人赶赴现场", "林业站")],
     ""),
]
