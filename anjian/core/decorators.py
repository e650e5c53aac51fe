"""View decorators shared by every app."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def role_required(*roles: str):
    """A logged-in user holding one of `roles` (installation-wide pages such as the 三管三必须
    rules or the work-day calendar); anyone else gets 403."""
    def decorate(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        return wrapper
    return decorate


office_required = role_required("safety_office")
