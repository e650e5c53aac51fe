"""Training (培训) and publicity (宣传教育): training sessions with their attendance, publicity
activities with the materials handed out."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.attachments import StoredAttachment
from anjian.core.photos import EvidencePhoto
from anjian.core.scope import ScopedQuerySet, ScopeSpec
from anjian.regions.models import Region
from anjian.training.choices import AttendeeRole, PublicityKind, TrainingKind
from anjian.units.models import Unit

USER = settings.AUTH_USER_MODEL


class TrainingSession(models.Model):
    """One training (培训): organised by a region (the town or a village) or by a unit for its own
    staff; `region` is the unit's region when a unit organises it, so lists scope on one table."""

    region = models.ForeignKey(Region, verbose_name=_("组织区划"), on_delete=models.PROTECT,
                               related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("组织单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="training_sessions")
    held_on = models.DateField(_("培训日期"))
    topic = models.CharField(_("培训主题"), max_length=200)
    kind = models.CharField(_("培训类型"), max_length=20, choices=TrainingKind.choices)
    audience = models.CharField(_("培训对象"), max_length=200, blank=True)
    trainer = models.CharField(_("授课人"), max_length=100, blank=True)
    place = models.CharField(_("培训地点"), max_length=200, blank=True)
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1,
                                validators=[MinValueValidator(Decimal("0.5"))])
    attendance_count = models.PositiveIntegerField(
        _("参训人次"), help_text=_("有签到名单时不少于名单人数"))
    participating_units = models.ManyToManyField(Unit, verbose_name=_("参训单位"), blank=True,
                                                 related_name="attended_trainings")
    materials = models.TextField(_("培训资料"), blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = ScopeSpec(region="region", unit="unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["region", "-held_on"], name="training_region_held"),
                   models.Index(fields=["unit", "-held_on"], name="training_unit_held")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    @property
    def organiser_name(self) -> str:
        return self.unit.name if self.unit_id else self.region.name


class Attendance(models.Model):
    """One attendee of a session (签到): a person on the tree or a name, with their unit and role;
    `hours` default to the session's."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE,
                                related_name="attendances")
    person = models.ForeignKey(Person, verbose_name=_("人员"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    unit = models.ForeignKey(Unit, verbose_name=_("所在单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("人员类别"), max_length=20, choices=AttendeeRole.choices,
                            default=AttendeeRole.WORKER)
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1,
                                validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        verbose_name = _("参训人员")
        verbose_name_plural = _("参训人员")
        ordering = ["session", "id"]
        indexes = [models.Index(fields=["unit", "name"], name="attendance_unit_name")]

    def __str__(self) -> str:
        return self.name


class PublicityActivity(models.Model):
    """A publicity activity (宣传活动): on a national date (安全生产月, 防灾减灾日 …) or any day, in the
    town or a village; a push to village groups (微信群推送) records the message sent."""

    region = models.ForeignKey(Region, verbose_name=_("区划"), on_delete=models.PROTECT,
                               related_name="+")
    held_on = models.DateField(_("活动日期"))
    kind = models.CharField(_("活动形式"), max_length=30, choices=PublicityKind.choices)
    title = models.CharField(_("活动名称"), max_length=200)
    place = models.CharField(_("活动地点"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("参与人次"), default=0)
    households = models.PositiveIntegerField(_("入户户数"), default=0)
    summary = models.TextField(_("活动内容"), blank=True)
    message = models.TextField(_("推送内容"), blank=True)
    recipients = models.PositiveIntegerField(_("推送人数"), default=0)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = ScopeSpec(region="region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("宣传活动")
        verbose_name_plural = _("宣传活动")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["region", "-held_on"], name="publicity_region_held")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class PublicityMaterial(models.Model):
    """Materials handed out (发放宣传资料): a handbook, leaflets … and how many."""

    activity = models.ForeignKey(PublicityActivity, on_delete=models.CASCADE,
                                 related_name="materials")
    name = models.CharField(_("资料名称"), max_length=100)
    quantity = models.PositiveIntegerField(_("数量（份）"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("宣传资料")
        verbose_name_plural = _("宣传资料")
        ordering = ["activity", "id"]

    def __str__(self) -> str:
        return f"{self.name} × {self.quantity}"


class TrainingMaterial(StoredAttachment):
    """A document kept with a training (培训资料: courseware, sign-in sheet scan, exam paper),
    validated by core.attachments and downloaded only through the session's scope."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE,
                                related_name="documents")
    title = models.CharField(_("资料名称"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("培训资料附件")
        verbose_name_plural = _("培训资料附件")
        ordering = ["session", "id"]

    def __str__(self) -> str:
        return self.title or self.original_name


class PublicityPhoto(EvidencePhoto):
    """A photo of a publicity activity (活动照片), validated and stamped by core.photos."""

    activity = models.ForeignKey(PublicityActivity, on_delete=models.CASCADE,
                                 related_name="photos")

    class Meta(EvidencePhoto.Meta):
        verbose_name = _("宣传活动照片")
        verbose_name_plural = _("宣传活动照片")
