"""One FilterSet per model: it serves the web list, the Excel export and the API alike."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.regions.models import Region
from anjian.units.choices import Category, RiskLevel, Subcategory, UnitStatus
from anjian.units.models import Unit


class UnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    region = django_filters.ModelChoiceFilter(
        label=_("区划"), queryset=Region.objects.filter(level__lte=3), method="filter_region"
    )
    grid = django_filters.ModelChoiceFilter(
        label=_("网格"), queryset=Region.objects.filter(level=4), field_name="region"
    )
    category = django_filters.ChoiceFilter(label=_("类别"), choices=Category.choices)
    subcategory = django_filters.ChoiceFilter(label=_("子类"), choices=Subcategory.choices)
    risk_level = django_filters.ChoiceFilter(label=_("风险等级"), choices=RiskLevel.choices)
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=UnitStatus.choices, empty_label=_("全部状态")
    )
    credit_code = django_filters.CharFilter(label=_("统一社会信用代码"))
    sector = django_filters.NumberFilter(label=_("行业领域"), field_name="sector_id")
    above_designated_size = django_filters.BooleanFilter(label=_("规模以上"))

    class Meta:
        model = Unit
        fields = ["q", "region", "grid", "category", "subcategory", "risk_level", "status"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if user is not None:
            visible = Region.objects.for_user(user)
            self.filters["region"].queryset = visible.filter(level__lte=3)
            self.filters["grid"].queryset = visible.filter(level=4)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__contains=value) | Q(address__contains=value) | Q(credit_code=value.upper())
            | Q(principal__contains=value)
        )

    def filter_region(self, queryset, name, region):
        subtree = Region.objects.filter(path__startswith=region.path).values("pk")
        return queryset.filter(region__in=subtree)
