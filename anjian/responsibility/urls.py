from anjian.responsibility.views import agreements, linkage, lists, meetings

app_name = "responsibility"
urlpatterns = [*lists.urlpatterns, *agreements.urlpatterns, *linkage.urlpatterns,
               *meetings.urlpatterns]
