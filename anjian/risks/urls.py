from anjian.risks.views import commitments, points, settings

app_name = "risks"

urlpatterns = [*commitments.urlpatterns, *points.urlpatterns, *settings.urlpatterns]
