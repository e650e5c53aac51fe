"""What every responsibility page shares: the filtered ledger (with its htmx partial), the Excel
export of the same filtered rows, and running a service from a form."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from anjian.core import pages
from anjian.core.journal import entries_for
from anjian.core.scope import user_can

HIDDEN_FILTERS = {"unit"}


def require(user, action: str, model) -> None:
    """403 when none of the user's roles allows `action` on `model` (scope is checked later)."""
    if not user_can(user, action, model):
        raise PermissionDenied


def list_page(request: HttpRequest, *, filterset_class, queryset, title: str, table: str,
              model, urls: dict, extra: dict | None = None) -> HttpResponse:
    """The ledger page (`responsibility/ledger_list.html` around `table`), or only the table for
    an htmx request from the filter form. `urls`: list, export and (optional) create url names."""
    require(request.user, "view", model)
    return pages.ledger_page(
        request, template="responsibility/ledger_list.html", filterset_class=filterset_class,
        queryset=queryset, title=title, table=table, model=model, hidden=HIDDEN_FILTERS,
        extra={"urls": urls, **(extra or {})})


def export(request: HttpRequest, *, filterset_class, queryset, model, build: Callable,
           filename: str) -> HttpResponse:
    require(request.user, "view", model)
    return pages.export(request, filterset_class, queryset, build, f"{filename}_")


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
