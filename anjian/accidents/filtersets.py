"""One FilterSet for the accidents ledger: the page, the Excel export and the API alike."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from anjian.accidents import rules
from anjian.accidents.choices import AccidentGrade, ClassificationVersion
from anjian.accidents.models import Accident
from anjian.accidents.selectors import day_start
from anjian.regions.filtersets import RegionTreeFilterSet


def type_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Both GB 6441 lists as option groups; values are 'version:code'."""
    return [(rules.VERSION_LABELS[version], [(f"{version}:{code}", name) for code, name in types])
            for version, types in rules.TYPE_LISTS.items()]


class AccidentFilterSet(RegionTreeFilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    occurred_from = django_filters.DateFilter(label=_("发生日期起"), method="filter_occurred")
    occurred_to = django_filters.DateFilter(label=_("发生日期止"), method="filter_occurred")
    grade = django_filters.ChoiceFilter(label=_("事故等级"), choices=AccidentGrade.choices,
                                        empty_label=_("全部等级"))
    version = django_filters.ChoiceFilter(label=_("分类标准"),
                                          choices=ClassificationVersion.choices,
                                          field_name="classification_version",
                                          empty_label=_("全部标准"))
    type = django_filters.ChoiceFilter(label=_("事故类型"), choices=type_choices(),
                                       method="filter_type", empty_label=_("全部类型"))
    unit = django_filters.NumberFilter(label=_("事故单位"), field_name="unit_id")
    road_traffic = django_filters.BooleanFilter(label=_("道路交通"), widget=BooleanWidget)
    fire = django_filters.BooleanFilter(label=_("火灾"), widget=BooleanWidget)
    industrial = django_filters.BooleanFilter(label=_("工矿商贸"), widget=BooleanWidget)

    class Meta:
        model = Accident
        fields = ["q", "region", "grid", "occurred_from", "occurred_to", "grade", "version",
                  "type", "unit", "road_traffic", "fire", "industrial"]

    @property
    def selected_region(self):
        """The region (or grid) the list is narrowed to, when the form is valid."""
        if not self.is_bound or not self.form.is_valid():
            return None
        return self.form.cleaned_data.get("grid") or self.form.cleaned_data.get("region")

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(place__contains=value) | Q(description__contains=value)
                               | Q(unit__name__contains=value))

    def filter_occurred(self, queryset, name, value):
        if name == "occurred_from":
            return queryset.filter(occurred_at__gte=day_start(value))
        return queryset.filter(occurred_at__lt=day_start(value + dt.timedelta(days=1)))

    def filter_type(self, queryset, name, value):
        version, _sep, code = value.partition(":")
        return queryset.filter(classification_version=version, type_code=code)
