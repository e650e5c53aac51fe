"""Responsibility lists (责任清单, 一岗一清单): ledger, detail, create, edit, copy to a new year."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, in_scope
from anjian.responsibility import selectors, services
from anjian.responsibility.exports import lists_xlsx
from anjian.responsibility.filtersets import ResponsibilityListFilterSet
from anjian.responsibility.forms import CopyListForm, ResponsibilityListForm
from anjian.responsibility.models import Duty, ResponsibilityList
from anjian.responsibility.views.common import export, form_page, journal_of, list_page, require

URLS = {"list": "responsibility:lists", "export": "responsibility:lists_export",
        "create": "responsibility:list_create"}


@login_required
def list_ledger(request):
    return list_page(request, filterset_class=ResponsibilityListFilterSet,
                     queryset=selectors.lists_for(request.user), title=_("安全生产责任清单"),
                     table="responsibility/_list_table.html", model=ResponsibilityList, urls=URLS,
                     extra={"roll_over_year": timezone.localdate().year})


@login_required
def lists_export(request):
    queryset = selectors.lists_for(request.user).prefetch_related(
        Prefetch("duties", queryset=Duty.objects.order_by("order")))
    return export(request, filterset_class=ResponsibilityListFilterSet, queryset=queryset,
                  model=ResponsibilityList, build=lists_xlsx, filename=_("责任清单"))


@login_required
def list_detail(request, pk: int):
    rlist = get_for_user(ResponsibilityList.objects.select_related("region", "holder", "previous"),
                         request.user, VIEW, pk=pk)
    return render(request, "responsibility/list_detail.html", {
        "rlist": rlist, "duties": rlist.duties.order_by("order"),
        "can_change": in_scope(rlist, request.user, CHANGE),
        "copy_form": CopyListForm(initial={"year": rlist.year + 1}),
        "next_lists": ResponsibilityList.objects.for_user(request.user).filter(previous=rlist),
        "journal": journal_of(rlist),
    })


def _done(rlist):
    return reverse("responsibility:list_detail", args=[rlist.pk])


@login_required
def list_create(request):
    require(request.user, ADD, ResponsibilityList)
    form = ResponsibilityListForm(request.POST or None, user=request.user)
    return form_page(request, form, title=_("新建责任清单"), done=_done, back=reverse(URLS["list"]),
                     run=lambda f: services.responsibility_list_create(
                         actor=request.user, data=f.data_for_service(), duties=f.duties()))


@login_required
def list_edit(request, pk: int):
    rlist = get_for_user(ResponsibilityList, request.user, CHANGE, pk=pk)
    form = ResponsibilityListForm(request.POST or None, user=request.user, instance=rlist)
    return form_page(request, form, title=_("修改责任清单"), done=_done, back=_done(rlist),
                     run=lambda f: services.responsibility_list_update(
                         actor=request.user, rlist=rlist, data=f.data_for_service(),
                         duties=f.duties()))


@login_required
@require_POST
def list_copy(request, pk: int):
    """A new year's list copied from this one (then edited as needed)."""
    rlist = get_for_user(ResponsibilityList, request.user, VIEW, pk=pk)
    require(request.user, ADD, ResponsibilityList)
    form = CopyListForm(request.POST)
    if form.is_valid():
        try:
            new = services.responsibility_list_copy(actor=request.user, rlist=rlist,
                                                    year=form.cleaned_data["year"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            return redirect(_done(new))
    return render(request, "responsibility/list_detail.html", {
        "rlist": rlist, "duties": rlist.duties.order_by("order"), "copy_form": form,
        "can_change": in_scope(rlist, request.user, CHANGE), "journal": journal_of(rlist),
    }, status=400)


@login_required
@require_POST
def lists_roll_over(request):
    """Copy all of last year's lists that have no list this year yet (年度清单沿用上年)."""
    require(request.user, ADD, ResponsibilityList)
    region = selectors.top_region(request.user, "responsibility.responsibilitylist")
    if region is None:
        raise PermissionDenied
    year = timezone.localdate().year
    try:
        year = int(request.POST.get("year") or year)
    except ValueError:
        pass
    services.responsibility_lists_roll_over(actor=request.user, region=region, year=year)
    return redirect(reverse(URLS["list"]) + f"?year={year}")


urlpatterns = [
    path("lists/", list_ledger, name="lists"),
    path("lists/export/", lists_export, name="lists_export"),
    path("lists/new/", list_create, name="list_create"),
    path("lists/roll-over/", lists_roll_over, name="lists_roll_over"),
    path("lists/<int:pk>/", list_detail, name="list_detail"),
    path("lists/<int:pk>/edit/", list_edit, name="list_edit"),
    path("lists/<int:pk>/copy/", list_copy, name="list_copy"),
]
