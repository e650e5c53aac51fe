from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HazardsConfig(AppConfig):
    name = "anjian.hazards"
    label = "hazards"
    verbose_name = _("隐患治理")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_permissions
        from anjian.core.scope import ADD, VIEW

        report = frozenset({VIEW, ADD})
        by_role = {Role.LEADER: report, Role.SAFETY_OFFICE: report, Role.AGENCY: report,
                   Role.VILLAGE: report, Role.GRID_WORKER: report, Role.ENTERPRISE: report,
                   Role.EXPERT: report}
        register_permissions("hazards.hazard", by_role)
        register_permissions("hazards.hazardphoto", by_role)

        from anjian.hazards.intake import raise_from_submission
        from anjian.inspections.services import register_record_hook

        register_record_hook(raise_from_submission)
