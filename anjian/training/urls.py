from anjian.training.views import publicity, sessions

app_name = "training"

urlpatterns = [*sessions.urlpatterns, *publicity.urlpatterns]
