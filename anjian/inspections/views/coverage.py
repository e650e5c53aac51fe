"""Coverage (检查覆盖: 横向到边、纵向到底、不留死角), units behind their risk colour's frequency,
leaders behind their 带队检查 rule, and the office's page for those configurable intervals."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.models import Person
from anjian.core.scope import VIEW, user_can
from anjian.inspections import selectors
from anjian.inspections.forms import CoverageForm, FrequencyForm
from anjian.inspections.models import InspectionRecord, LeaderInspectionRule, RiskFrequency
from anjian.units.choices import Category, RiskLevel

PAGE_SIZE = 50
BEHIND_SHOWN = 100
OFFICE = "safety_office"


def _require_view(user) -> None:
    if not user_can(user, VIEW, InspectionRecord):
        raise PermissionDenied


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_view(user)
    today = timezone.localdate()
    form = CoverageForm(request.GET or None, user=user)
    start, end, region, category = today.replace(day=1), today, None, ""
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
        region = form.cleaned_data["region"]
        category = form.cleaned_data["category"]
    if not form.is_bound:
        form = CoverageForm(user=user, initial={"start": start, "end": end})
    within = region or selectors.top_region(user)
    units = selectors.unit_scope(user, region=region, categories=[category] if category else [])
    until = end + dt.timedelta(days=1)  # the form's end day is included
    result = selectors.coverage(units, start, until)
    by_region = (selectors.coverage_by_region(units, start, until, within)
                 if within is not None and within.level < 4 else [])
    uninspected = Paginator(
        result.uninspected.select_related("region", "region__parent").order_by("region__path",
                                                                               "name"),
        PAGE_SIZE).get_page(request.GET.get("page"))
    behind_qs = selectors.behind_frequency(units, today).select_related("region",
                                                                        "region__parent")
    behind = list(behind_qs[:BEHIND_SHOWN])
    shown = [u.pk for u in uninspected.object_list] + [u.pk for u in behind]
    reachable = set(selectors.reachable_units(user).filter(pk__in=shown)
                    .values_list("pk", flat=True))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("region", None)
    return render(request, "inspections/coverage.html", {
        "form": form, "start": start, "end": end, "within": within, "region": region,
        "result": result, "by_region": by_region, "uninspected": uninspected,
        "behind": behind, "behind_total": behind_qs.count() if len(behind) == BEHIND_SHOWN
        else len(behind), "reachable": reachable, "today": today,
        "drill_query": query.urlencode(),
        "risk_labels": dict(RiskLevel.choices), "category_labels": dict(Category.choices),
    })


@login_required
def leaders(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_view(user)
    today = timezone.localdate()
    rows = selectors.leader_compliance(today, Person.objects.for_user(user))
    visible = set(selectors.record_list(user).filter(
        pk__in=[r.last_record_id for r in rows if r.last_record_id]).values_list("pk", flat=True))
    return render(request, "inspections/leaders.html", {
        "rows": rows, "visible_records": visible, "today": today,
        "behind_count": sum(1 for r in rows if r.behind),
        "recent_days": selectors.RECENT_DAYS, "can_edit": user.has_role(OFFICE)})


@login_required
def frequencies(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_view(user)
    can_edit = user.has_role(OFFICE)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = FrequencyForm(request.POST, user=user)
        if form.is_valid():
            changed = form.save(user)
            messages.success(request, _("已保存 %(n)s 项修改") % {"n": changed} if changed
                             else _("没有修改"))
            return redirect("inspections:frequencies")
    else:
        form = FrequencyForm(user=user)
    return render(request, "inspections/frequencies.html", {
        "form": form, "can_edit": can_edit,
        "has_rows": RiskFrequency.objects.exists() or LeaderInspectionRule.objects.exists()})
