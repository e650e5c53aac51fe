"""REST API routes (/api/…). Each app lists its viewsets as `ROUTES` in its `api.py`.

Authentication: the browser session (with CSRF) or a token (`Authorization: Token <key>`), obtained
at /api/token/ or on the profile page. The OpenAPI schema is /api/schema/, its docs /api/docs/.
"""

from importlib import import_module

from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

API_APPS = ("regions", "accounts", "units", "core", "inspections", "hazards",
            "dailyreports", "duty", "emergency", "accidents", "responsibility", "risks",
            "documents", "enforcement", "training", "patrols", "assessment")

router = DefaultRouter()
for app in API_APPS:
    for prefix, viewset, basename in import_module(f"anjian.{app}.api").ROUTES:
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("token/", obtain_auth_token, name="api-token"),
    *router.urls,
]
