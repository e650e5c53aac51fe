"""Inspection plans (检查计划) and their tasks, and the grid worker's to-do list (我的检查任务)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, user_can
from anjian.inspections import selectors, services
from anjian.inspections.choices import TaskStatus
from anjian.inspections.filtersets import PlanFilterSet, TaskFilterSet
from anjian.inspections.forms import PlanForm
from anjian.inspections.models import InspectionPlan
from anjian.regions.selectors import regions_for_placing

PAGE_SIZE = 30
TASK_PAGE_SIZE = 50


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, VIEW, InspectionPlan):
        raise PermissionDenied
    filterset = PlanFilterSet(request.GET or None, queryset=selectors.plan_list(request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inspections/plan_list.html", {
        "filter": filterset, "page": page,
        "can_add": user_can(request.user, ADD, InspectionPlan),
        "today": timezone.localdate()})


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user_can(user, ADD, InspectionPlan):
        raise PermissionDenied
    regions = regions_for_placing(user, InspectionPlan, ADD)
    today = timezone.localdate()
    form = PlanForm(request.POST or None, user=user, regions=regions, initial={
        "start_date": today, "end_date": today + dt.timedelta(days=30),
        "region": regions.filter(level__lte=3).order_by("level", "path").first()})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()
                if k not in ("inspectors", "organisations")}
        try:
            plan = services.plan_create(actor=user, data=data,
                                        inspectors=form.cleaned_data["inspectors"],
                                        organisations=form.cleaned_data["organisations"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已创建检查计划，生成检查任务 %(n)s 个") % {
                "n": plan.tasks.count()})
            return redirect("inspections:plan_detail", pk=plan.pk)
    return render(request, "inspections/plan_form.html", {"form": form})


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    plan = get_for_user(InspectionPlan.objects.select_related("region", "template", "leader"),
                        user, pk=pk)
    tasks = selectors.task_list(user).filter(plan=plan).select_related("record")
    progress = tasks.order_by().aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status=TaskStatus.DONE)),
        pending=Count("pk", filter=Q(status=TaskStatus.PENDING)))
    progress["share"] = (round(100 * progress["done"] / progress["total"], 1)
                         if progress["total"] else None)
    filterset = TaskFilterSet(request.GET or None, queryset=tasks)
    page = Paginator(filterset.qs.order_by("status", "due_date", "unit__name", "pk"),
                     TASK_PAGE_SIZE).get_page(request.GET.get("page"))
    reachable = set(selectors.reachable_units(user).filter(
        pk__in=[t.unit_id for t in page.object_list]).values_list("pk", flat=True))
    return render(request, "inspections/plan_detail.html", {
        "plan": plan, "page": page, "filter": filterset, "progress": progress,
        "reachable": reachable, "today": timezone.localdate(),
        "inspectors": plan.inspectors.all(), "organisations": plan.organisations.all(),
        "category_labels": _category_labels(plan.categories),
        "can_close": plan.status != "closed" and InspectionPlan.objects.for_user(
            user, CHANGE).filter(pk=plan.pk).exists()})


@login_required
@require_POST
def plan_close(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_for_user(InspectionPlan, request.user, pk=pk)
    try:
        services.plan_close(actor=request.user, plan=plan)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("计划已结束，未检查的任务计为漏检"))
    return redirect("inspections:plan_detail", pk=plan.pk)


def _category_labels(values) -> list[str]:
    from anjian.units.choices import Category

    labels = dict(Category.choices)
    return [labels.get(v, v) for v in values or []]


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    tasks = selectors.my_tasks(request.user)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inspections/my_tasks.html", {
        "page": page, "today": timezone.localdate()})
