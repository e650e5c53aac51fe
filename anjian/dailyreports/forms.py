"""Forms of daily reporting: the filing form (phone first) and the cut-off time setting. They parse;
the services decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import DateInput, ServiceErrorsMixin, bootstrap
from anjian.dailyreports.selectors import Reporter
from anjian.regions.models import Region


class DailyReportForm(ServiceErrorsMixin, forms.Form):
    """The full report. The one-tap zero report (零报告) posts the same form with `zero`."""

    reporter = forms.ChoiceField(label=_("报告单位"))
    date = forms.DateField(label=_("报告日期"), widget=DateInput())
    inspections_count = forms.IntegerField(
        label=_("开展检查（次）"), min_value=0, max_value=10_000, initial=0, required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    hazards_count = forms.IntegerField(
        label=_("发现隐患（条）"), min_value=0, max_value=10_000, initial=0, required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    events = forms.CharField(label=_("突发事件/事故情况"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(label=_("采取的措施"), required=False, max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label=_("备注"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, reporters: list[Reporter], **kwargs):
        super().__init__(*args, **kwargs)
        self.reporters = {r.key: r for r in reporters}
        self.fields["reporter"].choices = [(r.key, r.name) for r in reporters]
        # Chosen above the form (a GET that refreshes the platform's figures): posted hidden.
        self.fields["reporter"].widget = forms.HiddenInput()
        self.fields["date"].widget = forms.HiddenInput()
        self.fields["date"].initial = timezone.localdate()
        bootstrap(self)

    @property
    def zero(self) -> bool:
        return bool(self.data.get("zero"))

    def clean(self):
        data = super().clean()
        if self.zero:  # a zero report ignores whatever the full form held
            for name in ("inspections_count", "hazards_count", "events", "measures"):
                self._errors.pop(name, None)
            data.update(inspections_count=0, hazards_count=0, events="", measures="")
        return data

    def add_service_errors(self, exc) -> None:
        """The reporter and the date are hidden here: the service's words on them go on top."""
        if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
            exc = ValidationError({("__all__" if k in ("reporter", "date") else k): v
                                   for k, v in exc.error_dict.items()})
        super().add_service_errors(exc)

    @property
    def selected(self) -> Reporter:
        return self.reporters[self.cleaned_data["reporter"]]

    def report_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in
                ("inspections_count", "hazards_count", "events", "measures", "note")}
        data["is_zero"] = self.zero
        return data


class ReportSettingsForm(ServiceErrorsMixin, forms.Form):
    town = forms.ModelChoiceField(label=_("乡镇（街道）"), queryset=Region.objects.none())
    cutoff = forms.TimeField(
        label=_("每日截止时间"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("当天此时间以后报送的日报仍会接收，但记为“迟报”；此时间过后仍未报送的单位列为“未报”。"))
    rest_days = forms.BooleanField(
        label=_("休息日也须报送"), required=False,
        help_text=_("不勾选时，周末和法定节假日（以工作日历为准）无需报送，不计入报送率，也不催报。"))

    def __init__(self, *args, towns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].queryset = towns
        if towns.count() == 1:
            self.fields["town"].widget = forms.HiddenInput()
        bootstrap(self)
