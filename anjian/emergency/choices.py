"""Code lists of emergency preparedness (应急管理): plans, drills, teams, supplies, incidents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    """Plan types of 《生产安全事故应急预案管理办法》 (domain.md §10.2) plus departmental plans."""

    COMPREHENSIVE = "comprehensive", _("综合应急预案")
    SPECIAL = "special", _("专项应急预案")
    DEPARTMENT = "department", _("部门预案")
    SITE = "site", _("现场处置方案")


class DrillKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("综合演练")
    SPECIAL = "special", _("专项演练")
    SITE = "site", _("现场处置方案演练")


class DrillForm(models.TextChoices):
    TABLETOP = "tabletop", _("桌面演练")
    LIVE = "live", _("实战演练")


class RequirementTarget(models.TextChoices):
    TOWN = "town", _("乡镇人民政府/街道办事处")
    UNIT = "unit", _("生产经营单位")


class TeamKind(models.TextChoices):
    ENFORCEMENT = "enforcement", _("执法小分队")
    RESCUE = "rescue", _("应急救援小分队")
    FIRE_BRIGADE = "fire_brigade", _("专职消防队")
    FOREST_FIRE = "forest_fire", _("森林防火扑火队")
    FLOOD = "flood", _("防汛抢险队")
    VOLUNTEER = "volunteer", _("志愿者队伍")
    OTHER = "other", _("其他")


class SupplyCategory(models.TextChoices):
    FIRE_FIGHTING = "fire_fighting", _("消防器材")
    FOREST_FIRE = "forest_fire", _("森林防火物资")
    FLOOD_CONTROL = "flood_control", _("防汛物资")
    RESCUE_EQUIPMENT = "rescue_equipment", _("抢险救援装备")
    PROTECTIVE = "protective", _("个人防护用品")
    MEDICAL = "medical", _("医疗救护物资")
    LIVING = "living", _("生活保障物资")
    COMMUNICATION = "communication", _("通信照明设备")
    VEHICLE = "vehicle", _("车辆")
    OTHER = "other", _("其他")


class StockDirection(models.TextChoices):
    IN = "in", _("入库")
    OUT = "out", _("出库")


class IncidentKind(models.TextChoices):
    """The four classes of 突发事件 (《突发事件应对法》 Art. 2)."""

    NATURAL_DISASTER = "natural_disaster", _("自然灾害")
    ACCIDENT = "accident", _("事故灾难")
    PUBLIC_HEALTH = "public_health", _("公共卫生事件")
    SOCIAL_SECURITY = "social_security", _("社会安全事件")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("处置中")
    CLOSED = "closed", _("已处置完毕")


class IncidentEventKind(models.TextChoices):
    REPORT = "report", _("信息报告")
    ACTION = "action", _("处置行动")
    INSTRUCTION = "instruction", _("领导指示")


class ReviewStatus(models.TextChoices):
    """Where a plan stands with its periodic evaluation (评估): derived from its current version."""

    OVERDUE = "overdue", _("已过评估期")
    DUE_SOON = "due_soon", _("即将到期")
    OK = "ok", _("有效")
    NO_VERSION = "no_version", _("未发布版本")
