"""China's working-day calendar (工作日历) for rectification deadlines counted in working days.

Only the exceptions to Monday–Friday are stored: statutory holidays that fall on a weekday
(`is_workday=False`) and the State Council's adjusted working weekends, 调休上班日
(`is_workday=True`). A year has a schedule when it has a `CalendarYear` row; for a year without one
the selectors fall back to Monday–Friday and mark deadlines in it as provisional.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """One year's holiday schedule, seeded from chinese-calendar or entered by the safety office."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    official = models.BooleanField(
        _("国务院办公厅公布的正式安排"), default=True,
        help_text=_("不勾选表示暂按预计安排录入，待正式通知公布后再修改"),
    )
    source = models.CharField(
        _("依据"), max_length=200, blank=True, help_text=_("例如：国办发明电〔2025〕7号")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("工作日历年度")
        verbose_name_plural = _("工作日历年度")

    def __str__(self) -> str:
        return _("%(y)d年放假安排") % {"y": self.year}


class CalendarDay(models.Model):
    """An exception to Monday–Friday: a holiday on a weekday or an adjusted working weekend."""

    year = models.ForeignKey(
        CalendarYear, verbose_name=_("年度"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("上班"), help_text=_("勾选为调休上班日，不勾选为放假日"))
    name = models.CharField(_("名称"), max_length=50, blank=True, help_text=_("例如：春节、国庆节、调休上班"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("放假调休日")
        verbose_name_plural = _("放假调休日")

    def __str__(self) -> str:
        kind = _("上班") if self.is_workday else _("放假")
        return f"{self.date.isoformat()} {kind} {self.name}".strip()
