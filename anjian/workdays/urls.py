from django.urls import path

from anjian.workdays import views

app_name = "workdays"
urlpatterns = [
    path("", views.year_list, name="year_list"),
    path("<int:year>/", views.year_edit, name="year_edit"),
]
