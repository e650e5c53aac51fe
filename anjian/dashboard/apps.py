from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The leaders' dashboard and map (大数据): reads every ledger through its selectors, writes nothing."""

    name = "anjian.dashboard"
    label = "dashboard"
    verbose_name = _("数据看板")

    def ready(self) -> None:
        from anjian.core.navigation import register_nav

        register_nav("", _("数据看板"), "dashboard:index", model="hazards.Hazard")
        register_nav("", _("地图"), "dashboard:map", model="units.Unit")
