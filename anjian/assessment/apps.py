from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "anjian.assessment"
    label = "assessment"
    verbose_name = _("考核问责")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, CHANGE, VIEW

        manage = frozenset({VIEW, ADD, CHANGE})
        view = frozenset({VIEW})
        # Office and leaders: the town's; a village: its own actions and the town's ranking.
        register_permissions("assessment.scheme", {Role.SAFETY_OFFICE: manage, Role.LEADER: view})
        register_permissions("assessment.snapshot", {Role.SAFETY_OFFICE: manage, Role.LEADER: view})
        register_permissions("assessment.accountabilityaction",
                             {Role.SAFETY_OFFICE: manage, Role.LEADER: view, Role.VILLAGE: view})
        # Villages see the ranking (their own breakdown) without rights on the scheme itself.
        register_nav("responsibility", _("考核排名"), "assessment:ranking",
                     roles=(Role.SAFETY_OFFICE, Role.LEADER, Role.VILLAGE))
        register_nav("responsibility", _("问责记录"), "assessment:action_list",
                     model="assessment.accountabilityaction")
