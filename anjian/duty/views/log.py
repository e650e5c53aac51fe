"""The duty log (值班记录): the list with its filters and export, logging an entry on a shift,
one entry's page (edit, close) and the handover (交接班) to the next shift."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from anjian.core.downloads import attachment
from anjian.core.journal import entries_for
from anjian.core.scope import CHANGE, VIEW, user_can
from anjian.duty import exports, selectors, services
from anjian.duty.filtersets import DutyLogFilterSet
from anjian.duty.forms import HandoverForm, LogEntryForm, local_input, open_matters_text
from anjian.duty.models import DutyHandover, DutyLogEntry, DutyShift

PAGE_SIZE = 50


def _filtered(request: HttpRequest) -> DutyLogFilterSet:
    return DutyLogFilterSet(request.GET, queryset=selectors.log_list(request.user),
                            user=request.user)


@login_required
def log_list(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, VIEW, DutyLogEntry):
        raise PermissionDenied
    filterset = _filtered(request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "duty/log_list.html", {
        "filter": filterset, "page": page, "query": query.urlencode(),
    })


@login_required
def log_export(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, VIEW, DutyLogEntry):
        raise PermissionDenied
    data = exports.log_xlsx(_filtered(request).qs)
    return attachment(data, _("值班记录_%(day)s.xlsx") % {"day": timezone.localdate().isoformat()})


def _shift_to_log(request: HttpRequest, pk: int) -> DutyShift:
    shift = DutyShift.objects.select_related("region", "leader").filter(pk=pk).first()
    if shift is None or not services.may_log_on(request.user, shift):
        raise Http404
    return shift


@login_required
@require_http_methods(["GET", "POST"])
def log_create(request: HttpRequest, pk: int) -> HttpResponse:
    shift = _shift_to_log(request, pk)
    now = timezone.now()
    received = now if shift.start <= now <= shift.end else shift.start
    form = LogEntryForm(request.POST or None, initial={"received_at": local_input(received)})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.log_entry_create(actor=request.user, shift=shift,
                                              data=form.entry_data())
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已记录：%(entry)s") % {"entry": entry})
            return redirect("duty:shift_detail", pk=shift.pk)
    return render(request, "duty/log_form.html", {"form": form, "shift": shift, "entry": None})


@login_required
@require_http_methods(["GET", "POST"])
def log_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One entry; the office edits it here (adds how it was handled, closes it)."""
    entry = selectors.entries_for_user(request.user).filter(pk=pk).first()
    if entry is None:
        raise Http404
    can_change = (services.on_duty(request.user, entry.shift)
                  or DutyLogEntry.objects.for_user(request.user, CHANGE).filter(pk=pk).exists())
    form = None
    if can_change:
        initial = {k: getattr(entry, k) for k in services.LOG_FIELDS}
        initial["received_at"] = local_input(entry.received_at)
        form = LogEntryForm(request.POST or None, initial=initial)
    elif request.method == "POST":
        raise Http404
    if request.method == "POST" and form.is_valid():
        try:
            services.log_entry_update(actor=request.user, entry=entry, data=form.entry_data())
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存值班记录"))
            return redirect("duty:log_detail", pk=pk)
    return render(request, "duty/log_detail.html", {
        "entry": entry, "form": form, "journal": entries_for(entry)[:50],
        "handovers": entry.handovers.select_related("from_shift", "to_shift"),
    })


def _next_shifts(shift: DutyShift):
    """The shifts that may take over: the town's shifts starting from this one's end − 2 hours up
    to a day after it, the earliest first."""
    return (DutyShift.objects.filter(region=shift.region_id,
                                     start__gte=shift.end - dt.timedelta(hours=2),
                                     start__lte=shift.end + dt.timedelta(days=1))
            .exclude(pk=shift.pk).select_related("leader").order_by("start", "pk"))


@login_required
@require_http_methods(["GET", "POST"])
def handover_create(request: HttpRequest, pk: int) -> HttpResponse:
    shift = _shift_to_log(request, pk)
    done = DutyHandover.objects.filter(from_shift=shift).first()
    if done is not None:
        messages.info(request, _("该班次已交班"))
        return redirect("duty:shift_detail", pk=shift.pk)
    next_shifts = _next_shifts(shift)
    open_entries = selectors.open_entries(shift)
    now = timezone.now()
    first = next_shifts.first()
    on_shift = [*shift.people.all()]
    initial = {
        "to_shift": first.pk if first else None,
        "handed_over_by": (on_shift[0].pk if on_shift else shift.leader_id),
        "taken_over_by": (first.people.order_by("name").first() or first.leader).pk if first else None,
        "handed_over_at": local_input(min(max(now, shift.start), shift.end)),
        "open_matters": open_matters_text(open_entries),
        "carried_entries": list(open_entries),
    }
    form = HandoverForm(request.POST or None, shift=shift, next_shifts=next_shifts,
                        open_entries=open_entries, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.handover_create(
                actor=request.user, from_shift=shift, to_shift=form.cleaned_data["to_shift"],
                data=form.handover_data(), carried_entries=form.cleaned_data["carried_entries"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已交班"))
            return redirect("duty:shift_detail", pk=shift.pk)
    return render(request, "duty/handover_form.html", {
        "form": form, "shift": shift, "no_next": first is None,
    })


urlpatterns = [
    path("log/", log_list, name="log_list"),
    path("log/export/", log_export, name="log_export"),
    path("log/<int:pk>/", log_detail, name="log_detail"),
    path("shifts/<int:pk>/log/new/", log_create, name="log_create"),
    path("shifts/<int:pk>/handover/", handover_create, name="handover_create"),
]
