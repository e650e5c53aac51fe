"""Keeping an accident's reporting timeline (事故报告时间线) in step with its grade and figures.

`sync_steps` makes sure the steps the grade requires exist (unit report; escalation up to
设区的市, 省 or 国务院 by Art. 10; investigation report; approval) and recomputes every deadline. A
regrade downward removes escalation steps not yet done (done ones stay, as recorded history); a
regrade upward adds the missing levels. Called by the services inside their transaction."""

from __future__ import annotations

from anjian.accidents import rules
from anjian.accidents.choices import ESCALATION_KINDS, StepKind
from anjian.accidents.models import Accident, AccidentReportStep


def _save(step: AccidentReportStep, due_at) -> AccidentReportStep:
    if step.pk is None:
        step.due_at = due_at
        step.save()
    elif step.due_at != due_at:
        step.due_at = due_at
        step.save(update_fields=["due_at"])
    return step


def sync_steps(accident: Accident) -> list[AccidentReportStep]:
    steps = {s.kind: s for s in accident.steps.exclude(kind=StepKind.SUPPLEMENTARY)}

    def get(kind: str) -> AccidentReportStep:
        return steps.get(kind) or AccidentReportStep(accident=accident, kind=kind)

    unit_report = _save(get(StepKind.UNIT_REPORT), rules.unit_report_due(accident.occurred_at))
    previous = unit_report.done_at or unit_report.due_at
    required = rules.escalation_levels(accident.grade)
    for kind in ESCALATION_KINDS:
        if kind in required:
            step = _save(get(kind), rules.next_level_due(previous))
            previous = step.done_at or step.due_at
        elif kind in steps and steps[kind].done_at is None:
            steps[kind].delete()
    investigation = get(StepKind.INVESTIGATION)
    investigation = _save(investigation, rules.investigation_due(
        accident.occurred_at, investigation.extension_days))
    approval_due = (rules.approval_due(investigation.done_at, accident.grade)
                    if investigation.done_at else None)
    _save(get(StepKind.APPROVAL), approval_due)
    end = accident.follow_up_end
    for step in accident.steps.filter(kind=StepKind.SUPPLEMENTARY):
        _save(step, end)
    return ordered_steps(accident)


ORDER = [StepKind.UNIT_REPORT, *ESCALATION_KINDS, StepKind.SUPPLEMENTARY, StepKind.INVESTIGATION,
         StepKind.APPROVAL]


def ordered_steps(accident: Accident) -> list[AccidentReportStep]:
    """The timeline in reading order: reports up the levels, 补报 in time order, investigation,
    approval."""
    steps = list(accident.steps.select_related("done_by").order_by("pk"))
    return sorted(steps, key=lambda s: (ORDER.index(s.kind), s.pk))
