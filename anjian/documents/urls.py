from anjian.documents.views import documents, tasks

app_name = "documents"

urlpatterns = [*tasks.urlpatterns, *documents.urlpatterns]
