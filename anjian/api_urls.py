"""REST API routes (/api/…). Each app contributes its viewsets in its `api.py`."""

from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

router = DefaultRouter()

urlpatterns = [
    path("token/", obtain_auth_token, name="api-token"),
    *router.urls,
]
