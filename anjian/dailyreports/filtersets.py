"""One FilterSet for the daily-report list: the web page, the Excel export and the API alike."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from anjian.dailyreports.choices import ReporterKind
from anjian.dailyreports.models import DailyReport
from anjian.regions.filtersets import RegionTreeFilterSet
from anjian.regions.models import Organisation


class DailyReportFilterSet(RegionTreeFilterSet):
    """`region`: a town or a village and everything below it; `reporter`: one reporter's key
    (`v<village id>` or `o<organisation id>`, as the today page links). The inherited `grid`
    filter stays (the API's filter schema is the same everywhere) but the page does not offer it:
    reports are filed by villages, not grids."""

    date_from = django_filters.DateFilter(label=_("日期起"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("日期止"), field_name="date", lookup_expr="lte")
    organisation = django_filters.ModelChoiceFilter(
        label=_("机关站所"), queryset=Organisation.objects.all())
    reporter = django_filters.CharFilter(label=_("报告单位"), method="filter_reporter")
    kind = django_filters.ChoiceFilter(label=_("报告单位类型"), choices=ReporterKind.choices,
                                       method="filter_kind", empty_label=_("村和站所"))
    is_zero = django_filters.BooleanFilter(label=_("零报告"), widget=BooleanWidget)
    is_late = django_filters.BooleanFilter(label=_("迟报"), widget=BooleanWidget)
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")

    class Meta:
        model = DailyReport
        fields = ["region", "organisation", "reporter", "kind", "date_from", "date_to", "is_zero",
                  "is_late", "q"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, user=user, **kwargs)
        if user is None and self.request is not None:
            user = getattr(self.request, "user", None)
        if user is not None:
            from anjian.dailyreports.selectors import reporters_for_user

            ids = [r.organisation_id for r in reporters_for_user(user) if r.organisation_id]
            self.filters["organisation"].queryset = Organisation.objects.filter(pk__in=ids)

    def filter_reporter(self, queryset, name, value):
        kind, digits = value[:1], value[1:]
        if not digits.isdigit() or kind not in ("v", "o"):
            return queryset.none()
        if kind == "o":
            return queryset.filter(organisation_id=int(digits))
        return queryset.filter(region_id=int(digits), organisation=None)

    def filter_kind(self, queryset, name, value):
        return queryset.filter(organisation__isnull=value == ReporterKind.VILLAGE)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(events__contains=value) | Q(measures__contains=value)
                               | Q(note__contains=value))
