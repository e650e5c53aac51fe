"""Notifications (消息通知): one row per message and recipient (the in-app inbox), and one delivery row
per external channel the recipient has set up, with its result. A failed delivery stays in the table
and is retried with growing delays until it goes through (`notify.delivery`), so nothing is lost."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.notify.choices import ChannelKind, DeliveryStatus, NotificationKind

USER = settings.AUTH_USER_MODEL


class Channel(models.Model):
    """One external channel of one user: a group robot's webhook, an address, an SMS gateway."""

    user = models.ForeignKey(USER, verbose_name=_("用户"), on_delete=models.CASCADE,
                             related_name="notify_channels")
    kind = models.CharField(_("渠道"), max_length=20, choices=ChannelKind.choices)
    target = models.CharField(_("地址"), max_length=500,
                              help_text=_("机器人的 Webhook 地址或密钥、邮箱地址，或短信网关地址"))
    kinds = models.JSONField(_("接收的消息类型"), default=list, blank=True,
                             help_text=_("不选则接收全部类型"))
    enabled = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("通知渠道")
        verbose_name_plural = _("通知渠道")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"

    def wants(self, kind: str) -> bool:
        return self.enabled and (not self.kinds or kind in self.kinds)


class Notification(models.Model):
    """One message to one user. `key` makes sending idempotent: a check that runs twice finds the
    notification it sent the first time and sends nothing."""

    recipient = models.ForeignKey(USER, verbose_name=_("接收人"), on_delete=models.CASCADE,
                                  related_name="notifications")
    kind = models.CharField(_("类型"), max_length=30, choices=NotificationKind.choices)
    key = models.CharField(_("去重键"), max_length=200)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    link = models.CharField(_("链接"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"],
                                               name="notification_once_per_key")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """Sending one notification through one channel: its status, attempts and last error."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE,
                                     related_name="deliveries")
    channel = models.ForeignKey(Channel, null=True, on_delete=models.SET_NULL, related_name="+")
    channel_kind = models.CharField(_("渠道"), max_length=20, choices=ChannelKind.choices)
    status = models.CharField(_("状态"), max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(_("发送次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次发送"), default=timezone.now)
    sent_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    last_error = models.TextField(_("错误信息"), blank=True)

    class Meta:
        verbose_name = _("发送记录")
        verbose_name_plural = _("发送记录")
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.notification} → {self.get_channel_kind_display()}"
