"""Emergency teams (应急队伍) and their members; supplies and equipment (应急物资) with stock moves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.validators import validate_phone
from anjian.emergency.choices import StockDirection, SupplyCategory, TeamKind
from anjian.emergency.models.base import USER, OwnedRecord

EXPIRY_WARNING_DAYS = 30


class EmergencyTeam(OwnedRecord):
    name = models.CharField(_("队伍名称"), max_length=120)
    kind = models.CharField(_("队伍类型"), max_length=20, choices=TeamKind.choices)
    leader = models.CharField(_("队长"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30, validators=[validate_phone])
    duties = models.TextField(_("主要职责"), blank=True)
    equipment = models.TextField(_("主要装备"), blank=True)
    is_active = models.BooleanField(_("在编"), default=True)

    class Meta:
        verbose_name = _("应急队伍")
        verbose_name_plural = _("应急队伍")
        ordering = ["region__path", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    team = models.ForeignKey(EmergencyTeam, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, verbose_name=_("人员"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    role = models.CharField(_("队内职务"), max_length=50, blank=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True,
                             validators=[validate_phone])

    class Meta:
        verbose_name = _("队员")
        verbose_name_plural = _("队员")
        ordering = ["team", "id"]

    def __str__(self) -> str:
        return self.name


class SupplyItem(OwnedRecord):
    name = models.CharField(_("物资名称"), max_length=120)
    category = models.CharField(_("物资类别"), max_length=20, choices=SupplyCategory.choices)
    specification = models.CharField(_("规格型号"), max_length=120, blank=True)
    quantity = models.DecimalField(_("数量"), max_digits=12, decimal_places=2, default=Decimal(0))
    unit_of_measure = models.CharField(_("计量单位"), max_length=10)
    minimum_stock = models.DecimalField(_("最低储备量"), max_digits=12, decimal_places=2,
                                        default=Decimal(0))
    location = models.CharField(_("存放地点"), max_length=200)
    custodian = models.CharField(_("保管人"), max_length=50)
    custodian_phone = models.CharField(_("保管人电话"), max_length=30,
                                       validators=[validate_phone])
    expires_on = models.DateField(_("有效期至"), null=True, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("应急物资")
        verbose_name_plural = _("应急物资")
        ordering = ["region__path", "category", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_low(self) -> bool:
        return self.quantity < self.minimum_stock

    def is_expired(self, today: dt.date | None = None) -> bool:
        return self.expires_on is not None and self.expires_on < (today or timezone.localdate())

    def is_expiring(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (self.expires_on is not None and not self.is_expired(today)
                and self.expires_on <= today + dt.timedelta(days=EXPIRY_WARNING_DAYS))


class SupplyMovement(models.Model):
    """One stock change (入库/出库) with its reason; the quantity on the item follows from them."""

    item = models.ForeignKey(SupplyItem, on_delete=models.CASCADE, related_name="movements")
    direction = models.CharField(_("方向"), max_length=4, choices=StockDirection.choices)
    quantity = models.DecimalField(_("数量"), max_digits=12, decimal_places=2)
    balance = models.DecimalField(_("结存"), max_digits=12, decimal_places=2)
    reason = models.CharField(_("事由"), max_length=200)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_name = models.CharField(_("经办人"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("出入库记录")
        verbose_name_plural = _("出入库记录")
        ordering = ["item", "-at", "-id"]

    def __str__(self) -> str:
        return f"{self.item.name} {self.get_direction_display()} {self.quantity}"
