"""The demo's safety commitments (安全承诺) and risk reports (风险报告).

- Commitments: every unit of the town that must commit (the default groups: mines, tailings ponds,
  gas stations, fireworks outlets, enterprises above designated size …) files its 安全风险研判与
  承诺公告 every day of the last 60 days — a few days missed, a few late (after 09:00), now and
  then an item not under control with its note. Today some have filed and some not yet (the demo
  enterprise login's 机械厂 among those to file), so the office's page has someone to call.
- Risk points: two to four per such unit, assessed by LEC (LS for the gas stations), whose highest
  colour is the unit's colour in the registry (so the registry does not move); the red tailings
  pond's own assessments only reach orange and the office's override (认定) with its reason keeps
  it red. One risk report per enterprise above designated size.

Fast: commitments are bulk-created and journaled with `journal.record_many`; points, assessments,
the override and reports go through the services. Idempotent: a town with commitments before
today, or with risk points, gets nothing more.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.demo.logins import ENTERPRISE_UNIT
from anjian.demo.yearkit import YearKit
from anjian.risks import selectors, services
from anjian.risks.choices import DEFAULT_COMMITMENT, JUDGEMENT_ITEMS
from anjian.risks.models import RiskPoint, SafetyCommitment
from anjian.units.models import Unit

SEED = "xizhangcun-2023:risks"
DAYS = 60
OVERRIDDEN = "陕州区西张村选矿厂尾矿库"
OVERRIDE_REASON = ("四等库，坝高约28米，下游500米内有人马村居民区；汛期浸润线偏高。经镇安委会研究，"
                   "认定为重大风险，由党委书记挂钩包保，汛期每日巡坝。")
NOTES = {
    "equipment_ok": "空压机压力表超出校验期，已停用该设备并联系检定。",
    "dangerous_work_ok": "检修动火作业监护人临时离岗，已暂停作业，重新落实监护后恢复。",
    "special_operators_ok": "一名电工操作证过期，已调离特种作业岗位，安排复审。",
    "hazards_ok": "东侧围挡破损一处，已设置警戒线，当日安排修复。",
    "key_places_ok": "储存区可燃气体报警器故障，已加密人工巡检，报警器送修。",
}
# LEC (L, E, C) and LS (L, S) factors giving each colour under the default bands.
LEC_FACTORS = {"red": [("6", "6", "15"), ("3", "6", "40")],
               "orange": [("3", "6", "15"), ("6", "3", "15"), ("10", "6", "3")],
               "yellow": [("3", "6", "7"), ("6", "6", "3"), ("1", "6", "15")],
               "blue": [("3", "6", "3"), ("1", "6", "7"), ("3", "3", "3"), ("1", "3", "7")]}
LS_FACTORS = {"red": [("4", "5")], "orange": [("3", "3"), ("3", "4"), ("4", "4")],
              "yellow": [("2", "2"), ("2", "3"), ("2", "4")], "blue": [("1", "2"), ("1", "3")]}
COLOURS = ["red", "orange", "yellow", "blue"]
# (name, location, hazard factor, accident type, control measures), by unit category.
POINTS = {
    "mine": [
        ("采掘工作面", "井下作业面", "顶板冒落、片帮，爆破作业", "冒顶片帮、放炮",
         "敲帮问顶，严格执行爆破作业规程，设专职安全员"),
        ("提升运输系统", "主井", "提升钢丝绳断裂、过卷", "物体打击、高处坠落",
         "每日检查钢丝绳，定期检测提升机保护装置"),
        ("炸药库", "库区", "民用爆炸物品储存", "火药爆炸", "双人双锁，视频监控，严格出入库登记"),
        ("排土场", "矿区西侧", "边坡失稳滑塌", "坍塌", "控制堆高和坡度，雨后巡查位移"),
    ],
    "tailings_pond": [
        ("尾矿坝坝体", "初期坝及堆积坝", "浸润线偏高、坝体渗漏", "溃坝（坍塌、淹溺）",
         "在线监测浸润线和位移，每日巡坝"),
        ("排洪系统", "排水井、排水管", "排洪设施堵塞", "溃坝（淹溺）", "汛前清淤检查，备足防汛物资"),
        ("库区水域", "库尾", "人员误入深水区", "淹溺", "设置警示牌和围栏，禁止游泳捕鱼"),
    ],
    "gas_station": [
        ("加油区", "加油岛", "油气泄漏遇明火、静电", "火灾、爆炸",
         "严禁烟火，熄火加油，静电释放装置，配灭火器"),
        ("卸油区", "油罐区", "卸油时油气溢出", "火灾、爆炸", "卸油全程监护，静电接地，油气回收"),
        ("配电室", "站房", "电气线路老化", "触电、火灾", "定期检测电气线路，持证电工操作"),
    ],
    "fireworks_outlet": [
        ("烟花爆竹储存区", "店内专用储存间", "超量储存，遇火源", "火药爆炸、火灾",
         "限量储存，严禁烟火，配灭火器和防火毯"),
        ("销售区", "柜台", "顾客吸烟、试放", "火灾", "张贴禁烟标志，禁止店内试放"),
    ],
    "enterprise": [
        ("机加工车间", "一号车间", "机床旋转部件无防护，违章操作", "机械伤害",
         "设置防护罩，严格执行操作规程，班前检查"),
        ("配电室", "厂区北侧", "电气设备带电部位", "触电", "持证电工操作，定期检测绝缘"),
        ("行车作业区", "装配车间", "吊装作业钢丝绳断裂", "起重伤害", "持证操作，每日检查吊具"),
        ("仓库", "厂区东侧", "可燃物堆放，电气火源", "火灾", "限量堆放，保持通道畅通，配灭火器"),
    ],
}


def build(kit: YearKit) -> None:
    town = kit.town
    units = list(selectors.expected_units(town).select_related("region").order_by("pk"))
    if not units:
        return
    rng = random.Random(SEED)
    if not SafetyCommitment.objects.filter(unit__in=units, date__lt=kit.year.today).exists():
        _commitments(kit, rng, units)
    if not RiskPoint.objects.filter(unit__region__path__startswith=town.path).exists():
        _risks(kit, rng, units)


# Commitments --------------------------------------------------------------------------------------

def _commitments(kit: YearKit, rng: random.Random, units: list[Unit]) -> None:
    now = kit.year.now
    cutoff = selectors.commitment_settings(kit.town).cutoff
    owner = kit.users.get("demo_enterprise")
    habitual = {u.pk: (0.12, 0.25) for u in rng.sample([u for u in units
                                                        if u.name != ENTERPRISE_UNIT], 2)}
    rows: list[SafetyCommitment] = []
    for days_ago in range(DAYS - 1, -1, -1):
        day = kit.year.day(days_ago)
        for unit in units:
            miss, late = habitual.get(unit.pk, (0.02, 0.04))
            if days_ago == 0 and (unit.name == ENTERPRISE_UNIT or rng.random() < 0.3):
                continue  # not yet today
            if days_ago and rng.random() < miss:
                continue
            at = _filed_at(day, cutoff, rng, rng.random() < late)
            if at > now:
                continue
            ours = owner if owner is not None and unit.name == ENTERPRISE_UNIT else None
            rows.append(_commitment(unit, day, at, cutoff, ours, rng))
    SafetyCommitment.objects.bulk_create(rows, batch_size=1000)
    journal.record_many([journal.build(c.filed_by, c, JournalAction.CREATE,
                                       journal.diff({}, journal.snapshot(c))) for c in rows])
    kit.created["safety commitments"] += len(rows)


def _filed_at(day: dt.date, cutoff: dt.time, rng: random.Random, late: bool) -> dt.datetime:
    start = dt.datetime.combine(day, cutoff)
    minutes = rng.randint(5, 240) if late else -rng.randint(5, 90)
    return timezone.make_aware(start + dt.timedelta(minutes=minutes))


def _commitment(unit: Unit, day: dt.date, at: dt.datetime, cutoff: dt.time, owner,
                rng: random.Random) -> SafetyCommitment:
    principal = unit.principal or unit.safety_officer or "主要负责人"
    flags = {name: True for name, _label in JUDGEMENT_ITEMS}
    note = ""
    if rng.random() < 0.03:
        item = rng.choice(list(NOTES))
        flags[item], note = False, NOTES[item]
    return SafetyCommitment(
        unit=unit, date=day, principal=principal, dangerous_work_count=rng.choice([0, 0, 0, 1, 2]),
        open_hazards=rng.choice([0, 0, 0, 0, 1]), judgement_note=note, all_ok=not note,
        commitment=DEFAULT_COMMITMENT, filed_by=owner,
        filer_name=owner.display_name if owner else principal, first_filed_at=at, filed_at=at,
        is_late=at > timezone.make_aware(dt.datetime.combine(day, cutoff)), **flags)


# Risk points --------------------------------------------------------------------------------------

def _risks(kit: YearKit, rng: random.Random, units: list[Unit]) -> None:
    office = kit.users.get("demo_office")
    for unit in units:
        target = unit.risk_level or "yellow"
        if unit.name == OVERRIDDEN:
            services.override_set(actor=office, unit=unit, colour="red", reason=OVERRIDE_REASON,
                                  now=kit.year.at(kit.year.day(45), rng))
            kit.created["risk level overrides"] += 1
            target = "orange"
        actor = kit.users.get("demo_enterprise") if unit.name == ENTERPRISE_UNIT else office
        catalogue = POINTS.get(unit.category, POINTS["enterprise"])
        picked = rng.sample(catalogue, min(len(catalogue), rng.randint(2, 4)))
        for i, (name, location, factor, accident, measures) in enumerate(picked):
            point = services.risk_point_create(actor=actor, unit=unit, data={
                "name": name, "location": location, "hazard_factor": factor,
                "accident_type": accident, "control_measures": measures,
                "responsible_person": unit.safety_officer or unit.principal,
                "responsible_phone": unit.safety_officer_phone or ""})
            colour = target if i == 0 else rng.choice(COLOURS[COLOURS.index(target):])
            services.risk_assess(actor=actor, point=point, data=_factors(unit, colour, rng),
                                 now=kit.year.at(kit.year.day(rng.randint(20, 50)), rng))
            kit.created["risk points"] += 1
        if unit.above_designated_size and unit.category == "enterprise":
            owner = actor if unit.name == ENTERPRISE_UNIT else None  # the unit reports
            services.risk_report_submit(actor=owner, unit=unit,
                                        period_start=kit.year.day(DAYS), period_end=kit.year.last,
                                        note="按季度报告本单位安全风险辨识评估情况。",
                                        now=kit.year.at(kit.year.last, rng))
            kit.created["risk reports"] += 1


def _factors(unit: Unit, colour: str, rng: random.Random) -> dict:
    if unit.category == "gas_station":
        l_, s = rng.choice(LS_FACTORS[colour])
        return {"method": "ls", "factor_l": l_, "factor_s": s}
    l_, e, c = rng.choice(LEC_FACTORS[colour])
    return {"method": "lec", "factor_l": l_, "factor_e": e, "factor_c": c}
