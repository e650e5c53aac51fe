"""24-hour duty (24小时值班值守) with a leader on duty (领导带班): the roster of shifts (值班表), the
duty log (值班记录) and the handover between shifts (交接班)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.scope import VIEW, ScopedQuerySet, ScopeSpec
from anjian.duty.choices import LogKind
from anjian.regions.models import Region

USER = settings.AUTH_USER_MODEL


def ancestor_paths(path: str) -> list[str]:
    """The paths of a region's ancestors and itself: "/1/4/17/" -> ["/1/", "/1/4/", "/1/4/17/"]."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


class DutyShiftQuerySet(ScopedQuerySet):
    def for_user(self, user, action: str = VIEW) -> DutyShiftQuerySet:
        """The usual scope, and for reading also the roster of the town (or county) above the
        user's own region: a village cadre, a grid worker or an agency must know whom to call at
        the duty office (docs/duty.md, "Who sees what")."""
        scoped = super().for_user(user, action)
        if action != VIEW or user is None or not user.is_authenticated or user.is_superuser:
            return scoped
        label = self.model._meta.label_lower
        above: set[str] = set()
        for grant in user.scope_grants:
            if grant.region_path and grant.allows(label, VIEW):
                above.update(ancestor_paths(grant.region_path))
        if not above:
            return scoped
        return self.filter(Q(pk__in=scoped.values("pk")) | Q(region__path__in=sorted(above)))

    def overlapping(self, start, end):
        """Shifts sharing any moment with [start, end) (touching ends do not overlap)."""
        return self.filter(start__lt=end, end__gt=start)


class DutyShift(models.Model):
    """One shift (班次) of a town's roster: who is on duty (值班人员) and the leader on duty (带班领导)."""

    region = models.ForeignKey(Region, verbose_name=_("值班乡镇"), on_delete=models.PROTECT,
                               related_name="+")
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    people = models.ManyToManyField(Person, verbose_name=_("值班人员"), related_name="duty_shifts")
    leader = models.ForeignKey(Person, verbose_name=_("带班领导"), on_delete=models.PROTECT,
                               related_name="led_duty_shifts")
    note = models.CharField(_("备注"), max_length=255, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = ScopeSpec(region="region")
    objects = DutyShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("值班班次")
        verbose_name_plural = _("值班班次")
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["region", "start", "end"], name="duty_shift_region_time")]
        constraints = [models.CheckConstraint(condition=Q(end__gt=models.F("start")),
                                              name="duty_shift_end_after_start")]

    def __str__(self) -> str:
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        end_text = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%m-%d %H:%M")
        return f"{start:%Y-%m-%d %H:%M}–{end_text}"

    def is_current(self, at=None) -> bool:
        at = at or timezone.now()
        return self.start <= at < self.end


class DutyLogEntry(models.Model):
    """One entry of the duty log (值班记录): a call or event received, how it was handled and who
    was told (报告/通知了谁)."""

    shift = models.ForeignKey(DutyShift, verbose_name=_("班次"), on_delete=models.PROTECT,
                              related_name="log_entries")
    received_at = models.DateTimeField(_("接报时间"))
    kind = models.CharField(_("类别"), max_length=20, choices=LogKind.choices, default=LogKind.CALL)
    source = models.CharField(_("来电人/来源"), max_length=100)
    source_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    content = models.TextField(_("内容"))
    handling = models.TextField(_("处理情况"), blank=True)
    notified = models.CharField(_("已报告/通知"), max_length=255, blank=True)
    closed = models.BooleanField(_("已办结"), default=False)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    logged_by = models.ForeignKey(USER, verbose_name=_("记录人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_spec = ScopeSpec(region="shift__region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("值班记录")
        verbose_name_plural = _("值班记录")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["shift", "received_at"], name="duty_log_shift_time"),
                   models.Index(fields=["-received_at", "closed"], name="duty_log_time")]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.received_at):%Y-%m-%d %H:%M} {self.source}"


class DutyHandover(models.Model):
    """The handover (交接班) from one shift to the next, with the open matters carried over."""

    from_shift = models.OneToOneField(DutyShift, verbose_name=_("交班班次"),
                                      on_delete=models.PROTECT, related_name="handover_out")
    to_shift = models.ForeignKey(DutyShift, verbose_name=_("接班班次"), on_delete=models.PROTECT,
                                 related_name="handovers_in")
    summary = models.TextField(_("本班情况"))
    open_matters = models.TextField(_("移交待办事项"), blank=True)
    carried_entries = models.ManyToManyField(DutyLogEntry, verbose_name=_("移交的未办结记录"),
                                             blank=True, related_name="handovers")
    handed_over_by = models.ForeignKey(Person, verbose_name=_("交班人"), on_delete=models.PROTECT,
                                       related_name="+")
    taken_over_by = models.ForeignKey(Person, verbose_name=_("接班人"), on_delete=models.PROTECT,
                                      related_name="+")
    handed_over_at = models.DateTimeField(_("交接时间"))
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_spec = ScopeSpec(region="from_shift__region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("交接班记录")
        verbose_name_plural = _("交接班记录")
        ordering = ["-handed_over_at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_shift} → {self.to_shift}"
