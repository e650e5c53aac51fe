"""People on the tree: the leading group of seed 001 §二, village cadres, grid workers, agency staff,
the 37 forest rangers and the contracted safety experts."""

from __future__ import annotations

from dataclasses import dataclass, field

from anjian.accounts.choices import Duty
from anjian.demo.names import PersonNames, Phones, rng_for
from anjian.demo.organisations import (
    EXPERT_AGENCY,
    FORESTRY,
    GOVERNMENT_OFFICE,
    ORGANISATIONS,
    POLICE,
    SAFETY_OFFICE,
)
from anjian.demo.specs import PersonSpec, VillageInfo
from anjian.demo.township import DISTRICT_CODE, TOWN_CODE

GROUP = "领导小组"  # 安全生产基层基础提升专项工作领导小组
# The leading group (seed 001 §二): the party secretary leads, the town head is executive deputy,
# the other members of the leadership team (班子成员, invented) are deputies.
LEADERS = [
    ("燕生", "镇党委书记", "组长"),
    ("钱熙浩", "镇党委副书记、镇长", "常务副组长"),
    ("", "镇党委副书记", "副组长"),
    ("", "镇人大主席", "副组长"),
    ("", "镇党委委员、纪委书记", "副组长"),
    ("", "镇党委委员、常务副镇长", "副组长"),
    ("", "副镇长（分管安全生产、应急管理）", "副组长"),
    ("", "副镇长（分管农业、林业、水利）", "副组长"),
    ("", "镇党委委员、组织委员", "副组长"),
    ("", "镇党委委员、武装部长", "副组长"),
]
RANGER_COUNT = 37
# Short name and head's title of each organisation, for positions.
HEADS = {
    SAFETY_OFFICE: ("应急管理办公室", "主任（领导小组办公室主任）"), POLICE: ("派出所", "所长"),
    "西张村镇卫生院": ("卫生院", "院长"), "西张村镇交通管理站": ("交管站", "站长"),
    "西张村镇消防服务中心": ("消防服务中心", "主任"), "西张村镇中心校": ("中心校", "校长"),
    "西张村供电所（电管所）": ("电管所", "所长"), "西张村镇综合行政执法队": ("综合行政执法队", "队长"),
    "陕州区市场监督管理局西张村市场监管所": ("市场监管所", "所长"), FORESTRY: ("林业站", "站长"),
    "陕州区自然资源局西张村自然资源所": ("自然资源所", "所长"), "西张村镇水利站": ("水利站", "站长"),
    "西张村镇规划建设办公室": ("规划建设办", "主任"), "西张村镇农业服务中心": ("农业服务中心", "主任"),
    "西张村镇民政所": ("民政所", "所长"), "西张村镇统战和宗教工作办公室": ("统战办", "主任"),
    "西张村镇文化服务中心": ("文化服务中心", "主任"), GOVERNMENT_OFFICE: ("党政办公室", "主任"),
}
STAFF_TITLE = {POLICE: "民警", "西张村镇消防服务中心": "专职消防队员", "西张村镇卫生院": "医生",
               "西张村镇综合行政执法队": "执法队员"}
ADMIN_POSTS = ["系统管理员", "安全管理员", "审计管理员"]
CADRE_POSTS = ["村委会副主任", "村会计", "治保主任", "妇联主任", "村安全员"]
RANGER_AREAS = {"mountain": ["干山片区", "方山片区", "放牛山片区", "三角山片区", "窑店林场片区",
                             "义马矿务局林场片区"], "hills": ["东山防火检查站", "浅山片区"]}


@dataclass
class People:
    specs: list[PersonSpec] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)  # leading group: 组长, 常务副组长, 副组长 …
    heads: dict[str, str] = field(default_factory=dict)  # organisation name -> head
    admins: dict[str, str] = field(default_factory=dict)  # admin post -> person
    experts: list[str] = field(default_factory=list)
    secretaries: dict[str, str] = field(default_factory=dict)  # village code -> secretary
    cadres: dict[str, list[str]] = field(default_factory=dict)  # village code -> other cadres
    grid_workers: dict[str, str] = field(default_factory=dict)  # grid code -> grid worker
    phones: dict[str, str] = field(default_factory=dict)  # person -> mobile

    def add(self, spec: PersonSpec) -> str:
        self.specs.append(spec)
        self.phones[spec.name] = spec.phone
        return spec.name

    def contact(self, name: str) -> tuple[str, str]:
        """(name, phone) of a person, to make them a unit's principal."""
        return name, self.phones[name]


def build_people(villages: list[VillageInfo], names: PersonNames, phones: Phones) -> People:
    rng = rng_for("people")
    people = People()
    for name, post, role in LEADERS:
        name = name or names.make(rng, female=False if role != "副组长" else None)
        people.leaders.append(people.add(PersonSpec(
            name, TOWN_CODE, Duty.LEADER, f"{post}、{GROUP}{role}", phones.mobile(rng))))

    for org, _kind, _sectors, _address in ORGANISATIONS:
        short, title = HEADS[org]
        head = PersonSpec(names.make(rng), TOWN_CODE, Duty.STAFF, f"{short}{title}、{GROUP}成员",
                          phones.mobile(rng), org)
        people.heads[org] = people.add(head)
        staff = ADMIN_POSTS if org == GOVERNMENT_OFFICE else range(rng.randint(1, 3))
        for post in staff:
            if isinstance(post, str):
                position = f"党政办公室干事（{post}）"
            else:
                position = f"{short}{STAFF_TITLE.get(org, '工作人员')}"
            name = people.add(PersonSpec(names.make(rng), TOWN_CODE, Duty.STAFF, position,
                                         phones.mobile(rng), org))
            if isinstance(post, str):
                people.admins[post] = name
    for i in range(3):
        position = "注册安全工程师" if i == 0 else "安全评价师"
        people.experts.append(people.add(PersonSpec(
            names.make(rng), DISTRICT_CODE, Duty.EXPERT, position, phones.mobile(rng), EXPERT_AGENCY)))

    for v in villages:
        one_shoulder = rng.random() < 0.7  # 书记、主任“一肩挑”
        post = f"{v.name}党支部书记" + ("、村委会主任" if one_shoulder else "")
        people.secretaries[v.code] = people.add(PersonSpec(
            names.make(rng), v.code, Duty.VILLAGE_SECRETARY, f"{post}、{GROUP}成员",
            phones.mobile(rng)))
        posts = ([] if one_shoulder else ["村委会主任"]) + rng.sample(CADRE_POSTS, rng.randint(1, 2))
        people.cadres[v.code] = [
            people.add(PersonSpec(names.make(rng), v.code, Duty.CADRE, f"{v.name}{p}",
                                  phones.mobile(rng)))
            for p in posts
        ]
        for g in v.grids:
            people.grid_workers[g.code] = people.add(PersonSpec(
                names.make(rng), g.code, Duty.GRID_WORKER, f"{g.name}网格员", phones.mobile(rng)))

    for village, area in _ranger_posts(villages, rng):
        people.add(PersonSpec(names.make(rng, female=False), village.code, Duty.FOREST_RANGER,
                              f"护林员（{area}）", phones.mobile(rng), FORESTRY))
    return people


def _ranger_posts(villages: list[VillageInfo], rng) -> list[tuple[VillageInfo, str]]:
    """37 rangers: two in every mountain village, one in every hill village, the rest where the
    forest is largest."""
    forested = [v for v in villages if v.zone in ("mountain", "hills")]
    posts = [v for v in forested for _ in range(2 if v.zone == "mountain" else 1)]
    mountain = [v for v in forested if v.zone == "mountain"]
    posts += rng.sample(mountain, RANGER_COUNT - len(posts))
    return [(v, rng.choice(RANGER_AREAS[v.zone])) for v in posts]
