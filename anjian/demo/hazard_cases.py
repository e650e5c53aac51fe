"""The demo year's hazards as data: where, found by whom and how, and what happened next.

Each case is one hazard. `days_ago` dates its discovery from the build date; each step's `after` is
in days after discovery. A case with `kind` is found by an inspection record of that kind (the
checklist item containing `item` does not conform and raises it); a case without is reported
directly (public report, video alert, higher assignment, drill …). Texts follow the unit's kind:
九小场所 fire safety (seed 001 §四), mines and tailings ponds, abandoned pits, roads and forests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from anjian.demo.logins import ENTERPRISE_UNIT as ENTERPRISE
from anjian.inspections.choices import PlanKind as K

TAILINGS = "陕州区西张村选矿厂尾矿库"
SCHOOL = "西张村镇中心小学"
GARMENTS = "陕州区华美服饰有限公司"


@dataclass(frozen=True)
class U:
    """How to find a case's unit: by name, or the `nth` unused unit that matches the filters."""

    name: str = ""
    sub: str = ""
    category: str = ""
    village: str = ""  # village name
    grid: int = 0  # grid number within the village
    street: str = ""  # part of the address
    contains: str = ""  # part of the name (dropped when nothing matches)
    away: bool = False  # outside 张一村, where demo_village and demo_grid work
    police: bool = False  # in the police station's sectors (fire, road traffic, fireworks)
    nth: int = 0
    same_as: str = ""  # the unit of another case


@dataclass(frozen=True)
class Step:
    action: str  # assign, regrade, ack, interim, extend, submit, reject, accept, spot, cancel, escalate
    after: int  # days after discovery
    data: dict = field(default_factory=dict)


def S(action: str, after: int, **data) -> Step:
    return Step(action, after, data)


@dataclass(frozen=True)
class Case:
    key: str
    days_ago: int
    unit: U
    by: str  # demo username of the reporter
    text: str
    category: str
    cause: str
    steps: tuple[Step, ...] = ()
    kind: str = ""  # found by an inspection record of this kind
    item: str = ""  # keyword of the checklist item that did not conform
    source: str = ""  # for direct reports (and to override the record's)
    level: str = "ordinary"
    reference: str = ""  # 来源说明/文号, "{y}" is the year
    discoverer: str = ""
    measures: str = ""  # 整改措施
    done: str = ""  # 整改情况
    party: str = ""  # responsible party when not the usual one
    funds: int = 0
    dossier: dict = field(default_factory=dict)  # 一患一档 of a major hazard


FOUNDRY_DOSSIER = {
    "current_state_cause": "铸造车间2台1吨中频感应熔炼炉的冷却水系统仅设压力表，未设置出水温度、进出水流量差"
                           "检测报警装置；原因是2019年设备改造时未同步配置，企业对《工贸企业重大事故隐患判定标准》"
                           "学习不到位。",
    "harm_difficulty": "冷却水中断或泄漏不能及时发现，可能导致感应线圈烧损、炉衬穿漏，高温铁水遇水爆炸，危及车间"
                       "30余名作业人员；整改需停炉加装检测报警和联锁装置，技术难度一般，费用约9万元。",
    "plan_goal": "45个工作日内完成2台熔炼炉冷却水系统温度、流量差检测报警及联锁改造，经验收合格后恢复生产。",
    "plan_methods": "委托设备厂家加装出水温度、进出水流量差检测报警装置并与熔炼炉电源联锁；利用现有水塔改造"
                    "高位应急水箱；修订熔炼作业规程并组织全员培训。",
    "plan_funds_materials": "企业自筹资金9万元；检测仪表、控制柜由设备厂家供货，应急水箱利用现有水塔改造。",
    "plan_organisation": "厂长（主要负责人）为第一责任人，生产副厂长具体负责，设备科、安全科落实，"
                         "镇应急管理办公室跟踪督导。",
    "plan_time_limit": "自交办之日起45个工作日内完成整改并申请验收；整改期间每周向镇应急管理办公室报告进度。",
    "plan_safety_measures": "整改期间熔炼炉停止使用，铸件外协加工；车间设置警戒区，配备灭火器材和应急照明；"
                            "修订熔炼炉泄漏、爆炸事故应急处置方案并组织演练。",
    "supervision_authority": "陕州区应急管理局",
}
HOTEL_DOSSIER = {
    "current_state_cause": "鑫源旅社为3层砖混建筑，一层为经营和登记区，二、三层为客房共14间；仅有一部敞开楼梯，"
                           "楼梯间堆放布草和杂物，二、三层客房外窗设置固定式防盗网；原因是经营者擅自改变布局、"
                           "消防安全意识淡薄。",
    "harm_difficulty": "一旦发生火灾，烟气沿敞开楼梯迅速蔓延，住宿人员无法疏散，可能造成群死群伤；整改需增设"
                       "防火分隔和第二安全出口，涉及结构改造，难度较大。",
    "plan_goal": "完成楼梯间防火分隔（甲级防火门）、拆除固定防盗网改为可开启式、增设室外疏散楼梯，消除重大火灾隐患。",
    "plan_methods": "委托有资质的施工单位施工：楼梯间设置甲级防火门；外窗防盗网改为内开启式逃生窗；增设室外"
                    "钢结构疏散楼梯；配齐独立式感烟火灾探测报警器和应急照明。",
    "plan_funds_materials": "经营者自筹约6.5万元；材料由施工单位采购，镇消防服务中心提供技术指导。",
    "plan_organisation": "旅社经营者为整改责任人，派出所、消防服务中心督导，张一村村委会协助，"
                         "镇应急管理办公室跟踪。",
    "plan_time_limit": "交办后20个工作日内完成防火分隔和防盗网整改；室外疏散楼梯按延期后的期限完成并申请验收。",
    "plan_safety_measures": "整改期间停止二、三层客房住宿经营；清除楼梯间杂物，安排专人24小时值守，配备灭火器8具；"
                            "制定火灾应急疏散预案。",
    "supervision_authority": "西张村镇安全生产委员会",
}
BULLETIN = "西安委办〔{y}〕12号"  # 西张村镇安全生产委员会办公室 通报 of overdue hazards
INTERVIEW = "西安委办〔{y}〕15号"

CASES: tuple[Case, ...] = (
    # --- reported in the last days, not yet assigned ----------------------------------------------
    Case("R1", 1, U(sub="street_shop", village="张一村", grid=1, contains="电动车行"), "demo_grid",
         "店内通道停放电动自行车4辆并在室内充电，充电线从二楼窗户私拉下来", "fire", "act",
         kind=K.GRID_PATROL, item="电动自行车"),
    Case("R2", 2, U(sub="small_restaurant", street="宜村街道"), "demo_office",
         "群众随手拍反映：餐馆后厨液化气钢瓶与灶具间距不足1米，燃气软管老化开裂", "gas", "condition",
         source="public_report", discoverer="群众（随手拍）"),
    Case("R3", 3, U(name="干山林区"), "demo_office",
         "森林防火视频监控发现干山林区进山路口附近有人焚烧秸秆和杂草", "fire", "act",
         source="video_alert", discoverer="森林防火视频监控系统"),
    Case("R4", 4, U(name="三门峡西张村黄金矿业有限公司涧里尾矿库"), "demo_expert",
         "尾矿库坝体下游坡面局部出现雨水冲沟，长约6米，未及时修复", "mining", "condition",
         kind=K.EXPERT_MONTHLY, item="排洪"),
    Case("R5", 5, U(sub="small_production", away=True, police=True), "demo_police",
         "加工车间内违规设置员工宿舍，生产、储存、住宿“三合一”", "fire", "condition",
         kind=K.ROUTINE, item="住人"),
    Case("R6", 6, U(category="abandoned_pit", village="红岩村"), "demo_office",
         "坑口封堵铁丝网被破坏，警示牌缺失，有人员进入痕迹", "mining", "condition",
         kind=K.GRID_PATROL, item="封闭"),

    # --- assigned, not yet acknowledged ------------------------------------------------------------
    Case("A1", 8, U(name="张村宾馆"), "demo_police", "客房走道应急照明灯3处损坏不亮", "fire", "condition",
         kind=K.ROUTINE, item="应急照明", measures="更换损坏的应急照明灯，全面检测其余应急照明和疏散指示标志",
         steps=(S("assign", 1, wd=15, by="demo_police"),)),
    Case("A2", 10, U(name=SCHOOL), "demo_village", "学校食堂燃气管道未安装可燃气体泄漏报警和紧急切断装置",
         "gas", "condition", kind=K.GRID_PATROL, item="厨房燃气", funds=6800,
         measures="食堂燃气管道加装可燃气体泄漏报警器和紧急切断阀，由燃气公司安装调试",
         steps=(S("assign", 1, wd=15),)),
    Case("A3", 12, U(name=ENTERPRISE), "demo_enterprise",
         "数控车间3台配电箱箱门未上锁、未张贴“当心触电”警示标志，箱内积尘", "electrical", "condition",
         kind=K.SELF_CHECK, item="电气线路", measures="配电箱加锁并张贴警示标志，清理积尘，指定专职电工每周检查",
         steps=(S("assign", 2, wd=20),)),
    Case("A5", 75, U(name=TAILINGS), "demo_expert",
         "排洪井进水口格栅被漂浮物和杂草部分遮挡，排洪不畅，汛后未组织清理", "mining", "condition",
         kind=K.EXPERT_MONTHLY, item="排洪", funds=12000,
         measures="清理排洪井进水口漂浮物和杂草，检查排洪管（隧洞）是否淤堵，建立汛前汛后排洪设施检查制度",
         steps=(S("assign", 2, wd=10),
                S("escalate", 20, step="reminder", comment="整改期限已过，电话提醒选矿厂尽快完成清理"),
                S("escalate", 50, step="bulletin", doc=BULLETIN, comment="在全镇通报逾期未整改隐患"),
                S("escalate", 60, step="interview", doc=INTERVIEW, by="demo_leader",
                  comment="镇党委书记燕生约谈陕州区西张村选矿厂主要负责人，责令立即完成清理"))),
    Case("A6", 50, U(category="abandoned_pit", village="南沟村"), "demo_office",
         "废弃坑口警示牌缺失，围栏倒塌约5米", "mining", "condition", kind=K.GRID_PATROL, item="警示标志",
         party="village", funds=800, measures="重新设置警示牌，修复围栏，村里安排专人每周巡查",
         steps=(S("assign", 2, wd=10), S("escalate", 25, step="reminder", comment="提醒南沟村尽快整改"))),
    Case("A7", 20, U(name="窑店林场"), "demo_office",
         "上级交办：窑店林场防火隔离带杂草、枯枝未清理，部分地段隔离带宽度不足10米", "fire", "condition",
         source="higher_assignment", reference="陕森防指办〔{y}〕9号", discoverer="陕州区森林防灭火指挥部办公室",
         funds=30000, measures="组织人员清理防火隔离带杂草、枯枝，拓宽不足10米的地段",
         steps=(S("assign", 2, wd=30),)),
    Case("A8", 6, U(name="宜干路马岭急弯陡坡路段"), "demo_police", "急弯路段爆闪灯损坏不亮，减速带缺失一处",
         "road_traffic", "condition", source="agency_inspection", funds=4500,
         measures="更换爆闪灯，补设减速带，增设急弯警告标志",
         steps=(S("assign", 1, wd=10, by="demo_police"),)),

    # --- being rectified ---------------------------------------------------------------------------
    Case("K1", 40, U(name="鑫源旅社"), "demo_grid",
         "旅社一层经营区与二层客房之间未进行防火分隔，唯一的疏散楼梯堆放杂物，二层客房窗户设置固定式防盗网",
         "fire", "condition", kind=K.GRID_PATROL, item="防盗网", party="agency", funds=65000,
         dossier=HOTEL_DOSSIER, measures="楼梯间设置防火分隔，清除楼梯杂物，拆除固定防盗网，增设室外疏散楼梯",
         steps=(S("assign", 1, wd=20),
                S("regrade", 3, reason="经镇安委会办公室组织消防服务中心、派出所复核，旅社仅有一部疏散楼梯且被占用，"
                                       "客房外窗防盗网封闭，依据《重大火灾隐患判定方法》综合判定为重大火灾隐患"),
                S("ack", 4),
                S("interim", 5, text="停止二、三层客房住宿经营，清除楼梯间杂物，安排专人24小时值守，配备灭火器8具"),
                S("extend", 28, wd=20, reason="室外疏散楼梯需由有资质的单位设计施工，钢结构件加工周期长，经旅社申请、"
                                              "派出所核实，同意延期"))),
    Case("K2", 45, U(sub="small_shop", village="张一村", grid=4, contains="超市"), "demo_village",
         "超市仓库与营业区未分隔，仓库内私拉电线为电动自行车充电", "electrical", "act",
         kind=K.GRID_PATROL, item="私拉乱接", measures="拆除仓库内私拉电线，禁止室内充电，仓库与营业区设置防火分隔",
         steps=(S("assign", 1, wd=10), S("ack", 2),
                S("escalate", 24, step="reminder", comment="整改期限已过，提醒张一村督促超市完成整改"))),
    Case("K3", 60, U(sub="small_production", away=True, contains="家具"), "demo_police",
         "木材加工车间电气线路未穿管保护，配电箱周边堆积木屑刨花", "electrical", "condition",
         kind=K.ROUTINE, item="私拉乱接", funds=5000, measures="车间电气线路全部穿管保护，清理配电箱周边木屑",
         steps=(S("assign", 2, wd=10, by="demo_police"), S("ack", 3),
                S("interim", 5, text="停用未穿管线路，清理配电箱周边木屑，每班下班前断电"),
                S("escalate", 35, step="bulletin", doc=BULLETIN, comment="在全镇通报逾期未整改隐患"))),
    Case("K4", 15, U(name=ENTERPRISE), "demo_enterprise",
         "铸造车间5吨桥式起重机钢丝绳断丝超标，已达报废标准仍在使用", "special_equipment", "condition",
         kind=K.SELF_CHECK, item="特种设备", funds=8000,
         measures="更换钢丝绳，委托特种设备检验机构检验合格后方可使用",
         steps=(S("assign", 1, wd=20), S("ack", 2),
                S("interim", 2, text="停用该行车并挂牌，设置警戒区，吊运作业改用叉车"))),
    Case("K5", 18, U(name=GARMENTS), "demo_leader", "服装车间成品堆放堵塞疏散通道，安全出口指示标志损坏2处",
         "fire", "act", kind=K.LEADER_LED, item="疏散通道", measures="清理疏散通道，划定成品堆放区，更换安全出口指示标志",
         steps=(S("assign", 1, wd=15), S("ack", 3))),
    Case("K6", 25, U(sub="street_shop", away=True, police=True, contains="家具"), "demo_police",
         "门店二层违规住人，仅有一部疏散楼梯且楼梯间堆放货物", "fire", "condition", kind=K.ROUTINE, item="住人",
         funds=15000, measures="拆除二层住宿隔断，人员搬离，清理楼梯间货物",
         steps=(S("assign", 1, wd=10, by="demo_police"), S("ack", 2),
                S("extend", 12, wd=15, reason="需拆除二层住宿隔断并另设疏散楼梯，施工周期较长，经申请同意延期"))),
    Case("K8", 35, U(sub="small_restaurant", away=True, police=True), "demo_police",
         "后厨油烟管道油垢积聚，长期未清洗", "fire", "condition", kind=K.ROUTINE, item="违规用火",
         funds=1500, measures="委托专业公司清洗油烟管道，建立每季度清洗制度",
         steps=(S("assign", 1, wd=10, by="demo_police"), S("ack", 2),
                S("escalate", 22, step="reminder", comment="整改期限已过，提醒餐馆尽快清洗"))),

    # --- rectified, awaiting acceptance ------------------------------------------------------------
    Case("W1", 16, U(sub="street_shop", village="张一村", grid=1, contains="五金"), "demo_grid",
         "五金店店内存放油漆、稀料约200升，与电气开关距离过近", "hazardous_chemicals", "act",
         kind=K.GRID_PATROL, item="违规用火", measures="油漆稀料移至专用库房，店内存量不超过一天销量",
         done="油漆、稀料已移至后院专用库房，店内仅留样品", steps=(S("assign", 1, wd=15), S("ack", 2), S("submit", 10))),
    Case("W3", 25, U(name=ENTERPRISE), "demo_enterprise", "喷漆房灭火器过期2具，防爆排风机损坏停用",
         "fire", "condition", kind=K.SELF_CHECK, item="消防设施", funds=3200,
         measures="更换过期灭火器，维修防爆排风机，排风机修复前停止喷漆作业",
         done="已更换灭火器2具，防爆排风机已更换电机并试运行正常",
         steps=(S("assign", 1, wd=25), S("ack", 2), S("submit", 15))),
    Case("W4", 28, U(sub="small_beauty_bath", away=True, contains="洗浴"), "demo_police",
         "洗浴中心锅炉房与休息区之间未设置防火门，锅炉房内堆放毛巾等可燃物", "fire", "condition",
         kind=K.ROUTINE, item="防火分隔", funds=4800, measures="锅炉房设置甲级防火门，清除锅炉房内可燃物",
         done="锅炉房已安装甲级防火门并加装闭门器，可燃物已清除",
         steps=(S("assign", 1, wd=10, by="demo_police"), S("ack", 2),
                S("interim", 3, text="清除锅炉房内可燃物，锅炉运行期间专人值守"),
                S("extend", 12, wd=15, reason="防火门需定制，到货周期约两周，经申请同意延期"),
                S("submit", 16), S("reject", 18, reason="复查发现防火门未安装闭门器，不能自行关闭，不符合要求"),
                S("submit", 24))),
    Case("W5", 12, U(sub="small_restaurant", village="张一村", grid=1), "demo_village",
         "餐馆使用液化气钢瓶未安装燃气泄漏报警器，燃气软管长度超过2米", "gas", "condition",
         kind=K.GRID_PATROL, item="违规用火", funds=600, measures="安装燃气泄漏报警器，更换不超过2米的金属波纹软管",
         done="已安装燃气泄漏报警器，软管已更换为1.5米金属波纹管",
         steps=(S("assign", 1, wd=15), S("ack", 1), S("submit", 8))),

    # --- closed after acceptance -------------------------------------------------------------------
    Case("CM", 230, U(name=ENTERPRISE), "demo_office",
         "铸造车间中频感应熔炼炉冷却水系统未设置出水温度、进出水流量差检测报警装置，冷却水中断时不能及时报警",
         "special_equipment", "condition", level="major", source="higher_assignment",
         reference="陕应急执〔{y}〕21号", discoverer="陕州区应急管理局执法检查组", funds=90000,
         dossier=FOUNDRY_DOSSIER, measures="加装冷却水出水温度、进出水流量差检测报警装置并与电源联锁，设置应急水源",
         done="2台熔炼炉冷却水系统已加装出水温度、进出水流量差检测报警装置并与电源联锁，高位应急水箱已投用，"
              "作业规程已修订并培训",
         steps=(S("assign", 2, wd=45), S("ack", 3),
                S("interim", 3, text="熔炼炉停止使用，铸件外协加工，车间设置警戒区"),
                S("submit", 52, funds_spent=86000), S("accept", 58, panel=True))),
    Case("C1", 345, U(sub="small_restaurant", away=True, police=True, nth=1), "demo_police",
         "后厨灭火器过期2具，未配置灭火毯", "fire", "condition", kind=K.ROUTINE, item="灭火器", funds=300,
         measures="更换过期灭火器，配置灭火毯", done="已更换4公斤干粉灭火器2具，厨房配置灭火毯1块",
         steps=(S("assign", 1, wd=5, by="demo_police"), S("ack", 1), S("submit", 4), S("accept", 5))),
    Case("C2", 330, U(name=ENTERPRISE), "demo_enterprise", "职工宿舍使用电暖器取暖，私拉电线，插线板放在床铺上",
         "electrical", "act", kind=K.SELF_CHECK, item="电气线路", funds=1200,
         measures="拆除私拉电线，宿舍统一安装取暖专用插座", done="私拉电线已拆除，宿舍安装取暖专用插座6个",
         steps=(S("assign", 1, wd=5), S("ack", 2), S("submit", 4), S("accept", 6))),
    Case("C3", 310, U(sub="street_shop", away=True, police=True, contains="电动车行"), "demo_police",
         "电动车行店内夜间集中为电动自行车充电，充电区未与经营区分隔", "fire", "act", kind=K.ROUTINE,
         item="电动自行车", funds=3500, measures="在室外设置独立充电区，店内禁止充电",
         done="已在店外设置独立充电棚并安装定时断电插座，店内不再充电",
         steps=(S("assign", 1, wd=10, by="demo_police"), S("ack", 2), S("submit", 9),
                S("reject", 10, reason="复查发现店内仍有电动自行车充电，室外充电区未建成"),
                S("submit", 16), S("accept", 17))),
    Case("C4", 295, U(name=SCHOOL), "demo_leader", "未按要求每半年组织一次应急疏散演练，灭火和应急疏散预案未及时修订",
         "management", "management", kind=K.LEADER_LED, item="演练",
         measures="修订灭火和应急疏散预案，组织全校师生应急疏散演练",
         done="预案已修订，已组织全校师生应急疏散演练1次并形成评估报告",
         steps=(S("assign", 1, wd=15), S("ack", 2), S("submit", 14), S("accept", 16))),
    Case("C5", 275, U(name="宜村如家旅馆"), "demo_police", "客房未安装独立式感烟火灾探测报警器（共9间）",
         "fire", "condition", kind=K.KEY_PERIOD, item="感烟", funds=900,
         measures="每间客房安装独立式感烟火灾探测报警器", done="9间客房已全部安装独立式感烟火灾探测报警器并测试正常",
         steps=(S("assign", 1, wd=10, by="demo_police"), S("ack", 2), S("submit", 12), S("accept", 13))),
    Case("C6", 190, U(sub="small_production", away=True, contains="粉条"), "demo_office",
         "烘干房电气线路老化破损，未安装漏电保护器", "electrical", "condition", kind=K.ROUTINE,
         item="私拉乱接", party="agency", funds=2600, measures="更换烘干房电气线路，加装漏电保护器",
         done="烘干房线路已全部更换并穿管，加装漏电保护器2个",
         steps=(S("assign", 1, wd=10), S("ack", 2),
                S("extend", 12, wd=10, reason="需更换整条动力线路并加装漏电保护器，电工排期，经申请同意延期"),
                S("submit", 20), S("accept", 22))),
    Case("C7", 250, U(sub="street_shop", away=True, police=True, nth=2), "demo_police",
         "门店窗户安装固定式防盗网，未设置可开启的逃生窗口", "fire", "condition", kind=K.SPECIAL_CAMPAIGN,
         item="防盗网", funds=700, measures="防盗网改造为可从内部开启的逃生窗口", done="已改造为内开启式逃生窗口2处",
         steps=(S("assign", 0, wd=10, by="demo_police"), S("ack", 1), S("submit", 8), S("accept", 10))),
    Case("C8", 235, U(sub="small_shop", away=True, police=True, nth=3), "demo_office",
         "商店仓库内设置住宿床铺，店员在库房内住宿，形成“三合一”场所", "fire", "act",
         kind=K.SPECIAL_CAMPAIGN, item="住人", party="agency", measures="拆除库房内床铺，住宿人员搬离",
         done="库房内床铺已拆除，店员已在外租房住宿",
         steps=(S("assign", 1, wd=10), S("ack", 2), S("submit", 12), S("accept", 14))),
    Case("C9", 220, U(sub="small_restaurant", village="张一村", grid=4), "demo_village",
         "燃气软管老化龟裂，长度超过2米且穿墙敷设", "gas", "condition", kind=K.SPECIAL_CAMPAIGN,
         item="违规用火", funds=260, measures="更换金属波纹软管，软管不得穿墙", done="已更换1.2米金属波纹软管，灶具移至气瓶同室",
         steps=(S("assign", 1, wd=5), S("ack", 1), S("submit", 4), S("accept", 5, by="demo_police"))),
    Case("C10", 205, U(sub="small_beauty_bath", away=True, contains="理发"), "demo_police",
         "理发店烫发机、热水器等大功率电器共用一个插座，线路发热", "electrical", "act",
         kind=K.SPECIAL_CAMPAIGN, item="私拉乱接", funds=450, measures="大功率电器分路供电，更换过载插座",
         done="已为热水器单独布线，更换插座3个",
         steps=(S("assign", 1, wd=5, by="demo_police"), S("ack", 1), S("submit", 5), S("accept", 6))),
    Case("C11", 290, U(category="fireworks_outlet"), "demo_office",
         "烟花爆竹零售点店内存放量超过许可范围，店员在店内吸烟", "hazardous_chemicals", "act",
         source="joint_enforcement", discoverer="派出所、消防服务中心、市场监管所联合检查组",
         measures="超量烟花爆竹退回批发企业，店内严禁吸烟", done="超量部分已退回批发企业，店内张贴禁烟标志",
         steps=(S("assign", 0, wd=3), S("ack", 0), S("submit", 2), S("accept", 3))),
    Case("C12", 180, U(name="西三公路张村路口"), "demo_police",
         "路口减速让行标志被行道树枝叶遮挡，交通劝导点无人值守", "road_traffic", "management",
         source="agency_inspection", measures="修剪遮挡标志的树枝，落实劝导员值守",
         done="遮挡树枝已修剪，劝导点排班表已上墙，高峰时段有人值守",
         steps=(S("assign", 1, wd=5, by="demo_police"), S("ack", 1), S("submit", 4), S("accept", 5))),
    Case("C13", 165, U(sub="small_production", away=True, contains="木材"), "demo_police",
         "木工车间刨花、木屑堆积未及时清理，车间内有人吸烟", "fire", "act", kind=K.ROUTINE, item="违规用火",
         measures="清理木屑刨花，车间内严禁吸烟，建立每班清扫制度", done="木屑已清理，张贴禁烟标志，建立每班清扫记录",
         steps=(S("assign", 1, wd=5, by="demo_police"), S("ack", 2), S("submit", 8),
                S("reject", 9, reason="木屑清理不彻底，未建立每班清扫和禁烟巡查制度"), S("submit", 13),
                S("accept", 14))),
    Case("C14", 150, U(sub="street_shop", away=True, police=True, nth=5), "demo_office",
         "群众随手拍反映：门店楼道内电动自行车“飞线”充电", "fire", "act", source="public_report",
         discoverer="群众（随手拍）", party="agency", measures="拆除飞线，引导至集中充电点充电",
         done="飞线已拆除，门店住户已到附近集中充电点充电",
         steps=(S("assign", 1, wd=3), S("ack", 1), S("submit", 3), S("accept", 4))),
    Case("C15", 140, U(name=SCHOOL), "demo_village",
         "应急疏散演练发现：教学楼二层东侧疏散指示标志2处不亮，应急照明灯1处损坏", "fire", "condition",
         source="drill", discoverer="中心小学应急疏散演练评估组", funds=380,
         measures="更换损坏的疏散指示标志和应急照明灯", done="已更换疏散指示标志2个、应急照明灯1个",
         steps=(S("assign", 1, wd=5), S("ack", 1), S("submit", 5), S("accept", 6))),
    Case("C16", 125, U(name=ENTERPRISE), "demo_enterprise", "机加工车间砂轮机防护罩缺失，操作人员未佩戴防护眼镜",
         "occupational", "condition", kind=K.SELF_CHECK, item="劳动防护", funds=650,
         measures="加装砂轮机防护罩，配发防护眼镜并督促佩戴", done="砂轮机已加装防护罩，操作人员配发防护眼镜",
         steps=(S("assign", 1, wd=5), S("ack", 1), S("submit", 4), S("accept", 6))),
    Case("C17", 162, U(name=GARMENTS), "demo_office", "裁剪车间配电箱周边堆放布料等可燃物，配电箱未上锁",
         "electrical", "condition", kind=K.JOINT_ENFORCEMENT, item="电气线路",
         measures="清理配电箱周边可燃物，配电箱加锁，划定1米禁放区", done="可燃物已清理，配电箱已加锁，地面划设禁放线",
         steps=(S("assign", 1, wd=10), S("ack", 2), S("submit", 10), S("accept", 11))),
    Case("C18", 95, U(name="张村宾馆"), "demo_police", "消防安全责任人、管理人未明确，日常防火巡查记录缺失",
         "fire", "management", kind=K.ROUTINE, item="消防安全责任制",
         measures="明确消防安全责任人、管理人，建立每日防火巡查记录", done="已签订消防安全责任书，巡查记录本每日填写",
         steps=(S("assign", 1, wd=5, by="demo_police"), S("ack", 1), S("submit", 5), S("accept", 7))),
    Case("C19", 80, U(sub="street_shop", village="张一村", grid=1, contains="药房"), "demo_grid",
         "药店门口堆放纸箱等杂物，占用疏散通道", "fire", "act", kind=K.GRID_PATROL, item="堵塞",
         measures="清理门口杂物，保持疏散通道畅通", done="门口纸箱杂物已清理",
         steps=(S("assign", 1, wd=3), S("ack", 1), S("submit", 2), S("accept", 3, by="demo_police"))),
    Case("C20", 65, U(sub="small_restaurant", away=True, police=True, nth=2), "demo_police",
         "液化气钢瓶放置在地下储物间，通风不良，未安装泄漏报警器", "gas", "condition", kind=K.ROUTINE,
         item="违规用火", funds=500, measures="钢瓶移至地面通风处，安装燃气泄漏报警器",
         done="钢瓶已移至一层通风的专用气瓶间，安装泄漏报警器",
         steps=(S("assign", 1, wd=5, by="demo_police"), S("ack", 1), S("submit", 5), S("accept", 6))),
    Case("C21", 355, U(sub="small_shop", away=True, police=True, nth=4), "demo_police",
         "商店内使用“小太阳”电取暖器，距货架不足0.5米", "electrical", "act", kind=K.ROUTINE,
         item="私拉乱接", measures="停用电取暖器或移至远离可燃物处", done="电取暖器已移至收银台旁空旷处，周边1米内无可燃物",
         steps=(S("assign", 1, wd=3, by="demo_police"), S("ack", 1), S("submit", 2), S("accept", 3))),
    Case("C22", 320, U(sub="small_clinic", away=True, police=True), "demo_police",
         "诊所氧气瓶无防倾倒措施，与医用酒精混放", "hazardous_chemicals", "act", kind=K.ROUTINE,
         item="违规用火", funds=200, measures="氧气瓶加装防倾倒链，与酒精分开存放",
         done="氧气瓶已加装防倾倒链，酒精移至专用药品柜",
         steps=(S("assign", 1, wd=3, by="demo_police"), S("ack", 1), S("submit", 3), S("accept", 4))),
    Case("C23", 265, U(sub="small_shop", village="张一村", grid=2), "demo_village",
         "商店内将电动自行车电池拆下在店内充电", "fire", "act", kind=K.GRID_PATROL, item="电动自行车",
         measures="禁止在店内为电池充电，到集中充电点充电", done="已停止店内充电，店主签订承诺书",
         steps=(S("assign", 1, wd=3), S("ack", 1), S("submit", 2), S("accept", 3, by="demo_police"))),
    Case("C25", 45, U(sub="street_shop", away=True, police=True, nth=7), "demo_police",
         "门店疏散指示标志损坏，应急照明灯不亮", "fire", "condition", kind=K.ROUTINE, item="应急照明",
         funds=240, measures="更换疏散指示标志和应急照明灯", done="已更换疏散指示标志1个、应急照明灯2个",
         steps=(S("assign", 1, wd=5, by="demo_police"), S("ack", 1), S("submit", 4), S("accept", 5))),
    Case("C26", 30, U(name="张一村卫生室"), "demo_grid", "卫生室灭火器过期未检，放置在诊室角落被杂物遮挡",
         "fire", "condition", kind=K.GRID_PATROL, item="灭火器", funds=160,
         measures="更换过期灭火器，放置在明显便于取用的位置", done="已更换灭火器2具，放置在门口灭火器箱内",
         steps=(S("assign", 1, wd=3), S("ack", 1), S("submit", 3), S("accept", 4, by="demo_police"))),

    # --- fixed on the spot (立即整改) ----------------------------------------------------------------
    Case("S1", 300, U(sub="small_shop", village="张一村", grid=1), "demo_grid", "灭火器压力表指针位于红区，压力不足",
         "fire", "condition", kind=K.GRID_PATROL, item="灭火器", done="已督促店主当场更换合格灭火器2具",
         steps=(S("spot", 0),)),
    Case("S2", 240, U(sub="small_shop", away=True, police=True, nth=6), "demo_police", "店内通道堆放货物，通道宽度不足1米",
         "fire", "act", kind=K.SPECIAL_CAMPAIGN, item="堵塞", done="已督促当场清理，通道恢复畅通", steps=(S("spot", 0),)),
    Case("S3", 200, U(name="三门峡西张村黄金矿业有限公司干山金矿"), "demo_expert", "主井井口安全警示标志牌脱落",
         "mining", "condition", kind=K.EXPERT_MONTHLY, item="警示标志", done="已督促矿方当场重新悬挂固定",
         steps=(S("spot", 0),)),
    Case("S4", 160, U(name=ENTERPRISE), "demo_enterprise", "装配车间安全通道和灭火器前堆放待加工工件",
         "fire", "act", kind=K.SELF_CHECK, item="消防设施", done="已当场清理，恢复通道畅通", steps=(S("spot", 0),)),
    Case("S5", 60, U(category="gas_station"), "demo_leader", "加油员未穿防静电工作服上岗作业",
         "hazardous_chemicals", "act", kind=K.LEADER_LED, item="加油员", done="已责令当场更换防静电工作服，并对站长提出批评",
         steps=(S("spot", 0),)),
    Case("S6", 20, U(sub="small_shop", village="张一村", grid=3), "demo_village", "插线板串接使用（“串串插”），电线私拉乱接",
         "electrical", "act", kind=K.GRID_PATROL, item="私拉乱接", done="已当场拆除串接插线板，规范接线",
         steps=(S("spot", 0),)),

    # --- cancelled, once for each reason -----------------------------------------------------------
    Case("X1", 150, U(name="放牛山林区"), "demo_office", "森林防火视频监控报警：放牛山林区北坡疑似烟火", "fire", "act",
         source="video_alert", discoverer="森林防火视频监控系统",
         steps=(S("cancel", 0, reason="false_report",
                  note="经护林员现场核实，为山下农户做饭炊烟，非林区野外用火，系视频误报"),)),
    Case("X2", 189, U(same_as="C6"), "demo_office", "粉条加工坊烘干房电线老化，无漏电保护", "electrical", "condition",
         kind=K.GRID_PATROL, item="私拉乱接", measures="更换老化电线，加装漏电保护器",
         steps=(S("assign", 0, wd=10, by="demo_police"),
                S("cancel", 1, reason="duplicate", note="与{C6}为同一隐患，网格员与站所重复上报，以{C6}为准"))),
    Case("X3", 120, U(category="abandoned_pit", village="涧里村"), "demo_office",
         "群众电话举报：废弃坑口附近夜间有人私挖滥采", "mining", "act", source="public_report",
         discoverer="群众（12345热线转办）",
         steps=(S("cancel", 3, reason="not_substantiated",
                  note="经村委会、自然资源所联合现场核查，坑口封堵完好，未发现开采痕迹，举报不属实"),)),
    Case("X4", 33, U(same_as="K8"), "demo_office", "餐馆后厨油烟管道油污严重", "fire", "condition",
         kind=K.GRID_PATROL, item="违规用火",
         steps=(S("cancel", 1, reason="duplicate", note="与{K8}为同一隐患，重复上报"),)),
)

# Small problems found by ordinary records and fixed at once, by checklist:
# (item keyword, what was found, what was done on the spot, category, cause).
SPOT_POOL = {
    "small-venue-fire": [
        ("灭火器", "灭火器压力不足，指针位于红区", "已督促负责人当场更换合格灭火器", "fire", "condition"),
        ("电动自行车", "电动自行车停放在店内通道充电", "已督促当场移至室外集中充电点", "fire", "act"),
        ("私拉乱接", "插线板串接使用，电线私拉乱接", "已当场拆除串接插线板，规范接线", "electrical", "act"),
        ("堵塞", "安全出口处堆放纸箱等杂物", "已当场清理，出口恢复畅通", "fire", "act"),
        ("应急照明", "应急照明灯不亮", "已当场更换应急照明灯电池并测试", "fire", "condition"),
    ],
    "crowded-place": [
        ("安全出口、疏散通道", "疏散通道内摆放桌椅，通道宽度不足", "已当场清理", "fire", "act"),
        ("灭火器、消火栓", "部分灭火器未放置在指定位置", "已当场归位并张贴标识", "fire", "management"),
    ],
    "mine-pit-patrol": [
        ("警示标志", "警示牌被风刮倒", "已现场扶正并加固", "mining", "condition"),
        ("警示标志", "警示牌字迹褪色，被杂草遮挡", "已现场清除杂草，用油漆重新描字", "mining", "condition"),
        ("警示标志", "坑口围栏警示带缺失一段", "已现场补拉警示带", "mining", "condition"),
    ],
    "enterprise-self-check": [
        ("劳动防护", "员工作业时未佩戴防护手套和护目镜", "已现场纠正并进行安全教育", "occupational", "act"),
        ("消防设施", "车间灭火器被物料遮挡", "已当场清理遮挡物", "fire", "act"),
    ],
    "gas-station": [
        ("警示标志", "加油区“严禁烟火”警示标志脱落", "已当场重新张贴", "hazardous_chemicals", "condition"),
        ("灭火器", "加油机旁灭火器被移作他用，未放回原位", "已当场归位", "fire", "act"),
    ],
    "gas-sales-point": [
        ("实瓶空瓶", "实瓶与空瓶混放", "已当场分区摆放", "gas", "act"),
    ],
}
