from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "anjian.risks"
    label = "risks"
    verbose_name = _("安全承诺与风险报告")

    def ready(self) -> None:
        from anjian.accounts.choices import Role
        from anjian.accounts.roles import register_permissions
        from anjian.core.navigation import register_nav
        from anjian.core.scope import ADD, CHANGE, VIEW

        ro, edit = frozenset({VIEW}), frozenset({VIEW, ADD, CHANGE})
        viewers = {Role.LEADER: ro, Role.AGENCY: ro, Role.VILLAGE: ro, Role.GRID_WORKER: ro,
                   Role.EXPERT: ro}
        # The unit files its commitments and reports; the office keeps the risk points with it.
        register_permissions("risks.safetycommitment", {
            **viewers, Role.SAFETY_OFFICE: ro, Role.ENTERPRISE: edit})
        for label in ("risks.riskpoint", "risks.riskassessment"):
            register_permissions(label, {**viewers, Role.SAFETY_OFFICE: edit,
                                         Role.ENTERPRISE: edit})
        register_permissions("risks.riskreport", {
            **viewers, Role.SAFETY_OFFICE: ro, Role.ENTERPRISE: frozenset({VIEW, ADD})})
        register_permissions("risks.riskleveloverride", {
            **viewers, Role.SAFETY_OFFICE: edit, Role.ENTERPRISE: ro})
        for label in ("risks.gradingscheme", "risks.commitmentsettings"):
            register_permissions(label, {Role.SAFETY_OFFICE: edit, Role.LEADER: ro})

        register_nav("responsibility", _("安全承诺"), "risks:commitment_home",
                     "risks.SafetyCommitment")
        register_nav("responsibility", _("风险报告"), "risks:point_list", "risks.RiskPoint")
        register_nav("system", _("风险分级与承诺设置"), "risks:settings", None, ("safety_office",))
