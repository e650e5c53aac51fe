"""Accidents (生产安全事故), their reporting timeline (事故报告) with supplementary reports (补报),
and the yearly denominators and targets of the control indicators (控制指标)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accidents import rules
from anjian.accidents.choices import AccidentGrade, ClassificationVersion, StepKind
from anjian.core.scope import ScopedQuerySet, ScopeSpec
from anjian.regions.models import Region, Sector
from anjian.units.models import Unit

USER = settings.AUTH_USER_MODEL


class Accident(models.Model):
    """One work-safety accident. `region` (and `sector`) are copied from the unit when there is one
    so the ledger filters and scopes on one table; `grade` is computed by the services."""

    occurred_at = models.DateTimeField(_("发生时间"))
    place = models.CharField(_("发生地点"), max_length=200)
    region = models.ForeignKey(Region, verbose_name=_("所在区划"), on_delete=models.PROTECT,
                               related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("事故单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="accidents")
    sector = models.ForeignKey(Sector, verbose_name=_("行业领域"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    # Kind flags for the indicators and the 补报 window.
    road_traffic = models.BooleanField(_("道路交通事故"), default=False)
    fire = models.BooleanField(_("火灾事故"), default=False)
    industrial = models.BooleanField(_("工矿商贸事故"), default=False)
    coal_mine = models.BooleanField(_("煤矿事故"), default=False)
    classification_version = models.CharField(_("分类标准"), max_length=4,
                                              choices=ClassificationVersion.choices)
    type_code = models.CharField(_("事故类型代码"), max_length=4)
    deaths = models.PositiveIntegerField(_("死亡人数"), default=0)
    missing = models.PositiveIntegerField(_("下落不明人数"), default=0)
    serious_injuries = models.PositiveIntegerField(_("重伤人数（含急性工业中毒）"), default=0)
    poisonings = models.PositiveIntegerField(_("其中急性工业中毒"), default=0)
    minor_injuries = models.PositiveIntegerField(_("轻伤人数"), default=0)
    direct_loss = models.DecimalField(_("直接经济损失（元）"), max_digits=14, decimal_places=2,
                                      default=Decimal(0))
    description = models.TextField(_("事故简要经过"))
    cause = models.TextField(_("事故原因"), blank=True)
    grade = models.CharField(_("事故等级"), max_length=20, choices=AccidentGrade.choices,
                             default=AccidentGrade.ORDINARY)
    reported_by = models.ForeignKey(USER, verbose_name=_("登记人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reported_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = ScopeSpec(region="region", sector="sector", unit="unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("生产安全事故")
        verbose_name_plural = _("生产安全事故")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["region", "occurred_at"], name="accident_region_time"),
                   models.Index(fields=["occurred_at"], name="accident_time")]

    def __str__(self) -> str:
        when = timezone.localtime(self.occurred_at) if self.occurred_at else None
        return f"{when:%Y-%m-%d} {self.place}" if when else self.place

    @property
    def type_label(self) -> str:
        return rules.type_label(self.classification_version, self.type_code)

    @property
    def injured(self) -> int:
        """受伤人数: serious and minor injuries (seed 004 counts both)."""
        return self.serious_injuries + self.minor_injuries

    @property
    def loss_wan(self) -> Decimal:
        return (self.direct_loss / rules.WAN).quantize(Decimal("0.01"))

    @property
    def follow_up_end(self):
        return rules.follow_up_end(self.occurred_at, road_traffic=self.road_traffic,
                                   fire=self.fire)

    def grade_css(self) -> str:
        return {AccidentGrade.ORDINARY: "text-bg-secondary",
                AccidentGrade.RELATIVELY_SERIOUS: "text-bg-warning",
                AccidentGrade.SERIOUS: "text-bg-danger"}.get(self.grade, "text-bg-dark")


class AccidentReportStep(models.Model):
    """One step of the reporting timeline: its deadline (computed), when it was done (recorded).
    Late is derived (`is_late`), never stored. A supplementary report (补报) keeps the old and new
    figures in `figures` ({field: [old, new]}) and whether it regraded the accident."""

    accident = models.ForeignKey(Accident, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("环节"), max_length=20, choices=StepKind.choices)
    due_at = models.DateTimeField(_("时限"), null=True, blank=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    done_by = models.ForeignKey(USER, verbose_name=_("记录人"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    recipient = models.CharField(_("报告对象/批复机关"), max_length=120, blank=True)
    note = models.TextField(_("说明"), blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延长天数"), default=0)
    figures = models.JSONField(_("补报前后数字"), default=dict, blank=True)
    within_window = models.BooleanField(_("在补报期限内"), default=True)
    regraded = models.BooleanField(_("重新定级"), default=False)

    class Meta:
        verbose_name = _("事故报告环节")
        verbose_name_plural = _("事故报告环节")
        ordering = ["accident", "pk"]

    def __str__(self) -> str:
        return f"{self.accident} {self.get_kind_display()}"

    def is_late(self, now=None) -> bool:
        return rules.is_late(self.due_at, self.done_at, now or timezone.now())


class IndicatorYear(models.Model):
    """One year's control-indicator denominators and targets for a region (town or county), entered
    by the office (⚠️ the formulas are practice, domain.md §7)."""

    region = models.ForeignKey(Region, verbose_name=_("区划"), on_delete=models.PROTECT,
                               related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    gdp = models.DecimalField(_("地区生产总值（亿元）"), max_digits=12, decimal_places=2,
                              null=True, blank=True)
    motor_vehicles = models.PositiveIntegerField(_("机动车保有量（辆）"), null=True, blank=True)
    industry_workers = models.PositiveIntegerField(_("工矿商贸就业人员（人）"), null=True,
                                                   blank=True)
    coal_output = models.DecimalField(_("原煤产量（万吨）"), max_digits=12, decimal_places=2,
                                      null=True, blank=True)
    target_deaths = models.PositiveIntegerField(_("死亡人数控制指标（人）"), null=True, blank=True)
    target_gdp_rate = models.DecimalField(_("亿元GDP死亡率控制指标"), max_digits=8,
                                          decimal_places=3, null=True, blank=True)
    target_road_rate = models.DecimalField(_("道路交通万车死亡率控制指标"), max_digits=8,
                                           decimal_places=3, null=True, blank=True)
    target_worker_rate = models.DecimalField(_("工矿商贸十万人死亡率控制指标"), max_digits=8,
                                             decimal_places=3, null=True, blank=True)
    target_coal_rate = models.DecimalField(_("煤矿百万吨死亡率控制指标"), max_digits=8,
                                           decimal_places=3, null=True, blank=True)
    note = models.CharField(_("下达文件/说明"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = ScopeSpec(region="region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("控制指标年度数据")
        verbose_name_plural = _("控制指标年度数据")
        ordering = ["-year", "region"]
        constraints = [models.UniqueConstraint(fields=["region", "year"],
                                               name="indicator_year_region_unique")]

    def __str__(self) -> str:
        return f"{self.region.name} {self.year}"
