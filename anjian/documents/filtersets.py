"""Filters of the document-tracking lists: the web pages, the Excel exports and the API alike."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import YesNo
from anjian.documents.choices import TaskStatus
from anjian.documents.selectors import overdue_q
from anjian.regions.filtersets import RegionTreeFilterSet


def keyword(queryset, fields: tuple[str, ...], value: str):
    value = (value or "").strip()
    if not value:
        return queryset
    match = Q()
    for name in fields:
        match |= Q(**{f"{name}__contains": value})
    return queryset.filter(match)


class DocumentFilterSet(RegionTreeFilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    received_from = django_filters.DateFilter(label=_("收文起"), field_name="received_on",
                                              lookup_expr="gte")
    received_to = django_filters.DateFilter(label=_("收文止"), field_name="received_on",
                                            lookup_expr="lte")

    def filter_q(self, queryset, name, value):
        return keyword(queryset, ("title", "number", "issuer", "summary"), value)


class TaskFilterSet(RegionTreeFilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=TaskStatus.choices,
                                         empty_label=_("全部"))
    overdue = django_filters.BooleanFilter(label=_("逾期"), method="filter_overdue", widget=YesNo)
    document = django_filters.NumberFilter(label=_("文件"), field_name="document_id")

    def filter_q(self, queryset, name, value):
        return keyword(queryset, ("text", "document__title", "owner_person__name",
                                  "owner_organisation__name", "owner_village__name"), value)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        q = overdue_q(timezone.localdate())
        return queryset.filter(q) if value else queryset.exclude(q)
