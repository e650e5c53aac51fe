"""The hazard ledger (隐患台账), one hazard's page and the statistics page: reads only."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.journal import entries_for
from anjian.core.scope import ADD, VIEW, get_for_user
from anjian.hazards import selectors, services
from anjian.hazards.choices import PhotoStage
from anjian.hazards.filtersets import HazardFilterSet
from anjian.hazards.models import Hazard
from anjian.inspections.services import units_reachable
from anjian.regions.models import Region

PAGE_SIZE = 50
HAZARD_LABEL = "hazards.hazard"

# Ways to group the statistics page (keys of selectors.GROUPS) in the order offered: the
# option's label and the first column's heading.
GROUP_CHOICES = [
    ("region", _("按区划"), _("区划")),
    ("category", _("按隐患类别"), _("隐患类别")),
    ("source", _("按来源"), _("来源")),
    ("level", _("按等级"), _("隐患等级")),
    ("unit_category", _("按单位类别"), _("单位类别")),
    ("month", _("按月份"), _("月份")),
]


def filtered_hazards(request: HttpRequest, data: QueryDict | None = None):
    """The user's hazards filtered by the query string (or `data`); shared by the ledger, the
    statistics page and the Excel export, so all three list the same hazards."""
    filterset = HazardFilterSet(request.GET if data is None else data,
                                queryset=selectors.hazard_list(request.user), user=request.user)
    return filterset, filterset.qs


def may_report(user) -> bool:
    return units_reachable(user, HAZARD_LABEL, ADD).exists()


def _with_provisional(rows: list[Hazard]) -> None:
    """Set `deadline_provisional` on a page's rows in one query (the page loads only the row
    fields of selectors.LEDGER_ROW_FIELDS, which leave it out)."""
    provisional = set(Hazard.objects.filter(pk__in=[h.pk for h in rows], deadline_provisional=True)
                      .values_list("pk", flat=True))
    for hazard in rows:
        hazard.deadline_provisional = hazard.pk in provisional


@login_required
def hazard_list(request: HttpRequest) -> HttpResponse:
    filterset, hazards = filtered_hazards(request)
    page = selectors.hazard_page(hazards, request.GET.get("page"), per_page=PAGE_SIZE)
    _with_provisional(page.object_list)
    partial = request.htmx and not request.htmx.history_restore_request
    template = "hazards/_hazard_table.html" if partial else "hazards/hazard_list.html"
    return render(request, template, {
        "filter": filterset, "page": page, "today": timezone.localdate(),
        "can_report": not partial and may_report(request.user),
    })


@login_required
def hazard_list_figures(request: HttpRequest) -> HttpResponse:
    """The figures above the ledger (found, rectified, rates, overdue, major) for the same query
    string: a statistics call over every filtered hazard, which the ledger page fetches on its own
    (htmx, on load) so that the table does not wait for it."""
    _filterset, hazards = filtered_hazards(request)
    return render(request, "hazards/_figures.html", {
        "stats": selectors.hazard_statistics(hazards)[0],
    })


def _photo_groups(hazard: Hazard) -> list[tuple[str, list]]:
    photos: dict[str, list] = {}
    for photo in hazard.photos.all():
        photos.setdefault(photo.stage, []).append(photo)
    return [(stage.label, photos[stage.value]) for stage in PhotoStage if stage.value in photos]


@login_required
def hazard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Hazard.objects.select_related(
        "unit", "unit__region", "region", "region__parent", "sector", "record", "previous",
        "discovered_by", "assigned_by", "submitted_by", "accepted_by")
    hazard = get_for_user(queryset, request.user, VIEW, pk=pk)
    visible = Hazard.objects.for_user(request.user)
    previous_visible = bool(hazard.previous_id and visible.filter(pk=hazard.previous_id).exists())
    return render(request, "hazards/hazard_detail.html", {
        "hazard": hazard,
        "today": timezone.localdate(),
        "overdue": hazard.is_overdue(),
        "actions": services.allowed_actions(request.user, hazard),
        "events": hazard.events.select_related("actor").order_by("at", "pk"),
        "photo_groups": _photo_groups(hazard),
        "previous_visible": previous_visible,
        "recurrences": visible.filter(previous=hazard).only("pk", "number", "state"),
        "can_report_recurrence": hazard.state == "closed" and units_reachable(
            request.user, "hazards.hazard", ADD).filter(pk=hazard.unit_id).exists(),
        "journal": entries_for(hazard)[:100],
    })


def top_region(user) -> Region | None:
    """The deepest region containing every region the user's hazard grants reach (a town's
    office: the town; a village cadre: the village), or None (unit-based or superuser)."""
    if user.is_superuser:
        return None
    paths = [g.region_path.strip("/").split("/") for g in user.scope_grants
             if g.region_path and g.allows(HAZARD_LABEL, VIEW)]
    if not paths:
        return None
    common: list[str] = []
    for parts in zip(*paths, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return Region.objects.filter(pk=int(common[-1])).first() if common else None


@login_required
def hazard_statistics(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("discovered_from", dt.date(today.year, 1, 1).isoformat())
    data.setdefault("discovered_to", today.isoformat())
    by = data.get("by") if data.get("by") in selectors.GROUPS else "region"
    filterset, hazards = filtered_hazards(request, data)
    within = filterset.selected_region or top_region(request.user)
    rows = selectors.hazard_statistics(hazards, by=by, within=within, today=today)
    total = selectors.hazard_statistics(hazards, today=today)[0]
    return render(request, "hazards/hazard_statistics.html", {
        "filter": filterset, "rows": rows, "total": total, "by": by,
        "group_choices": [(key, label) for key, label, _heading in GROUP_CHOICES],
        "group_heading": next(h for key, _label, h in GROUP_CHOICES if key == by),
        "within": within, "data": data,
    })


urlpatterns = [
    path("", hazard_list, name="list"),
    path("figures/", hazard_list_figures, name="list_figures"),
    path("<int:pk>/", hazard_detail, name="detail"),
    path("statistics/", hazard_statistics, name="statistics"),
]
