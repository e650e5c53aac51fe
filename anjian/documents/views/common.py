"""What the list pages of documents and enforcement share: the filtered, paged list (or only its
table for htmx), the Excel export of the same filtered rows, and running a service from a form."""

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


def filtered(request: HttpRequest, filterset_class, queryset):
    filterset = filterset_class(request.GET, queryset=queryset, user=request.user)
    return filterset, filterset.qs


def list_page(request: HttpRequest, *, filterset_class, queryset, title: str, table: str,
              model, urls: dict[str, str], hidden: tuple[str, ...] = (),
              extra: dict | None = None) -> HttpResponse:
    """`documents/ledger_list.html` around `table`, or only the table for an htmx request.
    `urls`: list, export and (optional) create URL names."""
    filterset, rows = filtered(request, filterset_class, queryset)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    partial = request.htmx and not request.htmx.history_restore_request
    bootstrap(filterset.form)
    for name in ("region", "grid"):
        if name in filterset.form.fields:
            filterset.form.fields[name].empty_label = _("全部")
    return render(request, table if partial else "documents/ledger_list.html", {
        "filter": filterset, "page": page, "title": title, "table": table, "urls": urls,
        "today": timezone.localdate(), "can_add": "create" in urls and user_can(
            request.user, ADD, model),
        "filter_fields": [f for f in filterset.form if f.name not in hidden],
        **(extra or {}),
    })


def export(request: HttpRequest, filterset_class, queryset, builder: Callable, name: str
           ) -> HttpResponse:
    _filterset, rows = filtered(request, filterset_class, queryset)
    return attachment(builder(rows), f"{name}{timezone.localdate():%Y%m%d}.xlsx")


def run(form, call: Callable):
    """Call a service; its refusal lands on the form (returns None)."""
    try:
        return call()
    except (ValidationError, PermissionDenied) as exc:
        form.add_service_errors(exc)
        return None


def may(user, model, obj, action: str = CHANGE) -> bool:
    return model.objects.for_user(user, action).filter(pk=obj.pk).exists()


def form_page(request: HttpRequest, form, title: str, cancel: str, *, multipart: bool = False,
              extra: dict | None = None) -> HttpResponse:
    return render(request, "documents/form.html", {"form": form, "title": title, "cancel": cancel,
                                                   "multipart": multipart, **(extra or {})})
