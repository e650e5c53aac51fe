from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DailyReportsConfig(AppConfig):
    name = "anjian.dailyreports"
    label = "dailyreports"
    verbose_name = _("日报告")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_own_organisation, register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, CHANGE, VIEW
        from anjian.dailyreports.selectors import AGENCY_ACTIONS, LABEL, SETTINGS_LABEL

        read = frozenset({VIEW})
        file = frozenset({VIEW, ADD, CHANGE})
        # Villages file and see their own reports (region subtree); the office sees and may file on
        # a reporter's behalf (a report phoned in); leaders read. An agency's region grant (its
        # town, limited to its sectors) gives nothing here: its own-organisation grant gives it its own
        # organisation's reports instead (docs/dailyreports.md, "Scope").
        register_permissions(LABEL, {Role.LEADER: read, Role.SAFETY_OFFICE: file,
                                     Role.VILLAGE: file})
        register_permissions(SETTINGS_LABEL, {Role.LEADER: read, Role.SAFETY_OFFICE: file})
        register_own_organisation(LABEL, AGENCY_ACTIONS)
        register_nav("emergency", _("日报告"), "dailyreports:today",
                     model="dailyreports.DailyReport")
