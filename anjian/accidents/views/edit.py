"""Forms of the accidents ledger: record, edit, supplementary report (补报), timeline steps and
the investigation's extension. Every write is a service call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accidents import services
from anjian.accidents.forms import AccidentForm, CasualtyForm, ExtendForm, StepForm
from anjian.accidents.models import Accident, AccidentReportStep
from anjian.core.scope import ADD, CHANGE, get_for_user, user_can


def _call(form, service, **kwargs):
    """Run a service; its refusals land on the form. Returns the result or None."""
    try:
        return service(**kwargs)
    except (ValidationError, PermissionDenied) as exc:
        form.add_service_errors(exc)
    return None


@login_required
def accident_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, Accident):
        raise PermissionDenied
    form = AccidentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reported = data.pop("unit_reported_at", None)
        accident = _call(form, services.accident_create, actor=request.user, data=data,
                         unit_reported_at=reported)
        if accident:
            messages.success(request, _("已登记事故，事故等级：%(g)s") % {
                "g": accident.get_grade_display()})
            return redirect("accidents:detail", pk=accident.pk)
    return render(request, "accidents/accident_form.html", {"form": form})


@login_required
def accident_edit(request: HttpRequest, pk: int) -> HttpResponse:
    accident = get_for_user(Accident, request.user, CHANGE, pk=pk)
    form = AccidentForm(request.POST or None, user=request.user, accident=accident)
    if request.method == "POST" and form.is_valid():
        if _call(form, services.accident_update, actor=request.user, accident=accident,
                 data=form.cleaned_data):
            messages.success(request, _("已保存"))
            return redirect("accidents:detail", pk=pk)
    return render(request, "accidents/accident_form.html", {"form": form, "accident": accident})


@login_required
def accident_casualties(request: HttpRequest, pk: int) -> HttpResponse:
    """补报: new casualty figures."""
    accident = get_for_user(Accident, request.user, CHANGE, pk=pk)
    form = CasualtyForm(request.POST or None, accident=accident)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        at, note = data.pop("at"), data.pop("note")
        step = _call(form, services.accident_casualties_update, actor=request.user,
                     accident=accident, figures=data, note=note, at=at)
        if step:
            if step.within_window:
                messages.success(request, _("已补报，事故等级：%(g)s") % {
                    "g": step.accident.get_grade_display()})
            else:
                messages.warning(request, _("已记录，但已超过补报期限，事故等级保持不变"))
            return redirect("accidents:detail", pk=pk)
    return render(request, "accidents/casualty_form.html", {"form": form, "accident": accident})


@login_required
@require_POST
def step_record(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    accident = get_for_user(Accident, request.user, CHANGE, pk=pk)
    step = get_for_user_step(accident, step_pk)
    form = StepForm(request.POST)
    if form.is_valid() and _call(form, services.report_step_record, actor=request.user,
                                 step=step, **form.cleaned_data):
        messages.success(request, _("已记录“%(s)s”") % {"s": step.get_kind_display()})
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("accidents:detail", pk=pk)


def get_for_user_step(accident: Accident, step_pk: int) -> AccidentReportStep:
    """A step of an accident the user may change (404 for another accident's step)."""
    try:
        return accident.steps.get(pk=step_pk)
    except AccidentReportStep.DoesNotExist:
        raise Http404 from None


@login_required
@require_POST
def investigation_extend(request: HttpRequest, pk: int) -> HttpResponse:
    accident = get_for_user(Accident, request.user, CHANGE, pk=pk)
    form = ExtendForm(request.POST)
    if form.is_valid() and _call(form, services.investigation_extend, actor=request.user,
                                 accident=accident, **form.cleaned_data):
        messages.success(request, _("调查报告提交期限已延长"))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("accidents:detail", pk=pk)
