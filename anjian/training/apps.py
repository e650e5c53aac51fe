from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

SESSION, ACTIVITY = "training.trainingsession", "training.publicityactivity"


class TrainingConfig(AppConfig):
    name = "anjian.training"
    label = "training"
    verbose_name = _("宣传教育")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, CHANGE, DELETE, VIEW

        read = frozenset({VIEW})
        edit = frozenset({VIEW, ADD, CHANGE})
        full = frozenset({VIEW, ADD, CHANGE, DELETE})
        # The office keeps the town's ledgers, leaders and agencies read them; a village records
        # its own; an enterprise its own unit's trainings (每月一次); grid workers their visits.
        register_permissions(SESSION, {Role.SAFETY_OFFICE: full, Role.LEADER: read,
                                       Role.AGENCY: read, Role.VILLAGE: edit,
                                       Role.ENTERPRISE: edit})
        register_permissions(ACTIVITY, {Role.SAFETY_OFFICE: full, Role.LEADER: read,
                                        Role.AGENCY: read, Role.VILLAGE: edit,
                                        Role.GRID_WORKER: edit})
        register_nav("responsibility", _("教育培训"), "training:session_list",
                     model="training.TrainingSession")
        register_nav("responsibility", _("宣传活动"), "training:activity_list",
                     model="training.PublicityActivity")
