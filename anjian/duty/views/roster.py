"""The roster (值班表): who is on duty now, the week or month view with its uncovered hours and
overlapping shifts, one shift's page, the shift form, the generator and the Excel export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from anjian.core.downloads import attachment
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, DELETE, VIEW, get_for_user, user_can
from anjian.duty import exports, selectors, services
from anjian.duty.filtersets import DutyShiftFilterSet, day_start
from anjian.duty.forms import GenerateForm, ShiftForm, local_input
from anjian.duty.models import DutyHandover, DutyLogEntry, DutyShift


def _town(request: HttpRequest):
    """The town the page is about: ?town=<id> among those the user may read, else the first."""
    towns = selectors.duty_towns(request.user)
    raw = request.GET.get("town", "")
    if raw:
        town = towns.filter(pk=int(raw)).first() if raw.isdigit() else None
        if town is None:
            raise Http404
        return town, towns
    town = towns.first()
    if town is None and not user_can(request.user, VIEW, DutyShift):
        raise PermissionDenied
    return town, towns


@login_required
def duty_now(request: HttpRequest) -> HttpResponse:
    """Who is on duty now (当前值班), with tap-to-call phone links, and the next shift."""
    town, towns = _town(request)
    now = timezone.now()
    current = list(selectors.on_duty_now(town, now)) if town else []
    for shift in current:
        shift.can_log = services.may_log_on(request.user, shift)
    return render(request, "duty/now.html", {
        "town": town, "towns": towns, "now": now, "current": current,
        "next": selectors.next_shift(town, now) if town else None,
    })


@dataclass
class Row:
    start: dt.datetime
    end: dt.datetime
    shift: DutyShift | None = None  # None: an uncovered interval
    overlapping: bool = False


def _window(request: HttpRequest) -> tuple[str, dt.date, dt.date]:
    span = "month" if request.GET.get("span") == "month" else "week"
    today = timezone.localdate()
    first = parse_date(request.GET.get("start") or "") or today
    if span == "month":
        first = first.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1)
    else:
        first -= dt.timedelta(days=first.weekday())
        last = first + dt.timedelta(days=7)
    return span, first, last


@login_required
def roster(request: HttpRequest) -> HttpResponse:
    town, towns = _town(request)
    span, first, last = _window(request)
    days = []
    coverage = None
    if town is not None:
        coverage = selectors.coverage_gaps(town, day_start(first), day_start(last))
        overlapping = {s.pk for o in coverage.overlaps for s in o.shifts}
        day = first
        while day < last:
            a, b = day_start(day), day_start(day + dt.timedelta(days=1))
            rows = [Row(s.start, s.end, s, s.pk in overlapping) for s in coverage.shifts
                    if s.start < b and a < s.end]
            rows += [Row(max(g.start, a), min(g.end, b)) for g in coverage.gaps if g.touches(a, b)]
            days.append((day, sorted(rows, key=lambda r: (r.start, r.shift is not None))))
            day += dt.timedelta(days=1)
    step = dt.timedelta(days=7) if span == "week" else dt.timedelta(days=1)
    previous = (first - step).replace(day=1) if span == "month" else first - step
    return render(request, "duty/roster.html", {
        "town": town, "towns": towns, "span": span, "first": first,
        "last_day": last - dt.timedelta(days=1), "previous": previous, "next": last,
        "days": days, "coverage": coverage, "today": timezone.localdate(),
        "can_add": user_can(request.user, ADD, DutyShift),
    })


@login_required
def roster_export(request: HttpRequest) -> HttpResponse:
    filterset = DutyShiftFilterSet(request.GET, queryset=selectors.shift_list(request.user)
                                   .order_by("start", "pk"), user=request.user)
    data = exports.roster_xlsx(filterset.qs)
    return attachment(data, _("值班表_%(day)s.xlsx") % {"day": timezone.localdate().isoformat()})


@login_required
def shift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_for_user(selectors.shift_list(request.user), request.user, VIEW, pk=pk)
    entries = DutyLogEntry.objects.for_user(request.user).filter(shift=shift).order_by(
        "received_at", "pk").select_related("logged_by")
    handovers = DutyHandover.objects.for_user(request.user).select_related(
        "from_shift", "to_shift", "handed_over_by", "taken_over_by")
    return render(request, "duty/shift_detail.html", {
        "shift": shift, "entries": entries, "now": timezone.now(),
        "handover_out": handovers.filter(from_shift=shift).first(),
        "handovers_in": handovers.filter(to_shift=shift),
        "carried_in": selectors.open_entries(shift).exclude(shift=shift),
        "can_log": services.may_log_on(request.user, shift),
        "can_view_log": user_can(request.user, VIEW, DutyLogEntry),
        "can_change": DutyShift.objects.for_user(request.user, CHANGE).filter(pk=pk).exists(),
        "journal": entries_for(shift)[:50],
    })


def _save_shift(request: HttpRequest, shift: DutyShift | None) -> HttpResponse:
    initial = {}
    if shift is not None:
        initial = {"region": shift.region_id, "start": local_input(shift.start),
                   "end": local_input(shift.end), "people": list(shift.people.all()),
                   "leader": shift.leader_id, "note": shift.note}
    else:
        start = parse_date(request.GET.get("day") or "")
        if start:
            initial = {"start": f"{start}T08:30", "end": f"{start}T17:30"}
    form = ShiftForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if shift is None:
                shift = services.shift_create(actor=request.user, data=form.shift_data())
                messages.success(request, _("已添加班次 %(shift)s") % {"shift": shift})
            else:
                shift = services.shift_update(actor=request.user, shift=shift,
                                              data=form.shift_data())
                messages.success(request, _("已保存班次 %(shift)s") % {"shift": shift})
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            return redirect("duty:shift_detail", pk=shift.pk)
    return render(request, "duty/shift_form.html", {"form": form, "shift": shift})


@login_required
@require_http_methods(["GET", "POST"])
def shift_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, DutyShift):
        raise PermissionDenied
    return _save_shift(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def shift_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_shift(request, get_for_user(DutyShift, request.user, CHANGE, pk=pk))


@login_required
@require_POST
def shift_delete(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_for_user(DutyShift, request.user, DELETE, pk=pk)
    try:
        services.shift_delete(actor=request.user, shift=shift)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("duty:shift_detail", pk=pk)
    messages.success(request, _("已删除班次"))
    return redirect("duty:roster")


@login_required
@require_http_methods(["GET", "POST"])
def generate(request: HttpRequest) -> HttpResponse:
    """Fill a period from a pattern (排班): day and night shifts, rotating staff and leaders."""
    if not user_can(request.user, ADD, DutyShift):
        raise PermissionDenied
    form = GenerateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.shifts_generate(
                actor=request.user, region=data["region"], first_day=data["first_day"],
                last_day=data["last_day"], staff=list(data["staff"]),
                leaders=list(data["leaders"]), per_shift=data["per_shift"], slots=form.slots(),
                note=data["note"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已生成 %(created)s 个班次，跳过已有班次的时段 %(skipped)s 个")
                             % {"created": len(result.created), "skipped": result.skipped})
            return redirect(f"{reverse('duty:roster')}?town={data['region'].pk}&start={data['first_day']}"
                            f"&span=month")
    return render(request, "duty/generate.html", {"form": form})


urlpatterns = [
    path("", roster, name="roster"),
    path("now/", duty_now, name="now"),
    path("export/", roster_export, name="roster_export"),
    path("shifts/new/", shift_create, name="shift_create"),
    path("shifts/generate/", generate, name="generate"),
    path("shifts/<int:pk>/", shift_detail, name="shift_detail"),
    path("shifts/<int:pk>/edit/", shift_edit, name="shift_edit"),
    path("shifts/<int:pk>/delete/", shift_delete, name="shift_delete"),
]
