"""The dishonesty list (失信名单): list, detail, listing a unit, lifting it, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.journal import entries_for
from anjian.core.scope import ADD, get_for_user, user_can
from anjian.documents.views.common import export, form_page, list_page, may, run
from anjian.enforcement import exports, selectors, services
from anjian.enforcement.filtersets import ListingFilterSet
from anjian.enforcement.forms import LiftForm, ListingForm
from anjian.enforcement.models import DishonestyListing

URLS = {"list": "enforcement:listing_list", "export": "enforcement:listing_export",
        "create": "enforcement:listing_create"}


@login_required
def listing_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, filterset_class=ListingFilterSet,
                     queryset=selectors.listing_list(request.user), title=_("失信名单"),
                     table="enforcement/_listing_table.html", model=DishonestyListing, urls=URLS,
                     extra={"links": [("enforcement:action_list", _("执法记录"))]})


@login_required
def listing_export(request: HttpRequest) -> HttpResponse:
    return export(request, ListingFilterSet, selectors.listing_list(request.user),
                  exports.listings_xlsx, _("失信名单"))


@login_required
def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = get_for_user(selectors.listing_list(request.user), request.user, pk=pk)
    can_change = may(request.user, DishonestyListing, listing)
    today = timezone.localdate()
    form = None
    if can_change and listing.lifted_on is None:
        form = LiftForm(request.POST or None, initial={"lifted_on": today})
        if request.method == "POST" and form.is_valid() and run(form, lambda: services.listing_lift(
                actor=request.user, listing=listing, on=form.cleaned_data["lifted_on"],
                reason=form.cleaned_data["lift_reason"])):
            messages.success(request, _("已移出失信名单"))
            return redirect("enforcement:listing_detail", pk=pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "enforcement/listing_detail.html", {
        "listing": listing, "active": listing.is_active(today), "form": form,
        "journal": entries_for(listing)[:100]})


@login_required
def listing_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, DishonestyListing):
        raise PermissionDenied
    form = ListingForm(request.POST or None, initial={"listed_on": timezone.localdate()},
                       user=request.user)
    if request.method == "POST" and form.is_valid():
        listing = run(form, lambda: services.listing_create(actor=request.user,
                                                            data=form.cleaned_data))
        if listing:
            messages.success(request, _("已列入失信名单"))
            return redirect("enforcement:listing_detail", pk=listing.pk)
    return form_page(request, form, _("列入失信名单"), reverse("enforcement:listing_list"))


urlpatterns = [
    path("dishonesty/", listing_list, name="listing_list"),
    path("dishonesty/export.xlsx", listing_export, name="listing_export"),
    path("dishonesty/new/", listing_create, name="listing_create"),
    path("dishonesty/<int:pk>/", listing_detail, name="listing_detail"),
]
