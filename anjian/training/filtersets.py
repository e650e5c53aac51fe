"""One FilterSet per ledger: the web list, the Excel export and the API filter alike."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import DateInput
from anjian.regions.filtersets import RegionTreeFilterSet
from anjian.training.choices import PublicityKind, TrainingKind
from anjian.training.models import PublicityActivity, TrainingSession

DATE = DateInput()


class KeywordFilterSet(RegionTreeFilterSet):
    """Region/grid (from the base, with "all" as their empty choice) and a keyword over
    `search_fields`; the base of the training and patrol ledgers' FilterSets."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["region"].extra["empty_label"] = _("全部区划")
        self.filters["grid"].extra["empty_label"] = _("全部网格")

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = Q()
        for f in self.search_fields:
            match |= Q(**{f"{f}__contains": value})
        return queryset.filter(match)


def date_range(field: str) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    """From/to filters on a date (or `<datetime>__date`) field, with date pickers."""
    return (django_filters.DateFilter(label=_("日期起"), field_name=field, lookup_expr="gte",
                                      widget=DATE),
            django_filters.DateFilter(label=_("日期止"), field_name=field, lookup_expr="lte",
                                      widget=DATE))


class SearchFilterSet(KeywordFilterSet):
    held_from, held_to = date_range("held_on")


class SessionFilterSet(SearchFilterSet):
    search_fields = ("topic", "trainer", "audience", "unit__name")
    kind = django_filters.ChoiceFilter(label=_("培训类型"), choices=TrainingKind.choices,
                                       empty_label=_("全部类型"))
    unit = django_filters.NumberFilter(label=_("单位"), method="filter_unit")

    class Meta:
        model = TrainingSession
        fields = ["q", "region", "grid", "kind", "held_from", "held_to", "unit"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(Q(unit_id=value) | Q(participating_units=value)).distinct()


class ActivityFilterSet(SearchFilterSet):
    search_fields = ("title", "place", "summary")
    kind = django_filters.ChoiceFilter(label=_("活动形式"), choices=PublicityKind.choices,
                                       empty_label=_("全部形式"))

    class Meta:
        model = PublicityActivity
        fields = ["q", "region", "grid", "kind", "held_from", "held_to"]
