"""The incident log (突发事件): ledger, detail with its timeline, forms, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, get_for_user, user_can
from anjian.emergency import exports, selectors, services
from anjian.emergency.filtersets import IncidentFilterSet
from anjian.emergency.forms import CloseForm, EventForm, IncidentForm
from anjian.emergency.models import Incident
from anjian.emergency.views.common import export, form_page, list_page, may_change, run


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, filterset_class=IncidentFilterSet,
                     queryset=selectors.incident_list(request.user), title=_("突发事件"),
                     table="emergency/_incident_table.html", model=Incident, prefix="incident")


@login_required
def incident_export(request: HttpRequest) -> HttpResponse:
    return export(request, IncidentFilterSet, selectors.incident_list(request.user),
                  exports.incidents_xlsx, _("突发事件台账"))


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_for_user(selectors.incident_list(request.user), request.user, pk=pk)
    can_change = may_change(request.user, Incident, incident)
    is_open = incident.status == "open"
    return render(request, "emergency/incident_detail.html", {
        "incident": incident, "events": incident.events.all(), "can_change": can_change,
        "event_form": EventForm() if can_change and is_open else None,
        "close_form": CloseForm() if can_change and is_open else None,
        "journal": entries_for(incident)[:100],
    })


@login_required
def incident_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, Incident):
        raise PermissionDenied
    form = IncidentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        incident = run(form, lambda: services.incident_create(actor=request.user,
                                                              data=form.cleaned_data))
        if incident:
            messages.success(request, _("已登记突发事件"))
            return redirect("emergency:incident_detail", pk=incident.pk)
    return form_page(request, form, _("登记突发事件"), reverse("emergency:incident_list"))


@login_required
def incident_edit(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_for_user(Incident, request.user, CHANGE, pk=pk)
    form = IncidentForm(request.POST or None, instance=incident, user=request.user,
                        action=CHANGE)
    if request.method == "POST" and form.is_valid():
        if run(form, lambda: services.incident_update(actor=request.user,
                                                      incident=Incident.objects.get(pk=pk),
                                                      data=form.cleaned_data)):
            messages.success(request, _("已保存"))
            return redirect("emergency:incident_detail", pk=pk)
    return form_page(request, form, _("编辑突发事件"),
                     reverse("emergency:incident_detail", args=[pk]))


@login_required
@require_POST
def event_add(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_for_user(Incident, request.user, CHANGE, pk=pk)
    form = EventForm(request.POST)
    if form.is_valid() and run(form, lambda: services.incident_event_add(
            actor=request.user, incident=incident, data=form.cleaned_data)):
        messages.success(request, _("已记录事件进展"))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("emergency:incident_detail", pk=pk)


@login_required
@require_POST
def incident_close(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_for_user(Incident, request.user, CHANGE, pk=pk)
    form = CloseForm(request.POST)
    if form.is_valid() and run(form, lambda: services.incident_close(
            actor=request.user, incident=incident, outcome=form.cleaned_data["outcome"])):
        messages.success(request, _("已标记处置完毕"))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("emergency:incident_detail", pk=pk)


urlpatterns = [
    path("incidents/", incident_list, name="incident_list"),
    path("incidents/export.xlsx", incident_export, name="incident_export"),
    path("incidents/new/", incident_create, name="incident_create"),
    path("incidents/<int:pk>/", incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/edit/", incident_edit, name="incident_edit"),
    path("incidents/<int:pk>/events/", event_add, name="event_add"),
    path("incidents/<int:pk>/close/", incident_close, name="incident_close"),
]
