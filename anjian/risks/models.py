"""Enterprise safety commitments (安全承诺) and risk reports (风险报告, 风险分级管控).

- `SafetyCommitment`: a unit's daily risk judgement and commitment (安全风险研判与承诺公告), one per
  unit per day; a second filing corrects it. Late (迟报) against the town's cut-off time.
- `RiskPoint` (风险点) of a unit with its `RiskAssessment`s (LEC or LS); the latest assessment of
  each active point is current. `RiskReport`: a unit's periodic report of its risk points.
- `RiskLevelOverride`: the office fixes a unit's colour with a reason, until lifted.
- `GradingScheme` (per town, or installation-wide when `town` is empty) and `CommitmentSettings`
  (per town): configurable defaults the safety office edits.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.core.scope import ScopedQuerySet, ScopeSpec
from anjian.regions.models import Region, TownSettings
from anjian.risks import rules
from anjian.risks.choices import DEFAULT_COMMITMENT, Method, RiskLevel
from anjian.units.models import Unit

USER = settings.AUTH_USER_MODEL
DEFAULT_CUTOFF = dt.time(9, 0)
UNIT_SCOPE = ScopeSpec(region="unit__region", sector="unit__sector", unit="unit")


class GradingScheme(models.Model):
    """Where the four colours begin for LEC and LS (风险分级标准). No national mapping exists
    (domain.md §5.2–5.3): these are configurable defaults. `version` grows with every change and
    each assessment records the version that coloured it."""

    town = models.OneToOneField(Region, verbose_name=_("乡镇（街道）"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    lec_red = models.DecimalField(_("LEC 重大风险（红）：D 大于"), max_digits=8, decimal_places=2,
                                  default=Decimal("320"))
    lec_orange = models.DecimalField(_("LEC 较大风险（橙）：D 大于"), max_digits=8,
                                     decimal_places=2, default=Decimal("160"))
    lec_yellow = models.DecimalField(_("LEC 一般风险（黄）：D 大于"), max_digits=8,
                                     decimal_places=2, default=Decimal("70"))
    ls_red = models.PositiveSmallIntegerField(_("LS 重大风险（红）：R 不小于"), default=20)
    ls_orange = models.PositiveSmallIntegerField(_("LS 较大风险（橙）：R 不小于"), default=9)
    ls_yellow = models.PositiveSmallIntegerField(_("LS 一般风险（黄）：R 不小于"), default=4)
    version = models.PositiveIntegerField(_("版本"), default=1)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    scope_spec = ScopeSpec(region="town")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("风险分级标准")
        verbose_name_plural = _("风险分级标准")

    def __str__(self) -> str:
        return f"{self.town or _('全域默认')} 第{self.version}版"

    @property
    def bands(self) -> rules.Bands:
        return rules.Bands(self.lec_red, self.lec_orange, self.lec_yellow, self.ls_red,
                           self.ls_orange, self.ls_yellow)


class CommitmentSettings(TownSettings):
    """A town's commitment settings: the daily cut-off time and which units must file."""

    cutoff = models.TimeField(_("每日截止时间"), default=DEFAULT_CUTOFF)
    groups = models.JSONField(_("须每日承诺的单位"), default=list)

    class Meta:
        verbose_name = _("安全承诺设置")
        verbose_name_plural = _("安全承诺设置")


class SafetyCommitment(models.Model):
    """安全风险研判与承诺公告 of one unit for one day, filed by the unit itself."""

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT,
                             related_name="safety_commitments")
    date = models.DateField(_("承诺日期"))
    principal = models.CharField(_("主要负责人（承诺人）"), max_length=100)
    equipment_ok = models.BooleanField(_("重点设备设施受控"), default=True)
    dangerous_work_count = models.PositiveIntegerField(_("今日危险作业（处）"), default=0)
    dangerous_work_ok = models.BooleanField(_("危险作业措施落实"), default=True)
    special_operators_ok = models.BooleanField(_("特种作业持证上岗"), default=True)
    open_hazards = models.PositiveIntegerField(_("未整改隐患（条）"), default=0)
    hazards_ok = models.BooleanField(_("隐患防范措施落实"), default=True)
    key_places_ok = models.BooleanField(_("重大危险源和重点部位受控"), default=True)
    all_ok = models.BooleanField(_("各项均受控"), default=True)
    judgement_note = models.TextField(_("研判情况说明"), blank=True)
    commitment = models.TextField(_("承诺内容"), default=DEFAULT_COMMITMENT)
    filed_by = models.ForeignKey(USER, verbose_name=_("填报人"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    filer_name = models.CharField(_("填报人姓名"), max_length=100, blank=True)
    first_filed_at = models.DateTimeField(_("首次填报时间"))
    filed_at = models.DateTimeField(_("填报时间"))
    is_late = models.BooleanField(_("迟报"), default=False)
    corrections = models.PositiveIntegerField(_("更正次数"), default=0)

    scope_spec = UNIT_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("安全承诺")
        verbose_name_plural = _("安全承诺")
        ordering = ["-date", "-first_filed_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "date"],
                                               name="commitment_one_per_unit_day")]
        indexes = [models.Index(fields=["date", "unit"], name="commitment_date_unit")]

    def __str__(self) -> str:
        return f"{self.unit} {self.date:%Y-%m-%d}"


class RiskPoint(models.Model):
    """A risk point (风险点) of a unit. `colour`, `score` and `method` repeat its latest
    assessment so lists filter and sort on one table."""

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT,
                             related_name="risk_points")
    name = models.CharField(_("风险点名称"), max_length=120)
    location = models.CharField(_("所在位置"), max_length=200, blank=True)
    hazard_factor = models.TextField(_("作业活动/危险有害因素"))
    accident_type = models.CharField(_("可能导致的事故类型"), max_length=120, blank=True)
    control_measures = models.TextField(_("管控措施"), blank=True)
    responsible_person = models.CharField(_("责任人"), max_length=100, blank=True)
    responsible_phone = models.CharField(_("责任人电话"), max_length=30, blank=True)
    is_active = models.BooleanField(_("在用"), default=True)
    colour = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices, blank=True)
    method = models.CharField(_("评价方法"), max_length=5, choices=Method.choices, blank=True)
    score = models.DecimalField(_("风险值"), max_digits=10, decimal_places=3, null=True,
                                blank=True)
    assessed_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = UNIT_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("风险点")
        verbose_name_plural = _("风险点")
        ordering = ["unit", "name", "id"]
        indexes = [models.Index(fields=["unit", "is_active", "colour"], name="riskpoint_unit")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.name}"


class RiskAssessment(models.Model):
    """One assessment of a risk point: the factors, the score (D or R), the LEC danger class, the
    colour, and which grading scheme version coloured it."""

    point = models.ForeignKey(RiskPoint, verbose_name=_("风险点"), on_delete=models.CASCADE,
                              related_name="assessments")
    method = models.CharField(_("评价方法"), max_length=5, choices=Method.choices)
    factor_l = models.DecimalField(_("L 可能性"), max_digits=6, decimal_places=2)
    factor_e = models.DecimalField(_("E 暴露频繁程度"), max_digits=6, decimal_places=2, null=True,
                                   blank=True)
    factor_c = models.DecimalField(_("C 后果"), max_digits=6, decimal_places=2, null=True,
                                   blank=True)
    factor_s = models.PositiveSmallIntegerField(_("S 严重性"), null=True, blank=True)
    score = models.DecimalField(_("风险值"), max_digits=10, decimal_places=3)
    lec_class = models.PositiveSmallIntegerField(_("危险程度级别"), null=True, blank=True)
    colour = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices)
    scheme_version = models.CharField(_("分级标准版本"), max_length=120)
    bands = models.CharField(_("分级标准"), max_length=200)
    note = models.TextField(_("说明"), blank=True)
    assessed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    assessor_name = models.CharField(_("评价人"), max_length=100, blank=True)
    assessed_at = models.DateTimeField(_("评价时间"))

    scope_spec = ScopeSpec(region="point__unit__region", sector="point__unit__sector",
                           unit="point__unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("风险评价")
        verbose_name_plural = _("风险评价")
        ordering = ["-assessed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.point.name} {self.get_method_display()} {rules.fmt(self.score)}"


class RiskReport(models.Model):
    """A unit's periodic risk report (安全生产风险报告): its risk points as they stood when it was
    submitted, with the counts per colour."""

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT,
                             related_name="risk_reports")
    period_start = models.DateField(_("报告期起"))
    period_end = models.DateField(_("报告期止"))
    red = models.PositiveIntegerField(_("重大风险"), default=0)
    orange = models.PositiveIntegerField(_("较大风险"), default=0)
    yellow = models.PositiveIntegerField(_("一般风险"), default=0)
    blue = models.PositiveIntegerField(_("低风险"), default=0)
    unit_colour = models.CharField(_("单位风险等级"), max_length=10, choices=RiskLevel.choices,
                                   blank=True)
    points = models.JSONField(_("风险点清单"), default=list)
    note = models.TextField(_("说明"), blank=True)
    submitted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitter_name = models.CharField(_("报送人"), max_length=100, blank=True)
    submitted_at = models.DateTimeField(_("报送时间"))

    scope_spec = UNIT_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("风险报告")
        verbose_name_plural = _("风险报告")
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_start:%Y-%m-%d}—{self.period_end:%Y-%m-%d}"


class RiskLevelOverride(models.Model):
    """The office sets a unit's colour by decision (with the reason), whatever its assessments
    say, until it lifts the override."""

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT,
                             related_name="risk_overrides")
    colour = models.CharField(_("认定风险等级"), max_length=10, choices=RiskLevel.choices)
    reason = models.TextField(_("认定理由"))
    set_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    setter_name = models.CharField(_("认定人"), max_length=100, blank=True)
    set_at = models.DateTimeField(_("认定时间"))
    lifted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    lifted_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    lift_reason = models.CharField(_("解除理由"), max_length=255, blank=True)

    scope_spec = UNIT_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("风险等级认定")
        verbose_name_plural = _("风险等级认定")
        ordering = ["-set_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit"], condition=Q(lifted_at=None),
                                               name="risk_override_one_active")]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_colour_display()}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None
