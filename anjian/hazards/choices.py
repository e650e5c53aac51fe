"""Code lists of the hazard closed loop (隐患治理)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# A hazard's cause and category are shared with the checklist items that pre-fill it.
from anjian.inspections.choices import CauseClass, HazardCategory  # noqa: F401


class HazardState(models.TextChoices):
    REPORTED = "reported", _("已上报")
    ASSIGNED = "assigned", _("已交办")
    RECTIFYING = "rectifying", _("整改中")
    AWAITING_ACCEPTANCE = "awaiting_acceptance", _("待验收")
    CLOSED = "closed", _("已销号")
    CANCELLED = "cancelled", _("已撤销")


OPEN_STATES = (HazardState.REPORTED, HazardState.ASSIGNED, HazardState.RECTIFYING,
               HazardState.AWAITING_ACCEPTANCE)


class HazardLevel(models.TextChoices):
    """一般/重大事故隐患 by 16号令 Art. 3 (domain.md §3.1)."""

    ORDINARY = "ordinary", _("一般隐患")
    MAJOR = "major", _("重大隐患")


class HazardSource(models.TextChoices):
    """Every intake channel feeds the same hazard."""

    SELF_CHECK = "self_check", _("企业自查")
    GRID_PATROL = "grid_patrol", _("网格巡查")
    AGENCY_INSPECTION = "agency_inspection", _("站所检查")
    EXPERT_CHECK = "expert_check", _("专家检查")
    JOINT_ENFORCEMENT = "joint_enforcement", _("联合执法")
    LEADER_INSPECTION = "leader_inspection", _("领导督导检查")
    PUBLIC_REPORT = "public_report", _("群众举报（随手拍）")
    VIDEO_ALERT = "video_alert", _("视频预警")
    HIGHER_ASSIGNMENT = "higher_assignment", _("上级交办")
    DRILL = "drill", _("演练发现")


class ResponsibleParty(models.TextChoices):
    """Who acknowledges and rectifies an assigned hazard."""

    UNIT = "unit", _("生产经营单位")
    VILLAGE = "village", _("村（社区）")
    AGENCY = "agency", _("机关站所")


class CancelReason(models.TextChoices):
    FALSE_REPORT = "false_report", _("误报")
    DUPLICATE = "duplicate", _("重复上报")
    NOT_SUBSTANTIATED = "not_substantiated", _("核查不属实")


class EscalationStep(models.TextChoices):
    REMINDER = "reminder", _("提醒")
    BULLETIN = "bulletin", _("通报")
    INTERVIEW = "interview", _("约谈")
    SUPERVISION_ORDER = "supervision_order", _("督办")


class PhotoStage(models.TextChoices):
    DISCOVERY = "discovery", _("发现")
    BEFORE = "before", _("整改前")
    AFTER = "after", _("整改后")
    ACCEPTANCE = "acceptance", _("验收")


class HazardAction(models.TextChoices):
    """The actions of design §2.4's workflow table."""

    REPORT = "report", _("上报")
    FIX_ON_SPOT = "fix_on_spot", _("立即整改")
    ASSIGN = "assign", _("交办")
    ACKNOWLEDGE = "acknowledge", _("签收")
    EXTEND_DEADLINE = "extend_deadline", _("延期")
    INTERIM_MEASURES = "interim_measures", _("临时措施")
    SUBMIT = "submit", _("提交整改")
    ACCEPT = "accept", _("验收销号")
    REJECT = "reject", _("验收不通过")
    REGRADE = "regrade", _("调整等级")
    CANCEL = "cancel", _("撤销")
    ESCALATE = "escalate", _("督促升级")
