"""Safety commitment pages: filing (phone first), who has not filed today, the ledger and its
export."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from anjian.core.downloads import attachment
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, VIEW, get_for_user, user_can
from anjian.risks import exports, selectors, services
from anjian.risks.choices import JUDGEMENT_ITEMS
from anjian.risks.filtersets import CommitmentFilterSet
from anjian.risks.forms import CommitmentForm
from anjian.risks.models import SafetyCommitment

LABEL = "risks.safetycommitment"
PAGE_SIZE = 50


def _filing_units(user):
    return selectors.units_for(user, LABEL, ADD).select_related("region").order_by("name")


@login_required
def commitment_home(request: HttpRequest) -> HttpResponse:
    """The menu entry: a unit's people file; everyone else sees who has filed today."""
    if not request.user.is_superuser and _filing_units(request.user).exists():
        return redirect("risks:commitment_file")
    return redirect("risks:commitment_today")


@login_required
@require_http_methods(["GET", "POST"])
def commitment_file(request: HttpRequest) -> HttpResponse:
    units = _filing_units(request.user)
    choices = list(units)
    if not choices:
        raise PermissionDenied
    wanted = request.POST.get("unit") or request.GET.get("unit") or ""
    unit = next((u for u in choices if str(u.pk) == wanted), choices[0])
    today = timezone.localdate()
    existing = SafetyCommitment.objects.filter(unit=unit, date=today).first()
    if existing is not None:
        initial = {name: getattr(existing, name) for name in CommitmentForm.base_fields}
    else:
        initial = {"principal": unit.principal}
    form = CommitmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            commitment = services.commitment_file(actor=request.user, unit=unit,
                                                  data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已提交%(unit)s今天的安全承诺") % {"unit": unit.name}
                             if not commitment.corrections else _("已更正今天的安全承诺"))
            return redirect("risks:commitment_detail", pk=commitment.pk)
    town = selectors.town_of(unit.region)
    return render(request, "risks/commitment_file.html", {
        "form": form, "unit": unit, "units": choices, "existing": existing, "today": today,
        "deadline": selectors.deadline(town, today) if town else None,
        "items": [form[name] for name, _label in JUDGEMENT_ITEMS],
    })


@login_required
def commitment_today(request: HttpRequest) -> HttpResponse:
    """Who owes a commitment of a day (today by default) and who has not filed it, with phones."""
    if not user_can(request.user, VIEW, SafetyCommitment):
        raise PermissionDenied
    today = timezone.localdate()
    try:
        day = dt.date.fromisoformat(request.GET.get("date", "")) if request.GET.get("date") else today
    except ValueError:
        day = today
    day = min(day, today)
    rows = selectors.commitment_day(request.user, day)
    missing = [r for r in rows if r.commitment is None]
    return render(request, "risks/commitment_today.html", {
        "day": day, "today": today, "rows": rows, "missing": missing,
        "filed": [r for r in rows if r.commitment is not None],
        "late": sum(1 for r in rows if r.commitment and r.commitment.is_late),
        "can_file": _filing_units(request.user).exists(),
    })


def filtered_commitments(request: HttpRequest):
    filterset = CommitmentFilterSet(request.GET, queryset=selectors.commitment_list(request.user),
                                    user=request.user)
    return filterset, filterset.qs


@login_required
def commitment_list(request: HttpRequest) -> HttpResponse:
    filterset, commitments = filtered_commitments(request)
    page = Paginator(commitments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "risks/commitment_list.html", {"filter": filterset, "page": page})


@login_required
def commitment_export(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, VIEW, SafetyCommitment):
        raise PermissionDenied
    _filterset, commitments = filtered_commitments(request)
    name = _("安全承诺台账_%(d)s.xlsx") % {"d": timezone.localdate().isoformat()}
    return attachment(exports.commitments_xlsx(commitments), name)


@login_required
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_for_user(SafetyCommitment.objects.select_related("unit", "unit__region"),
                              request.user, VIEW, pk=pk)
    items = [(label, getattr(commitment, name)) for name, label in JUDGEMENT_ITEMS]
    may_correct = (commitment.date == timezone.localdate()
                   and _filing_units(request.user).filter(pk=commitment.unit_id).exists())
    return render(request, "risks/commitment_detail.html", {
        "c": commitment, "items": items, "may_correct": may_correct,
        "journal": entries_for(commitment)[:50],
    })


urlpatterns = [
    path("", commitment_home, name="commitment_home"),
    path("commitments/file/", commitment_file, name="commitment_file"),
    path("commitments/today/", commitment_today, name="commitment_today"),
    path("commitments/", commitment_list, name="commitment_list"),
    path("commitments/export/", commitment_export, name="commitment_export"),
    path("commitments/<int:pk>/", commitment_detail, name="commitment_detail"),
]
