"""Enforcement actions (执法记录): ledger, detail (order → re-inspection), forms, export, and the
statistics per period (counts by kind, penalties, illegal acts stopped, joint actions)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, user_can
from anjian.documents.views.common import export, form_page, list_page, may, run
from anjian.enforcement import exports, selectors, services
from anjian.enforcement.choices import ActionKind, OrderState
from anjian.enforcement.filtersets import ActionFilterSet
from anjian.enforcement.forms import ActionForm
from anjian.enforcement.models import EnforcementAction
from anjian.regions.models import Region

URLS = {"list": "enforcement:action_list", "export": "enforcement:action_export",
        "create": "enforcement:action_create"}


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, filterset_class=ActionFilterSet,
                     queryset=selectors.action_list(request.user), title=_("执法记录"),
                     table="enforcement/_action_table.html", model=EnforcementAction, urls=URLS,
                     hidden=("unit",),
                     extra={"links": [("enforcement:statistics", _("执法统计")),
                                      ("enforcement:listing_list", _("失信名单"))]})


@login_required
def action_export(request: HttpRequest) -> HttpResponse:
    return export(request, ActionFilterSet, selectors.action_list(request.user),
                  exports.actions_xlsx, _("执法记录台账"))


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_for_user(selectors.action_list(request.user), request.user, pk=pk)
    can_change = may(request.user, EnforcementAction, action)
    state = action.order_state(timezone.localdate())
    return render(request, "enforcement/action_detail.html", {
        "action": action, "today": timezone.localdate(), "can_change": can_change,
        "state": state,
        "followups": selectors.action_list(request.user).filter(follows=action),
        "officers": action.officers.all(), "organisations": action.organisations.all(),
        "can_reinspect": can_change and state in (OrderState.PENDING, OrderState.OVERDUE),
        "journal": entries_for(action)[:100],
    })


@login_required
def action_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, EnforcementAction):
        raise PermissionDenied
    initial = {"acted_on": timezone.localdate()}
    follows = request.GET.get("follows")
    if follows and follows.isdigit():
        order = get_for_user(EnforcementAction, request.user, pk=int(follows))
        initial.update(kind=ActionKind.REINSPECTION, follows=order, unit=order.unit)
    form = ActionForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        action = run(form, lambda: services.action_create(actor=request.user,
                                                          data=form.cleaned_data))
        if action:
            messages.success(request, _("已登记执法记录"))
            return redirect("enforcement:action_detail", pk=action.pk)
    return form_page(request, form, _("登记执法记录"), reverse("enforcement:action_list"))


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_for_user(EnforcementAction, request.user, CHANGE, pk=pk)
    form = ActionForm(request.POST or None, instance=action, user=request.user, action=CHANGE)
    if request.method == "POST" and form.is_valid():
        saved = run(form, lambda: services.action_update(
            actor=request.user, action=EnforcementAction.objects.get(pk=pk),
            data=form.cleaned_data))
        if saved:
            messages.success(request, _("已保存"))
            return redirect("enforcement:action_detail", pk=pk)
    return form_page(request, form, _("编辑执法记录"),
                     reverse("enforcement:action_detail", args=[pk]))


def _period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    """?start=&end= (dates), default the last 12 months."""
    today = timezone.localdate()
    try:
        start = dt.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        start = today.replace(year=today.year - 1) + dt.timedelta(days=1)
    try:
        end = dt.date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        end = today
    return start, end


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """Counts per period for each town in the user's scope (the office and leaders)."""
    if not user_can(request.user, VIEW, EnforcementAction):
        raise Http404
    towns = Region.objects.for_user(request.user).filter(level=2).order_by("path")
    start, end = _period(request)
    rows = [(town, selectors.enforcement_counts(town, start, end)) for town in towns]
    return render(request, "enforcement/statistics.html", {
        "rows": rows, "start": start, "end": end, "kinds": ActionKind.choices})


urlpatterns = [
    path("", action_list, name="action_list"),
    path("export.xlsx", action_export, name="action_export"),
    path("new/", action_create, name="action_create"),
    path("statistics/", statistics, name="statistics"),
    path("<int:pk>/", action_detail, name="action_detail"),
    path("<int:pk>/edit/", action_edit, name="action_edit"),
]
