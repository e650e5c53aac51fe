"""Form pieces shared by every app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


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
