"""One FilterSet per ledger: the web list, the Excel export and the API filter alike."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from anjian.regions.filtersets import RegionTreeFilterSet
from anjian.regions.models import Region
from anjian.risks.choices import Method
from anjian.risks.models import RiskPoint, SafetyCommitment
from anjian.units.choices import Category, RiskLevel


@extend_schema_field(OpenApiTypes.INT)
class _RegionFilter(django_filters.ModelChoiceFilter):
    """A region id (the schema cannot guess it through the unit)."""


class UnitRegionFilterSet(RegionTreeFilterSet):
    """Region and grid filters through the row's unit (`unit__region`)."""

    region = _RegionFilter(label=_("区划"), queryset=Region.objects.filter(level__lte=3),
                           method="filter_region")
    grid = django_filters.ModelChoiceFilter(
        label=_("网格"), queryset=Region.objects.filter(level=4), field_name="unit__region")
    q = django_filters.CharFilter(label=_("单位名称"), field_name="unit__name",
                                  lookup_expr="contains")
    unit = django_filters.NumberFilter(label=_("单位"), field_name="unit_id")
    unit_category = django_filters.ChoiceFilter(
        label=_("单位类别"), choices=Category.choices, field_name="unit__category",
        empty_label=_("全部单位类别"))

    def filter_region(self, queryset, name, region):
        subtree = Region.objects.filter(path__startswith=region.path).values("pk")
        return queryset.filter(unit__region__in=subtree)


class CommitmentFilterSet(UnitRegionFilterSet):
    date_from = django_filters.DateFilter(label=_("日期起"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("日期止"), field_name="date", lookup_expr="lte")
    is_late = django_filters.BooleanFilter(label=_("迟报"), widget=BooleanWidget)
    all_ok = django_filters.BooleanFilter(label=_("各项均受控"), widget=BooleanWidget)

    class Meta:
        model = SafetyCommitment
        fields = ["q", "region", "grid", "unit", "unit_category", "date_from", "date_to",
                  "is_late", "all_ok"]


class RiskPointFilterSet(UnitRegionFilterSet):
    colour = django_filters.ChoiceFilter(label=_("风险等级"), choices=RiskLevel.choices,
                                         empty_label=_("全部等级"))
    method = django_filters.ChoiceFilter(label=_("评价方法"), choices=Method.choices,
                                         empty_label=_("全部方法"))
    is_active = django_filters.BooleanFilter(label=_("在用"), widget=BooleanWidget)
    text = django_filters.CharFilter(label=_("关键词"), method="filter_text")

    class Meta:
        model = RiskPoint
        fields = ["q", "text", "region", "grid", "unit", "unit_category", "colour", "method",
                  "is_active"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__contains=value) | Q(hazard_factor__contains=value)
                               | Q(unit__name__contains=value))
