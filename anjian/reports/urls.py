from django.urls import path

from anjian.reports import views

app_name = "reports"

urlpatterns = [
    path("bulletins/", views.bulletin_list, name="bulletin_list"),
    path("bulletins/<int:pk>.docx", views.bulletin_download, name="bulletin_download"),
    path("work-report/", views.work_report, name="work_report"),
]
