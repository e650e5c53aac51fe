from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from anjian.core.journal import entries_for
from anjian.core.scope import get_for_user
from anjian.regions.models import Organisation, Region


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.for_user(request.user).annotate(n_children=Count("children"))
    return render(request, "regions/region_list.html", {"regions": regions})


@login_required
def region_detail(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_for_user(Region, request.user, pk=pk)
    visible = Region.objects.for_user(request.user)
    return render(request, "regions/region_detail.html", {
        "region": region,
        "children": visible.filter(parent=region),
        "people": region.people.for_user(request.user).select_related("organisation"),
        "organisations": region.organisations.for_user(request.user),
        "journal": entries_for(region)[:50],
    })


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    orgs = Organisation.objects.for_user(request.user).select_related("region").prefetch_related("sectors")
    return render(request, "regions/organisation_list.html", {"organisations": orgs})


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_for_user(Organisation, request.user, pk=pk)
    return render(request, "regions/organisation_detail.html", {
        "org": org,
        "people": org.people.for_user(request.user),
        "journal": entries_for(org)[:50],
    })
