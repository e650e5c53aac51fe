"""REST API routes (/api/…). Each app contributes its viewsets in its `api.py`.

Authentication: the browser session (with CSRF) or a token (`Authorization: Token <key>`), obtained
at /api/token/ or on the profile page. The OpenAPI schema is /api/schema/, its docs /api/docs/.
"""

from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from anjian.accounts.api import PersonViewSet
from anjian.core.api import JournalEntryViewSet
from anjian.hazards.api import HazardViewSet
from anjian.inspections.api import (
    InspectionPlanViewSet,
    InspectionRecordViewSet,
    InspectionTaskViewSet,
)
from anjian.regions.api import OrganisationViewSet, RegionViewSet
from anjian.units.api import UnitViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")
router.register("units", UnitViewSet, basename="unit")
router.register("journal", JournalEntryViewSet, basename="journal")
router.register("inspection-plans", InspectionPlanViewSet, basename="inspection-plan")
router.register("inspection-tasks", InspectionTaskViewSet, basename="inspection-task")
router.register("inspection-records", InspectionRecordViewSet, basename="inspection-record")
router.register("hazards", HazardViewSet, basename="hazard")

urlpatterns = [
    path("token/", obtain_auth_token, name="api-token"),
    *router.urls,
]
