from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

LABELS = ("documents.trackeddocument", "documents.documenttask", "documents.taskprogress")


class DocumentsConfig(AppConfig):
    name = "anjian.documents"
    label = "documents"
    verbose_name = _("文件督办")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, CHANGE, DELETE, VIEW

        read = frozenset({VIEW})
        full = frozenset({VIEW, ADD, CHANGE, DELETE})
        document, task, progress = LABELS
        matrix = {
            # The office registers documents and splits them; leaders read and review.
            Role.SAFETY_OFFICE: dict.fromkeys(LABELS, full),
            Role.LEADER: dict.fromkeys(LABELS, read),
            # Agencies and villages see the tasks in their scope and report progress on them.
            Role.AGENCY: {document: read, task: frozenset({VIEW, CHANGE}), progress: frozenset(
                {VIEW, ADD})},
            Role.VILLAGE: {task: frozenset({VIEW, CHANGE}), progress: frozenset({VIEW, ADD})},
        }
        for label in LABELS:
            register_permissions(label, {role: perms[label] for role, perms in matrix.items()
                                         if label in perms})
        register_nav("responsibility", _("文件督办"), "documents:document_list",
                     model="documents.TrackedDocument")
        register_nav("responsibility", _("督办周梳理"), "documents:weekly_review",
                     model="documents.DocumentTask")
