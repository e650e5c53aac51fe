from anjian.assessment.views import urlpatterns  # noqa: F401

app_name = "assessment"
