from django.urls import path

from anjian.regions import views

app_name = "regions"
urlpatterns = [
    path("", views.region_list, name="list"),
    path("<int:pk>/", views.region_detail, name="detail"),
    path("<int:pk>/new/", views.region_create, name="create"),
    path("<int:pk>/edit/", views.region_edit, name="edit"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
]
