"""Writes to the accidents ledger. Pages, API and demo all call these: each is atomic, checks the
actor's scope after writing (a change that would put the accident outside the actor's scope is
refused and rolled back), keeps the grade and the reporting timeline in step, and journals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accidents import rules
from anjian.accidents.choices import StepKind
from anjian.accidents.models import Accident, AccidentReportStep, IndicatorYear
from anjian.accidents.timeline import sync_steps
from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.scope import ADD, CHANGE, in_scope
from anjian.regions.models import Sector

FIGURE_FIELDS = ["deaths", "missing", "serious_injuries", "poisonings", "minor_injuries",
                 "direct_loss"]
DETAIL_FIELDS = ["occurred_at", "place", "region", "unit", "road_traffic", "fire", "industrial",
                 "coal_mine", "type_code", "description", "cause"]
EDITABLE_FIELDS = [*DETAIL_FIELDS, *FIGURE_FIELDS]
FLAGS = ("road_traffic", "fire", "industrial", "coal_mine")


def _assert_scope(obj, actor, action: str) -> None:
    if actor is not None and not in_scope(obj, actor, action):
        raise PermissionDenied(_("该事故不在您的管辖范围内"))


def _raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def type_error(version: str, code: str, given_version: str | None = None) -> str | None:
    """A Chinese message when `code` (of list `given_version`, or of the date's list when not
    said) is not a type of the list for `version` (the accident's date), else None. The two lists
    share the codes 10–20, so only a 'version:code' value can say it came from the other list."""
    source = given_version or version
    if source == version and rules.type_label(version, code):
        return None
    name = rules.type_label(source, code)
    if name and source != version:
        return _("事故类型“%(t)s”属于%(old)s；%(when)s发生的事故应按%(new)s选择事故类型") % {
            "t": name, "old": rules.VERSION_LABELS[source],
            "when": _("2026年7月1日及以后") if version == rules.V2025 else _("2026年7月1日以前"),
            "new": rules.VERSION_LABELS[version]}
    return _("请选择事故类型")


def _split_type(value) -> tuple[str | None, str]:
    """'1986:01' → ('1986', '01'); a bare code → (None, code)."""
    value = str(value or "").strip()
    if ":" in value:
        version, code = value.split(":", 1)
        return version, code
    return None, value


def _figures(values: dict, errors: dict) -> None:
    for name in FIGURE_FIELDS:
        raw = values.get(name)
        if raw in (None, ""):
            values[name] = Decimal(0) if name == "direct_loss" else 0
            continue
        try:
            number = Decimal(str(raw)) if name == "direct_loss" else int(raw)
        except (TypeError, ValueError, InvalidOperation):
            errors[name] = _("请输入数字")
            continue
        if number < 0:
            errors[name] = _("不能为负数")
        values[name] = number
    if not errors and values["poisonings"] > values["serious_injuries"]:
        errors["poisonings"] = _("急性工业中毒人数计入重伤人数，不能多于重伤人数")


def _validate(values: dict, now: dt.datetime) -> dict:
    errors: dict[str, str] = {}
    occurred_at = values.get("occurred_at")
    if not occurred_at:
        errors["occurred_at"] = _("请填写事故发生时间")
    elif occurred_at > now + dt.timedelta(minutes=5):
        errors["occurred_at"] = _("事故发生时间不能晚于当前时间")
    for name in ("place", "description"):
        values[name] = str(values.get(name) or "").strip()
        if not values[name]:
            errors[name] = _("必填项不能为空")
    values["cause"] = str(values.get("cause") or "").strip()
    if not values.get("unit") and not values.get("region"):
        errors["region"] = _("请选择事故单位或事故所在村（社区）")
    given_version, code = _split_type(values.get("type_code"))
    values["type_code"] = code
    if occurred_at:
        version = rules.classification_version_for(timezone.localtime(occurred_at))
        values["classification_version"] = version
        message = type_error(version, code, given_version)
        if message:
            errors["type_code"] = message
    _figures(values, errors)
    for flag in FLAGS:
        values[flag] = bool(values.get(flag))
    return errors


def _place(accident: Accident) -> None:
    """Region and sector from the unit; without one, the sector follows the kind flags so the
    traffic and fire agencies (三管三必须) see road and fire accidents."""
    if accident.unit_id:
        accident.region_id = accident.unit.region_id
        accident.sector_id = accident.unit.sector_id
        return
    code = "road_traffic" if accident.road_traffic else "fire" if accident.fire else None
    accident.sector = Sector.objects.filter(code=code).first() if code else None


@transaction.atomic
def accident_create(*, actor, data: dict, unit_reported_at: dt.datetime | None = None) -> Accident:
    """Record an accident (事故登记). `unit_reported_at`: when the unit reported it, if known."""
    values = {k: data.get(k) for k in EDITABLE_FIELDS}
    errors = _validate(values, timezone.now())
    _raise_if(errors)
    accident = Accident(**values, reported_by=actor if actor and actor.pk else None)
    _place(accident)
    accident.grade = rules.grade(accident.deaths + accident.missing, accident.serious_injuries,
                                 accident.direct_loss)
    accident.save()
    _assert_scope(accident, actor, ADD)
    journal.record(actor, accident, JournalAction.CREATE, journal.diff({}, journal.snapshot(accident)))
    sync_steps(accident)
    if unit_reported_at:
        step = accident.steps.get(kind=StepKind.UNIT_REPORT)
        _record_step(actor, accident, step, unit_reported_at, "", "")
    return accident


@transaction.atomic
def accident_update(*, actor, accident: Accident, data: dict) -> Accident:
    """Edit the accident's details. The casualty figures change only through
    `accident_casualties_update` (a 补报 with old and new figures), so they are ignored here."""
    accident = Accident.objects.select_for_update().get(pk=accident.pk)
    _assert_scope(accident, actor, CHANGE)
    before = journal.snapshot(accident)
    merged = {k: getattr(accident, k) for k in EDITABLE_FIELDS}
    merged["type_code"] = f"{accident.classification_version}:{accident.type_code}"
    merged |= {k: data[k] for k in DETAIL_FIELDS if k in data}
    errors = _validate(merged, timezone.now())
    _raise_if(errors)
    for key in [*DETAIL_FIELDS, "classification_version"]:
        setattr(accident, key, merged[key])
    _place(accident)
    changes = journal.diff(before, journal.snapshot(accident))
    if changes:
        accident.save()
        _assert_scope(accident, actor, CHANGE)
        journal.record(actor, accident, JournalAction.UPDATE, changes)
        sync_steps(accident)
    return accident


@transaction.atomic
def accident_casualties_update(*, actor, accident: Accident, figures: dict, note: str = "",
                               at: dt.datetime | None = None) -> AccidentReportStep:
    """补报: new casualty figures (and loss). Recorded as a supplementary step with old → new
    figures. Within the window (30 days; 7 for road traffic and fire, Art. 13) the grade is
    recomputed and the timeline follows it; after it the figures are recorded, the grade kept."""
    accident = Accident.objects.select_for_update().get(pk=accident.pk)
    _assert_scope(accident, actor, CHANGE)
    at = at or timezone.now()
    values = {k: figures.get(k, getattr(accident, k)) for k in FIGURE_FIELDS}
    errors: dict[str, str] = {}
    _figures(values, errors)
    if at < accident.occurred_at:
        errors["at"] = _("补报时间不能早于事故发生时间")
    _raise_if(errors)
    before = journal.snapshot(accident, FIGURE_FIELDS + ["grade"])
    changed = {k: [_plain(getattr(accident, k)), _plain(values[k])] for k in FIGURE_FIELDS
               if getattr(accident, k) != values[k]}
    if not changed:
        raise ValidationError(_("伤亡人数和损失没有变化，无需补报"))
    for key, value in values.items():
        setattr(accident, key, value)
    within = at <= accident.follow_up_end
    new_grade = rules.grade(accident.deaths + accident.missing, accident.serious_injuries,
                            accident.direct_loss)
    regraded = within and new_grade != accident.grade
    if within:
        accident.grade = new_grade
    accident.save(update_fields=[*FIGURE_FIELDS, "grade", "updated_at"])
    step = AccidentReportStep.objects.create(
        accident=accident, kind=StepKind.SUPPLEMENTARY, due_at=accident.follow_up_end, done_at=at,
        done_by=actor if actor and actor.pk else None, note=note.strip(), figures=changed,
        within_window=within, regraded=regraded)
    comment = _("补报") if within else _("超过补报期限后更正数字，事故等级保持不变")
    journal.record(actor, accident, JournalAction.UPDATE,
                   journal.diff(before, journal.snapshot(accident, FIGURE_FIELDS + ["grade"])),
                   comment=comment)
    sync_steps(accident)
    return step


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


def _record_step(actor, accident, step, done_at, recipient: str, note: str) -> AccidentReportStep:
    if done_at < accident.occurred_at:
        raise ValidationError({"done_at": _("完成时间不能早于事故发生时间")})
    if done_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"done_at": _("完成时间不能晚于当前时间")})
    before = journal.snapshot(step, ["done_at", "recipient", "note"])
    step.done_at, step.recipient, step.note = done_at, recipient.strip(), note.strip()
    step.done_by = actor if actor and actor.pk else None
    step.save(update_fields=["done_at", "recipient", "note", "done_by"])
    journal.record(actor, step, JournalAction.UPDATE,
                   journal.diff(before, journal.snapshot(step, ["done_at", "recipient", "note"])))
    sync_steps(accident)
    return step


@transaction.atomic
def report_step_record(*, actor, step: AccidentReportStep, done_at: dt.datetime,
                       recipient: str = "", note: str = "") -> AccidentReportStep:
    """Record when a timeline step was done (报告、上报、调查报告提交、批复)."""
    accident = Accident.objects.select_for_update().get(pk=step.accident_id)
    _assert_scope(accident, actor, CHANGE)
    step = AccidentReportStep.objects.get(pk=step.pk)
    if step.kind == StepKind.SUPPLEMENTARY:
        raise ValidationError(_("补报记录在补报伤亡人数时生成，不能另行修改"))
    if step.kind == StepKind.APPROVAL and not accident.steps.filter(
            kind=StepKind.INVESTIGATION, done_at__isnull=False).exists():
        raise ValidationError(_("请先记录事故调查报告的提交时间，再记录批复"))
    return _record_step(actor, accident, step, done_at, recipient, note)


@transaction.atomic
def investigation_extend(*, actor, accident: Accident, days: int, reason: str) -> AccidentReportStep:
    """Extend the investigation report's deadline (Art. 29: by at most 60 days in all)."""
    accident = Accident.objects.select_for_update().get(pk=accident.pk)
    _assert_scope(accident, actor, CHANGE)
    step = accident.steps.get(kind=StepKind.INVESTIGATION)
    errors = {}
    if not reason.strip():
        errors["reason"] = _("请填写延期原因")
    if days <= 0 or step.extension_days + days > rules.MAX_EXTENSION_DAYS:
        errors["days"] = _("调查报告提交期限最多延长60日（已延长%(d)s日）") % {
            "d": step.extension_days}
    _raise_if(errors)
    before = journal.snapshot(step, ["extension_days", "note"])
    step.extension_days += days
    step.note = "\n".join(filter(None, [step.note, _("延期%(d)s日：%(r)s") % {
        "d": days, "r": reason.strip()}]))
    step.save(update_fields=["extension_days", "note"])
    journal.record(actor, step, JournalAction.UPDATE,
                   journal.diff(before, journal.snapshot(step, ["extension_days", "note"])))
    sync_steps(accident)
    step.refresh_from_db()
    return step


INDICATOR_FIELDS = ["region", "year", "gdp", "motor_vehicles", "industry_workers", "coal_output",
                    "target_deaths", "target_gdp_rate", "target_road_rate", "target_worker_rate",
                    "target_coal_rate", "note"]


@transaction.atomic
def indicator_year_save(*, actor, data: dict, indicator: IndicatorYear | None = None) -> IndicatorYear:
    """Create or change one year's denominators and targets for a region."""
    values = {k: data[k] for k in INDICATOR_FIELDS if k in data}
    errors = {}
    year = values.get("year", indicator.year if indicator else None)
    if not year or not 2000 <= int(year) <= 2100:
        errors["year"] = _("请填写正确的年度")
    region = values.get("region", indicator.region if indicator else None)
    if region is None:
        errors["region"] = _("请选择区划")
    elif region.level > 2:
        errors["region"] = _("控制指标按县（区）或乡镇（街道）下达，请选择县或乡镇")
    for name, value in values.items():
        if isinstance(value, int | Decimal) and not isinstance(value, bool) and value < 0:
            errors[name] = _("不能为负数")
    if not errors and IndicatorYear.objects.filter(region=region, year=year).exclude(
            pk=indicator.pk if indicator else None).exists():
        errors["year"] = _("该区划该年度的控制指标已存在，请直接修改")
    _raise_if(errors)
    if indicator is None:
        indicator = IndicatorYear(**values)
        action, before = JournalAction.CREATE, {}
        indicator.save()
        _assert_scope(indicator, actor, ADD)
    else:
        indicator = IndicatorYear.objects.select_for_update().get(pk=indicator.pk)
        _assert_scope(indicator, actor, CHANGE)
        action, before = JournalAction.UPDATE, journal.snapshot(indicator)
        for key, value in values.items():
            setattr(indicator, key, value)
        indicator.save()
        _assert_scope(indicator, actor, CHANGE)
    journal.record(actor, indicator, action, journal.diff(before, journal.snapshot(indicator)))
    return indicator
