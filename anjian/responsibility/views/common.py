"""What every responsibility page shares: the filtered ledger (with its htmx partial), the Excel
export of the same filtered rows, and running a service from a form."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from anjian.core.downloads import attachment
from anjian.core.forms import bootstrap
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, user_can

PAGE_SIZE = 50
HIDDEN_FILTERS = {"unit"}


def require(user, action: str, model) -> None:
    """403 when none of the user's roles allows `action` on `model` (scope is checked later)."""
    if not user_can(user, action, model):
        raise PermissionDenied


def filtered(request: HttpRequest, filterset_class, queryset):
    filterset = filterset_class(request.GET, queryset=queryset, user=request.user)
    return filterset, filterset.qs


def list_page(request: HttpRequest, *, filterset_class, queryset, title: str, table: str,
              model, urls: dict, extra: dict | None = None) -> HttpResponse:
    """The ledger page (`responsibility/ledger_list.html` around `table`), or only the table for
    an htmx request from the filter form. `urls`: list, export and (optional) create url names."""
    require(request.user, "view", model)
    filterset, rows = filtered(request, filterset_class, queryset)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    partial = request.htmx and not request.htmx.history_restore_request
    bootstrap(filterset.form)
    return render(request, table if partial else "responsibility/ledger_list.html", {
        "filter": filterset, "page": page, "title": title, "table": table, "urls": urls,
        "today": timezone.localdate(), "can_add": user_can(request.user, ADD, model),
        "filter_fields": [f for f in filterset.form if f.name not in HIDDEN_FILTERS],
        **(extra or {}),
    })


def export(request: HttpRequest, *, filterset_class, queryset, model, build: Callable,
           filename: str) -> HttpResponse:
    require(request.user, "view", model)
    _filterset, rows = filtered(request, filterset_class, queryset)
    today = timezone.localdate()
    return attachment(build(rows), f"{filename}_{today:%Y%m%d}.xlsx")


def form_page(request: HttpRequest, form, *, title: str, run: Callable, done: Callable,
              back: str, multipart: bool = False) -> HttpResponse:
    """Show `form`; on a valid POST call `run(form)` (a service) and redirect to `done(obj)`;
    the service's refusals land on the form's fields."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = run(form)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            return redirect(done(obj))
    return render(request, "responsibility/form.html", {
        "form": form, "title": title, "back": back, "multipart": multipart})


def journal_of(obj) -> list:
    return list(entries_for(obj)[:100])
