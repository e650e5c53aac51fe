import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import DateInput, bootstrap
from anjian.regions.models import Region
from anjian.reports.workreport import MAX_DAYS, default_period


class BulletinForm(forms.Form):
    region = forms.ModelChoiceField(label=_("范围"), queryset=Region.objects.none())
    day = forms.DateField(label=_("所在周的任一天"), widget=DateInput(),
                          help_text=_("通报覆盖该日所在的周（周一至周日）"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.for_user(user).filter(level__lte=3).order_by(
            "level", "code", "path")
        self.fields["region"].initial = self.fields["region"].queryset.first()
        self.fields["day"].initial = timezone.localdate()
        bootstrap(self)


class WorkReportForm(forms.Form):
    """The scope and period of a work report (工作开展情况汇报); the regions offered are the user's."""

    region = forms.ModelChoiceField(label=_("范围"), queryset=Region.objects.none())
    start = forms.DateField(label=_("开始日期"), widget=DateInput())
    end = forms.DateField(label=_("结束日期"), widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.for_user(user).filter(level__lte=3).order_by(
            "level", "code", "path")
        self.fields["region"].initial = self.fields["region"].queryset.first()
        self.fields["start"].initial, self.fields["end"].initial = default_period()
        bootstrap(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("结束日期不能早于开始日期"))
            elif (end - start).days + 1 > MAX_DAYS:
                self.add_error("start", _("汇报期间不能超过两年"))
            if end > timezone.localdate():
                self.add_error("end", _("结束日期不能晚于今天"))
            if start < dt.date(2000, 1, 1):
                self.add_error("start", _("开始日期过早"))
        return data
