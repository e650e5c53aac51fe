"""Writes to the drill ledger (应急演练): drills, the problems they found, turning a problem into a
hazard in one step (转为隐患), and the drill-frequency table."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.records import (
    apply,
    check_owner,
    journal_create,
    journal_update,
    recheck,
    set_m2m,
    set_owner,
    snapshot,
    validate,
)
from anjian.core.scope import ADD, CHANGE
from anjian.emergency.models import Drill, DrillProblem, DrillRequirement
from anjian.emergency.models.drills import DEFAULT_REQUIREMENTS
from anjian.hazards.choices import HazardSource
from anjian.hazards.models import Hazard
from anjian.hazards.services import StagedPhoto, hazard_report
from anjian.units.models import Unit

DRILL_FIELDS = ("title", "held_on", "plan", "kind", "form", "scenario", "location",
                "participants", "evaluation")
DRILL_M2M = ("organisers", "participating_organisations", "participating_regions",
             "participating_units")
PROBLEM_FIELDS = ("description", "measures", "unit")


def _check_plan(actor, drill: Drill) -> None:
    from anjian.emergency.models import EmergencyPlan

    if actor is not None and drill.plan_id and not EmergencyPlan.objects.for_user(actor).filter(
            pk=drill.plan_id).exists():
        raise ValidationError({"plan": _("所选预案不在您的管辖范围内")})


def _check_units(actor, data: dict) -> None:
    units = list(data.get("participating_units") or [])
    if actor is None or not units:
        return
    visible = set(Unit.objects.for_user(actor).filter(pk__in=[u.pk for u in units])
                  .values_list("pk", flat=True))
    outside = [u.name for u in units if u.pk not in visible]
    if outside:
        raise ValidationError({"participating_units": _("参演单位不在您的管辖范围内：%(n)s") % {
            "n": "、".join(outside)}})


def _save_drill(actor, drill: Drill, data: dict, action: str) -> dict:
    set_owner(drill, data)
    apply(drill, data, DRILL_FIELDS)
    check_owner(actor, drill, action)
    if drill.held_on and drill.held_on > timezone.localdate():
        raise ValidationError({"held_on": _("演练日期不能晚于今天（计划中的演练请在举行后登记）")})
    _check_plan(actor, drill)
    _check_units(actor, data)
    validate(drill)
    drill.save()
    return set_m2m(drill, data, DRILL_M2M)


@transaction.atomic
def drill_create(*, actor, data: dict, problems: Sequence[dict] = ()) -> Drill:
    drill = Drill()
    m2m = _save_drill(actor, drill, data, ADD)
    journal_create(actor, drill, m2m)
    for problem in problems:
        drill_problem_add(actor=actor, drill=drill, data=problem)
    recheck(actor, drill, ADD)
    return drill


@transaction.atomic
def drill_update(*, actor, drill: Drill, data: dict) -> Drill:
    drill = Drill.objects.select_for_update().get(pk=drill.pk)
    check_owner(actor, drill, CHANGE)
    before = snapshot(drill)
    m2m = _save_drill(actor, drill, data, CHANGE)
    journal_update(actor, drill, before, m2m)
    recheck(actor, drill, CHANGE)
    return drill


@transaction.atomic
def drill_problem_add(*, actor, drill: Drill, data: dict) -> DrillProblem:
    check_owner(actor, drill, CHANGE)
    problem = DrillProblem(drill=drill)
    apply(problem, data, PROBLEM_FIELDS)
    validate(problem, exclude=["drill", "hazard", "converted_by"])
    problem.save()
    journal_create(actor, problem, comment=_("登记演练发现问题"))
    return problem


@transaction.atomic
def drill_problem_to_hazard(*, actor, problem: DrillProblem | int, unit: Unit, data: dict,
                            photos: Sequence[StagedPhoto]) -> Hazard:
    """转为隐患: report the problem as a hazard of `unit` (source 演练发现, the drill named as the
    source), link the two, and refuse a problem already turned into a hazard."""
    pk = problem.pk if isinstance(problem, DrillProblem) else problem
    problem = DrillProblem.objects.select_for_update().select_related("drill").get(pk=pk)
    drill = problem.drill
    if problem.hazard_id:
        raise ValidationError(_("该问题已转为隐患（%(n)s），不能重复转") % {
            "n": Hazard.objects.filter(pk=problem.hazard_id).values_list("number", flat=True)
            .first()}, code="already_converted")
    check_owner(actor, drill, CHANGE)
    values = {
        "description": (data.get("description") or problem.description).strip(),
        "cause_class": data.get("cause_class"),
        "category": data.get("category") or "other",
        "level": data.get("level") or "ordinary",
        "location": data.get("location") or drill.location,
        "source": HazardSource.DRILL,
        "source_reference": (_("%(date)s %(title)s") % {
            "date": drill.held_on.isoformat(), "title": drill.title})[:200],
    }
    if data.get("discovered_at"):
        values["discovered_at"] = data["discovered_at"]
    hazard = hazard_report(actor=actor, unit=unit, data=values, photos=photos)
    before = snapshot(problem)
    problem.hazard, problem.unit = hazard, unit
    problem.converted_at, problem.converted_by = timezone.now(), actor if actor and actor.pk else None
    problem.save(update_fields=["hazard", "unit", "converted_at", "converted_by"])
    journal_update(actor, problem, before, comment=_("转为隐患 %(n)s") % {"n": hazard.number})
    return hazard


@transaction.atomic
def drill_requirement_set(*, actor, requirement: DrillRequirement | None, data: dict
                          ) -> DrillRequirement:
    """Add or change a row of the drill-frequency table (office only)."""
    if actor is not None and not actor.has_role("safety_office"):
        raise PermissionDenied(_("只有应急管理办可以修改演练频次要求"))
    if not DrillRequirement.objects.exists():  # keep the defaults the page showed
        DrillRequirement.objects.bulk_create(
            DrillRequirement(target=t, category=c, subcategory=sc, interval_months=m)
            for t, c, sc, m in DEFAULT_REQUIREMENTS)
    row = requirement or DrillRequirement()
    before = snapshot(row) if row.pk else None
    apply(row, data, ("target", "category", "subcategory", "interval_months", "basis"))
    if row.target == "unit" and not row.category:
        raise ValidationError({"category": _("请填写单位类别")})
    if not row.interval_months or not 1 <= row.interval_months <= 60:
        raise ValidationError({"interval_months": _("演练周期应为 1–60 个月")})
    row.full_clean()  # with the table's unique constraint
    row.save()
    if before is None:
        journal.record(actor, row, JournalAction.CREATE, snapshot(row))
    else:
        journal_update(actor, row, before)
    return row
