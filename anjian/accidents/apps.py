from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccidentsConfig(AppConfig):
    name = "anjian.accidents"
    label = "accidents"
    verbose_name = _("事故统计")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, CHANGE, VIEW

        view = frozenset({VIEW})
        # Office records and edits; enterprises may report their own unit's accident.
        register_permissions("accidents.accident", {
            Role.SAFETY_OFFICE: frozenset({VIEW, ADD, CHANGE}), Role.LEADER: view,
            Role.AGENCY: view, Role.VILLAGE: view, Role.ENTERPRISE: frozenset({VIEW, ADD}),
        })
        register_permissions("accidents.indicatoryear", {
            Role.SAFETY_OFFICE: frozenset({VIEW, ADD, CHANGE}), Role.LEADER: view,
        })
        register_nav("accidents", _("事故台账"), "accidents:list", model="accidents.Accident")
        register_nav("accidents", _("事故统计"), "accidents:statistics", model="accidents.Accident")
        register_nav("accidents", _("控制指标"), "accidents:indicators",
                     model="accidents.IndicatorYear")
