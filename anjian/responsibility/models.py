"""The responsibility system (责任体系): responsibility lists per post (责任清单, 一岗一清单),
yearly responsibility agreements (责任书), leader linkage visits (领导挂钩) and the meetings that
studied or deployed work safety (会议记录)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.attachments import StoredAttachment
from anjian.core.scope import ScopedQuerySet, ScopeSpec
from anjian.regions.models import Organisation, Region
from anjian.responsibility.choices import AgreementKind, DutyCategory, MeetingKind
from anjian.units.models import Unit


class ResponsibilityList(models.Model):
    """The duties of one post for one year (岗位责任清单). `version` counts the revisions of the
    year's duties; a new year's list is a copy of last year's (`previous`)."""

    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT,
                               related_name="responsibility_lists")
    year = models.PositiveSmallIntegerField(_("年度"))
    post = models.CharField(_("岗位"), max_length=100)
    holder = models.ForeignKey(Person, verbose_name=_("责任人"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="responsibility_lists")
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    previous = models.ForeignKey("self", verbose_name=_("上一年度清单"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="next_lists")
    notes = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_spec = ScopeSpec(region="region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("责任清单")
        verbose_name_plural = _("责任清单")
        ordering = ["-year", "region__path", "post"]
        constraints = [models.UniqueConstraint(fields=["region", "year", "post"],
                                               name="responsibility_list_unique_post_year")]

    def __str__(self) -> str:
        return f"{self.year}年 {self.post}"


class Duty(models.Model):
    """One duty on a list (one row of 一岗一清单)."""

    responsibility_list = models.ForeignKey(ResponsibilityList, on_delete=models.CASCADE,
                                            related_name="duties")
    order = models.PositiveSmallIntegerField(_("序号"), default=0)
    category = models.CharField(_("责任类别"), max_length=30, choices=DutyCategory.choices)
    text = models.TextField(_("职责内容"))

    class Meta:
        verbose_name = _("岗位职责")
        verbose_name_plural = _("岗位职责")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:50]


class Agreement(StoredAttachment):
    """A responsibility agreement (责任书) of one year between the town (first party) and a village,
    a supervised unit (enterprise or school) or a department (机关站所), with its scanned copy.

    `region` is where the counterparty sits (the village, the unit's grid, the department's town):
    what scopes the agreement."""

    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类型"), max_length=20, choices=AgreementKind.choices)
    town = models.ForeignKey(Region, verbose_name=_("甲方（乡镇）"), on_delete=models.PROTECT,
                             related_name="+")
    village = models.ForeignKey(Region, verbose_name=_("村（社区）"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="responsibility_agreements")
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="responsibility_agreements")
    organisation = models.ForeignKey(Organisation, verbose_name=_("部门"), null=True, blank=True,
                                     on_delete=models.PROTECT,
                                     related_name="responsibility_agreements")
    region = models.ForeignKey(Region, verbose_name=_("所在区划"), on_delete=models.PROTECT,
                               related_name="+", editable=False)
    title = models.CharField(_("名称"), max_length=200, blank=True)
    first_signatory = models.CharField(_("甲方签字人"), max_length=50)
    second_signatory = models.CharField(_("乙方签字人"), max_length=50)
    signed_on = models.DateField(_("签订日期"))
    tasks = models.TextField(_("年度目标任务"), blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_spec = ScopeSpec(region="region", unit="unit", organisation="organisation")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("责任书")
        verbose_name_plural = _("责任书")
        ordering = ["-year", "kind", "pk"]
        indexes = [models.Index(fields=["year", "town"])]
        constraints = [
            models.UniqueConstraint(fields=["year", "village"], condition=Q(village__isnull=False),
                                    name="agreement_unique_village_year"),
            models.UniqueConstraint(fields=["year", "unit"], condition=Q(unit__isnull=False),
                                    name="agreement_unique_unit_year"),
            models.UniqueConstraint(fields=["year", "organisation"],
                                    condition=Q(organisation__isnull=False),
                                    name="agreement_unique_organisation_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.counterparty}"

    @property
    def counterparty(self):
        return self.village or self.unit or self.organisation


class LinkageVisit(models.Model):
    """A linked leader's visit to a unit (领导挂钩 / 包保): what was checked, the problems found and
    the follow-up; optionally the inspection record written on the visit."""

    leader = models.ForeignKey(Person, verbose_name=_("挂钩领导"), on_delete=models.PROTECT,
                               related_name="linkage_visits")
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT,
                             related_name="linkage_visits")
    visited_on = models.DateField(_("走访日期"))
    checked = models.TextField(_("检查指导内容"))
    problems = models.TextField(_("发现问题"), blank=True)
    follow_up = models.TextField(_("跟踪落实"), blank=True)
    inspection = models.ForeignKey("inspections.InspectionRecord", verbose_name=_("检查记录"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="linkage_visits")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_spec = ScopeSpec(region="unit__region", sector="unit__sector", unit="unit")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("挂钩走访")
        verbose_name_plural = _("挂钩走访")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["leader", "visited_on"])]

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} {self.leader} → {self.unit}"


class Meeting(models.Model):
    """A meeting that studied or deployed work safety; `safety_first` records whether safety was
    the first agenda item (第一议题)."""

    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT,
                               related_name="responsibility_meetings")
    held_on = models.DateField(_("会议日期"))
    kind = models.CharField(_("会议类型"), max_length=30, choices=MeetingKind.choices)
    title = models.CharField(_("会议名称"), max_length=200)
    chaired_by = models.ForeignKey(Person, verbose_name=_("主持人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="chaired_meetings")
    attendees = models.PositiveIntegerField(_("参会人数"), null=True, blank=True)
    safety_first = models.BooleanField(_("安全生产列为第一议题"), default=False)
    topics = models.TextField(_("学习研究内容"), blank=True)
    decisions = models.TextField(_("议定事项"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_spec = ScopeSpec(region="region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("会议记录")
        verbose_name_plural = _("会议记录")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["region", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"
