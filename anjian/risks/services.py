"""Writes of commitments and risk grading. Pages, the API and the demo all call these; each is
atomic, checks the actor's scope (actor None: the system, e.g. the demo) and journals.

A unit's colour in the registry (`units.Unit.risk_level`) follows its highest current assessment
unless the office's override stands: `unit_colour_sync` writes it through `units.services`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.scope import ADD, CHANGE, in_scope
from anjian.core.validators import phone_error
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region
from anjian.risks import rules, selectors
from anjian.risks.choices import JUDGEMENT_ITEMS, FilingGroup, Method, RiskLevel
from anjian.risks.models import (
    CommitmentSettings,
    GradingScheme,
    RiskAssessment,
    RiskLevelOverride,
    RiskPoint,
    RiskReport,
    SafetyCommitment,
)
from anjian.units.models import Unit
from anjian.units.services import unit_update

MAX_TEXT = 2000
OUT_OF_SCOPE = gettext_lazy("该对象不在您的管辖范围内")


def _name(actor) -> str:
    return (getattr(actor, "display_name", "") or getattr(actor, "username", "")) if actor else ""


def _user(actor):
    return actor if actor is not None and actor.pk else None


def _require_unit(actor, unit: Unit, label: str, action: str) -> None:
    if actor is not None and not selectors.units_for(actor, label, action).filter(
            pk=unit.pk).exists():
        raise PermissionDenied(OUT_OF_SCOPE)


def _require(actor, obj, action: str) -> None:
    if actor is not None and not in_scope(obj, actor, action):
        raise PermissionDenied(OUT_OF_SCOPE)


def _text(data: dict, name: str, errors: dict, *, required: bool = False,
          limit: int = MAX_TEXT) -> str:
    value = str(data.get(name) or "").strip()
    if required and not value:
        errors[name] = _("必填项不能为空")
    elif len(value) > limit:
        errors[name] = _("不能超过 %(n)s 个字") % {"n": limit}
    return value


def _count(data: dict, name: str, errors: dict) -> int:
    try:
        value = int(data.get(name) or 0)
    except (TypeError, ValueError):
        errors[name] = _("请填写整数")
        return 0
    if not 0 <= value <= 10_000:
        errors[name] = _("请填写 0 到 10000 之间的整数")
    return value


def _flag(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "on", "yes", "是")
    return bool(value)


# Safety commitments (安全承诺) --------------------------------------------------------------------

def _commitment_values(data: dict) -> dict:
    errors: dict[str, str] = {}
    values = {
        "principal": _text(data, "principal", errors, required=True, limit=100),
        "dangerous_work_count": _count(data, "dangerous_work_count", errors),
        "open_hazards": _count(data, "open_hazards", errors),
        "judgement_note": _text(data, "judgement_note", errors),
        "commitment": _text(data, "commitment", errors, required=True),
    }
    for name, _label in JUDGEMENT_ITEMS:
        values[name] = _flag(data.get(name, False))
    values["all_ok"] = all(values[name] for name, _label in JUDGEMENT_ITEMS)
    if not values["all_ok"] and not values["judgement_note"] and "judgement_note" not in errors:
        errors["judgement_note"] = _("有未受控的研判事项时，请说明情况和采取的管控措施")
    if errors:
        raise ValidationError(errors)
    return values


def commitment_file(*, actor, unit: Unit, data: dict,
                    now: dt.datetime | None = None) -> SafetyCommitment:
    """File today's 安全风险研判与承诺公告 of `unit`, or correct it when already filed (the same row,
    journaled). The first filing after the town's cut-off time is late (迟报); a correction keeps
    the first filing's lateness."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    values = _commitment_values(data)
    with transaction.atomic():
        existing = (SafetyCommitment.objects.select_for_update()
                    .filter(unit=unit, date=day).first())
        if existing is not None:
            _require(actor, existing, CHANGE)
            before = journal.snapshot(existing)
            for name, value in values.items():
                setattr(existing, name, value)
            existing.filed_by, existing.filer_name = _user(actor), _name(actor)
            existing.filed_at = now
            existing.corrections += 1
            existing.save(update_fields=[*values, "filed_by", "filer_name", "filed_at",
                                         "corrections"])
            journal.record(actor, existing, JournalAction.UPDATE,
                           journal.diff(before, journal.snapshot(existing)),
                           comment=_("更正安全承诺"))
            return existing
        _require_unit(actor, unit, "risks.safetycommitment", ADD)
        town = selectors.town_of(unit.region)
        late = town is not None and now > selectors.deadline(town, day)
        commitment = SafetyCommitment(unit=unit, date=day, filed_by=_user(actor),
                                      filer_name=_name(actor), first_filed_at=now, filed_at=now,
                                      is_late=late, **values)
        try:
            with transaction.atomic():
                commitment.save()
        except IntegrityError:
            raise ValidationError(_("本单位今天的承诺刚刚已由他人填报，请刷新后再更正")) from None
        journal.record(actor, commitment, JournalAction.CREATE,
                       journal.diff({}, journal.snapshot(commitment)))
        return commitment


def _town(actor, town: Region, label: str) -> None:
    if town.level != RegionLevel.TOWN:
        raise ValidationError({"town": _("请选择乡镇（街道）")})
    if actor is not None and not actor.is_superuser and not any(
            g.allows(label, CHANGE) and g.region_path and town.path.startswith(g.region_path)
            for g in actor.scope_grants):
        raise PermissionDenied(_("只有本乡镇应急管理办可以修改这些设置"))


def _save_settings(actor, row, created: bool, before: dict, fields: list[str]) -> None:
    row.updated_by = _user(actor)
    if created:
        row.save()
        journal.record(actor, row, JournalAction.CREATE, journal.diff({}, journal.snapshot(row)))
        return
    changes = journal.diff(before, journal.snapshot(row, fields))
    if changes:
        row.save(update_fields=[*changes, "updated_by", "updated_at"])
        journal.record(actor, row, JournalAction.UPDATE, changes)


@transaction.atomic
def commitment_settings_set(*, actor, town: Region, cutoff: dt.time,
                            groups: list[str]) -> CommitmentSettings:
    """The town's cut-off time and which units must file each day; the town's office only."""
    _town(actor, town, "risks.commitmentsettings")
    bad = [g for g in groups if g not in FilingGroup.values]
    if bad or not groups:
        raise ValidationError({"groups": _("请至少选择一类须承诺的单位")})
    row = CommitmentSettings.objects.select_for_update().filter(town=town).first()
    created = row is None
    row = row or CommitmentSettings(town=town)
    before = journal.snapshot(row)
    row.cutoff, row.groups = cutoff, [g for g in FilingGroup.values if g in groups]
    _save_settings(actor, row, created, before, ["cutoff", "groups"])
    return row


SCHEME_FIELDS = ["lec_red", "lec_orange", "lec_yellow", "ls_red", "ls_orange", "ls_yellow"]


@transaction.atomic
def grading_scheme_set(*, actor, town: Region, data: dict) -> GradingScheme:
    """The town's colour bands (a configurable default, domain.md §5.2–5.3); a change makes a new
    version, which later assessments record. Existing assessments keep the colour they got."""
    _town(actor, town, "risks.gradingscheme")
    try:
        bands = rules.Bands(*(Decimal(str(data[f])) for f in SCHEME_FIELDS[:3]),
                            *(int(data[f]) for f in SCHEME_FIELDS[3:]))
    except (KeyError, ValueError, ArithmeticError, TypeError):
        raise ValidationError(_("请填写全部分界值（数字）")) from None
    if bands.errors():
        raise ValidationError(bands.errors())
    row = GradingScheme.objects.select_for_update().filter(town=town).first()
    created = row is None
    if created:
        base = selectors.scheme_for(town).row
        row = GradingScheme(town=town, version=(base.version + 1) if base else 1)
    before = journal.snapshot(row)
    for name, value in zip(SCHEME_FIELDS, (bands.lec_red, bands.lec_orange, bands.lec_yellow,
                                           bands.ls_red, bands.ls_orange, bands.ls_yellow),
                           strict=True):
        setattr(row, name, value)
    changed = created or journal.diff(before, journal.snapshot(row, SCHEME_FIELDS))
    if changed and not created:
        row.version += 1
    _save_settings(actor, row, created, before, [*SCHEME_FIELDS, "version"])
    return row


# Risk points and assessments (风险点, 风险评价) ------------------------------------------------------

POINT_TEXT = {"name": 120, "location": 200, "hazard_factor": MAX_TEXT, "accident_type": 120,
              "control_measures": MAX_TEXT, "responsible_person": 100, "responsible_phone": 30}
POINT_REQUIRED = ("name", "hazard_factor")


def _point_values(data: dict, partial: bool = False) -> dict:
    errors: dict[str, str] = {}
    values = {}
    for name, limit in POINT_TEXT.items():
        if partial and name not in data:
            continue
        values[name] = _text(data, name, errors, required=name in POINT_REQUIRED, limit=limit)
    phone = values.get("responsible_phone")
    if phone and phone_error(phone):
        errors["responsible_phone"] = phone_error(phone)
    if "is_active" in data:
        values["is_active"] = _flag(data["is_active"])
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def risk_point_create(*, actor, unit: Unit, data: dict) -> RiskPoint:
    _require_unit(actor, unit, "risks.riskpoint", ADD)
    point = RiskPoint(unit=unit, **_point_values(data))
    point.save()
    journal.record(actor, point, JournalAction.CREATE, journal.diff({}, journal.snapshot(point)))
    return point


@transaction.atomic
def risk_point_update(*, actor, point: RiskPoint, data: dict) -> RiskPoint:
    """Edit a risk point; `is_active` False retires it (its colour stops counting for the unit)."""
    point = RiskPoint.objects.select_for_update().get(pk=point.pk)
    _require(actor, point, CHANGE)
    before = journal.snapshot(point)
    for name, value in _point_values(data, partial=True).items():
        setattr(point, name, value)
    changes = journal.diff(before, journal.snapshot(point))
    if changes:
        point.save(update_fields=[*changes, "updated_at"])
        journal.record(actor, point, JournalAction.UPDATE, changes)
        if "is_active" in changes:
            unit_colour_sync(actor=actor, unit=point.unit)
    return point


def assessment_preview(*, unit: Unit, data: dict) -> rules.Result:
    """What an assessment with these factors would give (the form's live preview): FactorError
    or ValidationError when a factor is missing or off its table."""
    bands = selectors.scheme_for(unit.region).bands
    method = data.get("method")
    if method == Method.LEC:
        return rules.lec(data.get("factor_l"), data.get("factor_e"), data.get("factor_c"), bands)
    if method == Method.LS:
        return rules.ls(data.get("factor_l"), data.get("factor_s"), bands)
    raise ValidationError({"method": _("请选择评价方法")})


@transaction.atomic
def risk_assess(*, actor, point: RiskPoint, data: dict,
                now: dt.datetime | None = None) -> RiskAssessment:
    """Assess a risk point by LEC or LS with the unit's town's bands; the point shows the result
    and the unit's colour follows."""
    point = RiskPoint.objects.select_for_update().select_related("unit__region").get(pk=point.pk)
    _require_unit(actor, point.unit, "risks.riskassessment", ADD)
    if not point.is_active:
        raise ValidationError(_("该风险点已停用，不能再评价"))
    scheme = selectors.scheme_for(point.unit.region)
    try:
        result = assessment_preview(unit=point.unit, data=data)
    except rules.FactorError as exc:
        raise ValidationError({exc.field: str(exc)}) from None
    errors: dict[str, str] = {}
    note = _text(data, "note", errors)
    if errors:
        raise ValidationError(errors)
    lec = result.method == Method.LEC
    assessment = RiskAssessment(
        point=point, method=result.method, factor_l=Decimal(str(data["factor_l"])),
        factor_e=Decimal(str(data["factor_e"])) if lec else None,
        factor_c=Decimal(str(data["factor_c"])) if lec else None,
        factor_s=None if lec else int(Decimal(str(data["factor_s"]))),
        score=result.score, lec_class=result.lec_class, colour=result.colour,
        scheme_version=scheme.version, bands=scheme.bands.describe(), note=note,
        assessed_by=_user(actor), assessor_name=_name(actor), assessed_at=now or timezone.now())
    assessment.save()
    journal.record(actor, assessment, JournalAction.CREATE,
                   journal.diff({}, journal.snapshot(assessment)))
    before = journal.snapshot(point, ["colour", "method", "score", "assessed_at"])
    point.colour, point.method = result.colour, result.method
    point.score, point.assessed_at = result.score, assessment.assessed_at
    point.save(update_fields=["colour", "method", "score", "assessed_at", "updated_at"])
    journal.record(actor, point, JournalAction.UPDATE,
                   journal.diff(before, journal.snapshot(point, list(before))),
                   comment=_("风险评价"))
    unit_colour_sync(actor=actor, unit=point.unit)
    return assessment


# Unit colour (单位风险等级) --------------------------------------------------------------------------

def unit_colour_sync(*, actor, unit: Unit) -> str | None:
    """Write the unit's colour (override, else highest current assessment) to the registry when
    it differs; with neither, the registry's value stays. Returns the colour in force."""
    colour = selectors.unit_risk_colour(unit)
    unit.refresh_from_db(fields=["risk_level"])
    if colour is None or unit.risk_level == colour:
        return colour
    # The registry's service checks the actor may change the unit; a user who may only assess
    # (not edit the registry) still moves the colour, journaled as the system's follow-up.
    writer = actor if actor is None or in_scope(unit, actor, CHANGE) else None
    old = unit.risk_level
    override = selectors.active_override(unit)
    reason = (_("按风险等级认定：%(r)s") % {"r": override.reason[:100]} if override
              else _("按风险评价结果：单位最高风险点为%(c)s") % {"c": RiskLevel(colour).label})
    unit_update(actor=writer, unit=unit, data={"risk_level": colour}, comment=_(
        "风险等级由“%(old)s”调整为“%(new)s”，%(reason)s") % {
        "old": RiskLevel(old).label if old else _("未评定"), "new": RiskLevel(colour).label,
        "reason": reason})
    return colour


@transaction.atomic
def override_set(*, actor, unit: Unit, colour: str, reason: str,
                 now: dt.datetime | None = None) -> RiskLevelOverride:
    """The office fixes the unit's colour with a reason (认定), replacing any override standing."""
    _require_unit(actor, unit, "risks.riskleveloverride", ADD)
    errors: dict[str, str] = {}
    if colour not in RiskLevel.values:
        errors["colour"] = _("请选择风险等级")
    reason = _text({"reason": reason}, "reason", errors, required=True)
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    current = RiskLevelOverride.objects.select_for_update().filter(unit=unit, lifted_at=None)
    for old in current:
        _lift(actor, old, _("由新的认定取代"), now)
    override = RiskLevelOverride.objects.create(
        unit=unit, colour=colour, reason=reason, set_by=_user(actor), setter_name=_name(actor),
        set_at=now)
    journal.record(actor, override, JournalAction.CREATE,
                   journal.diff({}, journal.snapshot(override)))
    unit_colour_sync(actor=actor, unit=unit)
    return override


def _lift(actor, override: RiskLevelOverride, reason: str, now: dt.datetime) -> None:
    override.lifted_by, override.lifted_at, override.lift_reason = _user(actor), now, reason
    override.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])
    journal.record(actor, override, JournalAction.UPDATE,
                   {"lifted_at": [None, now.isoformat()], "lift_reason": ["", reason]})


@transaction.atomic
def override_lift(*, actor, override: RiskLevelOverride, reason: str) -> RiskLevelOverride:
    """End an override: the unit's colour follows its assessments again."""
    override = RiskLevelOverride.objects.select_for_update().get(pk=override.pk)
    _require(actor, override, CHANGE)
    if override.lifted_at is not None:
        raise ValidationError(_("该认定已解除"))
    errors: dict[str, str] = {}
    reason = _text({"lift_reason": reason}, "lift_reason", errors, required=True, limit=255)
    if errors:
        raise ValidationError(errors)
    _lift(actor, override, reason, timezone.now())
    unit_colour_sync(actor=actor, unit=override.unit)
    return override


# Risk reports (风险报告) ---------------------------------------------------------------------------

@transaction.atomic
def risk_report_submit(*, actor, unit: Unit, period_start: dt.date, period_end: dt.date,
                       note: str = "", now: dt.datetime | None = None) -> RiskReport:
    """Report the unit's active risk points as they stand now, for a period."""
    _require_unit(actor, unit, "risks.riskreport", ADD)
    errors: dict[str, str] = {}
    if period_start is None or period_end is None:
        errors["period_end"] = _("请填写报告期")
    elif period_end < period_start:
        errors["period_end"] = _("报告期止不能早于报告期起")
    note = _text({"note": note}, "note", errors)
    points = list(RiskPoint.objects.filter(unit=unit, is_active=True).order_by("name", "pk"))
    if not points:
        errors["__all__"] = _("本单位还没有在用的风险点，请先登记风险点并评价")
    if errors:
        raise ValidationError(errors)
    counts = {c: sum(1 for p in points if p.colour == c) for c in rules.COLOURS}
    report = RiskReport.objects.create(
        unit=unit, period_start=period_start, period_end=period_end, note=note,
        unit_colour=selectors.unit_risk_colour(unit) or "",
        points=[{"id": p.pk, "name": p.name, "location": p.location, "colour": p.colour,
                 "method": p.method, "score": str(p.score) if p.score is not None else "",
                 "control_measures": p.control_measures,
                 "responsible_person": p.responsible_person} for p in points],
        submitted_by=_user(actor), submitter_name=_name(actor),
        submitted_at=now or timezone.now(), **counts)
    journal.record(actor, report, JournalAction.CREATE, journal.diff({}, journal.snapshot(report)))
    return report
