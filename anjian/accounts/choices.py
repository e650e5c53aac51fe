from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles of design §1; a user may hold several."""

    LEADER = "leader", _("镇领导")
    SAFETY_OFFICE = "safety_office", _("应急管理办")
    AGENCY = "agency", _("机关站所")
    VILLAGE = "village", _("村（社区）")
    GRID_WORKER = "grid_worker", _("网格员")
    ENTERPRISE = "enterprise", _("企业")
    EXPERT = "expert", _("专家")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")
    AUDIT_ADMIN = "audit_admin", _("审计管理员")


class Duty(models.TextChoices):
    """What a person does on the tree (人员职责)."""

    LEADER = "leader", _("领导")
    CADRE = "cadre", _("村干部")
    VILLAGE_SECRETARY = "village_secretary", _("村支部书记")
    GRID_WORKER = "grid_worker", _("网格员")
    STAFF = "staff", _("工作人员")
    FOREST_RANGER = "forest_ranger", _("护林员")
    EXPERT = "expert", _("专家")
    OTHER = "other", _("其他")
