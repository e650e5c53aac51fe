from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from anjian.accidents.models import Accident

register = template.Library()


@register.simple_tag
def figure_changes(step) -> list[tuple[str, object, object]]:
    """(label, old, new) of a supplementary report's changed figures."""
    return [(str(Accident._meta.get_field(name).verbose_name), pair[0], pair[1])
            for name, pair in step.figures.items()]


@register.simple_tag
def grade_badge(accident) -> str:
    return format_html('<span class="badge {}">{}</span>', accident.grade_css(),
                       accident.get_grade_display())


@register.simple_tag
def within_badge(within) -> str:
    if within is None:
        return format_html('<span class="badge text-bg-light border" title="{}">{}</span>',
                           _("未设控制指标或缺少基数"), _("未设指标"))
    if within:
        return format_html('<span class="badge text-bg-success">{}</span>', _("控制在指标内"))
    return format_html('<span class="badge text-bg-danger">{}</span>', _("超出控制指标"))
