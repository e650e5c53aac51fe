"""Drills (应急演练), the problems they found, and how often each kind of owner must drill."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.emergency.choices import DrillForm, DrillKind, RequirementTarget
from anjian.emergency.models.base import USER, OwnedRecord
from anjian.emergency.models.plans import EmergencyPlan
from anjian.hazards.models import Hazard
from anjian.regions.models import Organisation, Region
from anjian.units.choices import Category, Subcategory
from anjian.units.models import Unit


class Drill(OwnedRecord):
    title = models.CharField(_("演练名称"), max_length=200)
    held_on = models.DateField(_("演练日期"))
    plan = models.ForeignKey(EmergencyPlan, verbose_name=_("依据预案"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="drills")
    kind = models.CharField(_("演练类型"), max_length=20, choices=DrillKind.choices)
    form = models.CharField(_("演练形式"), max_length=10, choices=DrillForm.choices,
                            default=DrillForm.LIVE)
    scenario = models.TextField(_("演练情景"))
    location = models.CharField(_("演练地点"), max_length=200, blank=True)
    organisers = models.ManyToManyField(Organisation, verbose_name=_("组织单位"), blank=True,
                                        related_name="+")
    participating_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("参演机关站所"), blank=True, related_name="+")
    participating_regions = models.ManyToManyField(Region, verbose_name=_("参演村（社区）"),
                                                   blank=True, related_name="+")
    participating_units = models.ManyToManyField(Unit, verbose_name=_("参演单位"), blank=True,
                                                 related_name="+")
    participants = models.PositiveIntegerField(_("参演人数"))
    evaluation = models.TextField(_("演练评估"), blank=True)

    class Meta:
        verbose_name = _("应急演练")
        verbose_name_plural = _("应急演练")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "-held_on"], name="drill_unit_held"),
                   models.Index(fields=["region", "-held_on"], name="drill_region_held")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def taking_part(self) -> list[str]:
        """Names of the agencies, villages and units that took part (prefetch-friendly)."""
        return ([o.name for o in self.participating_organisations.all()]
                + [r.name for r in self.participating_regions.all()]
                + [u.name for u in self.participating_units.all()])


class DrillProblem(models.Model):
    """A problem a drill found (发现的问题); one step turns it into a hazard (隐患)."""

    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="problems")
    description = models.TextField(_("问题描述"))
    measures = models.TextField(_("整改建议"), blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("涉及单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    hazard = models.OneToOneField(Hazard, verbose_name=_("已转隐患"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="drill_problem")
    converted_at = models.DateTimeField(_("转隐患时间"), null=True, blank=True)
    converted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("演练发现问题")
        verbose_name_plural = _("演练发现问题")
        ordering = ["drill", "id"]

    def __str__(self) -> str:
        return self.description[:40]


# 《生产安全事故应急条例》 Art. 8 (domain.md §10.2): (target, unit category, sub-category, months).
# Loaded into the table by migration 0002; used as they are while the table is empty.
DEFAULT_REQUIREMENTS = [
    ("town", "", "", 24),
    ("unit", "crowded_place", "", 6),
    ("unit", "mine", "", 6),
    ("unit", "tailings_pond", "", 6),
    ("unit", "gas_station", "", 6),
    ("unit", "gas_sales_point", "", 6),
    ("unit", "fireworks_outlet", "", 6),
    ("unit", "enterprise", "hazardous_chemicals", 6),
    ("unit", "enterprise", "fireworks_production", 6),
    ("unit", "enterprise", "metallurgy", 6),
    ("unit", "enterprise", "construction", 6),
]


class DrillRequirement(models.Model):
    """How often an owner must drill (《生产安全事故应急条例》 Art. 8, domain.md §10.2): the town at
    least every 24 months; listed unit categories (and sub-categories) every 6 months. Defaults are
    loaded by the migration; the office may change them."""

    target = models.CharField(_("对象"), max_length=10, choices=RequirementTarget.choices)
    category = models.CharField(_("单位类别"), max_length=30, choices=Category.choices,
                                blank=True)
    subcategory = models.CharField(_("单位子类"), max_length=40, choices=Subcategory.choices,
                                   blank=True, help_text=_("留空表示该类别全部"))
    interval_months = models.PositiveSmallIntegerField(_("演练周期（月）"))
    basis = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("演练频次要求")
        verbose_name_plural = _("演练频次要求")
        ordering = ["target", "category", "subcategory"]
        constraints = [models.UniqueConstraint(fields=["target", "category", "subcategory"],
                                               name="drill_requirement_unique")]

    def __str__(self) -> str:
        what = self.get_subcategory_display() or self.get_category_display() or \
            self.get_target_display()
        return f"{what}: {self.interval_months}"
