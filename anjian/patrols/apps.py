from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

POINT, RECORD, CHECKIN, CHECKPOINT, FIRE = (
    "patrols.persuasionpoint", "patrols.persuasionrecord", "patrols.patrolcheckin",
    "patrols.firecheckpoint", "patrols.firesource")


class PatrolsConfig(AppConfig):
    name = "anjian.patrols"
    label = "patrols"
    verbose_name = _("专项巡查")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, CHANGE, DELETE, VIEW
        from anjian.patrols.selectors import is_ranger

        read = frozenset({VIEW})
        record = frozenset({VIEW, ADD})
        edit = frozenset({VIEW, ADD, CHANGE})
        full = frozenset({VIEW, ADD, CHANGE, DELETE})
        labels = (POINT, RECORD, CHECKIN, CHECKPOINT, FIRE)
        matrix = {
            # The office runs every point and the forest ledgers of its town; leaders read.
            Role.SAFETY_OFFICE: dict.fromkeys(labels, full),
            Role.LEADER: dict.fromkeys(labels, read),
            # Police station and traffic station staff the persuasion points with the office.
            Role.AGENCY: {**dict.fromkeys(labels, read), POINT: edit, RECORD: edit},
            # A village keeps its points, its rangers' check-ins and the fire sources found.
            Role.VILLAGE: dict.fromkeys(labels, edit),
            # Grid workers record persuasions and fire sources in their grid.
            Role.GRID_WORKER: {POINT: read, RECORD: record, FIRE: record, CHECKPOINT: read},
        }
        for label in labels:
            register_permissions(label, {role: perms[label] for role, perms in matrix.items()
                                         if label in perms})
        register_nav("inspections", _("交通劝导"), "patrols:record_list",
                     model="patrols.PersuasionRecord")
        register_nav("inspections", _("森林防火"), "patrols:forest",
                     model="patrols.PatrolCheckIn", also=is_ranger)
