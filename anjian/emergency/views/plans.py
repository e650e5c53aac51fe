"""Emergency plans (应急预案): ledger, detail with versions, forms, file download, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.attachments import attachment_response
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, get_for_user, user_can
from anjian.emergency import exports, selectors, services
from anjian.emergency.filtersets import PlanFilterSet
from anjian.emergency.forms import PlanForm, VersionForm
from anjian.emergency.models import EmergencyPlan
from anjian.emergency.views.common import export, form_page, list_page, may_change, run


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, filterset_class=PlanFilterSet,
                     queryset=selectors.plan_list(request.user), title=_("应急预案"),
                     table="emergency/_plan_table.html", model=EmergencyPlan, prefix="plan")


@login_required
def plan_export(request: HttpRequest) -> HttpResponse:
    return export(request, PlanFilterSet, selectors.plan_list(request.user), exports.plans_xlsx,
                  _("应急预案台账"))


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for_user(selectors.plan_list(request.user), request.user, pk=pk)
    can_change = may_change(request.user, EmergencyPlan, plan)
    return render(request, "emergency/plan_detail.html", {
        "plan": plan, "review": plan.review_status(timezone.localdate()), "today": timezone.localdate(),
        "versions": plan.versions.all(), "drills": plan.drills.order_by("-held_on")[:20],
        "can_change": can_change, "version_form": VersionForm() if can_change else None,
        "journal": entries_for(plan)[:100],
    })


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, EmergencyPlan):
        raise PermissionDenied
    form = PlanForm(request.POST or None, user=request.user)
    version = VersionForm(request.POST or None, request.FILES or None, prefix="v")
    if request.method == "POST" and form.is_valid() and version.is_valid():
        data = dict(version.cleaned_data)
        file = data.pop("file")
        plan = run(form, lambda: services.plan_create(actor=request.user, data=form.cleaned_data,
                                                      version=data, file=file))
        if plan:
            messages.success(request, _("已登记预案“%(t)s”") % {"t": plan.title})
            return redirect("emergency:plan_detail", pk=plan.pk)
    return form_page(request, form, _("登记应急预案"), reverse("emergency:plan_list"),
                     multipart=True, extra={"second": version, "second_title": _("首个发布版本")})


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for_user(EmergencyPlan, request.user, CHANGE, pk=pk)
    form = PlanForm(request.POST or None, instance=plan, user=request.user, action=CHANGE)
    if request.method == "POST" and form.is_valid():
        saved = run(form, lambda: services.plan_update(
            actor=request.user, plan=EmergencyPlan.objects.get(pk=pk), data=form.cleaned_data))
        if saved:
            messages.success(request, _("已保存"))
            return redirect("emergency:plan_detail", pk=pk)
    return form_page(request, form, _("编辑预案"), reverse("emergency:plan_detail", args=[pk]))


@login_required
def version_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for_user(EmergencyPlan, request.user, CHANGE, pk=pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        file = data.pop("file")
        version = run(form, lambda: services.plan_version_add(actor=request.user, plan=plan,
                                                              data=data, file=file))
        if version:
            messages.success(request, _("已发布版本 %(n)s") % {"n": version.number})
            return redirect("emergency:plan_detail", pk=pk)
    return form_page(request, form, _("发布新版本：%(t)s") % {"t": plan.title},
                     reverse("emergency:plan_detail", args=[pk]), multipart=True)


@login_required
def version_download(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_for_user(request.user, pk)
    try:
        return attachment_response(version)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("emergency:plan_detail", pk=version.plan_id)


urlpatterns = [
    path("plans/", plan_list, name="plan_list"),
    path("plans/export.xlsx", plan_export, name="plan_export"),
    path("plans/new/", plan_create, name="plan_create"),
    path("plans/<int:pk>/", plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plan_edit, name="plan_edit"),
    path("plans/<int:pk>/versions/new/", version_add, name="version_add"),
    path("plan-versions/<int:pk>/file/", version_download, name="version_download"),
]
