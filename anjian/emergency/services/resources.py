"""Writes to the team (应急队伍) and supply (应急物资) ledgers."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.models import Person
from anjian.core import journal
from anjian.core.records import (
    apply,
    check_owner,
    journal_create,
    journal_update,
    recheck,
    set_owner,
    snapshot,
    validate,
)
from anjian.core.scope import ADD, CHANGE
from anjian.emergency.choices import StockDirection
from anjian.emergency.models import EmergencyTeam, SupplyItem, SupplyMovement, TeamMember

TEAM_FIELDS = ("name", "kind", "leader", "phone", "duties", "equipment", "is_active")
MEMBER_FIELDS = ("person", "name", "role", "phone")
# The quantity changes only through supply_stock_change (入库/出库), so it has a history.
SUPPLY_FIELDS = ("name", "category", "specification", "unit_of_measure", "minimum_stock",
                 "location", "custodian", "custodian_phone", "expires_on", "notes")


def _save(actor, obj, data: dict, fields, action: str) -> None:
    set_owner(obj, data)
    apply(obj, data, fields)
    check_owner(actor, obj, action)
    validate(obj)
    obj.save()


@transaction.atomic
def team_create(*, actor, data: dict, members: list[dict] | tuple = ()) -> EmergencyTeam:
    team = EmergencyTeam()
    _save(actor, team, data, TEAM_FIELDS, ADD)
    journal_create(actor, team)
    for member in members:
        team_member_add(actor=actor, team=team, data=member)
    recheck(actor, team, ADD)
    return team


@transaction.atomic
def team_update(*, actor, team: EmergencyTeam, data: dict) -> EmergencyTeam:
    team = EmergencyTeam.objects.select_for_update().get(pk=team.pk)
    check_owner(actor, team, CHANGE)
    before = snapshot(team)
    _save(actor, team, data, TEAM_FIELDS, CHANGE)
    journal_update(actor, team, before)
    recheck(actor, team, CHANGE)
    return team


@transaction.atomic
def team_member_add(*, actor, team: EmergencyTeam, data: dict) -> TeamMember:
    """A member: a person on the tree (name and phone filled from the person) or just a name."""
    check_owner(actor, team, CHANGE)
    member = TeamMember(team=team)
    apply(member, data, MEMBER_FIELDS)
    if member.person_id and actor is not None and not Person.objects.for_user(actor).filter(
            pk=member.person_id).exists():
        raise ValidationError({"person": _("所选人员不在您的管辖范围内")})
    if member.person_id:
        member.name = member.name or member.person.name
        member.phone = member.phone or member.person.phone
    if not member.name:
        raise ValidationError({"name": _("请填写队员姓名或选择人员")})
    validate(member, exclude=["team"])
    member.save()
    journal_update(actor, team, None, {"members": [None, f"{member.name} {member.role}".strip()]},
                   comment=_("增加队员"))
    return member


@transaction.atomic
def team_member_remove(*, actor, member: TeamMember) -> None:
    team = member.team
    check_owner(actor, team, CHANGE)
    label = f"{member.name} {member.role}".strip()
    member.delete()
    journal_update(actor, team, None, {"members": [label, None]}, comment=_("移除队员"))


@transaction.atomic
def supply_create(*, actor, data: dict) -> SupplyItem:
    """A new item; its opening quantity is recorded as the first 入库 movement."""
    item = SupplyItem()
    opening = _quantity(data.get("quantity", 0) or 0, allow_zero=True)
    _save(actor, item, data, SUPPLY_FIELDS, ADD)
    journal_create(actor, item)
    if opening:
        supply_stock_change(actor=actor, item=item, direction=StockDirection.IN, quantity=opening,
                            reason=_("初始登记"))
        item.refresh_from_db()
    recheck(actor, item, ADD)
    return item


@transaction.atomic
def supply_update(*, actor, item: SupplyItem, data: dict) -> SupplyItem:
    item = SupplyItem.objects.select_for_update().get(pk=item.pk)
    check_owner(actor, item, CHANGE)
    before = snapshot(item)
    _save(actor, item, data, SUPPLY_FIELDS, CHANGE)
    journal_update(actor, item, before)
    recheck(actor, item, CHANGE)
    return item


def _quantity(value, allow_zero: bool = False) -> Decimal:
    try:
        quantity = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"quantity": _("数量应为数字")}) from None
    if quantity < 0 or (quantity == 0 and not allow_zero) or not quantity.is_finite():
        raise ValidationError({"quantity": _("数量应大于 0")})
    if quantity != quantity.quantize(Decimal("0.01")):
        raise ValidationError({"quantity": _("数量最多保留两位小数")})
    return quantity


@transaction.atomic
def supply_stock_change(*, actor, item: SupplyItem, direction: str, quantity, reason: str,
                        at=None) -> SupplyMovement:
    """入库/出库 with its reason; an issue larger than the stock is refused."""
    item = SupplyItem.objects.select_for_update().get(pk=item.pk)
    check_owner(actor, item, CHANGE)
    amount = _quantity(quantity)
    if direction not in StockDirection.values:
        raise ValidationError({"direction": _("请选择入库或出库")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写出入库事由")})
    before = snapshot(item)
    if direction == StockDirection.OUT:
        if amount > item.quantity:
            raise ValidationError({"quantity": _("库存不足：现有 %(q)s%(u)s，不能出库 %(a)s%(u)s") % {
                "q": item.quantity.normalize(), "a": amount.normalize(),
                "u": item.unit_of_measure}})
        item.quantity -= amount
    else:
        item.quantity += amount
    item.save(update_fields=["quantity", "updated_at"])
    movement = SupplyMovement.objects.create(
        item=item, direction=direction, quantity=amount, balance=item.quantity,
        reason=reason.strip()[:200], at=at or timezone.now(),
        actor=actor if actor and actor.pk else None, actor_name=journal._actor_name(actor))
    journal_update(actor, item, before,
                   comment=f"{movement.get_direction_display()} {amount.normalize()}"
                           f"{item.unit_of_measure}：{movement.reason}")
    return movement
