"""What every emergency ledger page shares: the filtered list (with htmx partial), the Excel export
of the same filtered rows, and running a service from a form."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.downloads import attachment
from anjian.core.forms import bootstrap
from anjian.core.scope import ADD, CHANGE, user_can

PAGE_SIZE = 50
HIDDEN_FILTERS = {"unit"}


def filtered(request: HttpRequest, filterset_class, queryset):
    filterset = filterset_class(request.GET, queryset=queryset, user=request.user)
    return filterset, filterset.qs


def list_page(request: HttpRequest, *, filterset_class, queryset, title: str, table: str,
              model, prefix: str, extra: dict | None = None) -> HttpResponse:
    """The ledger page (`emergency/ledger_list.html` around `table`), or only the table for an
    htmx request from the filter form."""
    filterset, rows = filtered(request, filterset_class, queryset)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    partial = request.htmx and not request.htmx.history_restore_request
    bootstrap(filterset.form)
    for name in ("region", "grid"):
        filterset.form.fields[name].empty_label = _("全部")
    return render(request, table if partial else "emergency/ledger_list.html", {
        "filter": filterset, "page": page, "title": title, "table": table, "prefix": prefix,
        "today": timezone.localdate(), "can_add": user_can(request.user, ADD, model),
        "filter_fields": [f for f in filterset.form if f.name not in HIDDEN_FILTERS],
        **(extra or {}),
    })


def export(request: HttpRequest, filterset_class, queryset, builder: Callable, name: str
           ) -> HttpResponse:
    _filterset, rows = filtered(request, filterset_class, queryset)
    data = builder(rows)
    return attachment(data, f"{name}{timezone.localdate():%Y%m%d}.xlsx")


def run(form, call: Callable):
    """Call a service; its refusal lands on the form (returns None)."""
    try:
        return call()
    except (ValidationError, PermissionDenied) as exc:
        form.add_service_errors(exc)
        return None


def may_change(user, model, obj) -> bool:
    return model.objects.for_user(user, CHANGE).filter(pk=obj.pk).exists()


def form_page(request: HttpRequest, form, title: str, cancel: str, *, multipart: bool = False,
              extra: dict | None = None) -> HttpResponse:
    return render(request, "emergency/form.html", {"form": form, "title": title, "cancel": cancel,
                                                   "multipart": multipart, **(extra or {})})
