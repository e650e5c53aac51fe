"""People on the tree (人员): list with filters, detail, create, edit, take off duty."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts import services
from anjian.accounts.forms import PersonFilterForm, PersonForm
from anjian.accounts.models import Person
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, in_scope, user_can
from anjian.regions.models import Region


def _get(user, action: str, pk: int) -> Person:
    """404 when out of sight; 403 when visible but not `action`-able."""
    person = get_for_user(Person.objects.select_related("region", "organisation"), user, VIEW, pk=pk)
    if action != VIEW and not in_scope(person, user, action):
        raise PermissionDenied
    return person


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, VIEW, Person):
        raise PermissionDenied
    form = PersonFilterForm(request.GET or None, user=request.user)
    people = Person.objects.for_user(request.user).select_related("region", "organisation")
    status = "active"
    if form.is_valid():
        data = form.cleaned_data
        status = data["status"] or "active"
        if q := data["q"].strip():
            people = people.filter(Q(name__contains=q) | Q(phone__contains=q)
                                   | Q(position__contains=q))
        if region := data["region"]:
            people = people.filter(region__in=Region.objects.filter(path__startswith=region.path))
        if duty := data["duty"]:
            people = people.filter(duty=duty)
        if org := data["organisation"]:
            people = people.filter(organisation=org)
    if status != "all":
        people = people.filter(is_active=status == "active")
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/person_list.html", {
        "page": page, "filter_form": form, "can_add": user_can(request.user, ADD, Person),
    })


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(request.user, VIEW, pk)
    return render(request, "accounts/person_detail.html", {
        "person": person,
        "can_change": in_scope(person, request.user, CHANGE),
        "login": getattr(person, "user", None) if request.user.has_role("system_admin") else None,
        "journal": entries_for(person)[:50],
    })


def _save(request, form, person=None):
    try:
        if person is None:
            return services.person_create(actor=request.user, data=form.cleaned_data)
        return services.person_update(actor=request.user, person=person, data=form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        form.add_service_errors(exc)
    return None


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, Person):
        raise PermissionDenied
    initial = None
    if request.method == "GET":
        initial = {k: request.GET[k] for k in ("region", "organisation", "duty") if k in request.GET}
    form = PersonForm(request.POST or None, user=request.user, action=ADD, initial=initial)
    if request.method == "POST" and form.is_valid():
        person = _save(request, form)
        if person:
            messages.success(request, _("已添加“%(n)s”") % {"n": person.name})
            return redirect("accounts:person_detail", pk=person.pk)
    return render(request, "accounts/person_form.html", {"form": form})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(request.user, CHANGE, pk)
    form = PersonForm(request.POST or None, user=request.user, action=CHANGE, person=person)
    if request.method == "POST" and form.is_valid():
        if _save(request, form, person):
            messages.success(request, _("已保存"))
            return redirect("accounts:person_detail", pk=pk)
    return render(request, "accounts/person_form.html", {"form": form, "person": person})


@login_required
@require_POST
def person_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(request.user, CHANGE, pk)
    try:
        services.person_deactivate(actor=request.user, person=person)
        messages.success(request, _("已设为不在岗，记录保留"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:person_detail", pk=pk)
