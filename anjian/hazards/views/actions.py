"""Writes of the hazard pages: report, every workflow action, raising from an inspection answer,
and the stamped photos. Views stay thin: the services decide, the forms show what they said."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from anjian.core.photos import PhotoIntegrityError, stamped_response
from anjian.core.scope import ADD, VIEW, get_for_user
from anjian.hazards import handlers, services
from anjian.hazards.choices import HazardAction, HazardState, PhotoStage
from anjian.hazards.forms import ACTION_FORMS, HazardReportForm, RaiseFromAnswerForm
from anjian.hazards.intake import hazard_raise_from_answer, prefilled
from anjian.hazards.models import Hazard, HazardPhoto
from anjian.hazards.workflow import transition_for
from anjian.inspections.models import InspectionAnswer, InspectionRecord
from anjian.inspections.services import units_reachable
from anjian.units.choices import UnitStatus

THUMB_SIDE = 400


def _report_units(user):
    return (units_reachable(user, "hazards.hazard", ADD).filter(status=UnitStatus.ACTIVE)
            .select_related("region").order_by("name"))


@login_required
@require_http_methods(["GET", "POST"])
def hazard_report(request: HttpRequest) -> HttpResponse:
    units = _report_units(request.user)
    initial = {}
    previous = _recurring(request)
    unit_id = str(previous.unit_id) if previous else request.GET.get("unit", "")
    if unit_id.isdigit() and units.filter(pk=int(unit_id)).exists():
        initial["unit"] = int(unit_id)
    elif request.method == "GET":
        only = list(units.values_list("pk", flat=True)[:2])
        if len(only) == 1:  # an enterprise with its one unit
            initial["unit"] = only[0]
    form = HazardReportForm(request.POST or None, request.FILES or None, units=units,
                            user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            hazard = services.hazard_report(actor=request.user, unit=form.cleaned_data["unit"],
                                            data=form.hazard_data(),
                                            photos=form.staged_photos(), previous=previous)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已上报隐患 %(number)s") % {"number": hazard.number})
            return redirect("hazards:detail", pk=hazard.pk)
    return render(request, "hazards/hazard_report.html", {
        "form": form, "no_units": not units.exists(), "previous": previous,
    })


def _recurring(request: HttpRequest) -> Hazard | None:
    """复发: the closed hazard a new report recurs from (?previous=<id>), within the user's scope."""
    raw = request.POST.get("previous") or request.GET.get("previous") or ""
    if not raw.isdigit():
        return None
    return Hazard.objects.for_user(request.user).filter(
        pk=int(raw), state=HazardState.CLOSED).select_related("unit").first()


def _not_allowed_reason(user, hazard: Hazard, action: str) -> str:
    """Why the action's form is not offered on a GET (the service decides on POST)."""
    transition = transition_for(action)
    if hazard.state not in transition.sources:
        return _("隐患当前状态为“%(state)s”，不能执行“%(action)s”。") % {
            "state": hazard.get_state_display(), "action": HazardAction(action).label}
    if not services.may_take(user, hazard, transition):
        return _("您无权对该隐患执行“%(action)s”。") % {"action": HazardAction(action).label}
    return handlers.precondition_error(hazard, action, user) or ""


@login_required
@require_http_methods(["GET", "POST"])
def hazard_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    hazard = get_for_user(Hazard.objects.select_related("unit", "region"), request.user, VIEW,
                          pk=pk)
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404
    form = form_class(request.POST or None, request.FILES or None, hazard=hazard)
    conflict = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.hazard_transition(
                actor=request.user, hazard=hazard.pk, action=action, data=form.service_data(),
                photos=form.staged_photos(), expected_version=form.cleaned_data["version"])
        except services.HazardConflict as exc:
            conflict, status = " ".join(exc.messages), 409
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已完成“%(action)s”：%(number)s") % {
                "action": HazardAction(action).label, "number": hazard.number})
            return redirect("hazards:detail", pk=hazard.pk)
    blocked = "" if request.method == "POST" else _not_allowed_reason(request.user, hazard, action)
    return render(request, "hazards/hazard_action.html", {
        "hazard": hazard, "form": form, "action": action,
        "action_label": HazardAction(action).label, "conflict": conflict, "blocked": blocked,
    }, status=status)


@login_required
def hazard_photo(request: HttpRequest, pk: int) -> HttpResponse:
    photo = get_for_user(HazardPhoto, request.user, VIEW, pk=pk)
    max_side = THUMB_SIDE if request.GET.get("size") == "thumb" else 1600
    try:
        return stamped_response(photo, max_side=max_side)
    except (PhotoIntegrityError, OSError):
        return HttpResponse(_("照片原件缺失或与登记的摘要不符，无法显示"), status=500,
                            content_type="text/plain; charset=utf-8")


def _reachable_answer(user, answer_pk: int) -> InspectionAnswer:
    records = InspectionRecord.objects.for_user(user)
    answer = (InspectionAnswer.objects.filter(pk=answer_pk, record__in=records)
              .select_related("record", "record__unit", "item").first())
    if answer is None:
        raise Http404
    return answer


@login_required
@require_http_methods(["GET", "POST"])
def raise_from_answer(request: HttpRequest, answer_pk: int) -> HttpResponse:
    answer = _reachable_answer(request.user, answer_pk)
    existing = (Hazard.objects.for_user(request.user).filter(answer=answer)
                .only("pk", "number").first())
    initial = prefilled(answer.record, answer, request.user)
    form = RaiseFromAnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            hazard = hazard_raise_from_answer(actor=request.user, answer=answer,
                                              overrides=form.hazard_data())
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已生成隐患 %(number)s") % {"number": hazard.number})
            return redirect("hazards:detail", pk=hazard.pk)
    return render(request, "hazards/raise_from_answer.html", {
        "form": form, "answer": answer, "record": answer.record, "existing": existing,
        "photo_count": answer.photos.count(), "stage": PhotoStage.DISCOVERY.label,
    })


urlpatterns = [
    path("report/", hazard_report, name="report"),
    path("<int:pk>/action/<str:action>/", hazard_action, name="action"),
    path("photos/<int:pk>/", hazard_photo, name="photo"),
    path("from-answer/<int:answer_pk>/", raise_from_answer, name="raise_from_answer"),
]
