"""Enforcement (执法, 打非治违): actions on supervised units — rectification orders and their
re-inspection opinions, administrative penalties, crackdowns on illegal production and joint
enforcement — and the dishonesty list (失信名单) of units with serious violations."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.scope import VIEW, ScopedQuerySet, ScopeSpec
from anjian.enforcement.choices import ActionKind, OrderState
from anjian.hazards.models import Hazard
from anjian.inspections.models import InspectionRecord
from anjian.regions.models import Organisation, Region, Sector
from anjian.units.models import Unit

USER = settings.AUTH_USER_MODEL


class ActionQuerySet(ScopedQuerySet):
    def for_user(self, user, action: str = VIEW):
        """The scope of ScopedQuerySet, and for an agency also the actions its organisation took
        part in (outside its sectors) when reading."""
        base = super().for_user(user, action)
        if action != VIEW or not getattr(user, "is_authenticated", False) or user.is_superuser:
            return base
        from anjian.accounts.choices import Role

        organisations = list(user.role_grants.filter(role=Role.AGENCY, organisation__isnull=False)
                             .values_list("organisation_id", flat=True))
        if not organisations:
            return base
        joined = self.filter(organisations__in=organisations).values("pk")
        return self.filter(Q(pk__in=base.values("pk")) | Q(pk__in=joined))

    def with_reinspection(self):
        return self.annotate(reinspected=Exists(EnforcementAction.objects.filter(
            follows=OuterRef("pk"), kind=ActionKind.REINSPECTION)))

    def orders_overdue(self, today: dt.date):
        """Rectification orders past their deadline without a re-inspection (逾期未复查)."""
        return self.with_reinspection().filter(kind=ActionKind.ORDER, deadline__lt=today,
                                               reinspected=False)


class EnforcementAction(models.Model):
    """One enforcement action on a unit, with its document (文书) number. `region` and `sector` are
    copied from the unit so the scope rules read them directly."""

    kind = models.CharField(_("类型"), max_length=14, choices=ActionKind.choices)
    number = models.CharField(_("文书编号"), max_length=60, blank=True)
    acted_on = models.DateField(_("执法日期"))
    unit = models.ForeignKey(Unit, verbose_name=_("单位/场所"), on_delete=models.PROTECT,
                             related_name="enforcement_actions")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    officers = models.ManyToManyField(Person, verbose_name=_("执法人员"), blank=True,
                                      related_name="enforcement_actions")
    organisations = models.ManyToManyField(Organisation, verbose_name=_("参与单位（站所）"),
                                           blank=True, related_name="enforcement_actions")
    legal_basis = models.TextField(_("法律依据"), blank=True)
    findings = models.TextField(_("检查发现"), blank=True)
    outcome = models.TextField(_("处理结果"), blank=True)
    deadline = models.DateField(_("整改期限"), null=True, blank=True)
    penalty_amount = models.DecimalField(_("罚款金额（元）"), max_digits=12, decimal_places=2,
                                         null=True, blank=True)
    hazards_found = models.PositiveIntegerField(_("发现隐患（处）"), default=0)
    illegal_acts_stopped = models.PositiveIntegerField(_("制止非法违法行为（起）"), default=0)
    hazard = models.ForeignKey(Hazard, verbose_name=_("相关隐患"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="enforcement_actions")
    inspection = models.ForeignKey(InspectionRecord, verbose_name=_("相关检查记录"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    follows = models.ForeignKey("self", verbose_name=_("对应整改指令书"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="followups")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = ScopeSpec(region="region", sector="sector", unit="unit")
    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("执法记录")
        verbose_name_plural = _("执法记录")
        ordering = ["-acted_on", "-pk"]
        indexes = [models.Index(fields=["region", "kind", "acted_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or ''} {self.unit}".strip()

    def order_state(self, today: dt.date) -> str | None:
        if self.kind != ActionKind.ORDER:
            return None
        reinspected = getattr(self, "reinspected", None)
        if reinspected is None:
            reinspected = self.followups.filter(kind=ActionKind.REINSPECTION).exists()
        if reinspected:
            return OrderState.REINSPECTED
        if self.deadline and self.deadline < today:
            return OrderState.OVERDUE
        return OrderState.PENDING


class DishonestyListing(models.Model):
    """A unit on the dishonesty list (失信名单) for serious violations, until a date or lifted."""

    unit = models.ForeignKey(Unit, verbose_name=_("单位/场所"), on_delete=models.PROTECT,
                             related_name="dishonesty_listings")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    reason = models.TextField(_("列入事由"))
    action = models.ForeignKey(EnforcementAction, verbose_name=_("依据的执法记录"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="listings")
    listed_on = models.DateField(_("列入日期"))
    until = models.DateField(_("期满日期"), null=True, blank=True)
    lifted_on = models.DateField(_("移出日期"), null=True, blank=True)
    lifted_by = models.ForeignKey(USER, verbose_name=_("移出人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    lift_reason = models.TextField(_("移出理由"), blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_spec = ScopeSpec(region="region", sector="sector", unit="unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("失信名单")
        verbose_name_plural = _("失信名单")
        ordering = ["-listed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.unit} {self.listed_on:%Y-%m-%d}"

    def is_active(self, today: dt.date) -> bool:
        return (self.listed_on <= today and self.lifted_on is None
                and (self.until is None or self.until >= today))


def active_listing_q(today: dt.date) -> Q:
    return (Q(listed_on__lte=today, lifted_on__isnull=True)
            & (Q(until__isnull=True) | Q(until__gte=today)))
