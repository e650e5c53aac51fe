from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "anjian.assessment"
    label = "assessment"
    verbose_name = _("考核问责")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_own_organisation, register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, CHANGE, VIEW

        manage = frozenset({VIEW, ADD, CHANGE})
        view = frozenset({VIEW})
        # Office and leaders: the town's; a village: actions in it and the town's village ranking;
        # an agency: actions aimed at its organisation (through its own-organisation grant, not
        # its town-and-sectors one) and the organisation ranking; an enterprise: actions aimed at
        # its unit.
        register_permissions("assessment.scheme", {Role.SAFETY_OFFICE: manage, Role.LEADER: view})
        register_permissions("assessment.snapshot", {Role.SAFETY_OFFICE: manage, Role.LEADER: view})
        register_permissions("assessment.accountabilityaction",
                             {Role.SAFETY_OFFICE: manage, Role.LEADER: view, Role.VILLAGE: view,
                              Role.ENTERPRISE: view})
        register_own_organisation("assessment.accountabilityaction", view)
        # Villages and agencies see the ranking (their own breakdown) without rights on the scheme.
        register_nav("responsibility", _("考核排名"), "assessment:ranking",
                     roles=(Role.SAFETY_OFFICE, Role.LEADER, Role.VILLAGE, Role.AGENCY))
        register_nav("responsibility", _("问责记录"), "assessment:action_list",
                     model="assessment.accountabilityaction")
