from django.urls import path

from anjian.accidents.views import edit, ledger, statistics

app_name = "accidents"

urlpatterns = [
    path("", ledger.accident_list, name="list"),
    path("export/", ledger.accident_export, name="export"),
    path("new/", edit.accident_create, name="create"),
    path("type-options/", ledger.type_options_view, name="type_options"),
    path("grade-preview/", ledger.grade_preview, name="grade_preview"),
    path("<int:pk>/", ledger.accident_detail, name="detail"),
    path("<int:pk>/edit/", edit.accident_edit, name="edit"),
    path("<int:pk>/casualties/", edit.accident_casualties, name="casualties"),
    path("<int:pk>/steps/<int:step_pk>/", edit.step_record, name="step_record"),
    path("<int:pk>/extend/", edit.investigation_extend, name="extend"),
    path("statistics/", statistics.accident_statistics, name="statistics"),
    path("statistics/export/", statistics.statistics_export, name="statistics_export"),
    path("indicators/", statistics.indicator_list, name="indicators"),
    path("indicators/new/", statistics.indicator_edit, name="indicator_create"),
    path("indicators/<int:pk>/edit/", statistics.indicator_edit, name="indicator_edit"),
]
