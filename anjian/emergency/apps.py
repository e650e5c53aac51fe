from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

LABELS = ("emergency.emergencyplan", "emergency.drill", "emergency.emergencyteam",
          "emergency.supplyitem", "emergency.incident")


class EmergencyConfig(AppConfig):
    name = "anjian.emergency"
    label = "emergency"
    verbose_name = _("应急管理")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, CHANGE, DELETE, VIEW

        read = frozenset({VIEW})
        edit = frozenset({VIEW, ADD, CHANGE})
        full = frozenset({VIEW, ADD, CHANGE, DELETE})
        plan, drill, team, supply, incident = LABELS
        matrix = {
            # The office keeps every ledger of its town; leaders read them.
            Role.SAFETY_OFFICE: dict.fromkeys(LABELS, full),
            Role.LEADER: dict.fromkeys(LABELS, read),
            # Agencies take part in drills and incidents across the town.
            Role.AGENCY: {**dict.fromkeys(LABELS, read), incident: edit},
            # A village keeps its own plans, drills, teams, supplies and incidents.
            Role.VILLAGE: dict.fromkeys(LABELS, edit),
            Role.GRID_WORKER: {incident: read},
            # An enterprise keeps its own site plans and drills.
            Role.ENTERPRISE: {plan: edit, drill: edit},
        }
        for label in LABELS:
            register_permissions(label, {role: perms[label] for role, perms in matrix.items()
                                         if label in perms})
        for label, url, model in (
            (_("应急预案"), "emergency:plan_list", "emergency.EmergencyPlan"),
            (_("应急演练"), "emergency:drill_list", "emergency.Drill"),
            (_("应急队伍"), "emergency:team_list", "emergency.EmergencyTeam"),
            (_("应急物资"), "emergency:supply_list", "emergency.SupplyItem"),
            (_("突发事件"), "emergency:incident_list", "emergency.Incident"),
        ):
            register_nav("emergency", label, url, model=model)
