from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "anjian.risks"
    label = "risks"
    verbose_name = _("安全承诺与风险报告")
