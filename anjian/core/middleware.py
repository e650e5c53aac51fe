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
