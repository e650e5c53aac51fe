"""Badges of the emergency ledgers: a plan's review status, a supply item's flags."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from anjian.emergency.choices import ReviewStatus

register = template.Library()

REVIEW_CSS = {ReviewStatus.OVERDUE: "text-bg-danger", ReviewStatus.DUE_SOON: "text-bg-warning",
              ReviewStatus.OK: "text-bg-success", ReviewStatus.NO_VERSION: "text-bg-secondary"}


@register.simple_tag
def review_badge(plan, today):
    status = plan.review_status(today)
    return format_html('<span class="badge {} review-{}">{}</span>', REVIEW_CSS[status], status,
                       ReviewStatus(status).label)


@register.simple_tag
def supply_badges(item, today):
    badges = []
    if item.is_low:
        badges.append(("text-bg-danger", "low", _("库存不足")))
    if item.is_expired(today):
        badges.append(("text-bg-danger", "expired", _("已过期")))
    elif item.is_expiring(today):
        badges.append(("text-bg-warning", "expiring", _("即将到期")))
    if not badges:
        return format_html('<span class="text-muted small">{}</span>', _("正常"))
    return format_html_join(" ", '<span class="badge {} supply-{}">{}</span>', badges)
