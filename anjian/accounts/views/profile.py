from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.authtoken.models import Token


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    token = None
    if request.method == "POST" and request.POST.get("action") == "token":
        Token.objects.filter(user=request.user).delete()
        token = Token.objects.create(user=request.user).key
    grants = request.user.role_grants.select_related("region", "organisation")
    return render(request, "accounts/profile.html", {"grants": grants, "token": token})
