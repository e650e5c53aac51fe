from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports drafted from the ledgers: the weekly bulletin (周通报) and the work report
    (工作开展情况汇报)."""

    name = "anjian.reports"
    label = "reports"
    verbose_name = _("报告")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, VIEW

        register_permissions("reports.bulletin", {
            Role.LEADER: frozenset({VIEW, ADD}), Role.SAFETY_OFFICE: frozenset({VIEW, ADD}),
            Role.VILLAGE: frozenset({VIEW, ADD}), Role.AGENCY: frozenset({VIEW})})
        register_nav("inspections", _("周通报"), "reports:bulletin_list", model="reports.Bulletin")
        # Shown to the roles that may draft it (ADD on bulletins): agencies only read bulletins.
        register_nav("inspections", _("工作汇报"), "reports:work_report",
                     roles=(Role.LEADER, Role.SAFETY_OFFICE, Role.VILLAGE))
