"""What each hazard action requires and changes (design §2.4's "requires" column). Called by
`services.hazard_transition` inside its transaction with the hazard row locked; a guard raises
ValidationError (messages keyed by field) before anything is written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.validators import phone_error
from anjian.hazards.choices import (
    CancelReason,
    CauseClass,
    EscalationStep,
    HazardAction,
    HazardCategory,
    HazardLevel,
    HazardSource,
    PhotoStage,
    ResponsibleParty,
)
from anjian.hazards.models import GOVERNANCE_PLAN_FIELDS, Hazard
from anjian.workdays.selectors import add_workdays, year_has_schedule

A = HazardAction
MAJOR_REPORT_FIELDS = ("current_state_cause", "harm_difficulty")
ESCALATION_ORDER = [s.value for s in EscalationStep]


@dataclass
class Outcome:
    comment: str = ""
    document_number: str = ""
    data: dict = field(default_factory=dict)


def _text(data: dict, name: str) -> str:
    value = data.get(name)
    return "" if value is None else str(value).strip()


def _require(data: dict, names, errors: dict) -> None:
    for name in names:
        if not _text(data, name):
            errors[name] = _("此项为必填项")


def _raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _money(data: dict, name: str, errors: dict, required: bool = True) -> Decimal | None:
    raw = _text(data, name)
    if not raw:
        if required:
            errors[name] = _("请填写金额（元），没有投入填 0")
        return None
    try:
        value = Decimal(raw.replace(",", "").replace("，", ""))
    except InvalidOperation:
        errors[name] = _("金额应为数字，如 1200 或 0")
        return None
    if value < 0:
        errors[name] = _("金额不能为负数")
    return value


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    raw = str(value or "").strip()
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _choice(data: dict, name: str, choices, errors: dict, default: str = "") -> str:
    value = _text(data, name) or default
    if value not in choices.values:
        errors[name] = _("请选择有效的选项")
    return value


def _photo_count(hazard: Hazard | None, photos, stages) -> int:
    staged = sum(1 for p in photos if p.stage in stages)
    stored = hazard.photos.filter(stage__in=stages).count() if hazard and hazard.pk else 0
    return staged + stored


def report_values(data: dict, photos) -> dict:
    """Field values of a new hazard from a report, or ValidationError."""
    errors: dict = {}
    _require(data, ["description"], errors)
    values = {
        "description": _text(data, "description"),
        "cause_class": _choice(data, "cause_class", CauseClass, errors),
        "source": _choice(data, "source", HazardSource, errors),
        "category": _choice(data, "category", HazardCategory, errors, HazardCategory.OTHER),
        "level": _choice(data, "level", HazardLevel, errors, HazardLevel.ORDINARY),
        "location": _text(data, "location")[:255],
        "source_reference": _text(data, "source_reference")[:200],
        "discoverer_name": _text(data, "discoverer_name")[:100],
    }
    if data.get("discovered_at"):
        values["discovered_at"] = data["discovered_at"]
    if values["source"] == HazardSource.HIGHER_ASSIGNMENT:
        if not values["source_reference"]:
            errors["source_reference"] = _("上级交办的隐患请填写交办文号")
    elif not _photo_count(None, photos, {PhotoStage.DISCOVERY, PhotoStage.BEFORE}):
        errors["photos"] = _("请至少上传一张隐患照片")
    _raise_if(errors)
    return values


def precondition_error(hazard: Hazard, action: str, actor) -> str | None:
    """Why `action` cannot be taken now regardless of the data given, or None."""
    if action == A.FIX_ON_SPOT:
        if hazard.level != HazardLevel.ORDINARY:
            return _("重大隐患不能立即整改销号")
        if actor is None or hazard.discovered_by_id != actor.pk:
            return _("只有发现该隐患的检查人员可以登记立即整改")
    if action in (A.ACCEPT, A.REJECT) and actor is not None and hazard.submitted_by_id == actor.pk:
        return _("整改提交人不能验收自己提交的整改")
    if action == A.ESCALATE and not hazard.is_overdue():
        return _("隐患未逾期，无需督促升级")
    return None


def _deadline(hazard: Hazard, data: dict, errors: dict) -> None:
    workdays = _text(data, "deadline_workdays")
    today = timezone.localdate()
    if workdays:
        if not workdays.isdigit() or not 0 < int(workdays) <= 365:
            errors["deadline_workdays"] = _("整改时限应为 1–365 个工作日")
            return
        result = add_workdays(today, int(workdays))
        hazard.deadline, hazard.deadline_provisional = result.date, result.provisional
        return
    deadline = _date(data.get("deadline"))
    if deadline is None:
        errors["deadline"] = _("请填写整改期限（日期或工作日数）")
    elif deadline < today:
        errors["deadline"] = _("整改期限不能早于今天")
    else:
        hazard.deadline = deadline
        hazard.deadline_provisional = not year_has_schedule(deadline.year)


def _major_dossier(hazard: Hazard, data: dict, errors: dict) -> None:
    """一患一档 contents and 挂牌督办 for a major hazard: from `data`, or kept when already set."""
    for name in (*MAJOR_REPORT_FIELDS, *GOVERNANCE_PLAN_FIELDS, "supervision_authority"):
        value = _text(data, name) or getattr(hazard, name)
        if not value:
            errors[name] = _("重大隐患须填写此项")
        setattr(hazard, name, value)
    hazard.listed_on = _date(data.get("listed_on")) or hazard.listed_on or timezone.localdate()
    hazard.lifted_on = None


def _assign(hazard: Hazard, data: dict, photos, actor) -> Outcome:
    errors: dict = {}
    _require(data, ["measures", "responsible_person", "contingency_plan"], errors)
    hazard.measures = _text(data, "measures")
    hazard.responsible_person = _text(data, "responsible_person")[:100]
    hazard.contingency_plan = _text(data, "contingency_plan")
    hazard.responsible_party = _choice(data, "responsible_party", ResponsibleParty, errors,
                                       ResponsibleParty.UNIT)
    phone = _text(data, "responsible_phone")
    if phone and phone_error(phone):
        errors["responsible_phone"] = phone_error(phone)
    hazard.responsible_phone = phone[:30]
    hazard.funds = _money(data, "funds", errors)
    _deadline(hazard, data, errors)
    if hazard.level == HazardLevel.MAJOR:
        _major_dossier(hazard, data, errors)
    _raise_if(errors)
    hazard.assigned_at, hazard.assigned_by = timezone.now(), actor
    hazard.slip_number = f"JB{hazard.number.removeprefix('YH')}"
    return Outcome(comment=hazard.measures[:200], data={"deadline": str(hazard.deadline)})


def _fix_on_spot(hazard: Hazard, data: dict, photos, actor) -> Outcome:
    errors: dict = {}
    _require(data, ["rectification_note"], errors)
    if not _photo_count(hazard, photos, {PhotoStage.DISCOVERY, PhotoStage.BEFORE}):
        errors["photos"] = _("立即整改须有整改前照片")
    elif not _photo_count(None, photos, {PhotoStage.AFTER}):
        errors["photos"] = _("立即整改须上传整改后照片")
    _raise_if(errors)
    hazard.rectification_note = _text(data, "rectification_note")
    hazard.fixed_on_spot, hazard.closed_at = True, timezone.now()
    return Outcome(comment=hazard.rectification_note[:200])


def _extend(hazard: Hazard, data: dict, photos, actor) -> Outcome:
    errors: dict = {}
    _require(data, ["reason"], errors)
    old = hazard.deadline
    _deadline(hazard, data, errors)
    if not errors and old and hazard.deadline <= old:
        errors["deadline"] = _("新的整改期限应晚于原期限 %(old)s") % {"old": old}
    _raise_if(errors)
    return Outcome(comment=_text(data, "reason"),
                   data={"old_deadline": str(old), "new_deadline": str(hazard.deadline)})


def _interim(hazard: Hazard, data: dict, photos, actor) -> Outcome:
    errors: dict = {}
    _require(data, ["interim_measures"], errors)
    _raise_if(errors)
    hazard.interim_measures = _text(data, "interim_measures")
    return Outcome(comment=hazard.interim_measures[:200])


def _submit(hazard: Hazard, data: dict, photos, actor) -> Outcome:
    errors: dict = {}
    _require(data, ["rectification_note"], errors)
    hazard.funds_spent = _money(data, "funds_spent", errors)
    if not _photo_count(None, photos, {PhotoStage.AFTER}):
        errors["photos"] = _("请上传整改后的照片作为证据")
    _raise_if(errors)
    hazard.rectification_note = _text(data, "rectification_note")
    hazard.submitted_at, hazard.submitted_by = timezone.now(), actor
    return Outcome(comment=hazard.rectification_note[:200],
                   data={"funds_spent": str(hazard.funds_spent)})


def _panel_names(raw: str) -> list[str]:
    return [n for n in re.split(r"[、，,；;\s]+", raw) if n]


def _accept(hazard: Hazard, data: dict, photos, actor) -> Outcome:
    errors: dict = {}
    _require(data, ["acceptance_opinion"], errors)
    panel = _text(data, "acceptance_panel")
    if hazard.level == HazardLevel.MAJOR and len(_panel_names(panel)) < 2:
        errors["acceptance_panel"] = _("重大隐患须由验收组验收，请填写至少两名验收人员姓名")
    if not _photo_count(hazard, photos, {PhotoStage.AFTER, PhotoStage.ACCEPTANCE}):
        errors["photos"] = _("验收须有整改后的照片证据")
    _raise_if(errors)
    hazard.acceptance_opinion = _text(data, "acceptance_opinion")
    hazard.acceptance_panel = panel[:255]
    hazard.accepted_by, hazard.closed_at = actor, timezone.now()
    if hazard.listed_on and not hazard.lifted_on:
        hazard.lifted_on = timezone.localdate()
    return Outcome(comment=hazard.acceptance_opinion[:200])


def _reason_only(hazard: Hazard, data: dict, photos, actor) -> Outcome:
    errors: dict = {}
    _require(data, ["reason"], errors)
    _raise_if(errors)
    return Outcome(comment=_text(data, "reason"))


def _regrade(hazard: Hazard, data: dict, photos, actor) -> Outcome:
    errors: dict = {}
    _require(data, ["reason"], errors)
    old = hazard.level
    level = _choice(data, "level", HazardLevel, errors)
    if not errors and level == old:
        errors["level"] = _("新等级与原等级相同")
    _raise_if(errors)
    hazard.level = level
    if level == HazardLevel.MAJOR and hazard.assigned_at:
        _major_dossier(hazard, data, errors)
    elif level == HazardLevel.ORDINARY and hazard.listed_on and not hazard.lifted_on:
        hazard.lifted_on = timezone.localdate()
    _raise_if(errors)
    return Outcome(comment=_text(data, "reason"), data={"old_level": old, "new_level": level})


def _cancel(hazard: Hazard, data: dict, photos, actor) -> Outcome:
    errors: dict = {}
    if not _text(data, "cancel_reason"):
        errors["cancel_reason"] = _("撤销须选择原因：误报、重复上报或核查不属实")
    else:
        hazard.cancel_reason = _choice(data, "cancel_reason", CancelReason, errors)
    _raise_if(errors)
    hazard.cancel_note = _text(data, "cancel_note")[:255]
    return Outcome(comment=f"{hazard.get_cancel_reason_display()} {hazard.cancel_note}".strip())


def _escalate(hazard: Hazard, data: dict, photos, actor) -> Outcome:
    errors: dict = {}
    step = _choice(data, "step", EscalationStep, errors)
    number = _text(data, "document_number")
    if not errors:
        if hazard.escalation and ESCALATION_ORDER.index(step) < ESCALATION_ORDER.index(
                hazard.escalation):
            errors["step"] = _("已升级到“%(current)s”，不能回到较低的督促级别") % {
                "current": hazard.get_escalation_display()}
        if step != EscalationStep.REMINDER and not number:
            errors["document_number"] = _("通报、约谈、督办须填写文号")
    _raise_if(errors)
    hazard.escalation = step
    return Outcome(comment=_text(data, "comment") or EscalationStep(step).label,
                   document_number=number[:60], data={"step": step})


HANDLERS = {
    A.ASSIGN: _assign,
    A.FIX_ON_SPOT: _fix_on_spot,
    A.ACKNOWLEDGE: lambda hazard, data, photos, actor: Outcome(comment=_text(data, "comment")),
    A.EXTEND_DEADLINE: _extend,
    A.INTERIM_MEASURES: _interim,
    A.SUBMIT: _submit,
    A.ACCEPT: _accept,
    A.REJECT: _reason_only,
    A.REGRADE: _regrade,
    A.CANCEL: _cancel,
    A.ESCALATE: _escalate,
}


def apply(hazard: Hazard, action: str, data: dict, photos, actor) -> Outcome:
    error = precondition_error(hazard, action, actor)
    if error:
        raise ValidationError(error)
    return HANDLERS[action](hazard, data, photos, actor)
