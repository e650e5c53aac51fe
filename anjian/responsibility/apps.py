from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsibilityConfig(AppConfig):
    name = "anjian.responsibility"
    label = "responsibility"
    verbose_name = _("责任体系")
