"""Assessment schemes (考核方案) with their indicators (考核指标), and accountability actions (问责记录)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.core.attachments import StoredAttachment
from anjian.core.scope import ScopedQuerySet, ScopeSpec


class TargetKind(models.TextChoices):
    """Who a scheme scores (考核对象)."""

    VILLAGE = "village", _("村（社区）")
    ORGANISATION = "organisation", _("机关站所")
    LEADER = "leader", _("领导干部")


class IndicatorKey(models.TextChoices):
    """The computable measures an indicator can score."""

    COVERAGE = "coverage", _("检查覆盖率")
    ON_TIME = "on_time", _("隐患按期整改率")
    OVERDUE = "overdue", _("超期未整改隐患（扣分）")
    DAILY_REPORT = "daily_report", _("日报按时报送率")
    TRAINING = "training", _("企业培训达标率")
    AGREEMENTS = "agreements", _("责任书签订率")
    ACCIDENTS = "accidents", _("事故起数（扣分）")
    ACCIDENT_DEATHS = "accident_deaths", _("事故死亡（扣分）")
    LEADER_INSPECTION = "leader_inspection", _("领导带队检查完成率")
    VISITS = "visits", _("挂钩联系走访")


PENALTIES = {IndicatorKey.OVERDUE, IndicatorKey.ACCIDENTS, IndicatorKey.ACCIDENT_DEATHS}

_ALL = frozenset(TargetKind.values)
# Which indicators apply to which target kind (the scheme form refuses the others).
APPLIES: dict[str, frozenset[str]] = {
    IndicatorKey.COVERAGE: _ALL,
    IndicatorKey.ON_TIME: _ALL,
    IndicatorKey.OVERDUE: _ALL,
    IndicatorKey.DAILY_REPORT: frozenset({TargetKind.VILLAGE, TargetKind.ORGANISATION}),
    IndicatorKey.TRAINING: _ALL,
    IndicatorKey.AGREEMENTS: _ALL,
    IndicatorKey.ACCIDENTS: _ALL,
    IndicatorKey.ACCIDENT_DEATHS: _ALL,
    IndicatorKey.LEADER_INSPECTION: frozenset({TargetKind.LEADER}),
    IndicatorKey.VISITS: frozenset({TargetKind.LEADER}),
}


def applies(key: str, target: str) -> bool:
    return target in APPLIES.get(key, frozenset())


class ActionKind(models.TextChoices):
    NOTICE = "notice", _("通报")
    INTERVIEW = "interview", _("约谈")
    SUPERVISE = "supervise", _("督办")
    ACCOUNTABILITY = "accountability", _("问责")


class Scheme(models.Model):
    """A scoring scheme (考核方案) for the villages, the organisations or the leaders of a town."""

    name = models.CharField(_("名称"), max_length=100)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, verbose_name=_("乡镇"))
    target = models.CharField(_("考核对象"), max_length=20, choices=TargetKind.choices,
                              default=TargetKind.VILLAGE)
    active = models.BooleanField(_("启用"), default=True)

    scope_spec = ScopeSpec(region="region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("考核方案")
        ordering = ["-active", "name"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="indicators")
    key = models.CharField(_("指标"), max_length=20, choices=IndicatorKey.choices)
    weight = models.PositiveSmallIntegerField(_("权重"), validators=[MinValueValidator(1)])
    target = models.FloatField(_("目标值"), default=1.0,
                               help_text=_("比率指标为满分所需比率；扣分指标为每项扣分"))

    class Meta:
        verbose_name = _("考核指标")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["scheme", "key"], name="assessment_indicator_once")]

    def __str__(self) -> str:
        return self.get_key_display()


class Snapshot(models.Model):
    """A frozen ranking (已发布排名) of a scheme for a period: published figures never change later."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="snapshots",
                               verbose_name=_("考核方案"))
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, verbose_name=_("乡镇"))
    target = models.CharField(_("考核对象"), max_length=20, choices=TargetKind.choices,
                              default=TargetKind.VILLAGE)
    start = models.DateField(_("起始日期"))
    end = models.DateField(_("截止日期"))
    rows = models.JSONField(_("排名数据"), default=list)
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("发布人"))
    frozen_at = models.DateTimeField(_("发布时间"), auto_now_add=True)

    scope_spec = ScopeSpec(region="region")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("排名快照")
        ordering = ["-end", "-pk"]

    def __str__(self) -> str:
        return f"{self.scheme.name} {self.start}–{self.end}"


class AccountabilityAction(StoredAttachment):
    """One accountability action (通报、约谈、督办、问责) aimed at exactly one target — a village, an
    organisation (机关站所), a person or a unit — with its cause (a hazard, an accident, a published
    ranking or free text) and the issued document (the file attached).

    `region` is derived, not entered: the village for a village target, the town the target lies in
    otherwise. It scopes the action for the office and leaders; agencies reach actions aimed at their
    organisation and enterprises those aimed at their unit (`ScopeSpec.organisation` / `unit`)."""

    kind = models.CharField(_("类型"), max_length=20, choices=ActionKind.choices)
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("对象村（社区）"))
    organisation = models.ForeignKey("regions.Organisation", on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+", verbose_name=_("对象机关站所"))
    person = models.ForeignKey("accounts.Person", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("对象人员"))
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("对象单位"))
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, editable=False,
                               verbose_name=_("所在区划"))
    reason = models.TextField(_("事由"))
    date = models.DateField(_("日期"))
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    hazard = models.ForeignKey("hazards.Hazard", on_delete=models.SET_NULL, null=True, blank=True,
                               verbose_name=_("关联隐患"))
    accident = models.ForeignKey("accidents.Accident", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+", verbose_name=_("关联事故"))
    snapshot = models.ForeignKey(Snapshot, on_delete=models.SET_NULL, null=True, blank=True,
                                 verbose_name=_("关联考核排名"))
    cause = models.CharField(_("其他原因"), max_length=200, blank=True)
    outcome = models.TextField(_("跟进与结果"), blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("发出人"))
    created_at = models.DateTimeField(auto_now_add=True)

    scope_spec = ScopeSpec(region="region", unit="unit", organisation="organisation")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("问责记录")
        ordering = ["-date", "-pk"]

    TARGETS = ("village", "organisation", "person", "unit")

    @property
    def target(self):
        for name in self.TARGETS:
            value = getattr(self, name)
            if value is not None:
                return value
        return None

    @property
    def target_kind_label(self) -> str:
        for name in self.TARGETS:
            if getattr(self, f"{name}_id"):
                return str(self._meta.get_field(name).verbose_name).removeprefix("对象")
        return ""

    @property
    def target_name(self) -> str:
        target = self.target
        return getattr(target, "name", "") if target is not None else ""

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.target_name}"
