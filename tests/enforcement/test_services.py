"""Enforcement services: each kind with its checks, the order → re-inspection flow, the dishonesty
list and its badge, the counts per period, and the journal."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.utils.timezone import localdate as today  # read at run time: a run may cross midnight

from anjian.core.journal import entries_for
from anjian.enforcement import selectors, services
from anjian.enforcement.choices import ActionKind, OrderState
from anjian.enforcement.models import EnforcementAction
from anjian.testing.enforcement import record
from anjian.testing.hazards import report

pytestmark = pytest.mark.django_db


def test_order_then_reinspection_and_overdue_flag(world):
    office, shop = world.users["office"], world.units["shop_a"]
    hazard = report(office, shop)
    order = record(office, shop, hazard=hazard, officers=[world.people["police_staff"]],
                   organisations=[world.police], acted_on=today() - dt.timedelta(days=10),
                   deadline=today() - dt.timedelta(days=1))
    assert order.region == shop.region and order.sector == shop.sector
    assert order.order_state(today()) == OrderState.OVERDUE
    assert list(selectors.orders_overdue(world.town, today())) == [order]
    entry = entries_for(order).get()
    assert entry.changes["officers"] == [world.people["police_staff"].pk]
    reinspection = record(office, shop, ActionKind.REINSPECTION, follows=order,
                          outcome="已整改到位")
    order = EnforcementAction.objects.get(pk=order.pk)
    assert order.order_state(today()) == OrderState.REINSPECTED
    assert not selectors.orders_overdue(world.town, today()).exists()
    assert list(order.followups.all()) == [reinspection]


@pytest.mark.parametrize("kind, extra, field", [
    (ActionKind.ORDER, {"deadline": None}, "deadline"),
    (ActionKind.PENALTY, {"penalty_amount": None}, "penalty_amount"),
    (ActionKind.REINSPECTION, {}, "follows"),
    (ActionKind.JOINT, {"acted_on": "tomorrow"}, "acted_on"),
])
def test_bad_actions_are_refused_in_chinese(world, kind, extra, field):
    if extra.get("acted_on") == "tomorrow":  # read when the test runs, not when it is collected
        extra = {"acted_on": today() + dt.timedelta(days=1)}
    with pytest.raises(ValidationError) as exc:
        record(world.users["office"], world.units["shop_a"], kind, **extra)
    assert field in exc.value.message_dict
    assert not EnforcementAction.objects.exists()


def test_links_must_belong_to_the_unit(world):
    office = world.users["office"]
    hazard = report(office, world.units["shop_b"])
    with pytest.raises(ValidationError) as exc:
        record(office, world.units["shop_a"], hazard=hazard)
    assert "不属于该单位" in str(exc.value)
    order_b = record(office, world.units["shop_b"])
    with pytest.raises(ValidationError):
        record(office, world.units["shop_a"], ActionKind.REINSPECTION, follows=order_b)


def test_scope_of_writes(world):
    with pytest.raises(PermissionDenied):
        record(world.users["office_b"], world.units["shop_a"])
    with pytest.raises(PermissionDenied):
        record(world.users["agency"], world.units["school_a"])  # not the police's sector
    record(world.users["agency"], world.units["shop_a"], ActionKind.CRACKDOWN)
    for user in ("village_a", "enterprise_a", "leader"):
        with pytest.raises(PermissionDenied):
            record(world.users[user], world.units["shop_a"])


def test_dishonesty_list_and_badge(world):
    office, shop = world.users["office"], world.units["shop_a"]
    penalty = record(office, shop, ActionKind.PENALTY)
    listing = services.listing_create(actor=office, data={
        "unit": shop, "reason": "拒不整改重大隐患", "listed_on": today(), "action": penalty,
        "until": today() + dt.timedelta(days=365)})
    assert selectors.listed_unit_ids() == {shop.pk}
    html = Template("{% load enforcement_tags %}{% dishonesty_badge a %}|{% dishonesty_badge b %}")
    out = html.render(Context({"a": shop, "b": world.units["shop_b"]}))
    assert out.count("dishonesty-badge") == 1 and ">失信<" in out.split("|")[0]
    assert out.split("|")[1] == ""
    with pytest.raises(ValidationError):
        services.listing_create(actor=office, data={"unit": shop, "reason": "重复",
                                                    "listed_on": today()})
    with pytest.raises(ValidationError) as exc:
        services.listing_lift(actor=office, listing=listing, reason=" ")
    assert "移出理由" in str(exc.value)
    services.listing_lift(actor=office, listing=listing, reason="已完成信用修复")
    assert selectors.listed_unit_ids() == set()
    assert entries_for(listing).filter(action="update").exists()


def test_expired_listing_is_not_active(world):
    services.listing_create(actor=None, data={
        "unit": world.units["shop_b"], "reason": "非法经营", "listed_on": today() - dt.timedelta(days=400),
        "until": today() - dt.timedelta(days=35)})
    assert selectors.listed_unit_ids() == set()


def test_counts_per_period(world):
    office = world.users["office"]
    record(office, world.units["shop_a"], ActionKind.JOINT, hazards_found=12)
    record(office, world.units["shop_b"], ActionKind.JOINT, hazards_found=5,
           acted_on=today() - dt.timedelta(days=40))
    record(office, world.units["pit_b"], ActionKind.CRACKDOWN, illegal_acts_stopped=3)
    record(office, world.units["shop_a"], ActionKind.PENALTY, penalty_amount=Decimal("2000.50"))
    record(office, world.units["shop_a"], ActionKind.PENALTY, penalty_amount=Decimal("1000"))
    record(world.users["office_b"], world.units["shop_c"], ActionKind.JOINT, hazards_found=99)
    counts = selectors.enforcement_counts(world.town, today() - dt.timedelta(days=30), today())
    assert counts.joint_actions == 1 and counts.hazards_found == 12
    assert counts.illegal_acts_stopped == 3 and counts.penalties_total == Decimal("3000.50")
    assert counts.by_kind == {"joint": 1, "crackdown": 1, "penalty": 2} and counts.total == 4
    year = selectors.enforcement_counts(world.town, today() - dt.timedelta(days=365), today())
    assert year.joint_actions == 2 and year.hazards_found == 17


def test_unit_enforcement_block_is_scoped(world, rf):
    office = world.users["office"]
    record(office, world.units["shop_a"], number="甲〔2026〕1号")
    request = rf.get("/")
    html = Template("{% load enforcement_tags %}{% unit_enforcement unit %}")
    request.user = office
    assert "甲〔2026〕1号" in html.render(Context({"request": request, "unit": world.units["shop_a"]}))
    request.user = world.users["school_agency"]
    assert "甲〔2026〕1号" not in html.render(Context({"request": request,
                                                      "unit": world.units["shop_a"]}))
