from django.urls import path
from django.views.generic import RedirectView

from anjian.emergency.views import drills, incidents, plans, resources

app_name = "emergency"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="emergency:plan_list"), name="index"),
    *plans.urlpatterns, *drills.urlpatterns, *resources.urlpatterns, *incidents.urlpatterns,
]
