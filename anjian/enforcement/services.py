"""Writes to the enforcement ledger (执法记录) and the dishonesty list (失信名单). Every write
checks the actor's scope on the unit, validates, saves and journals in one transaction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.records import (
    apply,
    journal_create,
    journal_update,
    owner_allowed,
    set_m2m,
    snapshot,
    validate,
)
from anjian.core.scope import ADD, CHANGE, VIEW, in_scope
from anjian.enforcement.choices import ActionKind
from anjian.enforcement.models import DishonestyListing, EnforcementAction

ACTION_FIELDS = ("kind", "number", "acted_on", "legal_basis", "findings", "outcome", "deadline",
                 "penalty_amount", "hazards_found", "illegal_acts_stopped", "hazard", "inspection",
                 "follows")
M2M = ("officers", "organisations")


def _check_unit(actor, model, action: str, unit) -> None:
    if unit is None:
        raise ValidationError({"unit": _("请选择单位/场所")})
    if not owner_allowed(actor, model, action, unit.region, unit) or (
            actor is not None and not in_scope(unit, actor, VIEW)):
        raise PermissionDenied(_("该单位不在您的管辖范围内"))


def _validate_action(action: EnforcementAction) -> None:
    errors = {}
    today = timezone.localdate()
    if action.acted_on and action.acted_on > today:
        errors["acted_on"] = _("执法日期不能晚于今天")
    if action.kind == ActionKind.ORDER and not action.deadline:
        errors["deadline"] = _("责令限期整改指令书须填写整改期限")
    if action.deadline and action.acted_on and action.deadline < action.acted_on:
        errors["deadline"] = _("整改期限不能早于执法日期")
    if action.kind == ActionKind.PENALTY and not action.penalty_amount:
        errors["penalty_amount"] = _("行政处罚须填写罚款金额")
    if action.penalty_amount is not None and action.penalty_amount < 0:
        errors["penalty_amount"] = _("罚款金额不能为负数")
    if action.kind == ActionKind.REINSPECTION:
        order = action.follows
        if order is None:
            errors["follows"] = _("整改复查意见书须对应一份责令限期整改指令书")
        elif order.kind != ActionKind.ORDER or order.unit_id != action.unit_id:
            errors["follows"] = _("所选文书不是本单位的责令限期整改指令书")
        elif action.acted_on and action.acted_on < order.acted_on:
            errors["acted_on"] = _("复查日期不能早于指令书日期")
    elif action.follows_id:
        errors["follows"] = _("只有整改复查意见书才对应指令书")
    if action.hazard_id and action.hazard.unit_id != action.unit_id:
        errors["hazard"] = _("所选隐患不属于该单位")
    if action.inspection_id and action.inspection.unit_id != action.unit_id:
        errors["inspection"] = _("所选检查记录不属于该单位")
    if errors:
        raise ValidationError(errors)
    validate(action, exclude=["unit", "region", "sector", "created_by"])


@transaction.atomic
def action_create(*, actor, data: dict) -> EnforcementAction:
    """Record an enforcement action on a unit (执法文书登记)."""
    unit = data.get("unit")
    _check_unit(actor, EnforcementAction, ADD, unit)
    action = EnforcementAction(unit=unit, region=unit.region, sector=unit.sector,
                               created_by=actor if actor and actor.pk else None)
    apply(action, data, ACTION_FIELDS)
    _validate_action(action)
    action.save()
    m2m = set_m2m(action, data, M2M)
    journal_create(actor, action, {k: v[1] for k, v in m2m.items()})
    return action


@transaction.atomic
def action_update(*, actor, action: EnforcementAction, data: dict) -> EnforcementAction:
    action = EnforcementAction.objects.select_for_update().get(pk=action.pk)
    _check_unit(actor, EnforcementAction, CHANGE, action.unit)
    before = snapshot(action)
    unit = data.get("unit") or action.unit
    if unit.pk != action.unit_id:
        _check_unit(actor, EnforcementAction, CHANGE, unit)
        if action.followups.exists():
            raise ValidationError({"unit": _("该指令书已有复查意见，不能更换单位")})
        action.unit, action.region, action.sector = unit, unit.region, unit.sector
    apply(action, data, ACTION_FIELDS)
    _validate_action(action)
    action.save()
    m2m = set_m2m(action, data, M2M)
    journal_update(actor, action, before, m2m)
    return action


@transaction.atomic
def listing_create(*, actor, data: dict) -> DishonestyListing:
    """Put a unit on the dishonesty list (列入失信名单)."""
    unit = data.get("unit")
    _check_unit(actor, DishonestyListing, ADD, unit)
    listing = DishonestyListing(unit=unit, region=unit.region, sector=unit.sector,
                                created_by=actor if actor and actor.pk else None)
    apply(listing, data, ("reason", "listed_on", "until", "action"))
    errors = {}
    if listing.until and listing.listed_on and listing.until < listing.listed_on:
        errors["until"] = _("期满日期不能早于列入日期")
    if listing.action_id and listing.action.unit_id != unit.pk:
        errors["action"] = _("所选执法记录不属于该单位")
    today = timezone.localdate()
    if DishonestyListing.objects.filter(unit=unit, lifted_on__isnull=True).exclude(
            until__lt=today).exists():
        errors["unit"] = _("该单位已在失信名单中")
    if errors:
        raise ValidationError(errors)
    validate(listing, exclude=["unit", "region", "sector", "created_by", "lifted_by"])
    listing.save()
    journal_create(actor, listing)
    return listing


@transaction.atomic
def listing_lift(*, actor, listing: DishonestyListing, on: dt.date | None = None,
                 reason: str = "") -> DishonestyListing:
    """Take a unit off the list (信用修复/移出) with the reason."""
    listing = DishonestyListing.objects.select_for_update().get(pk=listing.pk)
    _check_unit(actor, DishonestyListing, CHANGE, listing.unit)
    on = on or timezone.localdate()
    errors = {}
    if listing.lifted_on:
        errors["lifted_on"] = _("该单位已移出失信名单")
    elif on < listing.listed_on:
        errors["lifted_on"] = _("移出日期不能早于列入日期")
    elif on > timezone.localdate():
        errors["lifted_on"] = _("移出日期不能晚于今天")
    if not reason.strip():
        errors["lift_reason"] = _("请填写移出理由")
    if errors:
        raise ValidationError(errors)
    before = snapshot(listing)
    listing.lifted_on, listing.lift_reason = on, reason.strip()
    listing.lifted_by = actor if actor and actor.pk else None
    listing.save(update_fields=["lifted_on", "lift_reason", "lifted_by"])
    journal_update(actor, listing, before)
    return listing


__all__ = ["action_create", "action_update", "listing_create", "listing_lift"]
