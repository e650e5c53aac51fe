from anjian.duty.views import log, roster

app_name = "duty"

urlpatterns = [*roster.urlpatterns, *log.urlpatterns]
