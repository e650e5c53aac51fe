"""Small display helpers of the inspection pages."""

from __future__ import annotations

from django import template

from anjian.inspections.choices import Verdict

register = template.Library()

VERDICT_CSS = {Verdict.CONFORMS: "text-bg-success", Verdict.NONCONFORMS: "text-bg-danger",
               Verdict.NOT_APPLICABLE: "text-bg-secondary"}


@register.filter
def percent(value) -> str:
    """83.3 -> "83.3%"; None (an empty scope) -> "—"."""
    if value is None or value == "":
        return "—"
    return f"{float(value):.1f}%"


@register.filter
def share_css(value) -> str:
    """A Bootstrap background for a coverage share: full green, most blue, half yellow, else red."""
    if value is None:
        return "bg-secondary"
    value = float(value)
    if value >= 100:
        return "bg-success"
    if value >= 80:
        return "bg-primary"
    if value >= 50:
        return "bg-warning"
    return "bg-danger"


@register.filter
def verdict_css(value) -> str:
    return VERDICT_CSS.get(value, "text-bg-light")


@register.filter
def bar_width(value) -> str:
    """A share as a CSS width between 0 and 100 (progress bars)."""
    try:
        return f"{max(0.0, min(100.0, float(value))):.1f}"
    except (TypeError, ValueError):
        return "0"
