"""The town's agencies (机关站所) and the sectors each supervises under 三管三必须."""

from __future__ import annotations

from anjian.demo.names import Phones, rng_for
from anjian.demo.specs import OrganisationSpec
from anjian.demo.township import DISTRICT_CODE, TOWN_CODE
from anjian.regions.choices import OrganisationKind as K

SAFETY_OFFICE = "西张村镇应急管理办公室"
POLICE = "陕州区公安局西张村派出所"
FORESTRY = "西张村镇林业站"
GOVERNMENT_OFFICE = "西张村镇党政办公室"
EXPERT_AGENCY = "三门峡安泰安全技术服务有限公司"

# (name, kind, sector codes, where on 张村街道 or elsewhere)
ORGANISATIONS = [
    (SAFETY_OFFICE, K.SAFETY_OFFICE,
     ("industry_trade", "hazardous_chemicals", "fireworks", "mining", "special_equipment"),
     "西张村镇人民政府院内"),
    (POLICE, K.POLICE_STATION, ("fire", "road_traffic", "fireworks"), "张村街道118号"),
    ("西张村镇卫生院", K.HEALTH_CENTRE, ("health",), "张村街道206号"),
    ("西张村镇交通管理站", K.TRAFFIC_STATION, ("road_traffic",), "张村街道35号"),
    ("西张村镇消防服务中心", K.FIRE_SERVICE, ("fire",), "张村街道9号"),
    ("西张村镇中心校", K.SCHOOL, ("education",), "张一村教育路1号"),
    ("西张村供电所（电管所）", K.POWER_OFFICE, ("electricity",), "张三村电力路2号"),
    ("西张村镇综合行政执法队", K.ENFORCEMENT_TEAM, ("construction", "gas", "industry_trade"),
     "西张村镇人民政府院内"),
    ("陕州区市场监督管理局西张村市场监管所", K.MARKET_SUPERVISION,
     ("food", "commerce", "special_equipment"), "张村街道77号"),
    (FORESTRY, K.FORESTRY_STATION, ("forestry",), "张四村林业路3号"),
    ("陕州区自然资源局西张村自然资源所", K.NATURAL_RESOURCES, ("geology", "mining"), "张村街道150号"),
    ("西张村镇水利站", K.WATER_STATION, ("water",), "张四村水利路6号"),
    ("西张村镇规划建设办公室", K.PLANNING_CONSTRUCTION, ("construction", "gas"), "西张村镇人民政府院内"),
    ("西张村镇农业服务中心", K.AGRICULTURE, ("agriculture",), "张二村农技路8号"),
    ("西张村镇民政所", K.OTHER, ("civil_affairs",), "西张村镇人民政府院内"),
    ("西张村镇统战和宗教工作办公室", K.OTHER, ("religion",), "西张村镇人民政府院内"),
    ("西张村镇文化服务中心", K.OTHER, ("culture_tourism",), "张村街道60号"),
    (GOVERNMENT_OFFICE, K.OTHER, (), "西张村镇人民政府院内"),
]


def organisation_specs(phones: Phones) -> list[OrganisationSpec]:
    rng = rng_for("organisations")
    specs = [
        OrganisationSpec(name, kind, TOWN_CODE, sectors, phones.landline(rng),
                         address if address.startswith("西张村镇") else f"西张村镇{address}")
        for name, kind, sectors, address in ORGANISATIONS
    ]
    specs.append(OrganisationSpec(EXPERT_AGENCY, K.SAFETY_SERVICE, DISTRICT_CODE, (),
                                  phones.landline(rng), "三门峡市陕州区大营镇迎宾大道88号"))
    return specs
