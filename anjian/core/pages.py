"""What the ledger pages of every app share: the filtered, paged list (or only its table for an
htmx request from the filter form), the Excel export of the same filtered rows, running a service
from a form, and asking whether the user may change a row. Each app keeps its own page template
around the table (`template`) and passes it here."""

from __future__ import annotations

from collections.abc import Callable, Iterable

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
    """The filter set bound to the query string, over the user's rows, and the rows it keeps."""
    filterset = filterset_class(request.GET, queryset=queryset, user=request.user)
    return filterset, filterset.qs


def ledger_page(request: HttpRequest, *, template: str, filterset_class, queryset, title: str,
                table: str, model, hidden: Iterable[str] = (), can_add: bool | None = None,
                row: Callable | None = None, extra: dict | None = None) -> HttpResponse:
    """`template` around `table` (the page), or only `table` for an htmx request. The template
    gets filter, page, title, table, today, can_add (default: the user may add a `model`) and
    filter_fields (the filter's fields but `hidden`); region and grid filters read 全部 when
    empty. With `row`, also rows: `row(obj)` for each object of the page (a generic table)."""
    filterset, rows = filtered(request, filterset_class, queryset)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    if row is not None:
        extra = {**(extra or {}), "rows": [row(obj) for obj in page]}
    bootstrap(filterset.form)
    for name in ("region", "grid"):
        if name in filterset.form.fields:
            filterset.form.fields[name].empty_label = _("全部")
    partial = request.htmx and not request.htmx.history_restore_request
    hidden = set(hidden)
    return render(request, table if partial else template, {
        "filter": filterset, "page": page, "title": title, "table": table,
        "today": timezone.localdate(),
        "can_add": user_can(request.user, ADD, model) if can_add is None else can_add,
        "filter_fields": [f for f in filterset.form if f.name not in hidden],
        **(extra or {}),
    })


def export(request: HttpRequest, filterset_class, queryset, builder: Callable, name: str
           ) -> HttpResponse:
    """The filtered rows as the .xlsx `builder` makes of them, named `name` + today's date."""
    _filterset, rows = filtered(request, filterset_class, queryset)
    return attachment(builder(rows), f"{name}{timezone.localdate():%Y%m%d}.xlsx")


def run(form, call: Callable):
    """Call a service; its refusal lands on the form (returns None)."""
    try:
        return call()
    except (ValidationError, PermissionDenied) as exc:
        form.add_service_errors(exc)
        return None


def may(user, obj, action: str = CHANGE, model=None) -> bool:
    """Whether `user` may `action` this row (its model's scope)."""
    return (model or type(obj)).objects.for_user(user, action).filter(pk=obj.pk).exists()
