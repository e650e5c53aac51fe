"""What the list pages of documents and enforcement share: the filtered, paged list (or only its
table for htmx), the Excel export of the same filtered rows, and running a service from a form."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from anjian.core.pages import export, filtered, ledger_page, run  # noqa: F401 (the pages use them)
from anjian.core.pages import may as may_do
from anjian.core.scope import ADD, CHANGE, user_can


def list_page(request: HttpRequest, *, filterset_class, queryset, title: str, table: str,
              model, urls: dict[str, str], hidden: tuple[str, ...] = (),
              extra: dict | None = None) -> HttpResponse:
    """`documents/ledger_list.html` around `table`, or only the table for an htmx request.
    `urls`: list, export and (optional) create URL names."""
    return ledger_page(
        request, template="documents/ledger_list.html", filterset_class=filterset_class,
        queryset=queryset, title=title, table=table, model=model, hidden=hidden,
        can_add="create" in urls and user_can(request.user, ADD, model),
        extra={"urls": urls, **(extra or {})})


def may(user, model, obj, action: str = CHANGE) -> bool:
    return may_do(user, obj, action, model)


def form_page(request: HttpRequest, form, title: str, cancel: str, *, multipart: bool = False,
              extra: dict | None = None) -> HttpResponse:
    return render(request, "documents/form.html", {"form": form, "title": title, "cancel": cancel,
                                                   "multipart": multipart, **(extra or {})})
