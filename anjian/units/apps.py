from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "anjian.units"
    label = "units"
    verbose_name = _("监管对象")

    def ready(self) -> None:
        from anjian.accounts.roles import register_grant_provider
        from anjian.core.forms import register_remote_options
        from anjian.units.models import Unit, UnitAccess
        from anjian.units.selectors import unit_access_grants

        register_grant_provider(unit_access_grants, reads=[UnitAccess])
        register_remote_options(Unit, "units:options")
