"""What every emergency ledger page shares: the filtered list (with htmx partial), the Excel export
of the same filtered rows, and running a service from a form."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from anjian.core.pages import export, filtered, ledger_page, may, run  # noqa: F401 (the pages use them)

HIDDEN_FILTERS = {"unit"}


def list_page(request: HttpRequest, *, filterset_class, queryset, title: str, table: str,
              model, prefix: str, extra: dict | None = None) -> HttpResponse:
    """The ledger page (`emergency/ledger_list.html` around `table`), or only the table for an
    htmx request from the filter form."""
    return ledger_page(
        request, template="emergency/ledger_list.html", filterset_class=filterset_class,
        queryset=queryset, title=title, table=table, model=model, hidden=HIDDEN_FILTERS,
        extra={"prefix": prefix, **(extra or {})})


def may_change(user, model, obj) -> bool:
    return may(user, obj, model=model)


def form_page(request: HttpRequest, form, title: str, cancel: str, *, multipart: bool = False,
              extra: dict | None = None) -> HttpResponse:
    return render(request, "emergency/form.html", {"form": form, "title": title, "cancel": cancel,
                                                   "multipart": multipart, **(extra or {})})
