"""Drills (应急演练): ledger, detail with the problems found, 转为隐患 in one step, the
drill-frequency check (演练频次) and its configurable table."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.decorators import office_required
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, user_can
from anjian.emergency import exports, selectors, services
from anjian.emergency.filtersets import DrillFilterSet
from anjian.emergency.forms import DrillForm, ProblemForm, ProblemHazardForm, RequirementForm
from anjian.emergency.models import Drill, DrillProblem, DrillRequirement
from anjian.emergency.views.common import export, form_page, list_page, may_change, run
from anjian.hazards.choices import PhotoStage
from anjian.hazards.services import StagedPhoto
from anjian.regions.models import Region
from anjian.units.models import Unit


@login_required
def drill_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, filterset_class=DrillFilterSet,
                     queryset=selectors.drill_list(request.user), title=_("应急演练"),
                     table="emergency/_drill_table.html", model=Drill, prefix="drill")


@login_required
def drill_export(request: HttpRequest) -> HttpResponse:
    return export(request, DrillFilterSet, selectors.drill_list(request.user),
                  exports.drills_xlsx, _("应急演练台账"))


def _drill(request, pk: int, action: str = VIEW) -> Drill:
    return get_for_user(selectors.drill_list(request.user, action), request.user, action, pk=pk)


@login_required
def drill_detail(request: HttpRequest, pk: int) -> HttpResponse:
    drill = _drill(request, pk)
    can_change = may_change(request.user, Drill, drill)
    return render(request, "emergency/drill_detail.html", {
        "drill": drill, "can_change": can_change,
        "problems": drill.problems.select_related("unit", "hazard"),
        "problem_form": ProblemForm(user=request.user) if can_change else None,
        "journal": entries_for(drill)[:100],
    })


@login_required
def drill_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, Drill):
        raise PermissionDenied
    form = DrillForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        drill = run(form, lambda: services.drill_create(actor=request.user,
                                                        data=form.cleaned_data))
        if drill:
            messages.success(request, _("已登记演练，可继续登记发现的问题"))
            return redirect("emergency:drill_detail", pk=drill.pk)
    return form_page(request, form, _("登记应急演练"), reverse("emergency:drill_list"))


@login_required
def drill_edit(request: HttpRequest, pk: int) -> HttpResponse:
    drill = _drill(request, pk, CHANGE)
    form = DrillForm(request.POST or None, instance=drill, user=request.user, action=CHANGE)
    if request.method == "POST" and form.is_valid():
        saved = run(form, lambda: services.drill_update(
            actor=request.user, drill=Drill.objects.get(pk=pk), data=form.cleaned_data))
        if saved:
            messages.success(request, _("已保存"))
            return redirect("emergency:drill_detail", pk=pk)
    return form_page(request, form, _("编辑演练"), reverse("emergency:drill_detail", args=[pk]))


@login_required
@require_POST
def problem_add(request: HttpRequest, pk: int) -> HttpResponse:
    drill = _drill(request, pk, CHANGE)
    form = ProblemForm(request.POST, user=request.user)
    if form.is_valid() and run(form, lambda: services.drill_problem_add(
            actor=request.user, drill=drill, data=form.cleaned_data)):
        messages.success(request, _("已登记发现的问题"))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("emergency:drill_detail", pk=pk)


@login_required
def problem_to_hazard(request: HttpRequest, pk: int) -> HttpResponse:
    """转为隐患: one page, the problem's text pre-filled; a second time is refused."""
    problem = DrillProblem.objects.select_related("drill", "hazard").filter(
        pk=pk, drill__in=Drill.objects.for_user(request.user, CHANGE).values("pk")).first()
    if problem is None:
        raise Http404
    if problem.hazard_id:
        messages.info(request, _("该问题已转为隐患 %(n)s") % {"n": problem.hazard.number})
        return redirect("hazards:detail", pk=problem.hazard_id)
    form = ProblemHazardForm(request.POST or None, request.FILES or None, user=request.user,
                             problem=problem)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        photos = [StagedPhoto(p, PhotoStage.DISCOVERY) for p in data["photos"]]
        hazard = run(form, lambda: services.drill_problem_to_hazard(
            actor=request.user, problem=problem, unit=data["unit"], data=data, photos=photos))
        if hazard:
            messages.success(request, _("已转为隐患 %(n)s，进入隐患闭环管理") % {"n": hazard.number})
            return redirect("emergency:drill_detail", pk=problem.drill_id)
    return form_page(request, form, _("演练问题转为隐患"),
                     reverse("emergency:drill_detail", args=[problem.drill_id]), multipart=True,
                     extra={"intro": problem.drill})


def _user_region(user) -> Region | None:
    """The deepest region holding every region the user's drill grants reach (None: unit-only)."""
    paths = [g.region_path.strip("/").split("/") for g in user.scope_grants
             if g.region_path and g.allows("emergency.drill", VIEW)]
    common: list[str] = []
    for parts in zip(*paths, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return Region.objects.filter(pk=int(common[-1])).first() if common else None


@login_required
def drills_behind(request: HttpRequest) -> HttpResponse:
    """演练频次检查: owners behind the frequencies of 《生产安全事故应急条例》 Art. 8."""
    if not user_can(request.user, VIEW, Drill):
        raise PermissionDenied
    today = timezone.localdate()
    region = _user_region(request.user)
    # Units within the user's scope only; a unit-only user (an enterprise) sees its own units.
    rows = selectors.drills_behind(region, today, units=Unit.objects.for_user(request.user))
    town_months, _unit_rows = selectors.requirements()
    return render(request, "emergency/drills_behind.html", {
        "rows": rows, "today": today, "town_months": town_months,
        "requirements": selectors.requirement_rows(),
        "can_edit": request.user.has_role("safety_office"),
    })


@office_required
def requirement_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    row = DrillRequirement.objects.filter(pk=pk).first() if pk else None
    if pk and row is None:
        raise Http404
    form = RequirementForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        saved = run(form, lambda: services.drill_requirement_set(
            actor=request.user, requirement=row, data=form.cleaned_data))
        if saved:
            messages.success(request, _("已保存演练频次要求"))
            return redirect("emergency:drills_behind")
    return form_page(request, form, _("演练频次要求"), reverse("emergency:drills_behind"))


urlpatterns = [
    path("drills/", drill_list, name="drill_list"),
    path("drills/export.xlsx", drill_export, name="drill_export"),
    path("drills/new/", drill_create, name="drill_create"),
    path("drills/behind/", drills_behind, name="drills_behind"),
    path("drills/requirements/new/", requirement_edit, name="requirement_create"),
    path("drills/requirements/<int:pk>/", requirement_edit, name="requirement_edit"),
    path("drills/<int:pk>/", drill_detail, name="drill_detail"),
    path("drills/<int:pk>/edit/", drill_edit, name="drill_edit"),
    path("drills/<int:pk>/problems/", problem_add, name="problem_add"),
    path("drill-problems/<int:pk>/hazard/", problem_to_hazard, name="problem_to_hazard"),
]
