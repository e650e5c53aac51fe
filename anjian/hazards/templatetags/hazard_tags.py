"""Badges and small helpers of the hazard pages: one place decides the colour of each state and level."""

from __future__ import annotations

from django import template
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import format_html

from anjian.hazards.choices import (
    OPEN_STATES,
    EscalationStep,
    HazardAction,
    HazardLevel,
    HazardSource,
    HazardState,
    PhotoStage,
)
from anjian.hazards.models import Hazard

register = template.Library()

STATE_CSS = {
    HazardState.REPORTED: "text-bg-secondary",
    HazardState.ASSIGNED: "text-bg-primary",
    HazardState.RECTIFYING: "text-bg-warning",
    HazardState.AWAITING_ACCEPTANCE: "text-bg-info",
    HazardState.CLOSED: "text-bg-success",
    HazardState.CANCELLED: "text-bg-light border",
}
LEVEL_CSS = {HazardLevel.MAJOR: "text-bg-danger", HazardLevel.ORDINARY: "text-bg-light border"}
ESCALATION_CSS = {
    EscalationStep.REMINDER: "text-bg-light border",
    EscalationStep.BULLETIN: "text-bg-warning",
    EscalationStep.INTERVIEW: "text-bg-danger",
    EscalationStep.SUPERVISION_ORDER: "text-bg-danger",
}
# Button colours of the workflow actions on the detail page.
ACTION_CSS = {
    HazardAction.ASSIGN: "btn-primary", HazardAction.ACKNOWLEDGE: "btn-primary",
    HazardAction.SUBMIT: "btn-primary", HazardAction.ACCEPT: "btn-success",
    HazardAction.FIX_ON_SPOT: "btn-success", HazardAction.REJECT: "btn-outline-danger",
    HazardAction.CANCEL: "btn-outline-danger", HazardAction.ESCALATE: "btn-outline-warning",
}


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


@register.simple_tag
def state_badge(state: str) -> str:
    return format_html('<span class="badge {}">{}</span>', STATE_CSS.get(state, "text-bg-light"),
                       _label(HazardState, state))


@register.simple_tag
def level_badge(level: str) -> str:
    return format_html('<span class="badge {}">{}</span>', LEVEL_CSS.get(level, "text-bg-light"),
                       _label(HazardLevel, level))


@register.simple_tag
def escalation_badge(step: str) -> str:
    if not step:
        return ""
    return format_html('<span class="badge {}">{}</span>', ESCALATION_CSS.get(step, ""),
                       _label(EscalationStep, step))


@register.filter
def state_label(state: str) -> str:
    return _label(HazardState, state) if state else ""


@register.filter
def source_label(source: str) -> str:
    return _label(HazardSource, source)


@register.filter
def action_label(action: str) -> str:
    return _label(HazardAction, action)


@register.filter
def stage_label(stage: str) -> str:
    return _label(PhotoStage, stage)


@register.filter
def action_css(action: str) -> str:
    return ACTION_CSS.get(action, "btn-outline-primary")


@register.filter
def percent(value) -> str:
    """A rate of hazard_statistics (a float or None) as the tables print it."""
    return "—" if value is None else f"{value:g}%"


@register.simple_tag(takes_context=True)
def unit_hazard_counts(context, unit) -> dict:
    """Open, overdue and major open hazards of `unit` that the page's user may see (scoped, not a
    raw relation count), and whether the user may report one there:
    `{% unit_hazard_counts unit as counts %}`."""
    from anjian.inspections.services import units_reachable

    user = context["request"].user
    counts = Hazard.objects.for_user(user).filter(unit=unit, state__in=OPEN_STATES).aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(deadline__lt=timezone.localdate())),
        major=Count("pk", filter=Q(level=HazardLevel.MAJOR)),
    )
    counts["can_report"] = units_reachable(user, "hazards.hazard", "add").filter(
        pk=unit.pk).exists()
    return counts
