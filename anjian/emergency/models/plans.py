"""Emergency plans (应急预案) and their approved versions."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.attachments import StoredAttachment
from anjian.emergency.choices import PlanKind, ReviewStatus
from anjian.emergency.models.base import USER, OwnedRecord
from anjian.regions.models import Organisation

# Art. 35 of 《生产安全事故应急预案管理办法》: evaluate plans every 3 years (domain.md §10.2).
DEFAULT_REVIEW_YEARS = 3
DUE_SOON_DAYS = 90


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


class EmergencyPlan(OwnedRecord):
    title = models.CharField(_("预案名称"), max_length=200)
    kind = models.CharField(_("预案类型"), max_length=20, choices=PlanKind.choices)
    department = models.ForeignKey(Organisation, verbose_name=_("编制部门"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("主要内容"), blank=True)
    is_active = models.BooleanField(_("现行有效"), default=True)
    current_version = models.ForeignKey("EmergencyPlanVersion", verbose_name=_("现行版本"),
                                        null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")

    class Meta:
        verbose_name = _("应急预案")
        verbose_name_plural = _("应急预案")
        ordering = ["region__path", "kind", "title"]

    def __str__(self) -> str:
        return self.title

    def review_status(self, today: dt.date | None = None) -> str:
        version = self.current_version
        if version is None:
            return ReviewStatus.NO_VERSION
        today = today or timezone.localdate()
        if version.review_due < today:
            return ReviewStatus.OVERDUE
        if version.review_due <= today + dt.timedelta(days=DUE_SOON_DAYS):
            return ReviewStatus.DUE_SOON
        return ReviewStatus.OK


class EmergencyPlanVersion(StoredAttachment):
    """One approved text of a plan (修订版本) with its file and its next evaluation date."""

    plan = models.ForeignKey(EmergencyPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.CharField(_("版本号"), max_length=30)
    approved_by = models.CharField(_("审批/印发单位"), max_length=120)
    approved_on = models.DateField(_("批准日期"))
    document_number = models.CharField(_("印发文号"), max_length=60, blank=True)
    effective_on = models.DateField(_("施行日期"))
    review_interval_years = models.PositiveSmallIntegerField(
        _("评估周期（年）"), default=DEFAULT_REVIEW_YEARS,
        help_text=_("《生产安全事故应急预案管理办法》第三十五条：矿山、金属冶炼、建筑施工、危险物品等单位"
                    "及中型规模以上单位每三年至少评估一次；其他预案默认同样按三年，可按本地规定调整。"))
    review_due = models.DateField(_("下次评估期限"))
    change_note = models.TextField(_("修订说明"), blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("预案版本")
        verbose_name_plural = _("预案版本")
        ordering = ["plan", "-approved_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"],
                                               name="emergency_plan_version_unique")]

    def __str__(self) -> str:
        return f"{self.plan.title} {self.number}"
