"""What the training and patrols pages share (both apps import it; their services share
`anjian.core.records`): the photos field, the regions a user may write in, and the page helpers
(`anjian.core.pages` with this app's templates: the ledger page with a generic table, a generic
form page)."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from anjian.core.forms import bootstrap
from anjian.core.pages import export, filtered, ledger_page, may, run  # noqa: F401 (the pages use them)
from anjian.core.photos import read_upload
from anjian.core.scope import ADD
from anjian.regions.models import Region

# Forms ------------------------------------------------------------------------------------------

class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/*", "capture": "environment", "class": "form-control",
                          **(attrs or {})})


class PhotosField(forms.FileField):
    """Zero or more photos, each checked by core.photos.read_upload; cleans to [PhotoData]."""

    widget = MultiplePhotoInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("照片"))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        photos, errors = [], []
        for upload in files:
            try:
                photos.append(read_upload(upload))
            except ValidationError as exc:
                errors.extend(f"{upload.name}：{m}" for m in exc.messages)
        if errors:
            raise ValidationError(errors)
        return photos


def writable_regions(user, model, action: str = ADD):
    """Towns, villages and grids where `user` may `action` a `model` row."""
    label = model._meta.label_lower
    paths = [g.region_path for g in user.scope_grants if g.region_path and g.allows(label, action)]
    if user.is_superuser:
        return Region.objects.filter(level__gte=2).order_by("path")
    qs = Region.objects.none()
    for path in paths:
        qs = qs | Region.objects.filter(path__startswith=path, level__gte=2)
    return qs.order_by("path")


# Pages ------------------------------------------------------------------------------------------

def list_page(request: HttpRequest, *, filterset_class, queryset, title: str, model, urls: dict,
              table: str = "training/_generic_table.html", columns: tuple = (),
              row: Callable | None = None, extra: dict | None = None) -> HttpResponse:
    """A ledger page (`training/ledger_list.html` around the `table` template), or only the table
    for an htmx request from the filter form. `urls`: list, export and (optional) create names.
    With the generic table, `columns` are the headers and `row(obj)` gives (link, [cells])."""
    return ledger_page(request, template="training/ledger_list.html",
                       filterset_class=filterset_class, queryset=queryset, title=title,
                       table=table, model=model, row=row,
                       extra={"urls": urls, "columns": columns, **(extra or {})})


def may_change(user, obj) -> bool:
    return may(user, obj)


def form_page(request: HttpRequest, form, title: str, cancel: str, *, extra: dict | None = None,
              template: str = "training/form.html") -> HttpResponse:
    bootstrap(form)
    return render(request, template, {"form": form, "title": title, "cancel": cancel,
                                      **(extra or {})})


def town_regions(user):
    """Towns and villages (levels 2–3) the user may see, for the owner dropdowns."""
    return Region.objects.for_user(user).filter(level__in=(2, 3, 4)).order_by("path")
