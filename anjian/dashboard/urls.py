from django.urls import path

from anjian.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("map/", views.map_page, name="map"),
    path("map/data/", views.map_data, name="map_data"),
]
