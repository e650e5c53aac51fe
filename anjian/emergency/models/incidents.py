"""The incident log (突发事件) with its timeline of reports, actions and instructions."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.emergency.choices import IncidentEventKind, IncidentKind, IncidentStatus
from anjian.emergency.models.base import USER, OwnedRecord


class Incident(OwnedRecord):
    title = models.CharField(_("事件名称"), max_length=200)
    kind = models.CharField(_("事件类别"), max_length=20, choices=IncidentKind.choices)
    occurred_at = models.DateTimeField(_("发生时间"))
    place = models.CharField(_("发生地点"), max_length=200)
    summary = models.TextField(_("基本情况"))
    status = models.CharField(_("状态"), max_length=10, choices=IncidentStatus.choices,
                              default=IncidentStatus.OPEN)
    closed_at = models.DateTimeField(_("处置完毕时间"), null=True, blank=True)
    outcome = models.TextField(_("处置结果"), blank=True)

    class Meta:
        verbose_name = _("突发事件")
        verbose_name_plural = _("突发事件")
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return self.title


class IncidentEvent(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"), default=timezone.now)
    kind = models.CharField(_("类型"), max_length=20, choices=IncidentEventKind.choices)
    text = models.TextField(_("内容"))
    by = models.CharField(_("报告/处置人"), max_length=100)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("事件进展")
        verbose_name_plural = _("事件进展")
        ordering = ["incident", "at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.text[:30]}"
