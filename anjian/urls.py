from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from anjian.accounts.forms import LoginForm
from anjian.core import views as core_views

admin.site.site_header = _("安监 · 系统管理")
admin.site.site_title = _("安监")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("core/", include("anjian.core.urls")),
    path("regions/", include("anjian.regions.urls")),
    path("accounts/", include("anjian.accounts.urls")),
    path("units/", include("anjian.units.urls")),
    path("inspections/", include("anjian.inspections.urls")),
    path("hazards/", include("anjian.hazards.urls")),
    path("workdays/", include("anjian.workdays.urls")),
    path("daily-reports/", include("anjian.dailyreports.urls")),
    path("duty/", include("anjian.duty.urls")),
    path("emergency/", include("anjian.emergency.urls")),
    path("accidents/", include("anjian.accidents.urls")),
    path("responsibility/", include("anjian.responsibility.urls")),
    path("risks/", include("anjian.risks.urls")),
    path("documents/", include("anjian.documents.urls")),
    path("enforcement/", include("anjian.enforcement.urls")),
    path("training/", include("anjian.training.urls")),
    path("patrols/", include("anjian.patrols.urls")),
    path("assessment/", include("anjian.assessment.urls")),
    path("messages/", include("anjian.notify.urls")),
    path("dashboard/", include("anjian.dashboard.urls")),
    path("reports/", include("anjian.reports.urls")),
    path("api/", include("anjian.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
