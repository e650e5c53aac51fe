"""Writes to the emergency-plan ledger (应急预案): plans and their approved versions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.core.attachments import AttachmentData, attach
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
from anjian.emergency.models import EmergencyPlan, EmergencyPlanVersion
from anjian.emergency.models.plans import add_years

PLAN_FIELDS = ("title", "kind", "department", "summary", "is_active")
VERSION_FIELDS = ("number", "approved_by", "approved_on", "document_number", "effective_on",
                  "review_interval_years", "change_note")


@transaction.atomic
def plan_create(*, actor, data: dict, version: dict | None = None,
                file: AttachmentData | None = None) -> EmergencyPlan:
    """A new plan, with its first approved version when `version` is given."""
    plan = EmergencyPlan()
    set_owner(plan, data)
    apply(plan, data, PLAN_FIELDS)
    check_owner(actor, plan, ADD)
    validate(plan, exclude=["current_version"])
    plan.save()
    journal_create(actor, plan)
    if version:
        plan_version_add(actor=actor, plan=plan, data=version, file=file)
        plan.refresh_from_db()
    recheck(actor, plan, ADD)
    return plan


@transaction.atomic
def plan_update(*, actor, plan: EmergencyPlan, data: dict) -> EmergencyPlan:
    plan = EmergencyPlan.objects.select_for_update().get(pk=plan.pk)
    check_owner(actor, plan, CHANGE)
    before = snapshot(plan)
    set_owner(plan, data)
    apply(plan, data, PLAN_FIELDS)
    check_owner(actor, plan, CHANGE)
    validate(plan, exclude=["current_version"])
    plan.save()
    journal_update(actor, plan, before)
    recheck(actor, plan, CHANGE)
    return plan


@transaction.atomic
def plan_version_add(*, actor, plan: EmergencyPlan, data: dict,
                     file: AttachmentData | None = None) -> EmergencyPlanVersion:
    """Record an approved version (修订/重新发布); it becomes the current one unless an existing
    version was approved later. Review due = approval date + the review interval."""
    plan = EmergencyPlan.objects.select_for_update().get(pk=plan.pk)
    check_owner(actor, plan, CHANGE if plan.versions.exists() else ADD)
    before = snapshot(plan)
    version = EmergencyPlanVersion(plan=plan, created_by=actor if actor and actor.pk else None)
    apply(version, data, VERSION_FIELDS)
    errors = {}
    if version.approved_on and version.effective_on and version.effective_on < version.approved_on:
        errors["effective_on"] = _("施行日期不能早于批准日期")
    if version.review_interval_years is not None and not 1 <= version.review_interval_years <= 10:
        errors["review_interval_years"] = _("评估周期应为 1–10 年")
    if version.number and plan.versions.filter(number=version.number.strip()).exists():
        errors["number"] = _("该预案已有版本号“%(n)s”") % {"n": version.number}
    if errors:
        raise ValidationError(errors)
    if version.approved_on:
        version.review_due = add_years(version.approved_on, version.review_interval_years or 3)
    if file is not None:
        attach(version, file)
    validate(version, exclude=["plan", "created_by"])
    version.save()
    current = plan.current_version
    if current is None or (version.approved_on, version.pk) >= (current.approved_on, current.pk):
        plan.current_version = version
        plan.save(update_fields=["current_version", "updated_at"])
    journal_create(actor, version, comment=_("发布预案版本"))
    journal_update(actor, plan, before, comment=_("发布预案版本 %(n)s") % {"n": version.number})
    return version


__all__ = ["plan_create", "plan_update", "plan_version_add"]
