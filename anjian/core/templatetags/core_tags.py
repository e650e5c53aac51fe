from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with some parameters replaced (pagination keeps the filters)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


RISK_CSS = {"red": "risk-red", "orange": "risk-orange", "yellow": "risk-yellow", "blue": "risk-blue"}


@register.inclusion_tag("core/risk_badge.html")
def risk_badge(unit):
    return {"css": RISK_CSS.get(unit.risk_level, "risk-none"),
            "label": unit.get_risk_level_display() or "未评定"}
