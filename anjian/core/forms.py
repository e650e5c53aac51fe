"""Form pieces shared by every app."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
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


def bootstrap(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget (phone first: full-width controls). Radio buttons, check
    box lists and hidden inputs are left to their templates."""
    for field in form.fields.values():
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
