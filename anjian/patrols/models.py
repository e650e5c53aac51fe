"""Field patrols (专项巡查): road-traffic persuasion points (劝导点) and their records, and forest
fire prevention (森林防火): rangers' (护林员) daily check-ins, fire checkpoints (防火检查站) and
field fire sources (野外火源) found and handled. Every row carries its `region` so lists scope and
filter on one table."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.photos import EvidencePhoto
from anjian.core.scope import ScopedQuerySet, ScopeSpec
from anjian.patrols.choices import FireSourceKind, PersuasionOutcome, VehicleType, Violation
from anjian.regions.models import Organisation, Region

USER = settings.AUTH_USER_MODEL
REGION_SCOPE = ScopeSpec(region="region")


def latitude():
    return models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True,
                               validators=[MinValueValidator(-90), MaxValueValidator(90)])


def longitude():
    return models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True,
                               validators=[MinValueValidator(-180), MaxValueValidator(180)])


class RegionRecord(models.Model):
    region = models.ForeignKey(Region, verbose_name=_("区划"), on_delete=models.PROTECT,
                               related_name="+")
    created_by = models.ForeignKey(USER, verbose_name=_("登记人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = REGION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class PersuasionPoint(RegionRecord):
    """A roadside traffic persuasion point (劝导点) on a main road."""

    name = models.CharField(_("劝导点名称"), max_length=100)
    road = models.CharField(_("所在道路"), max_length=100)
    latitude = latitude()
    longitude = longitude()
    organisation = models.ForeignKey(Organisation, verbose_name=_("牵头单位"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    staffed_by = models.CharField(_("值守人员"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("劝导点")
        verbose_name_plural = _("劝导点")
        ordering = ["region__path", "name"]

    def __str__(self) -> str:
        return self.name


class PersuasionRecord(RegionRecord):
    """One persuasion (劝导) at a point: the vehicle, the violation and the education given.
    `region` is the point's."""

    point = models.ForeignKey(PersuasionPoint, verbose_name=_("劝导点"), on_delete=models.PROTECT,
                              related_name="records")
    recorded_at = models.DateTimeField(_("劝导时间"))
    vehicle_type = models.CharField(_("车辆类型"), max_length=20, choices=VehicleType.choices)
    violation = models.CharField(_("违法行为"), max_length=20, choices=Violation.choices)
    driver = models.CharField(_("驾驶人"), max_length=50, blank=True)
    plate = models.CharField(_("号牌"), max_length=20, blank=True)
    education = models.CharField(_("教育内容"), max_length=300, blank=True)
    outcome = models.CharField(_("处理结果"), max_length=20, choices=PersuasionOutcome.choices,
                               default=PersuasionOutcome.EDUCATED)

    class Meta:
        verbose_name = _("劝导记录")
        verbose_name_plural = _("劝导记录")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["region", "-recorded_at"], name="persuasion_region_at")]

    def __str__(self) -> str:
        return f"{self.point} {self.get_vehicle_type_display()} {self.get_violation_display()}"


class PatrolCheckIn(RegionRecord):
    """A forest ranger's patrol check-in (巡护打卡) with where the phone was. `region` is the
    ranger's village."""

    ranger = models.ForeignKey(Person, verbose_name=_("护林员"), on_delete=models.PROTECT,
                               related_name="patrol_checkins")
    checked_at = models.DateTimeField(_("打卡时间"))
    latitude = latitude()
    longitude = longitude()
    place = models.CharField(_("巡护地点"), max_length=200)
    note = models.CharField(_("巡护情况"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("巡护打卡")
        verbose_name_plural = _("巡护打卡")
        ordering = ["-checked_at", "-id"]
        indexes = [models.Index(fields=["ranger", "-checked_at"], name="checkin_ranger_at"),
                   models.Index(fields=["region", "-checked_at"], name="checkin_region_at")]

    def __str__(self) -> str:
        return f"{self.ranger.name} {self.checked_at:%Y-%m-%d %H:%M}"


class FireCheckpoint(RegionRecord):
    """A forest fire checkpoint (防火检查站) at a road into the forest."""

    name = models.CharField(_("检查站名称"), max_length=100)
    location = models.CharField(_("位置"), max_length=200)
    latitude = latitude()
    longitude = longitude()
    staffed_by = models.CharField(_("值守人员"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("防火检查站")
        verbose_name_plural = _("防火检查站")
        ordering = ["region__path", "name"]

    def __str__(self) -> str:
        return self.name


class FireSource(RegionRecord):
    """A field fire source (野外火源) found on patrol and how it was handled (处置)."""

    found_at = models.DateTimeField(_("发现时间"))
    place = models.CharField(_("地点"), max_length=200)
    kind = models.CharField(_("火源类型"), max_length=20, choices=FireSourceKind.choices)
    found_by = models.ForeignKey(Person, verbose_name=_("发现人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("情况描述"), max_length=300, blank=True)
    handling = models.TextField(_("处置情况"), blank=True)
    handled_at = models.DateTimeField(_("处置时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("野外火源")
        verbose_name_plural = _("野外火源")
        ordering = ["-found_at", "-id"]
        indexes = [models.Index(fields=["region", "-found_at"], name="firesource_region_at")]

    def __str__(self) -> str:
        return f"{self.found_at:%Y-%m-%d} {self.place} {self.get_kind_display()}"

    @property
    def is_handled(self) -> bool:
        return self.handled_at is not None


class CheckInPhoto(EvidencePhoto):
    """A photo taken at a patrol check-in (optional)."""

    checkin = models.ForeignKey(PatrolCheckIn, on_delete=models.CASCADE, related_name="photos")

    class Meta(EvidencePhoto.Meta):
        verbose_name = _("巡护照片")
        verbose_name_plural = _("巡护照片")


class FireSourcePhoto(EvidencePhoto):
    """A photo of a fire source found or of its handling."""

    source = models.ForeignKey(FireSource, on_delete=models.CASCADE, related_name="photos")

    class Meta(EvidencePhoto.Meta):
        verbose_name = _("火源照片")
        verbose_name_plural = _("火源照片")
