"""The supervised-unit registry (监管对象台账) and the 三管三必须 sector rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.scope import ScopedQuerySet, ScopeSpec
from anjian.regions.models import Organisation, Region, Sector
from anjian.units.choices import (
    Category,
    IndustrySection,
    RiskLevel,
    StandardisationGrade,
    Subcategory,
    UnitStatus,
)


class Unit(models.Model):
    """A supervised unit: an enterprise, a 九小场所, a shop, a school, a mine, a pit, a reservoir…

    `region` is the most specific node the unit sits in: its grid when known, else its village.
    `sector` is derived from the configurable 三管三必须 rules (SectorRule) by the services.
    """

    name = models.CharField(_("名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, db_index=True)
    category = models.CharField(_("类别"), max_length=30, choices=Category.choices)
    subcategory = models.CharField(_("子类"), max_length=40, choices=Subcategory.choices)
    industry_section = models.CharField(
        _("国民经济行业门类"), max_length=1, choices=IndustrySection.choices, blank=True
    )
    industry_code = models.CharField(_("行业代码"), max_length=5, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("所在村（社区）/网格"), on_delete=models.PROTECT, related_name="units"
    )
    address = models.CharField(_("地址"), max_length=255, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    principal = models.CharField(_("主要负责人"), max_length=100, blank=True)
    principal_phone = models.CharField(_("负责人电话"), max_length=100, blank=True)
    safety_officer = models.CharField(_("安全管理员"), max_length=100, blank=True)
    safety_officer_phone = models.CharField(_("安全管理员电话"), max_length=100, blank=True)
    employees = models.PositiveIntegerField(_("从业人数"), null=True, blank=True)
    above_designated_size = models.BooleanField(_("规模以上"), default=False)
    standardisation_grade = models.CharField(
        _("安全生产标准化等级"), max_length=20, choices=StandardisationGrade.choices, blank=True
    )
    risk_level = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices, blank=True)
    sector = models.ForeignKey(
        Sector, verbose_name=_("行业领域"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="units",
    )
    linked_leader = models.ForeignKey(
        Person, verbose_name=_("挂钩领导"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="linked_units",
    )
    floor_area = models.DecimalField(
        _("建筑面积（㎡）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    warning_signs = models.CharField(_("警示标志"), max_length=255, blank=True)
    notes = models.TextField(_("备注"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=UnitStatus.choices, default=UnitStatus.ACTIVE
    )
    deregistered_at = models.DateField(_("注销日期"), null=True, blank=True)
    deregistered_reason = models.CharField(_("注销原因"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_spec = ScopeSpec(region="region", sector="sector", unit="self")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("监管对象")
        verbose_name_plural = _("监管对象")
        ordering = ["-id"]
        # Each list filter can count and pick a page from one index without reading rows
        # (docs/performance.md); the last one also carries the columns free text searches.
        indexes = [
            models.Index(fields=["category", "subcategory", "region", "status"],
                         name="unit_cat_region_status_idx"),
            models.Index(fields=["risk_level", "region", "status"], name="unit_risk_region_status_idx"),
            models.Index(fields=["region", "status"], name="unit_region_status_idx"),
            models.Index(fields=["region", "status", "name", "address", "principal", "credit_code"],
                         name="unit_region_text_idx"),
            models.Index(fields=["name", "address"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""), name="unit_credit_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == UnitStatus.ACTIVE

    def supervising_departments(self) -> models.QuerySet[Organisation]:
        """Organisations of the unit's town (or above) that supervise its sector (三管三必须)."""
        if not self.sector_id:
            return Organisation.objects.none()
        ancestors = self.region.ancestor_ids
        return Organisation.objects.filter(sectors=self.sector_id, region_id__in=ancestors)


class SectorRule(models.Model):
    """三管三必须 mapping: which sector a unit belongs to, by category, sub-category and industry.

    The most specific matching rule wins (sub-category and industry section count as specific).
    Offices edit these rules; `units.services.sector_rules_apply` re-derives every unit's sector.
    """

    category = models.CharField(_("类别"), max_length=30, choices=Category.choices)
    subcategory = models.CharField(_("子类"), max_length=40, choices=Subcategory.choices, blank=True)
    industry_section = models.CharField(
        _("行业门类"), max_length=1, choices=IndustrySection.choices, blank=True
    )
    sector = models.ForeignKey(Sector, verbose_name=_("行业领域"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("三管三必须规则")
        verbose_name_plural = _("三管三必须规则")
        ordering = ["category", "subcategory", "industry_section"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "subcategory", "industry_section"], name="sector_rule_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.get_subcategory_display()} → {self.sector}"

    @property
    def specificity(self) -> int:
        return (2 if self.subcategory else 0) + (1 if self.industry_section else 0)


class UnitAccess(models.Model):
    """A user's access to a unit: the enterprise's own people, or an expert agency's assignment."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unit_access"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="access")
    role = models.CharField(_("角色"), max_length=30)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("对象授权")
        verbose_name_plural = _("对象授权")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unit_access_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} ({self.role})"


class LedgerImport(models.Model):
    """One committed Excel ledger import: who, when, which file (and its SHA-256), what it did.
    The units it wrote carry their own journal entries; this is the import's receipt."""

    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    actor_name = models.CharField(_("导入人姓名"), max_length=150, blank=True)
    file_name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(_("文件SHA-256"), max_length=64, db_index=True)
    sheet_name = models.CharField(_("工作表"), max_length=100, blank=True)
    ledger_org = models.CharField(_("填报单位"), max_length=200, blank=True)
    ledger_date = models.DateField(_("填报日期"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("数据行数"), default=0)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("未变化"), default=0)
    request_id = models.CharField(_("请求编号"), max_length=36, blank=True)

    class Meta:
        verbose_name = _("台账导入记录")
        verbose_name_plural = _("台账导入记录")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name}（{self.created_at:%Y-%m-%d %H:%M}）"
