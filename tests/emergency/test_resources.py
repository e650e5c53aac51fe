"""Teams with members; supplies with stock moves and low-stock / expiry flags; incidents."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from anjian.core.journal import entries_for
from anjian.emergency import selectors, services
from anjian.testing.emergency import incident_data, supply_data

pytestmark = pytest.mark.django_db


def test_team_with_members_from_people_and_by_name(world):
    office = world.users["office"]
    team = services.team_create(actor=office, data={
        "name": "西张村镇应急救援小分队", "kind": "rescue", "region": world.town, "leader": "燕生",
        "phone": "13800000009"}, members=[{"person": world.people["police_staff"], "role": "队员"},
                                          {"name": "张三", "role": "驾驶员", "phone": "13800000099"}])
    members = list(team.members.order_by("id"))
    assert [m.name for m in members] == ["赵卫东", "张三"]
    assert members[0].phone == world.people["police_staff"].phone
    assert entries_for(team).filter(comment="增加队员").count() == 2
    services.team_member_remove(actor=office, member=members[1])
    assert team.members.count() == 1


def test_team_phone_and_member_person_are_checked(world):
    with pytest.raises(ValidationError) as caught:
        services.team_create(actor=world.users["office"], data={
            "name": "执法小分队", "kind": "enforcement", "region": world.town, "leader": "甲",
            "phone": "123"})
    assert "phone" in caught.value.message_dict
    team = services.team_create(actor=world.users["village_a"], data={
        "name": "张一村志愿者队", "kind": "volunteer", "region": world.village_a, "leader": "张建国",
        "phone": "13800000011"})
    with pytest.raises(ValidationError):
        services.team_member_add(actor=world.users["village_a"], team=team,
                                 data={"person": world.people["cadre_b"]})


def test_supply_stock_moves_keep_a_balance_and_refuse_overdraw(world):
    office = world.users["office"]
    item = services.supply_create(actor=office, data=supply_data(world.town))
    assert item.quantity == Decimal("20") and item.movements.get().reason == "初始登记"
    services.supply_stock_change(actor=office, item=item, direction="out", quantity="15",
                                 reason="张一村火灾处置领用")
    item.refresh_from_db()
    assert item.quantity == Decimal("5") and item.is_low
    with pytest.raises(ValidationError) as caught:
        services.supply_stock_change(actor=office, item=item, direction="out", quantity="6",
                                     reason="领用")
    assert "库存不足" in caught.value.message_dict["quantity"][0]
    with pytest.raises(ValidationError):
        services.supply_stock_change(actor=office, item=item, direction="in", quantity="-1",
                                     reason="x")
    with pytest.raises(ValidationError):
        services.supply_stock_change(actor=office, item=item, direction="in", quantity="1",
                                     reason=" ")
    item.refresh_from_db()
    assert item.quantity == Decimal("5") and item.movements.count() == 2
    assert entries_for(item).filter(comment__contains="出库 15").exists()


def test_supplies_flagged_low_expiring_and_expired(world):
    office, today = world.users["office"], timezone.localdate()
    ok = services.supply_create(actor=office, data=supply_data(world.town, name="铁锹"))
    low = services.supply_create(actor=office, data=supply_data(world.town, name="沙袋",
                                                                quantity="3"))
    soon = services.supply_create(actor=office, data=supply_data(
        world.town, name="急救包", expires_on=today + dt.timedelta(days=10)))
    gone = services.supply_create(actor=office, data=supply_data(
        world.town, name="方便面", expires_on=today - dt.timedelta(days=1)))
    flagged = set(selectors.supplies_flagged(world.town, today))
    assert flagged == {low, soon, gone} and ok not in flagged
    assert soon.is_expiring(today) and gone.is_expired(today) and not gone.is_expiring(today)


def test_village_keeps_its_own_supplies_only(world):
    with pytest.raises(PermissionDenied):
        services.supply_create(actor=world.users["village_a"],
                               data=supply_data(world.village_b))
    with pytest.raises(PermissionDenied):
        services.supply_create(actor=world.users["enterprise_a"],
                               data=supply_data(None, unit=world.units["shop_a"]))


def test_incident_timeline_and_close(world):
    office = world.users["office"]
    incident = services.incident_create(actor=office, data=incident_data(
        world.village_a, reported_by="张建国"))
    first = incident.events.get()
    assert first.kind == "report" and first.by == "张建国"
    services.incident_event_add(actor=office, incident=incident, data={
        "kind": "action", "text": "镇应急救援小分队到场扑救"})
    with pytest.raises(ValidationError):
        services.incident_event_add(actor=office, incident=incident, data={
            "kind": "action", "text": "x", "at": incident.occurred_at - dt.timedelta(hours=1)})
    with pytest.raises(ValidationError):
        services.incident_close(actor=office, incident=incident, outcome="")
    services.incident_close(actor=office, incident=incident, outcome="明火扑灭，无人员伤亡")
    incident.refresh_from_db()
    assert incident.status == "closed" and incident.events.count() == 3
    with pytest.raises(ValidationError):
        services.incident_close(actor=office, incident=incident, outcome="again")


def test_agency_logs_incidents_but_grid_worker_only_reads(world):
    incident = services.incident_create(actor=world.users["agency"],
                                        data=incident_data(world.town))
    assert incident.pk
    with pytest.raises(PermissionDenied):
        services.incident_create(actor=world.users["grid_a"], data=incident_data(world.grid_a))
