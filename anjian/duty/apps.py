from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutyConfig(AppConfig):
    name = "anjian.duty"
    label = "duty"
    verbose_name = _("值班值守")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, CHANGE, DELETE, VIEW

        # Who sees what: docs/duty.md. The office keeps the roster, the log and the handovers;
        # leaders read them; agencies, village cadres and grid workers read the roster and "who is
        # on duty now" of their town (DutyShiftQuerySet.for_user adds the town above them).
        read = frozenset({VIEW})
        register_permissions("duty.dutyshift", {
            Role.SAFETY_OFFICE: frozenset({VIEW, ADD, CHANGE, DELETE}), Role.LEADER: read,
            Role.AGENCY: read, Role.VILLAGE: read, Role.GRID_WORKER: read})
        for label in ("duty.dutylogentry", "duty.dutyhandover"):
            register_permissions(label, {Role.SAFETY_OFFICE: frozenset({VIEW, ADD, CHANGE}),
                                         Role.LEADER: read})
        register_nav("emergency", _("值班表"), "duty:roster", model="duty.DutyShift")
        register_nav("emergency", _("值班日志"), "duty:log_list", model="duty.DutyLogEntry")
