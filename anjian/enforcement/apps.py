from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

LABELS = ("enforcement.enforcementaction", "enforcement.dishonestylisting")


class EnforcementConfig(AppConfig):
    name = "anjian.enforcement"
    label = "enforcement"
    verbose_name = _("执法")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, CHANGE, DELETE, VIEW

        read = frozenset({VIEW})
        edit = frozenset({VIEW, ADD, CHANGE})
        action, listing = LABELS
        matrix = {
            # The office keeps the enforcement ledger and the list; leaders read them.
            Role.SAFETY_OFFICE: dict.fromkeys(LABELS, frozenset({VIEW, ADD, CHANGE, DELETE})),
            Role.LEADER: dict.fromkeys(LABELS, read),
            # Agencies record the actions in their sectors (三管三必须) and read the list.
            Role.AGENCY: {action: edit, listing: read},
            # A village reads the actions on its units; an enterprise its own (read-only).
            Role.VILLAGE: dict.fromkeys(LABELS, read),
            Role.GRID_WORKER: dict.fromkeys(LABELS, read),
            Role.ENTERPRISE: dict.fromkeys(LABELS, read),
        }
        for label in LABELS:
            register_permissions(label, {role: perms[label] for role, perms in matrix.items()
                                         if label in perms})
        register_nav("inspections", _("执法记录"), "enforcement:action_list",
                     model="enforcement.EnforcementAction")
        register_nav("inspections", _("失信名单"), "enforcement:listing_list",
                     model="enforcement.DishonestyListing")
