from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.authtoken.models import Token

from anjian.accounts.models import Person
from anjian.core.journal import entries_for
from anjian.core.scope import get_for_user


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    token = None
    if request.method == "POST" and request.POST.get("action") == "token":
        Token.objects.filter(user=request.user).delete()
        token = Token.objects.create(user=request.user).key
    grants = request.user.role_grants.select_related("region", "organisation")
    return render(request, "accounts/profile.html", {"grants": grants, "token": token})


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    people = Person.objects.for_user(request.user).select_related("region", "organisation")
    if q := request.GET.get("q", "").strip():
        people = people.filter(Q(name__contains=q) | Q(phone__contains=q) | Q(position__contains=q))
    if duty := request.GET.get("duty"):
        people = people.filter(duty=duty)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/person_list.html", {"page": page})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_for_user(Person, request.user, pk=pk)
    return render(request, "accounts/person_detail.html",
                  {"person": person, "journal": entries_for(person)[:50]})
