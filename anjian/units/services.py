"""Writes to the unit registry. Every write path (pages, API, Excel import, demo) goes through here.

`validate_unit_values` is the one set of field rules: the form, the serializer and the importer all
call it, so a unit is refused for the same reasons with the same Chinese message everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.choices import Role
from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.scope import ADD, CHANGE, in_scope
from anjian.core.validators import MOBILE_RE, credit_code_error, normalize_credit_code, phone_error
from anjian.regions.models import Sector
from anjian.units.choices import (
    CATEGORY_OF_SUBCATEGORY,
    Category,
    IndustrySection,
    RiskLevel,
    StandardisationGrade,
    Subcategory,
    UnitStatus,
)
from anjian.units.models import SectorRule, Unit

# Fields a user edits; `sector`, `status` and timestamps are derived or set by actions.
EDITABLE_FIELDS = [
    "name", "credit_code", "category", "subcategory", "industry_section", "industry_code",
    "region", "address", "longitude", "latitude", "principal", "principal_phone",
    "safety_officer", "safety_officer_phone", "employees", "above_designated_size",
    "standardisation_grade", "risk_level", "linked_leader", "floor_area", "warning_signs", "notes",
]
REQUIRED_FIELDS = ["name", "category", "subcategory", "region"]
PHONE_FIELDS = ["principal_phone", "safety_officer_phone"]
_CHOICES = {
    "category": Category, "subcategory": Subcategory, "industry_section": IndustrySection,
    "risk_level": RiskLevel, "standardisation_grade": StandardisationGrade,
}
_CHOICE_VALUES = {name: frozenset(choices.values) for name, choices in _CHOICES.items()}
_CHOICE_ITEMS = tuple(_CHOICE_VALUES.items())
_MAX_LENGTH = {f.name: f.max_length for f in Unit._meta.concrete_fields if f.max_length}
_LENGTH_ITEMS = tuple(_MAX_LENGTH.items())


_PHONE_SEPARATORS = re.compile(r"[,，、;；/\s]+")


def _split_phones(value: str) -> list[str]:
    return [p for p in _PHONE_SEPARATORS.split(value) if p]


_TEXT_FIELDS = {
    f.name for f in Unit._meta.concrete_fields if f.get_internal_type() in ("CharField", "TextField")
}


def validate_unit_values(values: dict) -> dict[str, str]:
    """Check already-typed values; returns {field: Chinese message}. Normalises in place:
    text fields are stripped and None becomes ''. (A ledger import calls this for every row,
    so it reads each value once and skips work for the common clean value.)"""
    errors: dict[str, str] = {}
    get = values.get
    long = []  # text fields over their length before the checks below normalise them
    for name in _TEXT_FIELDS & values.keys():
        value = values[name]
        values[name] = value = value.strip() if value.__class__ is str else "" if value is None else str(value).strip()
        if len(value) > _MAX_LENGTH.get(name, len(value)):
            long.append(name)
    for name in REQUIRED_FIELDS:
        if get(name) in (None, ""):
            errors[name] = _("必填项不能为空")
    for name, allowed in _CHOICE_ITEMS:
        value = get(name)
        if value and value not in allowed:
            errors[name] = _("不是有效的选项：%(v)s") % {"v": value}
    cat, sub = get("category"), get("subcategory")
    if cat and sub and "category" not in errors and "subcategory" not in errors:
        if CATEGORY_OF_SUBCATEGORY.get(sub) != cat:
            errors["subcategory"] = _("子类“%(s)s”不属于类别“%(c)s”") % {
                "s": Subcategory(sub).label, "c": Category(cat).label,
            }
    code = get("credit_code")
    if code:
        values["credit_code"] = code = normalize_credit_code(code)
        message = credit_code_error(code)
        if message:
            errors["credit_code"] = message
    for name in PHONE_FIELDS:
        value = get(name)
        if value and not (value.__class__ is str and MOBILE_RE.match(value)):  # one plain mobile: valid
            for phone in _split_phones(str(value)):
                message = phone_error(phone)
                if message:
                    errors[name] = message
                    break
    for name, limit in _LENGTH_ITEMS if long else ():  # every field with a length is a text field
        if name in long and len(values[name]) > limit and name not in errors:
            errors[name] = _("长度不能超过%(n)d个字符") % {"n": limit}
    for name, low, high in (("longitude", 73, 136), ("latitude", 3, 54)):
        value = get(name)
        if value is None or value == "":
            continue
        try:
            number = value if value.__class__ is Decimal else Decimal(str(value))
        except InvalidOperation:
            errors[name] = _("应为数字")
            continue
        if not low <= number <= high:
            errors[name] = _("超出中国境内范围（%(lo)s–%(hi)s）") % {"lo": low, "hi": high}
    employees = get("employees")
    if employees not in (None, "") and (not isinstance(employees, int) or employees < 0):
        errors["employees"] = _("从业人数应为不小于0的整数")
    return errors


class SectorResolver:
    """Resolves 三管三必须 rules to a sector id; load once, use for many units."""

    def __init__(self) -> None:
        self.rules = sorted(SectorRule.objects.all(), key=lambda r: -r.specificity)

    def sector_id(self, category: str, subcategory: str, industry_section: str) -> int | None:
        for rule in self.rules:
            if rule.category != category:
                continue
            if rule.subcategory and rule.subcategory != subcategory:
                continue
            if rule.industry_section and rule.industry_section != industry_section:
                continue
            return rule.sector_id
        return None


def _check_region_level(values: dict, errors: dict) -> None:
    region = values.get("region")
    if region is not None and region.level < 3:
        errors["region"] = _("监管对象应属于某个村（社区）或网格，不能直接挂在“%(r)s”") % {"r": region}


def _raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _check_duplicate_code(values: dict, exclude_pk: int | None, errors: dict) -> None:
    code = values.get("credit_code")
    if code and "credit_code" not in errors:
        clash = Unit.objects.filter(credit_code=code).exclude(pk=exclude_pk).first()
        if clash:
            errors["credit_code"] = _("该统一社会信用代码已登记为“%(n)s”") % {"n": clash.name}


def _assert_scope(unit: Unit, actor, action: str) -> None:
    if actor is not None and not in_scope(unit, actor, action):
        raise PermissionDenied(_("该对象不在您的管辖范围内"))


@transaction.atomic
def unit_create(*, actor, data: dict, resolver: SectorResolver | None = None) -> Unit:
    """Register a unit. Callers creating many units may pass one preloaded `resolver`."""
    values = {k: data.get(k) for k in EDITABLE_FIELDS if k in data}
    errors = validate_unit_values(values)
    _check_region_level(values, errors)
    _check_duplicate_code(values, None, errors)
    _raise_if(errors)
    unit = Unit(**values)
    unit.sector_id = (resolver or SectorResolver()).sector_id(
        unit.category, unit.subcategory, unit.industry_section
    )
    unit.save()
    _assert_scope(unit, actor, ADD)
    journal.record(actor, unit, JournalAction.CREATE, journal.diff({}, journal.snapshot(unit)))
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, data: dict, comment: str = "") -> Unit:
    """Change a unit's registry fields; `comment` says why in the journal (e.g. a risk colour
    that follows the unit's assessments)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _assert_scope(unit, actor, CHANGE)
    before = journal.snapshot(unit)
    values = {k: data[k] for k in EDITABLE_FIELDS if k in data}
    merged = {k: getattr(unit, k) for k in EDITABLE_FIELDS} | values
    errors = validate_unit_values(merged)
    _check_region_level(merged, errors)
    _check_duplicate_code(merged, unit.pk, errors)
    _raise_if(errors)
    for key in values:
        setattr(unit, key, merged[key])
    unit.sector_id = SectorResolver().sector_id(
        unit.category, unit.subcategory, unit.industry_section
    )
    changes = journal.diff(before, journal.snapshot(unit))
    if changes:
        unit.save(update_fields=[*changes.keys(), "updated_at"])
        _assert_scope(unit, actor, CHANGE)
        journal.record(actor, unit, JournalAction.UPDATE, changes, comment=comment)
    return unit


@transaction.atomic
def unit_deregister(*, actor, unit: Unit, reason: str, date: dt.date | None = None) -> Unit:
    """注销: the unit leaves the active registry but keeps its history and journal."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _assert_scope(unit, actor, CHANGE)
    if unit.status == UnitStatus.DEREGISTERED:
        raise ValidationError(_("该对象已注销"))
    if not reason or not reason.strip():
        raise ValidationError({"deregistered_reason": _("请填写注销原因")})
    unit.status = UnitStatus.DEREGISTERED
    unit.deregistered_at = date or timezone.localdate()
    unit.deregistered_reason = reason.strip()
    unit.save(update_fields=["status", "deregistered_at", "deregistered_reason", "updated_at"])
    journal.record(actor, unit, JournalAction.DEREGISTER,
                   {"status": [UnitStatus.ACTIVE, UnitStatus.DEREGISTERED]}, comment=reason)
    return unit


@transaction.atomic
def unit_restore(*, actor, unit: Unit) -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _assert_scope(unit, actor, CHANGE)
    if unit.status == UnitStatus.ACTIVE:
        raise ValidationError(_("该对象未注销，无需恢复"))
    unit.status = UnitStatus.ACTIVE
    unit.deregistered_at = None
    unit.deregistered_reason = ""
    unit.save(update_fields=["status", "deregistered_at", "deregistered_reason", "updated_at"])
    journal.record(actor, unit, JournalAction.RESTORE,
                   {"status": [UnitStatus.DEREGISTERED, UnitStatus.ACTIVE]})
    return unit


@transaction.atomic
def sector_rules_apply(*, actor) -> int:
    """Re-derive every unit's sector after the office edits the 三管三必须 rules; each unit that
    moves gets its own journal entry. Returns the number of units changed."""
    resolver = SectorResolver()
    moved: list[tuple[Unit, int | None]] = []
    units = Unit.objects.only("pk", "name", "category", "subcategory", "industry_section", "sector_id")
    for unit in units.iterator(chunk_size=5000):
        new = resolver.sector_id(unit.category, unit.subcategory, unit.industry_section)
        if new != unit.sector_id:
            moved.append((unit, new))
    entries = []
    comment = _("按三管三必须规则重新归属行业领域")
    for unit, new in moved:
        entries.append(journal.build(actor, unit, JournalAction.UPDATE,
                                     {"sector": [unit.sector_id, new]}, comment))
        unit.sector_id = new
    Unit.objects.bulk_update([u for u, _new in moved], ["sector"], batch_size=900)
    journal.record_many(entries)
    return len(moved)


# --- 三管三必须 rules: a configurable practice default, not a national rule -------------------

RULE_FIELDS = ("category", "subcategory", "industry_section", "sector")


def _require_office(actor) -> None:
    if actor is not None and not actor.has_role(Role.SAFETY_OFFICE):
        raise PermissionDenied(_("只有应急管理办可以修改三管三必须规则"))


def _check_rule(rule: SectorRule) -> None:
    errors: dict[str, str] = {}
    if rule.category not in Category.values:
        errors["category"] = _("不是有效的选项：%(v)s") % {"v": rule.category or "—"}
    if rule.subcategory:
        if rule.subcategory not in Subcategory.values:
            errors["subcategory"] = _("不是有效的选项：%(v)s") % {"v": rule.subcategory}
        elif "category" not in errors and CATEGORY_OF_SUBCATEGORY.get(rule.subcategory) != rule.category:
            errors["subcategory"] = _("子类“%(s)s”不属于类别“%(c)s”") % {
                "s": Subcategory(rule.subcategory).label, "c": Category(rule.category).label}
    if rule.industry_section and rule.industry_section not in IndustrySection.values:
        errors["industry_section"] = _("不是有效的选项：%(v)s") % {"v": rule.industry_section}
    if rule.sector_id is None or not Sector.objects.filter(pk=rule.sector_id).exists():
        errors["sector"] = _("请选择行业领域")
    if not errors:
        clash = SectorRule.objects.filter(category=rule.category, subcategory=rule.subcategory,
                                          industry_section=rule.industry_section)
        if clash.exclude(pk=rule.pk).exists():
            errors["__all__"] = _("已有相同类别、子类和行业门类的规则，请直接修改那一条")
    if errors:
        raise ValidationError(errors)


def _values(data: dict) -> dict:
    values = {k: data[k] for k in RULE_FIELDS if k in data}
    for key in ("subcategory", "industry_section"):
        if key in values and values[key] is None:
            values[key] = ""
    return values


@transaction.atomic
def sector_rule_create(*, actor, data: dict) -> SectorRule:
    _require_office(actor)
    rule = SectorRule(**_values(data))
    _check_rule(rule)
    rule.save()
    journal.record(actor, rule, JournalAction.CREATE, journal.diff({}, journal.snapshot(rule)))
    return rule


@transaction.atomic
def sector_rule_update(*, actor, rule: SectorRule, data: dict) -> SectorRule:
    _require_office(actor)
    rule = SectorRule.objects.select_for_update().get(pk=rule.pk)
    before = journal.snapshot(rule)
    for key, value in _values(data).items():
        setattr(rule, key, value)
    _check_rule(rule)
    changes = journal.diff(before, journal.snapshot(rule))
    if changes:
        rule.save(update_fields=list(changes))
        journal.record(actor, rule, JournalAction.UPDATE, changes)
    return rule


@transaction.atomic
def sector_rule_delete(*, actor, rule: SectorRule) -> None:
    _require_office(actor)
    rule = SectorRule.objects.select_for_update().get(pk=rule.pk)
    old = {k: [v, None] for k, v in journal.snapshot(rule).items()}
    journal.record(actor, rule, JournalAction.DELETE, old)
    rule.delete()
