import time
import uuid

from django.conf import settings

from anjian.core.journal import request_id_var, source_var


class RequestIdMiddleware:
    """Gives each request an id so all journal entries of one request can be grouped."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = uuid.uuid4().hex
        source = "api" if request.path.startswith("/api/") else "web"
        t1, t2 = request_id_var.set(request.id), source_var.set(source)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(t1)
            source_var.reset(t2)
        response["X-Request-ID"] = request.id
        return response


class SecurityHeadersMiddleware:
    """Headers Django 5.2 does not set itself: a content security policy and a permissions policy."""

    CSP = (
        "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; "
        "base-uri 'self'; form-action 'self'; object-src 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.CSP)
        response.setdefault("Permissions-Policy", "camera=(self), geolocation=(self), microphone=()")
        # drf-spectacular's Swagger UI asks for `unsafe-none` (for an OAuth2 pop-up Anjian does not
        # use); every page keeps the configured policy.
        if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
            response["Cross-Origin-Opener-Policy"] = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
        return response


class SessionTouchMiddleware:
    """Idle expiry with at most one session write a minute: a signed-in user's session is saved
    again (its expiry moved SESSION_COOKIE_AGE ahead) when its last save is older than
    ANJIAN_SESSION_TOUCH_SECONDS. Saving it on every request (SESSION_SAVE_EVERY_REQUEST) cost
    every page three round trips and a write. Placed after SessionMiddleware."""

    KEY = "_touched"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.ANJIAN_SESSION_TOUCH_SECONDS:
                session[self.KEY] = now  # modified: SessionMiddleware saves it
        return response
