from django import template
from django.utils.translation import gettext as _

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
            "label": unit.get_risk_level_display() or _("未评定")}


def _display(field, value, cache: dict) -> str:
    """A journal value as a person reads it: choice labels, related objects by name."""
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation and field.many_to_one:
        key = (field.related_model, value)
        if key not in cache:
            obj = field.related_model._default_manager.filter(pk=value).first()
            cache[key] = str(obj) if obj else f"#{value}"
        return cache[key]
    return str(value)


@register.simple_tag(takes_context=True)
def journal_changes(context, entry) -> list[tuple[str, str, str]]:
    """(field label, old, new) for each change of a journal entry; empty fields of a creation are
    left out."""
    model = entry.content_type.model_class()
    cache = context.setdefault("_journal_cache", {})
    rows = []
    for name, pair in entry.changes.items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        try:
            field = model._meta.get_field(name) if model else None
        except Exception:
            field = None
        if entry.action == "create" and new in (None, "", False, [], {}):
            continue
        label = str(getattr(field, "verbose_name", name))
        rows.append((label, _display(field, old, cache), _display(field, new, cache)))
    return rows
