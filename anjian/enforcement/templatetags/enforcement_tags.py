"""The 失信 badge: `{% load enforcement_tags %}{% dishonesty_badge unit %}` shows it beside a unit on
the dishonesty list. The listed ids are read once per request (cached on it)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from anjian.enforcement.selectors import listed_unit_ids

register = template.Library()
CACHE = "_enforcement_listed_unit_ids"


def _listed(context) -> set[int]:
    holder = context.get("request")
    if holder is None:
        holder = context.render_context
        cached = holder.get(CACHE)
        if cached is None:
            cached = holder[CACHE] = listed_unit_ids()
        return cached
    if not hasattr(holder, CACHE):
        setattr(holder, CACHE, listed_unit_ids())
    return getattr(holder, CACHE)


@register.simple_tag(takes_context=True)
def dishonesty_badge(context, unit) -> str:
    unit_id = getattr(unit, "pk", unit)
    if unit_id is None or unit_id not in _listed(context):
        return ""
    return format_html('<span class="badge text-bg-danger dishonesty-badge" title="{}">{}</span>',
                       _("该单位在失信名单中"), _("失信"))


@register.filter
def order_state(action, today):
    """`{{ a|order_state:today }}`: pending / overdue / reinspected for an order, else None."""
    return action.order_state(today)


@register.inclusion_tag("enforcement/_unit_enforcement.html", takes_context=True)
def unit_enforcement(context, unit, limit: int = 20):
    """The unit's enforcement actions and listings the viewer may see (for the unit's page)."""
    from anjian.enforcement.selectors import action_list, listing_list

    user = context["request"].user
    return {"unit": unit, "today": context.get("today"), "request": context["request"],
            "actions": list(action_list(user).filter(unit=unit)[:limit]),
            "listings": list(listing_list(user).filter(unit=unit))}
