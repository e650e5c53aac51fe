"""The demo year of enforcement (执法, 打非治违), sized on seed 004's year: 17 joint enforcement
actions (联合执法) by the safety office, the police station and the fire service centre finding
1,652 hazards in all, crackdowns on illegal production (打非治违) that with the joint actions stop
76 illegal acts, rectification orders (责令限期整改指令书) on units with hazards — re-inspected
(整改复查意见书) but for two past their deadline and one still within it —, a few administrative
penalties (行政处罚), and two units on the dishonesty list (失信名单). Everything goes through the
services; nothing is added when the town already has the demo's actions."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from anjian.demo.documents_data import FIRE
from anjian.demo.organisations import POLICE, SAFETY_OFFICE
from anjian.demo.yearkit import YearKit
from anjian.enforcement import services
from anjian.enforcement.choices import ActionKind
from anjian.enforcement.models import EnforcementAction
from anjian.hazards.models import Hazard
from anjian.workdays.selectors import add_workdays

SEED = "xizhangcun-2023:enforcement"
JOINT_ACTIONS, HAZARDS_FOUND, ILLEGAL_ACTS = 17, 1652, 76  # seed 004
ILLEGAL_IN_JOINT = 40  # the rest are stopped by crackdowns
CRACKDOWNS, ORDERS, PENALTIES = 12, 20, 4
BASIS = {
    ActionKind.ORDER: "《中华人民共和国安全生产法》第六十五条第一款第（三）项",
    ActionKind.REINSPECTION: "《安全生产违法行为行政处罚办法》第十九条",
    ActionKind.PENALTY: "《中华人民共和国安全生产法》第九十九条",
    ActionKind.CRACKDOWN: "《国务院关于进一步加强企业安全生产工作的通知》（国发〔2010〕23号）",
    ActionKind.JOINT: "《中华人民共和国安全生产法》第六十五条、《中华人民共和国消防法》第五十三条",
}
PREFIX = "西张安监"


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` in `parts` uneven positive shares that add up exactly."""
    weights = [rng.randint(60, 140) for _ in range(parts)]
    shares = [total * w // sum(weights) for w in weights]
    shares[-1] += total - sum(shares)
    return shares


class _Numbers:
    def __init__(self) -> None:
        self.n = 0

    def next(self, day: dt.date, kind: str) -> str:
        self.n += 1
        letter = {ActionKind.ORDER: "责改", ActionKind.REINSPECTION: "复查",
                  ActionKind.PENALTY: "罚", ActionKind.CRACKDOWN: "打非",
                  ActionKind.JOINT: "联执"}[kind]
        return f"{PREFIX}{letter}〔{day.year}〕{self.n}号"


def build(kit: YearKit) -> None:
    if EnforcementAction.objects.filter(region__path__startswith=kit.town.path,
                                        number__startswith=PREFIX).exists():
        return
    rng = random.Random(SEED)
    office = kit.users.get("demo_office")
    numbers = _Numbers()
    officers = [*kit.staff.get(SAFETY_OFFICE, [])[:3], *kit.staff.get(POLICE, [])[:2]]
    organisations = [kit.organisations[name] for name in (SAFETY_OFFICE, POLICE, FIRE)
                     if name in kit.organisations]

    def act(kind: str, unit, day: dt.date, **data):
        action = services.action_create(actor=office, data={
            "kind": kind, "number": numbers.next(day, kind), "acted_on": day, "unit": unit,
            "legal_basis": BASIS[kind], "officers": rng.sample(officers, min(2, len(officers))),
            **data})
        kit.created["enforcement_actions"] += 1
        return action

    _joint(kit, rng, act, organisations)
    _crackdowns(kit, rng, act)
    orders = _orders(kit, rng, act)
    _penalties_and_listings(kit, rng, act, office, orders)


def _days(kit: YearKit, count: int, rng: random.Random, low: int = 5, high: int = 360) -> list:
    return sorted(kit.year.day(d) for d in rng.sample(range(low, high), count))


def _joint(kit: YearKit, rng: random.Random, act, organisations) -> None:
    units = [u for u in kit.units if u.category in ("enterprise", "gas_station", "fireworks_outlet",
                                                    "small_venue", "crowded_place")] or kit.units
    hazards = _split(HAZARDS_FOUND, JOINT_ACTIONS, rng)
    illegal = _split(ILLEGAL_IN_JOINT, JOINT_ACTIONS, rng)
    for day, found, stopped in zip(_days(kit, JOINT_ACTIONS, rng), hazards, illegal, strict=True):
        act(ActionKind.JOINT, rng.choice(units), day, organisations=organisations,
            hazards_found=found, illegal_acts_stopped=stopped,
            findings=f"联合检查发现各类安全隐患{found}处",
            outcome=f"现场责令整改，制止非法违法行为{stopped}起")


def _crackdowns(kit: YearKit, rng: random.Random, act) -> None:
    units = [u for u in kit.units if u.category in ("mine", "abandoned_pit", "fireworks_outlet",
                                                    "enterprise")] or kit.units
    stopped = _split(ILLEGAL_ACTS - ILLEGAL_IN_JOINT, CRACKDOWNS, rng)
    for day, n in zip(_days(kit, CRACKDOWNS, rng), stopped, strict=True):
        act(ActionKind.CRACKDOWN, rng.choice(units), day, illegal_acts_stopped=n,
            findings="群众举报存在非法生产经营行为", outcome=f"依法取缔，制止非法违法行为{n}起")


def _orders(kit: YearKit, rng: random.Random, act) -> list:
    """Orders on units with hazards of the demo year; each re-inspected after its deadline but
    two overdue and the latest one still within its deadline."""
    hazards = list(Hazard.objects.filter(region__path__startswith=kit.town.path,
                                         discovered_at__date__lte=kit.year.day(20))
                   .select_related("unit").order_by("pk")[:400])
    picks = sorted(rng.sample(hazards, min(ORDERS, len(hazards))),
                   key=lambda h: h.discovered_at)
    orders = []
    for index, hazard in enumerate(picks):
        day = min(hazard.discovered_at.date() + dt.timedelta(days=rng.randint(0, 3)),
                  kit.year.day(20))
        deadline = add_workdays(day, rng.choice((5, 10, 15))).date
        if index == len(picks) - 1:  # the latest: still within its deadline
            day = kit.year.day(2)
            deadline = add_workdays(day, 15).date
        order = act(ActionKind.ORDER, hazard.unit, day, deadline=deadline, hazard=hazard,
                    inspection=hazard.record, findings=hazard.description[:500],
                    outcome="责令于期限内整改完毕")
        orders.append(order)
        overdue = index in (len(picks) - 3, len(picks) - 2)
        if overdue or index == len(picks) - 1:
            continue
        check = min(deadline + dt.timedelta(days=rng.randint(0, 3)), kit.year.last)
        act(ActionKind.REINSPECTION, hazard.unit, max(check, day), follows=order,
            outcome="经复查，隐患已整改到位")
    return orders


def _penalties_and_listings(kit: YearKit, rng: random.Random, act, office, orders) -> None:
    amounts = (Decimal("5000"), Decimal("10000"), Decimal("20000"), Decimal("30000"))
    penalties = []
    for order, amount in zip(orders[:PENALTIES], amounts, strict=False):
        day = min(order.deadline + dt.timedelta(days=5), kit.year.last)
        penalties.append(act(ActionKind.PENALTY, order.unit, day, penalty_amount=amount,
                             hazard=order.hazard, findings="未落实安全生产主体责任，存在重大事故隐患",
                             outcome=f"给予罚款人民币{amount}元的行政处罚"))
    listed = set()
    for penalty in penalties[-2:]:
        if penalty.unit_id in listed:
            continue
        listed.add(penalty.unit_id)
        services.listing_create(actor=office, data={
            "unit": penalty.unit, "action": penalty, "listed_on": penalty.acted_on,
            "until": penalty.acted_on + dt.timedelta(days=365 * 2),
            "reason": "存在重大事故隐患拒不整改，受到行政处罚"})
        kit.created["dishonesty_listings"] += 1
