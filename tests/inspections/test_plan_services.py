"""Closing a plan: the office of its town may, a village cadre may not; journaled once."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from anjian.core.journal import entries_for
from anjian.inspections.services import plan_close, plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    today = dt.date.today()
    return plan_create(actor=world.users["office"], data={
        "name": "冬季燃气专项检查", "kind": "special_campaign", "region": world.town,
        "start_date": today, "end_date": today + dt.timedelta(days=20)})


def test_the_office_closes_a_plan_once(world, plan):
    plan = plan_close(actor=world.users["office"], plan=plan)
    plan = plan_close(actor=world.users["office"], plan=plan)
    assert plan.status == "closed"
    assert sum(1 for e in entries_for(plan) if e.action == "update" and "status" in e.changes) == 1


def test_a_village_cadre_cannot_close_the_towns_plan(world, plan):
    with pytest.raises(PermissionDenied):
        plan_close(actor=world.users["village_a"], plan=plan)
    plan.refresh_from_db()
    assert plan.status == "active"


def test_the_office_closes_a_plan_from_its_page(world, plan, client):
    client.force_login(world.users["village_a"])
    assert "结束计划" not in client.get(f"/inspections/plans/{plan.pk}/").content.decode()
    client.post(f"/inspections/plans/{plan.pk}/close/")
    plan.refresh_from_db()
    assert plan.status == "active"
    client.force_login(world.users["office"])
    assert "结束计划" in client.get(f"/inspections/plans/{plan.pk}/").content.decode()
    client.post(f"/inspections/plans/{plan.pk}/close/")
    plan.refresh_from_db()
    assert plan.status == "closed"
