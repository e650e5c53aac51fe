from django.urls import path
from django.views.generic import RedirectView

from anjian.patrols.views import forest, traffic

app_name = "patrols"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="patrols:record_list"), name="index"),
    *traffic.urlpatterns, *forest.urlpatterns,
]
