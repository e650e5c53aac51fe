"""Security administration (安全管理员): releasing login lock-outs recorded by django-axes."""

from __future__ import annotations

from axes.models import AccessAttempt
from axes.utils import reset
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.choices import Role
from anjian.core import journal
from anjian.core.models import JournalAction


@transaction.atomic
def login_lockout_reset(*, actor, attempt: AccessAttempt) -> int:
    """解除锁定: forget the failed attempts of one username and address, so they may log in
    again; journaled with who released whom. Returns the number of attempt rows removed."""
    if actor is not None and not actor.has_role(Role.SECURITY_ADMIN):
        raise PermissionDenied(_("只有安全管理员可以解除登录锁定"))
    who = attempt.username or "—"
    journal.record(actor, attempt, JournalAction.DELETE, comment=_(
        "解除登录锁定：用户名 %(u)s，地址 %(ip)s，失败 %(n)d 次") % {
        "u": who, "ip": attempt.ip_address or "—", "n": attempt.failures_since_start})
    return reset(ip=attempt.ip_address, username=attempt.username)
