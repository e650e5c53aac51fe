from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.forms import DateInput, bootstrap
from anjian.regions.models import Region
from anjian.units.models import Unit
from anjian.units.services import EDITABLE_FIELDS, validate_unit_values


class UnitForm(forms.ModelForm):
    """Edit form; its rules are the service's `validate_unit_values`, shown next to each field."""

    class Meta:
        model = Unit
        fields = EDITABLE_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, action="add", **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["region"].queryset = Region.objects.for_user(user).filter(level__gte=3)
            self.fields["linked_leader"].queryset = Person.objects.for_user(user).filter(duty="leader")
        self.fields["region"].label_from_instance = lambda r: r.full_name()
        bootstrap(self)

    def clean(self):
        data = super().clean()
        values = {k: data.get(k) for k in EDITABLE_FIELDS if k in data}
        for field, message in validate_unit_values(values).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class DeregisterForm(forms.Form):
    reason = forms.CharField(label=_("注销原因"), max_length=255,
                             widget=forms.TextInput(attrs={"class": "form-control"}))
    date = forms.DateField(label=_("注销日期"), required=False,
                           widget=DateInput(attrs={"class": "form-control"}))

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("请填写注销原因"))
        return reason
