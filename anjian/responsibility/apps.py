from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsibilityConfig(AppConfig):
    name = "anjian.responsibility"
    label = "responsibility"
    verbose_name = _("责任体系")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_own_organisation, register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, CHANGE, DELETE, VIEW

        view = frozenset({VIEW})
        edit = frozenset({VIEW, ADD, CHANGE})
        full = frozenset({VIEW, ADD, CHANGE, DELETE})
        # The office keeps every ledger of its town; leaders read them and record their own
        # linkage visits; a village keeps its own lists and meetings and reads its agreement and
        # the visits to its units; an enterprise reads its own agreement and the visits it got.
        # Agencies read the town's lists and meetings (their heads' posts are on them) and their
        # own organisation's agreement.
        register_permissions("responsibility.responsibilitylist", {
            Role.SAFETY_OFFICE: full, Role.LEADER: view, Role.VILLAGE: edit, Role.AGENCY: view})
        register_permissions("responsibility.agreement", {
            Role.SAFETY_OFFICE: full, Role.LEADER: view, Role.VILLAGE: view, Role.ENTERPRISE: view})
        register_own_organisation("responsibility.agreement", view)
        register_permissions("responsibility.linkagevisit", {
            Role.SAFETY_OFFICE: full, Role.LEADER: edit, Role.VILLAGE: view, Role.ENTERPRISE: view})
        register_permissions("responsibility.meeting", {
            Role.SAFETY_OFFICE: full, Role.LEADER: view, Role.VILLAGE: edit, Role.AGENCY: view})

        for label, url_name, model in [
            (_("责任清单"), "responsibility:lists", "responsibility.ResponsibilityList"),
            (_("责任书"), "responsibility:agreements", "responsibility.Agreement"),
            (_("领导挂钩"), "responsibility:leaders", "responsibility.LinkageVisit"),
            (_("会议记录"), "responsibility:meetings", "responsibility.Meeting"),
        ]:
            register_nav("responsibility", label, url_name, model=model)
