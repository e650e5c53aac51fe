"""Forms of the region tree and organisations. They only type-check input; the rules live in
`regions.services`, whose Chinese messages `ServiceErrorsMixin.add_service_errors` shows per field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from anjian.core.forms import ServiceErrorsMixin, bootstrap
from anjian.regions.choices import KIND_LEVEL, OrganisationKind, RegionKind
from anjian.regions.models import Organisation, Region, Sector
from anjian.regions.selectors import regions_for_placing


def region_label(region: Region, base_level: int = 1) -> str:
    """A region indented by its depth, so a select reads like the tree."""
    return "　" * max(region.level - base_level, 0) + f"{region.name}（{region.get_level_display()}）"


class RegionForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类型"))
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    code = forms.CharField(label=gettext_lazy("区划代码"), max_length=20,
                           help_text=gettext_lazy("村（社区）用12位统计用区划代码；网格可用村代码加序号，如411203102201-01"))
    urban_rural_class = forms.CharField(label=gettext_lazy("城乡分类代码"), max_length=3, required=False)
    latitude = forms.DecimalField(label=gettext_lazy("纬度"), max_digits=9, decimal_places=6,
                                  required=False, min_value=-90, max_value=90)
    longitude = forms.DecimalField(label=gettext_lazy("经度"), max_digits=9, decimal_places=6,
                                   required=False, min_value=-180, max_value=180)
    notes = forms.CharField(label=gettext_lazy("备注"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, parent: Region | None = None, region: Region | None = None, **kwargs):
        if region is not None:
            kwargs.setdefault("initial", {f: getattr(region, f) for f in (
                "kind", "name", "code", "urban_rural_class", "latitude", "longitude", "notes")})
        super().__init__(*args, **kwargs)
        if region is not None:  # editing: the place in the tree does not change
            del self.fields["kind"]
        else:
            level = parent.level + 1 if parent else 1
            self.fields["kind"].choices = [(k.value, k.label) for k in RegionKind
                                           if KIND_LEVEL[k] == level]
        bootstrap(self)


class OrganisationForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=OrganisationKind.choices)
    region = forms.ModelChoiceField(label=gettext_lazy("所属区划"), queryset=Region.objects.none())
    sectors = forms.ModelMultipleChoiceField(
        label=gettext_lazy("监管行业领域（三管三必须）"), queryset=Sector.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple)
    phone = forms.CharField(label=gettext_lazy("联系电话"), max_length=30, required=False)
    address = forms.CharField(label=gettext_lazy("地址"), max_length=200, required=False)
    is_active = forms.BooleanField(label=gettext_lazy("在用"), required=False, initial=True)

    def __init__(self, *args, user, action: str, organisation: Organisation | None = None, **kwargs):
        if organisation is not None:
            initial = {f: getattr(organisation, f) for f in (
                "name", "kind", "region", "phone", "address", "is_active")}
            initial["sectors"] = list(organisation.sectors.all())
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        regions = regions_for_placing(user, Organisation, action).filter(level__lte=3)
        self.fields["region"].queryset = regions
        self.fields["region"].label_from_instance = region_label
        if organisation is None:
            del self.fields["is_active"]
        bootstrap(self)


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("关键词"), required=False, widget=forms.TextInput(
        attrs={"type": "search", "placeholder": gettext_lazy("名称、地址、电话")}))
    kind = forms.ChoiceField(label=gettext_lazy("类型"), required=False,
                             choices=[("", gettext_lazy("全部类型")), *OrganisationKind.choices])
    sector = forms.ModelChoiceField(label=gettext_lazy("行业领域"), queryset=Sector.objects.all(),
                                    required=False, empty_label=gettext_lazy("全部行业领域"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)
