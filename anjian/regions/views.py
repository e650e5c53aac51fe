"""Pages of the region tree (区划网格) and organisations (机关站所). Thin: reads through scoped
querysets and selectors, writes through `regions.services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anjian.accounts.models import Person
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, in_scope, user_can
from anjian.regions import services
from anjian.regions.forms import OrganisationFilterForm, OrganisationForm, RegionForm
from anjian.regions.models import Organisation, Region
from anjian.regions.selectors import region_tree


def _get(model, user, action: str, pk: int):
    """404 when the user cannot see the object; 403 when they see it but may not `action` it."""
    obj = get_for_user(model, user, VIEW, pk=pk)
    if action != VIEW and not in_scope(obj, user, action):
        raise PermissionDenied
    return obj


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, VIEW, Region):
        raise PermissionDenied
    return render(request, "regions/region_list.html", {
        "tree": region_tree(request.user),
        "can_add": user_can(request.user, ADD, Region),
    })


@login_required
def region_detail(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_for_user(Region, request.user, pk=pk)
    user = request.user
    people = Person.objects.for_user(user).filter(region=region, is_active=True)
    return render(request, "regions/region_detail.html", {
        "region": region,
        "ancestors": Region.objects.for_user(user).filter(pk__in=region.ancestor_ids[:-1])
        .order_by("level"),
        "children": Region.objects.for_user(user).filter(parent=region).order_by("code"),
        "people": people.select_related("organisation"),
        "organisations": Organisation.objects.for_user(user).filter(region=region),
        "can_change": in_scope(region, user, CHANGE),
        "can_add_child": region.level < 4 and in_scope(region, user, ADD),
        "can_add_person": user_can(user, ADD, Person),
        "journal": entries_for(region)[:50],
    })


@login_required
def region_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a child node: a village under a town, a grid under a village."""
    parent = _get(Region, request.user, ADD, pk)
    if parent.level >= 4:
        raise PermissionDenied
    form = RegionForm(request.POST or None, parent=parent)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            region = services.region_create(
                actor=request.user, parent=parent, name=data.pop("name"), code=data.pop("code"),
                kind=data.pop("kind"), **data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已新增“%(n)s”") % {"n": region.name})
            return redirect("regions:detail", pk=region.pk)
    return render(request, "regions/region_form.html", {"form": form, "parent": parent})


@login_required
def region_edit(request: HttpRequest, pk: int) -> HttpResponse:
    region = _get(Region, request.user, CHANGE, pk)
    form = RegionForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.region_update(actor=request.user, region=region, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("regions:detail", pk=region.pk)
    return render(request, "regions/region_form.html", {"form": form, "region": region})


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, VIEW, Organisation):
        raise PermissionDenied
    form = OrganisationFilterForm(request.GET or None)
    orgs = (Organisation.objects.for_user(request.user)
            .select_related("region").prefetch_related("sectors"))
    if form.is_valid():
        if q := form.cleaned_data["q"].strip():
            orgs = orgs.filter(Q(name__contains=q) | Q(address__contains=q) | Q(phone__contains=q))
        if kind := form.cleaned_data["kind"]:
            orgs = orgs.filter(kind=kind)
        if sector := form.cleaned_data["sector"]:
            orgs = orgs.filter(sectors=sector)
    page = Paginator(orgs, 50).get_page(request.GET.get("page"))
    return render(request, "regions/organisation_list.html", {
        "page": page, "filter_form": form,
        "can_add": user_can(request.user, ADD, Organisation),
    })


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_for_user(Organisation.objects.select_related("region"), request.user, pk=pk)
    return render(request, "regions/organisation_detail.html", {
        "org": org,
        "people": Person.objects.for_user(request.user).filter(organisation=org)
        .select_related("region"),
        "can_change": in_scope(org, request.user, CHANGE),
        "can_add_person": user_can(request.user, ADD, Person),
        "journal": entries_for(org)[:50],
    })


def _organisation_save(request, form, org=None):
    data = dict(form.cleaned_data)
    try:
        if org is None:
            return services.organisation_create(
                actor=request.user, region=data.pop("region"), name=data.pop("name"),
                kind=data.pop("kind"), sectors=data.pop("sectors"), **data)
        return services.organisation_update(actor=request.user, organisation=org, data=data)
    except (ValidationError, PermissionDenied) as exc:
        form.add_service_errors(exc)
    return None


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, Organisation):
        raise PermissionDenied
    initial = {"region": request.GET.get("region")} if request.method == "GET" else None
    form = OrganisationForm(request.POST or None, user=request.user, action=ADD, initial=initial)
    if request.method == "POST" and form.is_valid():
        org = _organisation_save(request, form)
        if org:
            messages.success(request, _("已新增“%(n)s”") % {"n": org.name})
            return redirect("regions:organisation_detail", pk=org.pk)
    return render(request, "regions/organisation_form.html", {"form": form})


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = _get(Organisation, request.user, CHANGE, pk)
    form = OrganisationForm(request.POST or None, user=request.user, action=CHANGE,
                            organisation=org)
    if request.method == "POST" and form.is_valid():
        if _organisation_save(request, form, org):
            messages.success(request, _("已保存"))
            return redirect("regions:organisation_detail", pk=org.pk)
    return render(request, "regions/organisation_form.html", {"form": form, "org": org})
