from anjian.dailyreports.views import filing, ledger, reports, today

app_name = "dailyreports"
urlpatterns = [*today.urlpatterns, *filing.urlpatterns, *ledger.urlpatterns,
               *reports.urlpatterns]
