from django.urls import path

from anjian.core import views

app_name = "core"
urlpatterns = [
    path("journal/", views.journal_list, name="journal"),
]
