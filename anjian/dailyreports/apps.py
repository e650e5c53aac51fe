from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DailyReportsConfig(AppConfig):
    name = "anjian.dailyreports"
    label = "dailyreports"
    verbose_name = _("日报告")
