"""Writes of inspections (隐患排查): checklist templates and their versions, plans and the tasks they
produce, and inspection records. Pages, the API and the demo all come through here.

A submitted record calls the hooks registered with `register_record_hook` inside the same
transaction; the hazards app registers the one that raises a hazard from each non-conforming answer
marked for it, so "raise a hazard in one step" needs no dependency from inspections on hazards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.grant_cache import kept_with_grants
from anjian.core import journal, statements
from anjian.core.models import JournalAction
from anjian.core.photos import PhotoData, photo_save
from anjian.core.scope import ADD, CHANGE, grant_q
from anjian.inspections.choices import AnswerType, PlanKind, PlanStatus, TaskStatus, Verdict
from anjian.inspections.models import (
    ChecklistItem,
    ChecklistTemplate,
    InspectionAnswer,
    InspectionPhoto,
    InspectionPlan,
    InspectionRecord,
    InspectionTask,
    LeaderInspectionRule,
    RiskFrequency,
)
from anjian.units.choices import UnitStatus
from anjian.units.models import Unit

RECORD_LABEL = "inspections.inspectionrecord"
ITEM_FIELDS = ("section", "text", "answer_type", "required", "basis", "hazard_text", "cause_class",
               "hazard_category")


@dataclass
class AnswerInput:
    """One answer as submitted: by item id, with optional photos and a request to raise a hazard."""

    item_id: int
    verdict: str = ""
    number: str | Decimal | None = None
    text: str = ""
    photos: list[PhotoData] = field(default_factory=list)
    raise_hazard: bool = False
    hazard: dict = field(default_factory=dict)  # overrides of the pre-filled hazard fields


RecordHook = Callable[..., None]
_record_hooks: list[RecordHook] = []


def register_record_hook(hook: RecordHook) -> None:
    if hook not in _record_hooks:
        _record_hooks.append(hook)


def _scoped_row(actor, name: str, scoped: Callable, pk: int):
    """`scoped(actor).filter(pk=pk)`'s row or None, the query compiled once for the actor's current
    grants (core.statements, accounts.grant_cache): the submissions' hot path."""
    if actor is None or not actor.is_authenticated:
        return next(iter(scoped(actor).filter(pk=pk)), None)
    query = kept_with_grants(actor, name, lambda: statements.Compiled(
        lambda key: scoped(actor).filter(pk=key).order_by()[:1], int))
    return next(iter(query(pk)), None)


def unit_visible(actor, pk: int) -> Unit | None:
    """The unit `pk` if `actor` may see it."""
    return _scoped_row(actor, "inspections.unit_visible", Unit.objects.for_user, pk)


def unit_reachable(actor, pk: int) -> bool:
    """Whether `actor` may add inspection records to the unit `pk`."""
    return _scoped_row(actor, "inspections.unit_reachable",
                       lambda user: units_reachable(user).only("pk"), pk) is not None


def units_reachable(actor, label: str = RECORD_LABEL, action: str = ADD):
    """Units on which `actor` may `action` objects of `label` (records, tasks …)."""
    if actor is None or not actor.is_authenticated:
        return Unit.objects.none()
    if actor.is_superuser:
        return Unit.objects.all()
    combined: Q | None = None
    for grant in actor.scope_grants:
        if grant.allows(label, action):
            q = grant_q(grant, Unit.scope_spec)
            if q is not None:
                combined = q if combined is None else combined | q
    return Unit.objects.none() if combined is None else Unit.objects.filter(combined)


# Checklist templates ------------------------------------------------------------------------------

def _require_office(actor) -> None:
    if actor is None or not actor.has_role("safety_office"):
        raise PermissionDenied(_("只有应急管理办可以维护检查表"))


def _write_items(template: ChecklistTemplate, items: Sequence[dict]) -> None:
    errors = []
    rows = []
    for order, item in enumerate(items, start=1):
        text = str(item.get("text") or "").strip()
        if not text:
            errors.append(_("第 %(n)s 项：检查内容不能为空") % {"n": order})
            continue
        values = {name: item.get(name) for name in ITEM_FIELDS if item.get(name) is not None}
        values["text"] = text[:300]
        rows.append(ChecklistItem(template=template, order=order, **values))
    if not rows and not errors:
        errors.append(_("检查表至少要有一个检查项"))
    if errors:
        raise ValidationError(errors)
    ChecklistItem.objects.bulk_create(rows)


@transaction.atomic
def checklist_template_create(*, actor, data: dict, items: Sequence[dict],
                              family: str = "", builtin: bool = False) -> ChecklistTemplate:
    if not builtin:
        _require_office(actor)
    name = str(data.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写检查表名称")})
    template = ChecklistTemplate.objects.create(
        family=family or f"custom-{timezone.now():%Y%m%d%H%M%S%f}", version=1, name=name[:120],
        description=data.get("description", ""), categories=list(data.get("categories") or []),
        subcategories=list(data.get("subcategories") or []), builtin=builtin,
        created_by=actor if actor and actor.pk else None,
    )
    _write_items(template, items)
    journal.record(actor, template, JournalAction.CREATE, journal.snapshot(template))
    return template


def checklist_template_copy(*, actor, template: ChecklistTemplate, name: str) -> ChecklistTemplate:
    """复制: a new checklist (its own family) starting from another's items."""
    items = [{f: getattr(i, f) for f in ITEM_FIELDS} for i in template.items.all()]
    data = {"name": name, "description": template.description,
            "categories": template.categories, "subcategories": template.subcategories}
    return checklist_template_create(actor=actor, data=data, items=items)


@transaction.atomic
def checklist_template_update(*, actor, template: ChecklistTemplate, data: dict,
                              items: Sequence[dict]) -> ChecklistTemplate:
    """Edit a checklist. A version already used by a record is never changed: the edit becomes the
    next version and the old one stays as the records answered it."""
    _require_office(actor)
    template = ChecklistTemplate.objects.select_for_update().get(pk=template.pk)
    if not template.is_current:
        raise ValidationError(_("只能修改检查表的当前版本"))
    if template.builtin or template.records.exists():
        template.is_current = False
        template.save(update_fields=["is_current"])
        new = ChecklistTemplate.objects.create(
            family=template.family, version=template.version + 1, name=template.name,
            description=template.description, categories=template.categories,
            subcategories=template.subcategories, builtin=False,
            created_by=actor if actor and actor.pk else None)
        journal.record(actor, new, JournalAction.CREATE, journal.snapshot(new),
                       comment=_("由第 %(v)s 版修订") % {"v": template.version})
        template = new
    else:
        template.items.all().delete()
    before = journal.snapshot(template)
    for name in ("name", "description", "categories", "subcategories"):
        if name in data:
            setattr(template, name, data[name])
    if not str(template.name).strip():
        raise ValidationError({"name": _("请填写检查表名称")})
    template.save()
    _write_items(template, items)
    journal.record(actor, template, JournalAction.UPDATE,
                   journal.diff(before, journal.snapshot(template)), comment=_("修改检查项"))
    return template


def template_for_unit(unit: Unit) -> ChecklistTemplate | None:
    """The current checklist that fits a unit best: its sub-category, else its category."""
    current = ChecklistTemplate.objects.filter(is_current=True).order_by("builtin", "-id")
    for template in current:
        if unit.subcategory in (template.subcategories or []):
            return template
    for template in current:
        if unit.category in (template.categories or []) and not template.subcategories:
            return template
    return None


# Plans and tasks ----------------------------------------------------------------------------------

@transaction.atomic
def plan_create(*, actor, data: dict, inspectors=(), organisations=()) -> InspectionPlan:
    """Create a plan and its tasks, one per active unit in its region subtree and categories."""
    errors = {}
    for name in ("name", "kind", "region", "start_date", "end_date"):
        if not data.get(name):
            errors[name] = _("此项为必填项")
    if data.get("kind") and data["kind"] not in PlanKind.values:
        errors["kind"] = _("请选择有效的检查类型")
    if not errors and data["end_date"] < data["start_date"]:
        errors["end_date"] = _("结束日期不能早于开始日期")
    if errors:
        raise ValidationError(errors)
    plan = InspectionPlan.objects.create(
        name=data["name"][:200], kind=data["kind"], region=data["region"],
        categories=list(data.get("categories") or []), template=data.get("template"),
        start_date=data["start_date"], end_date=data["end_date"], leader=data.get("leader"),
        description=data.get("description", ""), status=PlanStatus.ACTIVE,
        created_by=actor if actor and actor.pk else None)
    if not InspectionPlan.objects.for_user(actor, ADD).filter(pk=plan.pk).exists():
        raise PermissionDenied(_("检查范围不在您的管辖范围内"))
    plan.inspectors.set(inspectors)
    plan.organisations.set(organisations)
    journal.record(actor, plan, JournalAction.CREATE, journal.snapshot(plan))
    plan_generate_tasks(actor=actor, plan=plan)
    return plan


@transaction.atomic
def plan_close(*, actor, plan: InspectionPlan, comment: str = "") -> InspectionPlan:
    """End a plan (计划结束): its undone tasks stay pending and count as missed."""
    plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if not InspectionPlan.objects.for_user(actor, CHANGE).filter(pk=plan.pk).exists():
        raise PermissionDenied(_("检查计划不在您的管辖范围内"))
    if plan.status == PlanStatus.CLOSED:
        return plan
    before = plan.status
    plan.status = PlanStatus.CLOSED
    plan.save(update_fields=["status"])
    journal.record(actor, plan, JournalAction.UPDATE, {"status": [before, plan.status]},
                   comment=comment or _("计划结束"))
    return plan


def plan_units(plan: InspectionPlan):
    units = Unit.objects.filter(region__path__startswith=plan.region.path,
                                status=UnitStatus.ACTIVE)
    if plan.categories:
        units = units.filter(category__in=plan.categories)
    return units


@transaction.atomic
def plan_generate_tasks(*, actor, plan: InspectionPlan) -> int:
    """Add a task for every unit of the plan that has none yet (idempotent). Returns how many."""
    existing = set(plan.tasks.values_list("unit_id", flat=True))
    tasks = [InspectionTask(plan=plan, unit_id=uid, due_date=plan.end_date)
             for uid in plan_units(plan).values_list("pk", flat=True) if uid not in existing]
    InspectionTask.objects.bulk_create(tasks, batch_size=2000)
    if tasks:
        journal.record(actor, plan, JournalAction.UPDATE, {"tasks": [len(existing), len(existing)
                                                                     + len(tasks)]},
                       comment=_("生成检查任务"))
    return len(tasks)


# Records ------------------------------------------------------------------------------------------

def _number(raw) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        return Decimal(str(raw).strip())
    except InvalidOperation:
        return None


# Checklist versions that records use, with their items, per process: a version some record uses is
# never edited again (checklist_template_update makes the edit the next version) nor deleted (the
# records protect it), so these never go stale. A version enters only once a record using it has
# committed; one without records may still be edited and is read from the database each time.
_USED_TEMPLATES: dict[int, tuple[ChecklistTemplate, dict[int, ChecklistItem]]] = {}
_USED_TEMPLATES_MAX = 500


def used_template(pk: int) -> ChecklistTemplate | None:
    """The checklist version `pk` if a committed record uses it (from the per-process cache)."""
    found = _USED_TEMPLATES.get(pk)
    return found[0] if found is not None else None


def _template_items(template: ChecklistTemplate) -> dict[int, ChecklistItem]:
    found = _USED_TEMPLATES.get(template.pk)
    if found is not None:
        return dict(found[1])
    return {i.pk: i for i in template.items.all()}


def _remember_template(template: ChecklistTemplate, items: dict[int, ChecklistItem]) -> None:
    """After the commit of a record using `template`: keep it and its items."""
    if template.pk in _USED_TEMPLATES:
        return

    def remember():
        if len(_USED_TEMPLATES) >= _USED_TEMPLATES_MAX:
            _USED_TEMPLATES.clear()
        _USED_TEMPLATES[template.pk] = (template, dict(items))

    transaction.on_commit(remember)


def _check_answers(template: ChecklistTemplate | None, answers: Sequence[AnswerInput]) -> dict:
    """Validate answers against the template's items; returns {item_id: item}."""
    items = _template_items(template) if template else {}
    errors = []
    given = {a.item_id: a for a in answers}
    for item_id in given:
        if item_id not in items:
            errors.append(_("检查项 %(id)s 不属于所用检查表") % {"id": item_id})
    for item in items.values():
        answer = given.get(item.pk)
        missing = answer is None or not _answered(item, answer)
        if item.required and missing:
            errors.append(_("第 %(n)s 项“%(text)s”未填写") % {"n": item.order, "text": item.text})
        elif answer is not None:
            if answer.verdict and answer.verdict not in Verdict.values:
                errors.append(_("第 %(n)s 项结论无效") % {"n": item.order})
            if answer.number not in (None, "") and _number(answer.number) is None:
                errors.append(_("第 %(n)s 项应填写数字") % {"n": item.order})
            if answer.raise_hazard and answer.verdict != Verdict.NONCONFORMS:
                errors.append(_("第 %(n)s 项为“符合”，不能生成隐患") % {"n": item.order})
    if errors:
        raise ValidationError(errors)
    return items


def _answered(item: ChecklistItem, answer: AnswerInput) -> bool:
    if item.answer_type == AnswerType.VERDICT:
        return bool(answer.verdict)
    if item.answer_type == AnswerType.NUMBER:
        return _number(answer.number) is not None
    if item.answer_type == AnswerType.PHOTO:
        return bool(answer.photos)
    return bool(str(answer.text).strip())


@cache
def _by_key() -> statements.Compiled:
    return statements.Compiled(
        lambda key: InspectionRecord.objects.filter(idempotency_key=key)[:1], str)


def record_by_key(idempotency_key: str | None) -> InspectionRecord | None:
    """The record a submission with this Idempotency-Key created, if any."""
    if not idempotency_key:
        return None
    return next(iter(_by_key()(idempotency_key)), None)


def record_submit(*, actor, unit: Unit, data: dict, answers: Sequence[AnswerInput] = (),
                  photos: Sequence[PhotoData] = (), idempotency_key: str | None = None,
                  key_checked: bool = False) -> InspectionRecord:
    """Submit one inspection record with its answers and photos, once.

    With an `idempotency_key`, a retried submission (same key) returns the record the first one
    created, even when both arrive at the same moment; nothing is created twice. `key_checked`: the
    caller has just looked the key up and found no record (the API does, to answer a retry before
    validating it), so the look-up is not repeated; the unique key still decides a race.

    A record this call created carries `submitted`: [(answer id, item id)] and
    [(photo id, answer id)] of what was stored with it."""
    existing = None if key_checked else record_by_key(idempotency_key)
    if existing is not None:
        return existing
    try:
        return _record_submit(actor=actor, unit=unit, data=data, answers=answers, photos=photos,
                              idempotency_key=idempotency_key)
    except IntegrityError:
        existing = record_by_key(idempotency_key)
        if existing is None:
            raise
        return existing


@transaction.atomic
def _record_submit(*, actor, unit, data, answers, photos, idempotency_key) -> InspectionRecord:
    if not unit_reachable(actor, unit.pk):
        raise PermissionDenied(_("该单位不在您的管辖范围内"))
    task = data.get("task")
    plan = task.plan if task else data.get("plan")
    if task is not None and (task.unit_id != unit.pk or task.status != TaskStatus.PENDING):
        raise ValidationError({"task": _("该检查任务不属于此单位或已完成")})
    template = data.get("template") or (plan.template if plan else None) or template_for_unit(unit)
    items = _check_answers(template, answers)
    kind = data.get("kind") or (plan.kind if plan else PlanKind.ROUTINE)
    if kind not in PlanKind.values:
        raise ValidationError({"kind": _("请选择有效的检查类型")})
    inspected_at = data.get("inspected_at") or timezone.now()
    if inspected_at > timezone.now() + dt.timedelta(minutes=10):
        raise ValidationError({"inspected_at": _("检查时间不能晚于现在")})
    record = InspectionRecord(
        unit=unit, kind=kind, plan=plan, task=task, template=template, inspected_at=inspected_at,
        inspector_names=str(data.get("inspector_names") or journal._actor_name(actor))[:200],
        leader=data.get("leader") or (plan.leader if plan else None),
        latitude=data.get("latitude"), longitude=data.get("longitude"),
        location=str(data.get("location") or unit.address)[:255],
        summary=data.get("summary", ""), signature=data.get("signature", ""),
        nonconforming_count=sum(1 for a in answers if a.verdict == Verdict.NONCONFORMS),
        created_by=actor if actor and actor.pk else None, idempotency_key=idempotency_key or None)
    statements.insert([record])
    if data.get("inspectors"):
        record.inspectors.set(data["inspectors"])
    entries: list = []  # the photos' journal entries, then the record's: one record_many
    saved, stored = _save_answers(record, items, answers, actor, entries)
    for photo in photos:
        stored.append(_photo(record, None, photo, actor, entries))
    if task is not None:
        task.status = TaskStatus.DONE
        task.save(update_fields=["status"])
    entries.append(journal.build(actor, record, JournalAction.CREATE, journal.snapshot(record)))
    journal.record_many(entries)
    if template is not None:
        _remember_template(template, items)
    record.submitted = ([(a.pk, a.item_id) for a in saved],
                        [(p.pk, p.answer_id) for p in stored])
    for hook in _record_hooks:
        hook(record=record, answers=list(zip(saved, answers, strict=True)), actor=actor)
    return record


def _save_answers(record, items, answers, actor, entries: list,
                  ) -> tuple[list[InspectionAnswer], list[InspectionPhoto]]:
    saved = [InspectionAnswer(record=record, item=items[a.item_id], verdict=a.verdict or "",
                              number=_number(a.number), text=str(a.text or "")) for a in answers]
    statements.insert(saved)
    if not all(a.pk for a in saved):  # databases that do not return ids from bulk inserts
        by_item = {a.item_id: a for a in record.answers.all()}
        saved = [by_item[a.item_id] for a in answers]
    stored = []
    for answer, given in zip(saved, answers, strict=True):
        for photo in given.photos:
            stored.append(_photo(record, answer, photo, actor, entries))
    return saved, stored


def _photo(record, answer, data: PhotoData, actor, entries: list | None = None) -> InspectionPhoto:
    return photo_save(model_cls=InspectionPhoto, data=data, actor=actor,
                      place=f"{record.unit.name} {record.location}".strip(),
                      photographer=record.inspector_names, record=record, answer=answer,
                      journal_entries=entries)



# Frequencies (configurable local practice) --------------------------------------------------------

@transaction.atomic
def inspection_rules_update(*, actor, intervals: dict[str, int], rules: dict, visible_ids: set[int],
                            ) -> int:
    """Set the inspection interval of each risk colour (`intervals`: risk level → days) and each
    leader rule's interval and people (`rules`: rule id → (days or None, people or None)). People
    the actor cannot see (`visible_ids` excludes them) stay on a rule untouched. Journaled; returns
    how many rows changed."""
    _require_office(actor)
    changed = 0
    for freq in RiskFrequency.objects.select_for_update():
        days = intervals.get(freq.risk_level)
        if days and days != freq.interval_days:
            journal.record(actor, freq, JournalAction.UPDATE, {"interval_days": [freq.interval_days,
                                                                                 days]})
            freq.interval_days = days
            freq.save(update_fields=["interval_days"])
            changed += 1
    for rule in LeaderInspectionRule.objects.select_for_update().prefetch_related("people"):
        days, people = rules.get(rule.pk, (None, None))
        changes = {}
        if days and days != rule.interval_days:
            changes["interval_days"] = [rule.interval_days, days]
            rule.interval_days = days
            rule.save(update_fields=["interval_days"])
        if people is not None:
            before = {p.pk: p.name for p in rule.people.all()}
            chosen = {p.pk: p.name for p in people}
            after = {pk for pk in before if pk not in visible_ids} | set(chosen)
            if after != set(before):
                rule.people.set(after)
                names = {**before, **chosen}
                changes["people"] = [sorted(before.values()), sorted(names[pk] for pk in after)]
        if changes:
            journal.record(actor, rule, JournalAction.UPDATE, changes)
            changed += 1
    return changed
