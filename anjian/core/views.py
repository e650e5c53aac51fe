from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from anjian.core.models import JournalEntry
from anjian.units.choices import Category, UnitStatus
from anjian.units.models import Unit


@login_required
def home(request: HttpRequest) -> HttpResponse:
    units = Unit.objects.for_user(request.user).filter(status=UnitStatus.ACTIVE)
    counts = dict(units.values_list("category").annotate(n=Count("pk")).order_by())
    by_category = [(c.value, c.label, counts.get(c.value, 0)) for c in Category if counts.get(c.value)]
    return render(request, "core/home.html", {
        "by_category": by_category,
        "total": sum(counts.values()),
        "roles": request.user.role_grants.select_related("region", "organisation"),
    })


@login_required
def journal_list(request: HttpRequest) -> HttpResponse:
    """The whole journal, for the audit administrator (审计管理员) only."""
    if not request.user.has_role("audit_admin"):
        raise PermissionDenied
    entries = JournalEntry.objects.select_related("content_type")
    if who := request.GET.get("actor", "").strip():
        entries = entries.filter(actor_name__contains=who)
    if what := request.GET.get("object", "").strip():
        entries = entries.filter(object_repr__contains=what)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/journal_list.html", {"page": page})
