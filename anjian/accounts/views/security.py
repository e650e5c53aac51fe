"""Login lock-outs (登录锁定) for the security administrator (安全管理员, 三员分立)."""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts import services
from anjian.accounts.choices import Role


def _require_security_admin(request) -> None:
    if not request.user.has_role(Role.SECURITY_ADMIN):
        raise PermissionDenied


@login_required
def lockout_list(request: HttpRequest) -> HttpResponse:
    _require_security_admin(request)
    limit = settings.AXES_FAILURE_LIMIT
    attempts = AccessAttempt.objects.order_by("-failures_since_start", "-attempt_time")[:200]
    rows = [{"attempt": a, "locked": a.failures_since_start >= limit} for a in attempts]
    failures = AccessFailureLog.objects.order_by("-attempt_time")[:100]
    return render(request, "accounts/lockout_list.html", {
        "rows": rows, "failures": failures, "limit": limit,
        "cooloff_minutes": int(float(settings.AXES_COOLOFF_TIME) * 60),
    })


@login_required
@require_POST
def lockout_reset(request: HttpRequest, pk: int) -> HttpResponse:
    _require_security_admin(request)
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    services.login_lockout_reset(actor=request.user, attempt=attempt)
    messages.success(request, _("已解除“%(u)s”的登录锁定") % {"u": attempt.username or "—"})
    return redirect("accounts:lockouts")
