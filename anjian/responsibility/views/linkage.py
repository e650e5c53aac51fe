"""Leader linkage (领导挂钩 / 包保): each leader's linked units and visits, the visit ledger, and
re-linking a unit (through the units app's service)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Q
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.models import Person
from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, in_scope, user_can
from anjian.responsibility import selectors, services
from anjian.responsibility.exports import visits_xlsx
from anjian.responsibility.filtersets import LinkageVisitFilterSet
from anjian.responsibility.forms import LinkageVisitForm, UnitLeaderForm
from anjian.responsibility.models import LinkageVisit
from anjian.responsibility.views.common import export, form_page, journal_of, list_page, require
from anjian.units.models import Unit

URLS = {"list": "responsibility:visits", "export": "responsibility:visits_export",
        "create": "responsibility:visit_create"}
LABEL = "responsibility.linkagevisit"


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@login_required
def leaders(request):
    """Per leader: units linked, visits this year, units visited, last visit."""
    require(request.user, VIEW, LinkageVisit)
    region = selectors.top_region(request.user, LABEL)
    if region is None:
        return redirect(URLS["list"])
    year = _year(request)
    rows = selectors.visits_by_leader(region, dt.date(year, 1, 1), dt.date(year, 12, 31))
    visible = set(Person.objects.for_user(request.user).values_list("pk", flat=True))
    this_year = timezone.localdate().year
    return render(request, "responsibility/leaders.html", {
        "rows": rows, "region": region, "year": year, "visible": visible,
        "years": range(this_year, this_year - 5, -1),
        "can_add": user_can(request.user, ADD, LinkageVisit),
    })


@login_required
def leader_detail(request, pk: int):
    require(request.user, VIEW, LinkageVisit)
    leader = get_for_user(Person, request.user, VIEW, pk=pk)
    year = _year(request)
    in_year = Q(linkage_visits__visited_on__year=year, linkage_visits__leader=leader)
    units = (Unit.objects.for_user(request.user).filter(linked_leader=leader)
             .select_related("region").annotate(visits=Count("linkage_visits", filter=in_year),
                                                last_visit=Max("linkage_visits__visited_on"))
             .order_by("last_visit", "name"))
    visits = selectors.visits_for(request.user).filter(leader=leader, visited_on__year=year)
    return render(request, "responsibility/leader_detail.html", {
        "leader": leader, "units": units, "visits": visits[:200], "year": year,
        "can_relink": user_can(request.user, CHANGE, Unit),
        "can_add": user_can(request.user, ADD, LinkageVisit),
    })


@login_required
def visit_ledger(request):
    return list_page(request, filterset_class=LinkageVisitFilterSet,
                     queryset=selectors.visits_for(request.user), title=_("领导挂钩走访记录"),
                     table="responsibility/_visit_table.html", model=LinkageVisit, urls=URLS)


@login_required
def visits_export(request):
    return export(request, filterset_class=LinkageVisitFilterSet,
                  queryset=selectors.visits_for(request.user), model=LinkageVisit,
                  build=visits_xlsx, filename=_("挂钩走访记录"))


@login_required
def visit_detail(request, pk: int):
    visit = get_for_user(selectors.visits_for(request.user).select_related("inspection"),
                         request.user, VIEW, pk=pk)
    return render(request, "responsibility/visit_detail.html", {
        "visit": visit, "can_change": in_scope(visit, request.user, CHANGE),
        "journal": journal_of(visit),
    })


def _done(visit):
    return reverse("responsibility:visit_detail", args=[visit.pk])


@login_required
def visit_create(request):
    require(request.user, ADD, LinkageVisit)
    initial = {"visited_on": timezone.localdate()}
    if request.GET.get("unit"):
        unit = Unit.objects.for_user(request.user).filter(pk=request.GET["unit"]).first() \
            if request.GET["unit"].isdigit() else None
        if unit is not None:
            initial |= {"unit": unit.pk, "leader": unit.linked_leader_id}
    if request.GET.get("leader", "").isdigit():
        initial["leader"] = request.GET["leader"]
    form = LinkageVisitForm(request.POST or None, user=request.user, initial=initial)
    return form_page(request, form, title=_("登记挂钩走访"), done=_done, back=reverse("responsibility:leaders"),
                     run=lambda f: services.linkage_visit_create(actor=request.user,
                                                                 data=f.cleaned_data))


@login_required
def visit_edit(request, pk: int):
    visit = get_for_user(LinkageVisit, request.user, CHANGE, pk=pk)
    initial = {k: getattr(visit, k + "_id", None) or getattr(visit, k)
               for k in ("leader", "unit", "visited_on", "checked", "problems", "follow_up")}
    form = LinkageVisitForm(request.POST or None, user=request.user, initial=initial)
    return form_page(request, form, title=_("修改挂钩走访"), done=_done, back=_done(visit),
                     run=lambda f: services.linkage_visit_update(actor=request.user, visit=visit,
                                                                 data=f.cleaned_data))


@login_required
def unit_leader(request, pk: int):
    """Link a unit to another leader (调整挂钩领导)."""
    unit = get_for_user(Unit, request.user, CHANGE, pk=pk)
    form = UnitLeaderForm(request.POST or None, user=request.user,
                          initial={"leader": unit.linked_leader_id})
    back = reverse("responsibility:leaders")
    return form_page(request, form, title=_("调整挂钩领导：%(unit)s") % {"unit": unit.name},
                     back=back, done=lambda u: (
                         reverse("responsibility:leader_detail", args=[u.linked_leader_id])
                         if u.linked_leader_id else back),
                     run=lambda f: services.unit_leader_set(actor=request.user, unit=unit,
                                                            leader=f.cleaned_data["leader"]))


urlpatterns = [
    path("leaders/", leaders, name="leaders"),
    path("leaders/<int:pk>/", leader_detail, name="leader_detail"),
    path("leaders/units/<int:pk>/", unit_leader, name="unit_leader"),
    path("visits/", visit_ledger, name="visits"),
    path("visits/export/", visits_export, name="visits_export"),
    path("visits/new/", visit_create, name="visit_create"),
    path("visits/<int:pk>/", visit_detail, name="visit_detail"),
    path("visits/<int:pk>/edit/", visit_edit, name="visit_edit"),
]


