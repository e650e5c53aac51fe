"""The hazard closed loop (隐患治理): one hazard from discovery to close-out (销号), its events,
photos and, for a major hazard, its dossier (一患一档) and listed supervision (挂牌督办)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.photos import EvidencePhoto
from anjian.core.scope import ScopedQuerySet, ScopeSpec
from anjian.hazards.choices import (
    OPEN_STATES,
    CancelReason,
    CauseClass,
    EscalationStep,
    HazardCategory,
    HazardLevel,
    HazardSource,
    HazardState,
    PhotoStage,
    ResponsibleParty,
)
from anjian.inspections.models import InspectionAnswer, InspectionRecord
from anjian.regions.models import Region, Sector
from anjian.units.models import Unit

USER = settings.AUTH_USER_MODEL

# The six items of a major hazard's governance plan (16号令 Art. 15, domain.md §3.1).
GOVERNANCE_PLAN_FIELDS = (
    "plan_goal", "plan_methods", "plan_funds_materials", "plan_organisation", "plan_time_limit",
    "plan_safety_measures",
)
# 五落实: measures, responsible person, deadline, funds, contingency plan.
FIVE_ASSURANCE_FIELDS = ("measures", "responsible_person", "deadline", "funds", "contingency_plan")


class HazardQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, today=None):
        """Deadline passed and not closed or cancelled: derived, never stored."""
        today = today or timezone.localdate()
        return self.open().filter(deadline__lt=today)


class Hazard(models.Model):
    """A hazard (事故隐患). `region` and `sector` are copied from the unit when it is reported so the
    ledger filters and scopes on one table; `version` guards against lost updates."""

    number = models.CharField(_("隐患编号"), max_length=30, unique=True)
    unit = models.ForeignKey(Unit, verbose_name=_("单位/场所"), on_delete=models.PROTECT,
                             related_name="hazards")
    region = models.ForeignKey(Region, verbose_name=_("所在区划"), on_delete=models.PROTECT,
                               related_name="+")
    sector = models.ForeignKey(Sector, verbose_name=_("行业领域"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("隐患描述"))
    category = models.CharField(_("隐患类别"), max_length=20, choices=HazardCategory.choices,
                                default=HazardCategory.OTHER)
    level = models.CharField(_("隐患等级"), max_length=10, choices=HazardLevel.choices,
                             default=HazardLevel.ORDINARY)
    cause_class = models.CharField(_("隐患成因"), max_length=12, choices=CauseClass.choices)
    source = models.CharField(_("来源"), max_length=20, choices=HazardSource.choices)
    source_reference = models.CharField(_("来源说明/文号"), max_length=200, blank=True)
    record = models.ForeignKey(InspectionRecord, verbose_name=_("检查记录"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="hazards")
    answer = models.ForeignKey(InspectionAnswer, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="hazards")
    previous = models.ForeignKey("self", verbose_name=_("复发自"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="recurrences")
    location = models.CharField(_("具体位置"), max_length=255, blank=True)
    rule_version = models.CharField(_("判定依据"), max_length=40, default="16号令")
    state = models.CharField(_("状态"), max_length=20, choices=HazardState.choices,
                             default=HazardState.REPORTED)
    discovered_at = models.DateTimeField(_("发现时间"))
    discovered_by = models.ForeignKey(USER, verbose_name=_("发现人"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    discoverer_name = models.CharField(_("发现人姓名"), max_length=100, blank=True)
    # 五落实 (assignment)
    measures = models.TextField(_("整改措施"), blank=True)
    responsible_party = models.CharField(_("整改责任方"), max_length=10,
                                         choices=ResponsibleParty.choices, blank=True)
    responsible_person = models.CharField(_("整改责任人"), max_length=100, blank=True)
    responsible_phone = models.CharField(_("责任人电话"), max_length=30, blank=True)
    deadline = models.DateField(_("整改期限"), null=True, blank=True)
    deadline_provisional = models.BooleanField(_("期限待定（无节假日安排）"), default=False)
    funds = models.DecimalField(_("整改资金（元）"), max_digits=14, decimal_places=2, null=True,
                                blank=True)
    contingency_plan = models.TextField(_("应急预案/防范措施"), blank=True)
    assigned_at = models.DateTimeField(_("交办时间"), null=True, blank=True)
    assigned_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    slip_number = models.CharField(_("交办单编号"), max_length=40, blank=True)
    # Rectification
    interim_measures = models.TextField(_("临时安全措施"), blank=True)
    rectification_note = models.TextField(_("整改情况"), blank=True)
    funds_spent = models.DecimalField(_("实际投入资金（元）"), max_digits=14, decimal_places=2,
                                      null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交整改时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    # Close-out
    fixed_on_spot = models.BooleanField(_("立即整改"), default=False)
    acceptance_opinion = models.TextField(_("验收意见"), blank=True)
    acceptance_panel = models.CharField(_("验收组成员"), max_length=255, blank=True)
    accepted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    cancel_reason = models.CharField(_("撤销原因"), max_length=20, choices=CancelReason.choices,
                                     blank=True)
    cancel_note = models.CharField(_("撤销说明"), max_length=255, blank=True)
    # 一患一档 (major hazard): report contents and the six-item governance plan
    current_state_cause = models.TextField(_("隐患现状及其产生原因"), blank=True)
    harm_difficulty = models.TextField(_("危害程度和整改难易程度分析"), blank=True)
    plan_goal = models.TextField(_("治理的目标和任务"), blank=True)
    plan_methods = models.TextField(_("采取的方法和措施"), blank=True)
    plan_funds_materials = models.TextField(_("经费和物资的落实"), blank=True)
    plan_organisation = models.TextField(_("负责治理的机构和人员"), blank=True)
    plan_time_limit = models.TextField(_("治理的时限和要求"), blank=True)
    plan_safety_measures = models.TextField(_("安全措施和应急预案"), blank=True)
    # 挂牌督办
    supervision_authority = models.CharField(_("挂牌督办单位"), max_length=120, blank=True)
    listed_on = models.DateField(_("挂牌日期"), null=True, blank=True)
    lifted_on = models.DateField(_("摘牌日期"), null=True, blank=True)
    escalation = models.CharField(_("督促级别"), max_length=20, choices=EscalationStep.choices,
                                  blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = ScopeSpec(region="region", sector="sector", unit="unit")
    objects = HazardQuerySet.as_manager()

    class Meta:
        verbose_name = _("隐患")
        verbose_name_plural = _("隐患")
        ordering = ["-discovered_at", "-id"]
        indexes = [
            # Covering indexes (docs/performance.md, "Hazards and inspections at county scale"):
            # the scope or the time range first, then what the ledger's filters and the
            # statistics read, so that counts, paging and figures come from the index alone.
            models.Index(fields=["region", "-discovered_at", "state", "level", "deadline",
                                 "closed_at", "fixed_on_spot", "id"],
                         name="hazard_region_time_cover"),
            models.Index(fields=["-discovered_at", "region", "state", "level", "deadline",
                                 "closed_at", "fixed_on_spot", "id"], name="hazard_time_cover"),
            models.Index(fields=["region", "state", "deadline"],
                         name="hazard_region_state_deadline"),
            models.Index(fields=["region", "level", "state"], name="hazard_region_level_state"),
            models.Index(fields=["state", "deadline"], name="hazard_state_deadline"),
            models.Index(fields=["unit", "-discovered_at"], name="hazard_unit_time"),
            models.Index(fields=["level", "state"], name="hazard_level_state"),
            # The dashboard (docs/performance.md, "Dashboard and weekly bulletin at county
            # scale"): hazards closed per week from the index alone, and the longest-overdue
            # open hazards in deadline order without sorting every open one.
            models.Index(fields=["state", "closed_at", "region"], name="hazard_state_closed"),
            models.Index(fields=["deadline", "id"], condition=models.Q(state__in=OPEN_STATES),
                         include=["region", "level", "state", "listed_on", "lifted_on"],
                         name="hazard_open_deadline"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.description[:30]}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.deadline is not None and self.deadline < today


class HazardEvent(models.Model):
    """One step of a hazard's history (the domain event of design §2.4): who did what, when, from
    which state to which, with the comment and the action's data."""

    hazard = models.ForeignKey(Hazard, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=20)
    from_state = models.CharField(_("原状态"), max_length=20, blank=True)
    to_state = models.CharField(_("新状态"), max_length=20)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    comment = models.TextField(_("说明"), blank=True)
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("隐患处理记录")
        verbose_name_plural = _("隐患处理记录")
        ordering = ["hazard", "at", "id"]

    def __str__(self) -> str:
        return f"{self.hazard.number} {self.action} {self.at:%Y-%m-%d}"


class HazardPhoto(EvidencePhoto):
    hazard = models.ForeignKey(Hazard, on_delete=models.CASCADE, related_name="photos")
    stage = models.CharField(_("阶段"), max_length=12, choices=PhotoStage.choices)

    scope_spec = ScopeSpec(region="hazard__region", sector="hazard__sector", unit="hazard__unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("隐患照片")
        verbose_name_plural = _("隐患照片")
        ordering = ["hazard", "received_at"]


class HazardCounter(models.Model):
    """The last number used per year, so hazard numbers are unique and gap-free (YH2026-000123)."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
