from anjian.enforcement.views import actions, listings

app_name = "enforcement"

urlpatterns = [*listings.urlpatterns, *actions.urlpatterns]
