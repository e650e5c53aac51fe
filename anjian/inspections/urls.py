from django.urls import path

from anjian.inspections.views import coverage, plans, records, templates

app_name = "inspections"
urlpatterns = [
    path("", records.record_list, name="record_list"),
    path("records/new/", records.record_new, name="record_new"),
    path("records/<int:pk>/", records.record_detail, name="record_detail"),
    path("photos/<int:pk>/", records.photo, name="photo"),
    path("templates/", templates.template_list, name="template_list"),
    path("templates/<int:pk>/", templates.template_detail, name="template_detail"),
    path("templates/<int:pk>/copy/", templates.template_copy, name="template_copy"),
    path("templates/<int:pk>/edit/", templates.template_edit, name="template_edit"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_new, name="plan_new"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/close/", plans.plan_close, name="plan_close"),
    path("tasks/", plans.my_tasks, name="my_tasks"),
    path("coverage/", coverage.coverage, name="coverage"),
    path("leaders/", coverage.leaders, name="leaders"),
    path("frequencies/", coverage.frequencies, name="frequencies"),
]
