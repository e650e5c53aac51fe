"""Filters of the inspection lists (web pages now, exports and the API later)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.utils.translation import gettext_lazy as _

from anjian.inspections.choices import PlanKind, PlanStatus, TaskStatus
from anjian.inspections.models import InspectionPlan, InspectionRecord, InspectionTask
from anjian.inspections.selectors import day_start
from anjian.regions.models import Region
from anjian.units.choices import Category


def _region_label(region: Region) -> str:
    return "　" * max(region.level - 1, 0) + region.name


class RecordFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("检查对象"), field_name="unit__name",
                                  lookup_expr="contains")
    region = django_filters.ModelChoiceFilter(label=_("区划"), queryset=Region.objects.none(),
                                              method="filter_region", empty_label=_("全部区划"))
    kind = django_filters.ChoiceFilter(label=_("检查类型"), choices=PlanKind.choices,
                                       empty_label=_("全部类型"))
    category = django_filters.ChoiceFilter(label=_("类别"), field_name="unit__category",
                                           choices=Category.choices, empty_label=_("全部类别"))
    start = django_filters.DateFilter(label=_("起"), method="filter_start")
    end = django_filters.DateFilter(label=_("止"), method="filter_end")
    nonconforming = django_filters.BooleanFilter(label=_("有不符合项"),
                                                 method="filter_nonconforming")
    unit = django_filters.NumberFilter(label=_("检查对象"), field_name="unit_id")
    plan = django_filters.NumberFilter(label=_("检查计划"), field_name="plan_id")

    class Meta:
        model = InspectionRecord
        fields = ["q", "region", "kind", "category", "start", "end", "nonconforming", "unit",
                  "plan"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if user is not None:
            regions = Region.objects.for_user(user).filter(level__lte=4).order_by("path")
            self.filters["region"].queryset = regions
        fields = self.form.fields
        fields["region"].queryset = self.filters["region"].queryset
        fields["region"].label_from_instance = _region_label
        for name in ("region", "kind", "category"):
            fields[name].widget.attrs.update({"class": "form-select", "aria-label": fields[name].label})

    def filter_region(self, queryset, name, region):
        subtree = Region.objects.filter(path__startswith=region.path).values("pk")
        return queryset.filter(unit__region__in=subtree)

    def filter_start(self, queryset, name, value):
        return queryset.filter(inspected_at__gte=day_start(value))

    def filter_end(self, queryset, name, value):
        return queryset.filter(inspected_at__lt=day_start(value + dt.timedelta(days=1)))

    def filter_nonconforming(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(nonconforming_count__gt=0) if value else queryset.filter(
            nonconforming_count=0)


class PlanFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("检查类型"), choices=PlanKind.choices,
                                       empty_label=_("全部类型"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=PlanStatus.choices,
                                         empty_label=_("全部状态"))
    q = django_filters.CharFilter(label=_("计划名称"), field_name="name", lookup_expr="contains")

    class Meta:
        model = InspectionPlan
        fields = ["q", "kind", "status"]


class TaskFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=TaskStatus.choices,
                                         empty_label=_("全部状态"))
    q = django_filters.CharFilter(label=_("检查对象"), field_name="unit__name",
                                  lookup_expr="contains")

    class Meta:
        model = InspectionTask
        fields = ["q", "status"]
