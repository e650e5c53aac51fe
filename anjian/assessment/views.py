"""Ranking (考核排名) with each target's breakdown, the scheme editor (考核方案), and the
accountability ledger (问责记录) with its documents."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.assessment import exports, selectors, services
from anjian.assessment.filtersets import ActionFilterSet
from anjian.assessment.forms import ActionForm, IndicatorFormSet, SchemeForm
from anjian.assessment.models import (
    APPLIES,
    AccountabilityAction,
    IndicatorKey,
    Scheme,
    Snapshot,
    TargetKind,
)
from anjian.core.attachments import attachment_response
from anjian.core.downloads import attachment
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, get_for_user, user_can

FIELDS = services.FIELDS


def _period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    """[start, end] from the query string, by default the year so far."""
    today = timezone.localdate()
    try:
        start = dt.date.fromisoformat(request.GET.get("start") or f"{today.year}-01-01")
        end = dt.date.fromisoformat(request.GET.get("end") or today.isoformat())
    except ValueError:
        start, end = dt.date(today.year, 1, 1), today
    return start, max(start, end)


def _scheme(request: HttpRequest) -> Scheme | None:
    schemes = selectors.schemes_for(request.user)
    wanted = request.GET.get("scheme")
    if wanted:
        return get_object_or_404(schemes, pk=wanted) if wanted.isdigit() else None
    return schemes.filter(active=True).first()


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    scheme = _scheme(request)
    user = request.user
    if scheme is None and not selectors.schemes_for(user).exists():
        if not (user_can(user, "view", Scheme) or selectors.village_regions(user)
                or selectors.agency_organisations(user)):
            raise Http404
    start, end = _period(request)
    rows = selectors.compute(scheme, start, end) if scheme else []
    return render(request, "assessment/ranking.html", {
        "scheme": scheme, "schemes": selectors.schemes_for(user), "rows": rows,
        "start": start, "end": end, "mine": selectors.own_targets(user, scheme) if scheme else set(),
        "query": request.GET.urlencode(),
        "snapshots": Snapshot.objects.for_user(user).filter(scheme=scheme)[:8] if scheme else [],
        "may_freeze": scheme is not None and Scheme.objects.for_user(user, ADD).filter(
            pk=scheme.pk).exists(),
        "may_edit": user_can(user, ADD, Scheme),
        "full": scheme is not None and selectors.may_see_breakdown(user, scheme, None),
    })


@login_required
def snapshot_freeze(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        raise Http404
    scheme = get_object_or_404(Scheme.objects.for_user(request.user, ADD), pk=request.POST.get("scheme") or 0)
    try:
        start = dt.date.fromisoformat(request.POST.get("start", ""))
        end = dt.date.fromisoformat(request.POST.get("end", ""))
        snapshot = services.snapshot_freeze(actor=request.user, scheme=scheme, start=start, end=end)
    except ValueError:
        messages.error(request, _("日期格式不正确"))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    else:
        return redirect("assessment:snapshot_detail", snapshot.pk)
    return redirect("assessment:ranking")


@login_required
def snapshot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = get_for_user(Snapshot.objects.select_related("scheme", "frozen_by"), request.user, pk=pk)
    return render(request, "assessment/snapshot_detail.html", {
        "snapshot": snapshot, "journal": entries_for(snapshot),
        "actions": selectors.actions_for(request.user).filter(snapshot=snapshot)})


@login_required
def ranking_export(request: HttpRequest) -> HttpResponse:
    scheme = _scheme(request)
    if scheme is None:
        raise Http404
    start, end = _period(request)
    rows = selectors.compute(scheme, start, end)
    return attachment(exports.ranking_xlsx(scheme, rows), f"考核排名-{start}-{end}.xlsx")


@login_required
def breakdown(request: HttpRequest, scheme_pk: int, target_pk: int) -> HttpResponse:
    """One target's score line by line (a village, an organisation or a leader)."""
    scheme = get_object_or_404(selectors.schemes_for(request.user), pk=scheme_pk)
    if not selectors.may_see_breakdown(request.user, scheme, target_pk):
        raise Http404
    start, end = _period(request)
    rows = selectors.compute(scheme, start, end)
    row = next((r for r in rows if r.pk == target_pk), None)
    if row is None:
        raise Http404
    return render(request, "assessment/breakdown.html", {
        "scheme": scheme, "row": row, "start": start, "end": end, "count": len(rows),
        "actions": selectors.actions_on(request.user, scheme, target_pk)[:20]})


@login_required
def scheme_list(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, Scheme):
        raise Http404
    schemes = (Scheme.objects.for_user(request.user, CHANGE).select_related("region")
               .prefetch_related("indicators").order_by("region__path", "-active", "name"))
    return render(request, "assessment/scheme_list.html", {"schemes": schemes})


@login_required
def scheme_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit a scheme and its indicators (weights positive, each key applying to the
    target kind); journaled by the service."""
    scheme = get_for_user(Scheme, request.user, CHANGE, pk=pk) if pk else None
    if scheme is None and not user_can(request.user, ADD, Scheme):
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = SchemeForm(data, instance=scheme, user=request.user)
    formset = IndicatorFormSet(data, instance=scheme or Scheme(), prefix="ind")
    if data is not None:
        form_ok = form.is_valid()
        kind = form.cleaned_data.get("target") if form_ok else data.get("target")
        formset.target_kind = kind if kind in TargetKind.values else TargetKind.VILLAGE
        if form_ok and formset.is_valid():
            try:
                scheme = services.scheme_save(
                    actor=request.user, scheme=scheme, indicators=formset.rows(),
                    data={f: form.cleaned_data[f] for f in services.SCHEME_FIELDS})
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
            else:
                messages.success(request, _("考核方案已保存"))
                return redirect(f"{reverse('assessment:ranking')}?scheme={scheme.pk}")
    applies = {key: [str(TargetKind(t).label) for t in TargetKind.values if t in kinds]
               for key, kinds in APPLIES.items()}
    return render(request, "assessment/scheme_form.html", {
        "form": form, "formset": formset, "scheme": scheme,
        "total_weight": sum(i.weight for i in scheme.indicators.all()) if scheme else 0,
        "applies": [(IndicatorKey(k).label, "、".join(v)) for k, v in applies.items()],
        "journal": entries_for(scheme) if scheme else []})


def _filtered(request: HttpRequest):
    filterset = ActionFilterSet(request.GET, queryset=selectors.actions_for(request.user), user=request.user)
    return filterset, filterset.qs


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    filterset, actions = _filtered(request)
    return render(request, "assessment/action_list.html", {
        "filter": filterset, "actions": actions[:200], "query": request.GET.urlencode(),
        "may_add": user_can(request.user, ADD, AccountabilityAction)})


@login_required
def action_export(request: HttpRequest) -> HttpResponse:
    _, actions = _filtered(request)
    return attachment(exports.actions_xlsx(actions), "问责记录.xlsx")


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(selectors.actions_for(request.user), pk=pk)
    may_change = AccountabilityAction.objects.for_user(request.user, CHANGE).filter(pk=pk).exists()
    return render(request, "assessment/action_detail.html", {
        "action": action, "may_change": may_change, "journal": entries_for(action)})


@login_required
def action_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    action = get_for_user(AccountabilityAction, request.user, CHANGE, pk=pk) if pk else None
    if action is None and not user_can(request.user, ADD, AccountabilityAction):
        raise Http404
    initial = {"date": timezone.localdate(), "hazard": request.GET.get("hazard"),
               "accident": request.GET.get("accident"), "snapshot": request.GET.get("snapshot")}
    for name in AccountabilityAction.TARGETS:
        initial[name] = request.GET.get(name)
    initial["village"] = initial["village"] or request.GET.get("region")
    post = request.method == "POST"
    form = ActionForm(request.POST if post else None, request.FILES if post else None,
                      instance=action, user=request.user, initial=None if action else initial)
    if post and form.is_valid():
        data = {f: form.cleaned_data[f] for f in FIELDS}
        data["document"] = form.cleaned_data.get("document")
        try:
            if action:
                action = services.action_update(actor=request.user, action=action, **data)
            else:
                action = services.action_create(actor=request.user, **data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            return redirect("assessment:action_detail", action.pk)
    return render(request, "assessment/action_form.html", {"form": form, "action": action})


@login_required
def action_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The issued document, only through the scoped ledger; checked against its SHA-256."""
    action = get_object_or_404(selectors.actions_for(request.user), pk=pk)
    try:
        return attachment_response(action)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("assessment:action_detail", pk)


urlpatterns = [
    path("", ranking, name="ranking"),
    path("freeze/", snapshot_freeze, name="snapshot_freeze"),
    path("snapshots/<int:pk>/", snapshot_detail, name="snapshot_detail"),
    path("ranking.xlsx", ranking_export, name="ranking_export"),
    path("<int:scheme_pk>/village/<int:target_pk>/", breakdown, name="breakdown"),
    path("<int:scheme_pk>/target/<int:target_pk>/", breakdown, name="target_breakdown"),
    path("schemes/", scheme_list, name="scheme_list"),
    path("schemes/new/", scheme_form, name="scheme_create"),
    path("schemes/<int:pk>/edit/", scheme_form, name="scheme_edit"),
    path("actions/", action_list, name="action_list"),
    path("actions.xlsx", action_export, name="action_export"),
    path("actions/new/", action_form, name="action_create"),
    path("actions/<int:pk>/", action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", action_form, name="action_edit"),
    path("actions/<int:pk>/document/", action_document, name="action_document"),
]
