"""Inspections (隐患排查): checklist templates, plans and their tasks, records with answers and photos,
and the rules that say how often units and leaders must inspect."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.photos import EvidencePhoto
from anjian.core.scope import ScopedQuerySet, ScopeSpec
from anjian.inspections.choices import (
    AnswerType,
    CauseClass,
    HazardCategory,
    LeaderRank,
    PlanKind,
    PlanStatus,
    TaskStatus,
    Verdict,
)
from anjian.regions.models import Organisation, Region
from anjian.units.choices import RiskLevel
from anjian.units.models import Unit

UNIT_SCOPE = ScopeSpec(region="unit__region", sector="unit__sector", unit="unit")


class ChecklistTemplate(models.Model):
    """One version of a checklist (检查表). Versions of one checklist share `family`; editing a
    version that records already used creates the next version, so a record keeps the exact items it
    answered. Templates are shared by the whole installation, like the 三管三必须 rules."""

    family = models.CharField(_("检查表编码"), max_length=60, db_index=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    name = models.CharField(_("名称"), max_length=120)
    description = models.TextField(_("说明"), blank=True)
    categories = models.JSONField(_("适用类别"), default=list, blank=True)
    subcategories = models.JSONField(_("适用子类"), default=list, blank=True)
    is_current = models.BooleanField(_("当前版本"), default=True)
    builtin = models.BooleanField(_("内置"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("检查表")
        verbose_name_plural = _("检查表")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="checklist_family_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"


class ChecklistItem(models.Model):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(_("序号"))
    section = models.CharField(_("检查项目"), max_length=60, blank=True)
    text = models.CharField(_("检查内容"), max_length=300)
    answer_type = models.CharField(
        _("答案类型"), max_length=10, choices=AnswerType.choices, default=AnswerType.VERDICT
    )
    required = models.BooleanField(_("必填"), default=True)
    basis = models.CharField(_("依据"), max_length=200, blank=True)
    hazard_text = models.CharField(_("不符合时的隐患描述"), max_length=300, blank=True)
    cause_class = models.CharField(
        _("隐患成因"), max_length=12, choices=CauseClass.choices, default=CauseClass.UNSAFE_CONDITION
    )
    hazard_category = models.CharField(
        _("隐患类别"), max_length=20, choices=HazardCategory.choices, default=HazardCategory.OTHER
    )

    class Meta:
        verbose_name = _("检查项")
        verbose_name_plural = _("检查项")
        ordering = ["template", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.text}"


class InspectionPlan(models.Model):
    """An inspection plan (检查计划) over a region subtree and unit categories for a period; it
    produces one task per unit in scope."""

    name = models.CharField(_("计划名称"), max_length=200)
    kind = models.CharField(_("检查类型"), max_length=20, choices=PlanKind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("检查范围"), on_delete=models.PROTECT, related_name="+"
    )
    categories = models.JSONField(_("检查对象类别"), default=list, blank=True)
    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("检查表"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    inspectors = models.ManyToManyField(
        Person, verbose_name=_("检查人员"), blank=True, related_name="inspection_plans"
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("参加单位"), blank=True, related_name="+"
    )
    leader = models.ForeignKey(
        Person, verbose_name=_("带队领导"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("检查要求"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    scope_spec = ScopeSpec(region="region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查计划")
        verbose_name_plural = _("检查计划")
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return self.name


class InspectionTask(models.Model):
    """One unit to inspect under a plan (检查任务)."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="tasks")
    unit = models.ForeignKey(Unit, verbose_name=_("检查对象"), on_delete=models.PROTECT,
                             related_name="inspection_tasks")
    assignee = models.ForeignKey(
        Person, verbose_name=_("责任检查人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("完成期限"))
    status = models.CharField(
        _("状态"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.PENDING
    )

    scope_spec = UNIT_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查任务")
        verbose_name_plural = _("检查任务")
        ordering = ["due_date", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="task_plan_unit")]

    def __str__(self) -> str:
        return f"{self.plan} · {self.unit}"


class InspectionRecord(models.Model):
    """What was found at one unit at one time (检查记录), with the checklist version answered."""

    # unit, leader: no index of their own; record_unit_time and record_leader_time begin with
    # them, and each index costs every submission (docs/performance.md).
    unit = models.ForeignKey(Unit, verbose_name=_("检查对象"), on_delete=models.PROTECT,
                             related_name="inspection_records", db_index=False)
    kind = models.CharField(_("检查类型"), max_length=20, choices=PlanKind.choices)
    plan = models.ForeignKey(InspectionPlan, verbose_name=_("检查计划"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="records")
    task = models.OneToOneField(InspectionTask, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="record")
    template = models.ForeignKey(ChecklistTemplate, verbose_name=_("检查表"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="records")
    inspected_at = models.DateTimeField(_("检查时间"))
    inspectors = models.ManyToManyField(Person, verbose_name=_("检查人员"), blank=True,
                                        related_name="inspection_records")
    inspector_names = models.CharField(_("检查人员姓名"), max_length=200, blank=True)
    leader = models.ForeignKey(Person, verbose_name=_("带队领导"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="led_inspections",
                               db_index=False)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True,
                                    blank=True)
    location = models.CharField(_("检查地点"), max_length=255, blank=True)
    summary = models.TextField(_("检查情况"), blank=True)
    signature = models.TextField(_("签名"), blank=True, help_text=_("手写签名图像（data URL）或签名人姓名"))
    nonconforming_count = models.PositiveIntegerField(_("不符合项数"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    # Unique by a constraint (record_idempotency_key), not unique=True: that would add, on
    # PostgreSQL, a second index for LIKE that no look-up uses.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    scope_spec = UNIT_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查记录")
        verbose_name_plural = _("检查记录")
        ordering = ["-inspected_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "-inspected_at"], name="record_unit_time"),
            models.Index(fields=["-inspected_at"], name="record_time"),
            models.Index(fields=["leader", "-inspected_at"], name="record_leader_time"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["idempotency_key"], name="record_idempotency_key"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.inspected_at:%Y-%m-%d} {self.get_kind_display()}"


class InspectionAnswer(models.Model):
    # No index of its own: the unique answer_record_item begins with it.
    record = models.ForeignKey(InspectionRecord, on_delete=models.CASCADE, related_name="answers",
                               db_index=False)
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(_("结论"), max_length=12, choices=Verdict.choices, blank=True)
    number = models.DecimalField(_("数值"), max_digits=14, decimal_places=3, null=True, blank=True)
    text = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("检查结果")
        verbose_name_plural = _("检查结果")
        ordering = ["record", "item__order"]
        constraints = [
            models.UniqueConstraint(fields=["record", "item"], name="answer_record_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item.text}: {self.get_verdict_display() or self.number or self.text}"


class InspectionPhoto(EvidencePhoto):
    record = models.ForeignKey(InspectionRecord, on_delete=models.CASCADE, related_name="photos")
    answer = models.ForeignKey(InspectionAnswer, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="photos")

    scope_spec = ScopeSpec(region="record__unit__region", sector="record__unit__sector",
                           unit="record__unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查照片")
        verbose_name_plural = _("检查照片")


class RiskFrequency(models.Model):
    """How often a unit of each risk colour must be inspected (configurable; red most often)."""

    risk_level = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices,
                                  blank=True, unique=True)
    interval_days = models.PositiveIntegerField(_("检查周期（天）"))

    class Meta:
        verbose_name = _("检查频次")
        verbose_name_plural = _("检查频次")
        ordering = ["interval_days"]

    def __str__(self) -> str:
        return f"{self.get_risk_level_display() or _('未评级')}: {self.interval_days}"


class LeaderInspectionRule(models.Model):
    """带队检查 rule: the people of a rank must lead an inspection every `interval_days`."""

    rank = models.CharField(_("领导类别"), max_length=20, choices=LeaderRank.choices, unique=True)
    interval_days = models.PositiveIntegerField(_("周期（天）"))
    people = models.ManyToManyField(Person, verbose_name=_("适用人员"), blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("领导带队检查规则")
        verbose_name_plural = _("领导带队检查规则")
        ordering = ["interval_days"]

    def __str__(self) -> str:
        return f"{self.get_rank_display()}: {self.interval_days}"
