from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.accidents.models import Accident
from anjian.accounts.models import Person
from anjian.assessment.models import (
    AccountabilityAction,
    Indicator,
    IndicatorKey,
    Scheme,
    Snapshot,
    TargetKind,
    applies,
)
from anjian.core.attachments import read_attachment
from anjian.core.forms import DateInput, ServiceErrorsMixin, bootstrap
from anjian.core.scope import ADD
from anjian.hazards.models import Hazard
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Organisation, Region
from anjian.units.models import Unit

TARGETS = AccountabilityAction.TARGETS
CAUSES = ("hazard", "accident", "snapshot", "cause")


def check_target_and_cause(data: dict) -> None:
    """Exactly one target, at least one cause: shared by the form, the API and the services."""
    chosen = [name for name in TARGETS if data.get(name)]
    if len(chosen) != 1:
        raise ValidationError(_("问责对象须且只能选择一个：村（社区）、机关站所、人员或单位"),
                              code="target")
    if not any(data.get(name) for name in CAUSES):
        raise ValidationError(_("请至少填写一项问责原因：关联隐患、关联事故、关联考核排名或其他原因"),
                              code="cause")


class ActionForm(ServiceErrorsMixin, forms.ModelForm):
    document = forms.FileField(label=gettext_lazy("问责文书（PDF 或 Word）"), required=False)

    class Meta:
        model = AccountabilityAction
        fields = ["kind", "village", "organisation", "person", "unit", "reason", "date",
                  "document_number", "hazard", "accident", "snapshot", "cause", "outcome"]
        widgets = {"date": DateInput(),
                   "reason": forms.Textarea(attrs={"rows": 3}), "outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Region.objects.for_user(user).filter(level=RegionLevel.VILLAGE)
        self.fields["organisation"].queryset = Organisation.objects.for_user(user).filter(is_active=True)
        self.fields["person"].queryset = Person.objects.for_user(user).filter(is_active=True)
        self.fields["unit"].queryset = Unit.objects.for_user(user).order_by("name")
        self.fields["hazard"].queryset = Hazard.objects.for_user(user).order_by("-discovered_at")
        self.fields["accident"].queryset = Accident.objects.for_user(user).order_by("-occurred_at")
        self.fields["snapshot"].queryset = Snapshot.objects.for_user(user).select_related("scheme")
        self.fields["document"].help_text = _("已发出的通报、约谈等文书；上传后保存 SHA-256 摘要")
        bootstrap(self)

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        return read_attachment(upload) if upload else None

    def clean(self):
        data = super().clean()
        try:
            check_target_and_cause(data)
        except ValidationError as exc:
            self.add_error(None, exc)
        return data


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = ["name", "region", "target", "active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.for_user(user, ADD).filter(level=RegionLevel.TOWN)
        bootstrap(self)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["key", "weight", "target"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weight"].min_value = 1
        self.fields["weight"].widget.attrs["min"] = 1
        bootstrap(self)


class BaseIndicatorFormSet(forms.BaseInlineFormSet):
    """The scheme's indicators: each key once, each applying to the scheme's target kind."""

    target_kind = TargetKind.VILLAGE

    def rows(self) -> list[tuple[str, int, float]]:
        return [(f.cleaned_data["key"], f.cleaned_data["weight"], f.cleaned_data["target"])
                for f in self.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("key")]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or not data.get("key"):
                continue
            key = data["key"]
            if key in seen:
                form.add_error("key", _("同一指标只能出现一次"))
            seen.add(key)
            if not applies(key, self.target_kind):
                form.add_error("key", _("指标“%(key)s”不适用于考核对象“%(target)s”") % {
                    "key": IndicatorKey(key).label, "target": TargetKind(self.target_kind).label})
        if not seen:
            raise ValidationError(_("请至少设置一项考核指标"))


IndicatorFormSet = forms.inlineformset_factory(
    Scheme, Indicator, form=IndicatorForm, formset=BaseIndicatorFormSet, extra=2, can_delete=True)
