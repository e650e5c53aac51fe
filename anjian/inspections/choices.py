"""Code lists of inspections (隐患排查)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    """Kinds of inspection the seeds name (design §2.3)."""

    ROUTINE = "routine", _("常态化检查")
    SPECIAL_CAMPAIGN = "special_campaign", _("专项整治")
    KEY_PERIOD = "key_period", _("重点时段检查")
    JOINT_ENFORCEMENT = "joint_enforcement", _("联合执法")
    EXPERT_MONTHLY = "expert_monthly", _("专家月度检查")
    LEADER_LED = "leader_led", _("领导带队督导检查")
    SELF_CHECK = "self_check", _("企业自查")
    GRID_PATROL = "grid_patrol", _("网格巡查")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ACTIVE = "active", _("进行中")
    CLOSED = "closed", _("已结束")


class TaskStatus(models.TextChoices):
    PENDING = "pending", _("待检查")
    DONE = "done", _("已检查")
    CANCELLED = "cancelled", _("已取消")


class AnswerType(models.TextChoices):
    VERDICT = "verdict", _("符合/不符合/不适用")
    NUMBER = "number", _("数值")
    TEXT = "text", _("文字")
    PHOTO = "photo", _("照片")


class Verdict(models.TextChoices):
    CONFORMS = "conforms", _("符合")
    NONCONFORMS = "nonconforms", _("不符合")
    NOT_APPLICABLE = "na", _("不适用")


class CauseClass(models.TextChoices):
    """事故隐患 causes by 16号令 Art. 3 (domain.md §3.1): 物、人、管理."""

    UNSAFE_CONDITION = "condition", _("物的危险状态")
    UNSAFE_ACT = "act", _("人的不安全行为")
    MANAGEMENT_DEFECT = "management", _("管理上的缺陷")


class HazardCategory(models.TextChoices):
    FIRE = "fire", _("消防安全")
    ELECTRICAL = "electrical", _("用电安全")
    GAS = "gas", _("燃气安全")
    HAZARDOUS_CHEMICALS = "hazardous_chemicals", _("危险化学品")
    SPECIAL_EQUIPMENT = "special_equipment", _("特种设备")
    CONSTRUCTION = "construction", _("建筑施工")
    MINING = "mining", _("矿山")
    ROAD_TRAFFIC = "road_traffic", _("道路交通")
    GEOLOGICAL = "geological", _("地质灾害")
    OCCUPATIONAL = "occupational", _("职业健康")
    MANAGEMENT = "management", _("安全管理")
    OTHER = "other", _("其他")


class LeaderRank(models.TextChoices):
    """Whose leader-led inspections a rule counts (带队督导检查)."""

    PARTY_SECRETARY = "party_secretary", _("党委书记")
    TOWN_HEAD = "town_head", _("镇长")
    COUNTY_CADRE = "county_cadre", _("县级干部")
    SECTION_CADRE = "section_cadre", _("科级干部")
