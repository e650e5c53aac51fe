from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from anjian.core.templatetags.core_tags import RISK_CSS
from anjian.risks import rules
from anjian.units.choices import RiskLevel

register = template.Library()


@register.simple_tag
def colour_badge(colour: str, short: bool = False):
    """A four-colour badge for a colour value ("red" …); grey 未评定 when blank."""
    try:
        label = str(RiskLevel(colour).label)
    except ValueError:
        label = _("未评定")
    if short and colour:
        label = label.split("（")[-1].rstrip("）")
    return format_html('<span class="badge {}" data-colour="{}">{}</span>',
                       RISK_CSS.get(colour, "risk-none"), colour or "", label)


@register.filter
def score(value) -> str:
    return rules.fmt(value)
