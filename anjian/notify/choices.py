from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    """Where a user's notifications go besides the in-app inbox (站内消息)."""

    WECOM = "wecom", _("企业微信群机器人")
    DINGTALK = "dingtalk", _("钉钉群机器人")
    FEISHU = "feishu", _("飞书群机器人")
    EMAIL = "email", _("电子邮件")
    WEBHOOK = "webhook", _("短信网关/Webhook")


class NotificationKind(models.TextChoices):
    HAZARD_ASSIGNED = "hazard_assigned", _("隐患交办")
    DEADLINE_NEAR = "deadline_near", _("整改期限临近")
    OVERDUE = "overdue", _("隐患逾期")
    REPORT_MISSING = "report_missing", _("日报告未报")
    SHIFT_STARTING = "shift_starting", _("值班提醒")
    DRILL_DUE = "drill_due", _("演练到期")
    PLAN_REVIEW_DUE = "plan_review_due", _("预案评审到期")
    BULLETIN = "bulletin", _("通报")
    COMMITMENT_MISSING = "commitment_missing", _("安全承诺未报")
    PUBLICITY = "publicity", _("安全宣传")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已送达")
    FAILED = "failed", _("发送失败，等待重试")
