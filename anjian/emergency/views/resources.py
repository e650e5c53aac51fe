"""Emergency teams (应急队伍) and supplies (应急物资): ledgers, details, forms, exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, get_for_user, user_can
from anjian.emergency import exports, selectors, services
from anjian.emergency.filtersets import SupplyFilterSet, TeamFilterSet
from anjian.emergency.forms import MemberForm, StockForm, SupplyForm, TeamForm
from anjian.emergency.models import EmergencyTeam, SupplyItem, TeamMember
from anjian.emergency.views.common import export, form_page, list_page, may_change, run


def _errors(request, form) -> None:
    messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))


# Teams -------------------------------------------------------------------------------------------

@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, filterset_class=TeamFilterSet,
                     queryset=selectors.team_list(request.user).prefetch_related("members"),
                     title=_("应急队伍"), table="emergency/_team_table.html",
                     model=EmergencyTeam, prefix="team")


@login_required
def team_export(request: HttpRequest) -> HttpResponse:
    return export(request, TeamFilterSet, selectors.team_list(request.user), exports.teams_xlsx,
                  _("应急队伍台账"))


@login_required
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_for_user(selectors.team_list(request.user), request.user, pk=pk)
    can_change = may_change(request.user, EmergencyTeam, team)
    return render(request, "emergency/team_detail.html", {
        "team": team, "members": team.members.select_related("person"),
        "can_change": can_change,
        "member_form": MemberForm(user=request.user) if can_change else None,
        "journal": entries_for(team)[:100],
    })


@login_required
def team_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, EmergencyTeam):
        raise PermissionDenied
    form = TeamForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        team = run(form, lambda: services.team_create(actor=request.user, data=form.cleaned_data))
        if team:
            messages.success(request, _("已登记队伍，请添加队员"))
            return redirect("emergency:team_detail", pk=team.pk)
    return form_page(request, form, _("登记应急队伍"), reverse("emergency:team_list"))


@login_required
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_for_user(EmergencyTeam, request.user, CHANGE, pk=pk)
    form = TeamForm(request.POST or None, instance=team, user=request.user, action=CHANGE)
    if request.method == "POST" and form.is_valid():
        if run(form, lambda: services.team_update(actor=request.user,
                                                  team=EmergencyTeam.objects.get(pk=pk),
                                                  data=form.cleaned_data)):
            messages.success(request, _("已保存"))
            return redirect("emergency:team_detail", pk=pk)
    return form_page(request, form, _("编辑队伍"), reverse("emergency:team_detail", args=[pk]))


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_for_user(EmergencyTeam, request.user, CHANGE, pk=pk)
    form = MemberForm(request.POST, user=request.user)
    if form.is_valid() and run(form, lambda: services.team_member_add(
            actor=request.user, team=team, data=form.cleaned_data)):
        messages.success(request, _("已添加队员"))
    else:
        _errors(request, form)
    return redirect("emergency:team_detail", pk=pk)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = TeamMember.objects.filter(
        pk=pk, team__in=EmergencyTeam.objects.for_user(request.user, CHANGE).values("pk")).first()
    if member is None:
        raise Http404
    team_id = member.team_id
    services.team_member_remove(actor=request.user, member=member)
    messages.success(request, _("已移除队员"))
    return redirect("emergency:team_detail", pk=team_id)


# Supplies ----------------------------------------------------------------------------------------

@login_required
def supply_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, filterset_class=SupplyFilterSet,
                     queryset=selectors.supply_list(request.user), title=_("应急物资"),
                     table="emergency/_supply_table.html", model=SupplyItem, prefix="supply")


@login_required
def supply_export(request: HttpRequest) -> HttpResponse:
    return export(request, SupplyFilterSet, selectors.supply_list(request.user),
                  exports.supplies_xlsx, _("应急物资台账"))


@login_required
def supply_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_for_user(selectors.supply_list(request.user), request.user, pk=pk)
    can_change = may_change(request.user, SupplyItem, item)
    return render(request, "emergency/supply_detail.html", {
        "item": item, "today": timezone.localdate(), "can_change": can_change,
        "movements": item.movements.all()[:100],
        "stock_form": StockForm() if can_change else None,
        "journal": entries_for(item)[:100],
    })


@login_required
def supply_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, SupplyItem):
        raise PermissionDenied
    form = SupplyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        item = run(form, lambda: services.supply_create(actor=request.user,
                                                        data=form.cleaned_data))
        if item:
            messages.success(request, _("已登记物资“%(n)s”") % {"n": item.name})
            return redirect("emergency:supply_detail", pk=item.pk)
    return form_page(request, form, _("登记应急物资"), reverse("emergency:supply_list"))


@login_required
def supply_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_for_user(SupplyItem, request.user, CHANGE, pk=pk)
    form = SupplyForm(request.POST or None, instance=item, user=request.user, action=CHANGE)
    if request.method == "POST" and form.is_valid():
        if run(form, lambda: services.supply_update(actor=request.user,
                                                    item=SupplyItem.objects.get(pk=pk),
                                                    data=form.cleaned_data)):
            messages.success(request, _("已保存"))
            return redirect("emergency:supply_detail", pk=pk)
    return form_page(request, form, _("编辑物资"), reverse("emergency:supply_detail", args=[pk]))


@login_required
@require_POST
def supply_stock(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_for_user(SupplyItem, request.user, CHANGE, pk=pk)
    form = StockForm(request.POST)
    if form.is_valid() and run(form, lambda: services.supply_stock_change(
            actor=request.user, item=item, **form.cleaned_data)):
        messages.success(request, _("已登记出入库"))
    else:
        _errors(request, form)
    return redirect("emergency:supply_detail", pk=pk)


urlpatterns = [
    path("teams/", team_list, name="team_list"),
    path("teams/export.xlsx", team_export, name="team_export"),
    path("teams/new/", team_create, name="team_create"),
    path("teams/<int:pk>/", team_detail, name="team_detail"),
    path("teams/<int:pk>/edit/", team_edit, name="team_edit"),
    path("teams/<int:pk>/members/", member_add, name="member_add"),
    path("team-members/<int:pk>/remove/", member_remove, name="member_remove"),
    path("supplies/", supply_list, name="supply_list"),
    path("supplies/export.xlsx", supply_export, name="supply_export"),
    path("supplies/new/", supply_create, name="supply_create"),
    path("supplies/<int:pk>/", supply_detail, name="supply_detail"),
    path("supplies/<int:pk>/edit/", supply_edit, name="supply_edit"),
    path("supplies/<int:pk>/stock/", supply_stock, name="supply_stock"),
]
