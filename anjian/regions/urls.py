from django.urls import path

from anjian.regions import views

app_name = "regions"
urlpatterns = [
    path("", views.region_list, name="list"),
    path("<int:pk>/", views.region_detail, name="detail"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
]
