from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import bootstrap
from anjian.regions.models import Region


class BulletinForm(forms.Form):
    region = forms.ModelChoiceField(label=_("范围"), queryset=Region.objects.none())
    day = forms.DateField(label=_("所在周的任一天"), widget=forms.DateInput(attrs={"type": "date"}),
                          help_text=_("通报覆盖该日所在的周（周一至周日）"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.for_user(user).filter(level__lte=3).order_by(
            "level", "code", "path")
        self.fields["region"].initial = self.fields["region"].queryset.first()
        self.fields["day"].initial = timezone.localdate()
        bootstrap(self)
