"""Form pieces shared by every app."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class ServiceErrorsMixin:
    """For forms whose saving service may refuse: its Chinese messages land on the matching fields
    (or on the form when no field matches)."""

    def add_service_errors(self, exc: ValidationError | PermissionDenied) -> None:
        if isinstance(exc, PermissionDenied):
            self.add_error(None, str(exc) or _("该对象不在您的管辖范围内"))
            return
        by_field = exc.error_dict if hasattr(exc, "error_dict") else {"__all__": exc.error_list}
        for field, errors in by_field.items():
            target = field if field in self.fields else None
            for error in errors:
                self.add_error(target, error)


# Model -> URL name of a view answering ?q= with {"results": [{"value", "text"}]} from the
# requesting user's scope (apps register theirs, e.g. units: "units:options").
REMOTE_OPTIONS: dict[type, str] = {}


def register_remote_options(model: type, url_name: str) -> None:
    REMOTE_OPTIONS[model] = url_name


class RemoteSelect(forms.Select):
    """A single choice among a model's rows. While the field's queryset holds at most
    settings.REMOTE_SELECT_FROM rows it is a plain <select>; beyond (a county's 50,000 units) only
    the chosen option is rendered, with `data-remote`: the address select-search.js asks as the
    user types. What is submitted and validated does not change (the field's own queryset)."""

    def get_context(self, name, value, attrs):
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        url_name = REMOTE_OPTIONS.get(getattr(queryset, "model", None))
        if url_name is None or queryset.count() <= settings.REMOTE_SELECT_FROM:
            return super().get_context(name, value, attrs)
        chosen = [v for v in self.format_value(value) if str(v).isdigit()]
        subset = [("", iterator.field.empty_label)] if iterator.field.empty_label is not None else []
        subset += [iterator.choice(obj) for obj in queryset.filter(pk__in=chosen)]
        self.choices = subset
        try:
            return super().get_context(name, value, {**(attrs or {}), "data-remote": reverse(url_name)})
        finally:
            self.choices = iterator


def _remote_select(field: forms.Field) -> None:
    """Give a single model choice with a plain <select> the RemoteSelect (same attributes)."""
    if (isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField)
            and type(field.widget) is forms.Select):
        widget = RemoteSelect(attrs=field.widget.attrs)
        widget.choices, widget.is_required = field.widget.choices, field.widget.is_required
        field.widget = widget


def bootstrap(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget (phone first: full-width controls). Radio buttons, check
    box lists and hidden inputs are left to their templates. Single model choices become
    `RemoteSelect`s (searched on the server when their model has too many rows to list)."""
    for field in form.fields.values():
        _remote_select(field)
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


class YesNo(forms.Select):
    """全部 / 是 / 否 for a yes-no filter (the query string says true/false)."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", gettext_lazy("全部")), ("true", gettext_lazy("是")),
                                               ("false", gettext_lazy("否"))])


class DateInput(forms.DateInput):
    """The browser's date picker. Its value is always ISO (2026-11-24): the Chinese locale's first
    input format (2026/11/24) would leave an `<input type="date">` blank."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker, with its ISO value (see `DateInput`)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")
