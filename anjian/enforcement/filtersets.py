"""Filters of the enforcement lists: the web pages, the Excel exports and the API alike."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import YesNo
from anjian.documents.filtersets import keyword
from anjian.enforcement.choices import ActionKind
from anjian.enforcement.models import active_listing_q
from anjian.regions.filtersets import RegionTreeFilterSet


class ActionFilterSet(RegionTreeFilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=ActionKind.choices,
                                       empty_label=_("全部类型"))
    acted_from = django_filters.DateFilter(label=_("日期起"), field_name="acted_on",
                                           lookup_expr="gte")
    acted_to = django_filters.DateFilter(label=_("日期止"), field_name="acted_on",
                                         lookup_expr="lte")
    overdue = django_filters.BooleanFilter(label=_("逾期未复查"), method="filter_overdue",
                                           widget=YesNo)
    unit = django_filters.NumberFilter(label=_("单位"), field_name="unit_id")

    def filter_q(self, queryset, name, value):
        return keyword(queryset, ("number", "unit__name", "findings", "outcome", "legal_basis"),
                       value)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.model.objects.orders_overdue(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class ListingFilterSet(RegionTreeFilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    active = django_filters.BooleanFilter(label=_("在列"), method="filter_active", widget=YesNo)

    def filter_q(self, queryset, name, value):
        return keyword(queryset, ("unit__name", "reason"), value)

    def filter_active(self, queryset, name, value):
        if value is None:
            return queryset
        q = active_listing_q(timezone.localdate())
        return queryset.filter(q) if value else queryset.exclude(q)



