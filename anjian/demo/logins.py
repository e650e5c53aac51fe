"""One demo login per role (design §1), each linked to its person on the tree."""

from __future__ import annotations

from anjian.accounts.choices import Duty, Role
from anjian.demo.organisations import POLICE, SAFETY_OFFICE
from anjian.demo.people import People
from anjian.demo.specs import PersonSpec, UnitSpec, UserSpec
from anjian.demo.township import TOWN_CODE

ENTERPRISE_UNIT = "三门峡西张村机械厂"
EXPERT_UNITS = ("陕州区西张村选矿厂", "三门峡西张村黄金矿业有限公司")  # and every mine and tailings pond
HOME_VILLAGE = "张一村"


def build_users(people: People, units: list[UnitSpec], village_codes: dict[str, str]) -> list[UserSpec]:
    """Users for every role; adds the enterprise's principal to `people`."""
    village = village_codes[HOME_VILLAGE]
    grid = f"{village}-01"
    factory = next(u for u in units if u.name == ENTERPRISE_UNIT)
    owner = people.add(PersonSpec(
        factory.fields["principal"], factory.region_code, Duty.OTHER, f"{ENTERPRISE_UNIT}厂长",
        factory.fields["principal_phone"]))
    expert_units = EXPERT_UNITS + tuple(
        u.name for u in units if u.fields["category"] in ("mine", "tailings_pond"))
    return [
        UserSpec("demo_leader", Role.LEADER, people.leaders[0],
                 "全镇所有区划、机构、人员和监管对象（只读）", region_code=TOWN_CODE),
        UserSpec("demo_office", Role.SAFETY_OFFICE, people.heads[SAFETY_OFFICE],
                 "全镇全部台账，可新增、修改、删除", region_code=TOWN_CODE),
        UserSpec("demo_police", Role.AGENCY, people.heads[POLICE],
                 "全镇消防安全、道路交通、烟花爆竹领域的监管对象（含九小场所、沿街门店）",
                 organisation=POLICE),
        UserSpec("demo_village", Role.VILLAGE, people.secretaries[village],
                 f"{HOME_VILLAGE}及其网格内的监管对象和人员", region_code=village),
        UserSpec("demo_grid", Role.GRID_WORKER, people.grid_workers[grid],
                 f"{HOME_VILLAGE}第1网格内的监管对象", region_code=grid),
        UserSpec("demo_enterprise", Role.ENTERPRISE, owner, f"本单位：{ENTERPRISE_UNIT}",
                 units=(ENTERPRISE_UNIT,)),
        UserSpec("demo_expert", Role.EXPERT, people.experts[0],
                 f"受托检查的{len(expert_units)}个监管对象（矿山、尾矿库、选矿厂等）",
                 units=expert_units),
        UserSpec("demo_sysadmin", Role.SYSTEM_ADMIN, people.admins["系统管理员"],
                 "全镇区划、机构和人员的维护（不含监管对象）", region_code=TOWN_CODE),
        UserSpec("demo_secadmin", Role.SECURITY_ADMIN, people.admins["安全管理员"],
                 "安全设置（不含业务数据）", region_code=TOWN_CODE),
        UserSpec("demo_auditor", Role.AUDIT_ADMIN, people.admins["审计管理员"],
                 "全部变更日志（只读）", region_code=TOWN_CODE),
    ]
