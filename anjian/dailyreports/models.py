"""Daily reporting (日报告制度): every village/community and every agency (机关站所) of a town files one
safety report a day — inspections done, hazards found, events, measures — or a zero report (零报告)
when nothing happened. A report filed after the town's cut-off time (截止时间) is accepted and marked
late. Missing reports and compliance are derived by the selectors, never stored."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.core.scope import ScopedQuerySet, ScopeSpec
from anjian.regions.models import Organisation, Region, TownSettings

USER = settings.AUTH_USER_MODEL
DEFAULT_CUTOFF = dt.time(17, 0)


class ReportSettings(TownSettings):
    """A town's daily-report settings, kept by its safety office: the cut-off time of each day."""

    cutoff = models.TimeField(_("每日截止时间"), default=DEFAULT_CUTOFF)
    # Whether reports are owed on rest days too (weekends and holidays of the workday calendar).
    rest_days = models.BooleanField(_("休息日也须报送"), default=True)

    class Meta:
        verbose_name = _("日报告设置")
        verbose_name_plural = _("日报告设置")


class DailyReport(models.Model):
    """One reporter's safety report of one day. The reporter is a village/community (`region`, no
    `organisation`) or an agency (`organisation`; `region` is then the agency's own region, the
    town). `town` is copied on filing so the town's views read one table. A second submission for
    the same day corrects this row (journaled), never adds one; `first_submitted_at` decides
    lateness, `submitted_at` is the latest correction."""

    date = models.DateField(_("报告日期"))
    town = models.ForeignKey(Region, verbose_name=_("乡镇（街道）"), on_delete=models.PROTECT,
                             related_name="+")
    region = models.ForeignKey(Region, verbose_name=_("村（社区）/所在区划"),
                               on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, verbose_name=_("机关站所"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    inspections_count = models.PositiveIntegerField(_("开展检查（次）"), default=0)
    hazards_count = models.PositiveIntegerField(_("发现隐患（条）"), default=0)
    events = models.TextField(_("突发事件/事故情况"), blank=True)
    measures = models.TextField(_("采取的措施"), blank=True)
    note = models.TextField(_("备注"), blank=True)
    is_zero = models.BooleanField(_("零报告"), default=False)
    is_late = models.BooleanField(_("迟报"), default=False)
    submitted_by = models.ForeignKey(USER, verbose_name=_("填报人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitter_name = models.CharField(_("填报人姓名"), max_length=100, blank=True)
    first_submitted_at = models.DateTimeField(_("首次报送时间"))
    submitted_at = models.DateTimeField(_("报送时间"))
    corrections = models.PositiveIntegerField(_("更正次数"), default=0)

    # Villages by region; agencies by their organisation (see docs/dailyreports.md, "Scope"): the
    # agency's own-organisation grant reaches them (accounts.roles.register_own_organisation).
    scope_spec = ScopeSpec(region="region", organisation="organisation")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("日报告")
        verbose_name_plural = _("日报告")
        ordering = ["-date", "region__path", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["date", "region"], condition=Q(organisation=None),
                                    name="dailyreport_one_per_village_day"),
            models.UniqueConstraint(fields=["date", "organisation"],
                                    condition=Q(organisation__isnull=False),
                                    name="dailyreport_one_per_organisation_day"),
            models.CheckConstraint(
                condition=Q(is_zero=False) | Q(inspections_count=0, hazards_count=0, events="",
                                               measures=""),
                name="dailyreport_zero_is_empty"),
        ]
        indexes = [models.Index(fields=["town", "date"], name="dailyreport_town_date")]

    def __str__(self) -> str:
        return f"{self.reporter_name} {self.date:%Y-%m-%d}"

    @property
    def reporter_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.region.name

    @property
    def reporter_key(self) -> str:
        return f"o{self.organisation_id}" if self.organisation_id else f"v{self.region_id}"
