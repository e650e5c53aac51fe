from anjian.hazards.views import actions, downloads, ledger

app_name = "hazards"
urlpatterns = [*ledger.urlpatterns, *actions.urlpatterns, *downloads.urlpatterns]
