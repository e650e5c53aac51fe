from django.urls import path

from anjian.units.views import registry

app_name = "units"
urlpatterns = [
    path("", registry.unit_list, name="list"),
    path("new/", registry.unit_create, name="create"),
    path("<int:pk>/", registry.unit_detail, name="detail"),
    path("<int:pk>/edit/", registry.unit_edit, name="edit"),
    path("<int:pk>/deregister/", registry.unit_deregister, name="deregister"),
    path("<int:pk>/restore/", registry.unit_restore, name="restore"),
]
