"""`{% may_view_duty %}`: whether the signed-in user may see the roster (the navbar's 值班 button)."""

from django import template

from anjian.core.scope import VIEW, user_can

register = template.Library()


@register.simple_tag(takes_context=True)
def may_view_duty(context) -> bool:
    from anjian.duty.models import DutyShift

    user = context.get("user")
    return bool(user is not None and user.is_authenticated and user_can(user, VIEW, DutyShift))
