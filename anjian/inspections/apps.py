from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "anjian.inspections"
    label = "inspections"
    verbose_name = _("隐患排查")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_permissions
        from anjian.core.scope import ADD, CHANGE, DELETE, VIEW

        seen, record = frozenset({VIEW}), frozenset({VIEW, ADD})
        inspectors = (Role.SAFETY_OFFICE, Role.AGENCY, Role.VILLAGE, Role.GRID_WORKER,
                      Role.ENTERPRISE, Role.EXPERT, Role.LEADER)
        register_permissions("inspections.inspectionrecord", {r: record for r in inspectors})
        register_permissions("inspections.inspectionphoto", {r: record for r in inspectors})
        register_permissions("inspections.inspectiontask",
                             {**{r: seen for r in inspectors},
                              Role.SAFETY_OFFICE: frozenset({VIEW, ADD, CHANGE, DELETE})})
        register_permissions("inspections.inspectionplan",
                             {Role.LEADER: seen, Role.AGENCY: seen, Role.VILLAGE: seen,
                              Role.GRID_WORKER: seen,
                              Role.SAFETY_OFFICE: frozenset({VIEW, ADD, CHANGE, DELETE})})
