"""Forms of the accidents ledger; saving is the services' job (their Chinese messages land on the
matching fields through ServiceErrorsMixin)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accidents import rules
from anjian.accidents.filtersets import type_choices
from anjian.accidents.models import Accident, IndicatorYear
from anjian.core.forms import ServiceErrorsMixin, bootstrap
from anjian.regions.models import Region
from anjian.units.choices import UnitStatus
from anjian.units.models import Unit

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def datetime_field(label, required=True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT))


def count_field(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, initial=0,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))


def version_of(value) -> str:
    """The GB 6441 version for a submitted or stored occurrence time (today when unknown)."""
    if isinstance(value, str):
        for fmt in (DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d"):
            try:
                value = dt.datetime.strptime(value[:16], fmt)
                break
            except ValueError:
                continue
    if isinstance(value, dt.datetime | dt.date):
        return rules.classification_version_for(value)
    return rules.classification_version_for(timezone.localdate())


def type_options(version: str) -> list[tuple[str, str]]:
    return [("", _("请选择事故类型"))] + [(f"{version}:{code}", name)
                                          for code, name in rules.TYPE_LISTS[version]]


class FiguresMixin(forms.Form):
    deaths = count_field(_("死亡人数"))
    missing = count_field(_("下落不明人数"))
    serious_injuries = count_field(_("重伤人数（含急性工业中毒）"))
    poisonings = count_field(_("其中急性工业中毒"))
    minor_injuries = count_field(_("轻伤人数"))
    direct_loss = forms.DecimalField(label=_("直接经济损失（元）"), min_value=0, initial=0,
                                     max_digits=14, decimal_places=2)


class AccidentForm(ServiceErrorsMixin, FiguresMixin, forms.Form):
    """Records (with the casualty figures) or edits (without: those change by 补报) an accident."""

    occurred_at = datetime_field(_("发生时间"))
    place = forms.CharField(label=_("发生地点"), max_length=200)
    unit = forms.ModelChoiceField(label=_("事故单位"), queryset=Unit.objects.none(), required=False,
                                  help_text=_("有事故单位时，所在区划取该单位的区划"))
    region = forms.ModelChoiceField(label=_("所在村（社区）/网格"), queryset=Region.objects.none(),
                                    required=False)
    type_code = forms.ChoiceField(label=_("事故类型"), choices=type_choices,
                                  help_text=_("2026年7月1日以前按GB 6441-1986（20类），"
                                              "此后按GB 6441-2025（27类）"))
    road_traffic = forms.BooleanField(label=_("道路交通事故"), required=False)
    fire = forms.BooleanField(label=_("火灾事故"), required=False)
    industrial = forms.BooleanField(label=_("工矿商贸事故"), required=False)
    coal_mine = forms.BooleanField(label=_("煤矿事故"), required=False)
    unit_reported_at = datetime_field(_("单位报告时间"), required=False)
    description = forms.CharField(label=_("事故简要经过"), widget=forms.Textarea(attrs={"rows": 4}))
    cause = forms.CharField(label=_("事故原因"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    FIGURES = ("deaths", "missing", "serious_injuries", "poisonings", "minor_injuries",
               "direct_loss")
    field_order = ["occurred_at", "place", "unit", "region", "type_code", "road_traffic", "fire",
                   "industrial", "coal_mine", *FIGURES, "unit_reported_at", "description", "cause"]

    def __init__(self, *args, user, accident: Accident | None = None, **kwargs):
        if accident is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{f: getattr(accident, f) for f in (
                    "place", "unit", "region", "road_traffic", "fire", "industrial", "coal_mine",
                    "description", "cause")},
                "occurred_at": timezone.localtime(accident.occurred_at),
                "type_code": f"{accident.classification_version}:{accident.type_code}"}
        super().__init__(*args, **kwargs)
        units = Unit.objects.for_user(user).filter(status=UnitStatus.ACTIVE)
        self.fields["unit"].queryset = units.order_by("name")
        self.fields["region"].queryset = Region.objects.for_user(user).filter(
            level__gte=2).order_by("path")
        if accident is not None:
            for name in (*self.FIGURES, "unit_reported_at"):
                del self.fields[name]
        when = self.data.get("occurred_at") if self.is_bound else (
            self.initial.get("occurred_at"))
        # Offer only the list of the accident's version; the service refuses the other with a
        # clear message if the date was changed without picking the type again.
        self.fields["type_code"].widget.choices = type_options(version_of(when))
        for name in self.FIGURES:
            if name in self.fields:
                self.fields[name].widget.attrs["data-figure"] = "1"
        bootstrap(self)


class CasualtyForm(ServiceErrorsMixin, FiguresMixin, forms.Form):
    """补报: the new figures."""

    at = datetime_field(_("补报时间"))
    note = forms.CharField(label=_("变化情况说明"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, accident: Accident, **kwargs):
        kwargs.setdefault("initial", {
            **{f: getattr(accident, f) for f in AccidentForm.FIGURES},
            "at": timezone.localtime().replace(second=0, microsecond=0)})
        super().__init__(*args, **kwargs)
        for name in AccidentForm.FIGURES:
            self.fields[name].widget.attrs["data-figure"] = "1"
        bootstrap(self)


class StepForm(ServiceErrorsMixin, forms.Form):
    done_at = datetime_field(_("完成时间"))
    recipient = forms.CharField(label=_("报告对象/批复机关"), max_length=120, required=False)
    note = forms.CharField(label=_("说明"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {
            "done_at": timezone.localtime().replace(second=0, microsecond=0)})
        super().__init__(*args, **kwargs)
        bootstrap(self)


class ExtendForm(ServiceErrorsMixin, forms.Form):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=rules.MAX_EXTENSION_DAYS)
    reason = forms.CharField(label=_("延期原因"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class IndicatorYearForm(ServiceErrorsMixin, forms.ModelForm):
    class Meta:
        model = IndicatorYear
        fields = ["region", "year", "gdp", "motor_vehicles", "industry_workers", "coal_output",
                  "target_deaths", "target_gdp_rate", "target_road_rate", "target_worker_rate",
                  "target_coal_rate", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.for_user(user).filter(level__lte=2)
        self.fields["year"].initial = timezone.localdate().year
        for name in ("target_gdp_rate", "target_road_rate", "target_worker_rate",
                     "target_coal_rate"):
            self.fields[name].help_text = _("⚠️ 计算公式为通行做法，可按上级下达的口径调整")
        bootstrap(self)

    def _post_clean(self):
        """The service validates and saves (ModelForm's own instance checks are skipped)."""
