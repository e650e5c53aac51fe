"""One FilterSet for the hazard ledger: the web page, the Excel export and the API filter alike."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from anjian.hazards.choices import (
    OPEN_STATES,
    CauseClass,
    EscalationStep,
    HazardCategory,
    HazardLevel,
    HazardSource,
    HazardState,
)
from anjian.hazards.models import Hazard
from anjian.regions.filtersets import RegionTreeFilterSet
from anjian.regions.models import Region
from anjian.units.choices import Category


def _day_start(value: dt.date) -> dt.datetime:
    """Midnight at the start of `value` in the local time zone (aware)."""
    return timezone.make_aware(dt.datetime.combine(value, dt.time.min))


class HazardFilterSet(RegionTreeFilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    state = django_filters.ChoiceFilter(
        label=_("状态"), choices=HazardState.choices, empty_label=_("全部状态")
    )
    level = django_filters.ChoiceFilter(
        label=_("隐患等级"), choices=HazardLevel.choices, empty_label=_("全部等级")
    )
    source = django_filters.ChoiceFilter(
        label=_("来源"), choices=HazardSource.choices, empty_label=_("全部来源")
    )
    category = django_filters.ChoiceFilter(
        label=_("隐患类别"), choices=HazardCategory.choices, empty_label=_("全部类别")
    )
    cause_class = django_filters.ChoiceFilter(
        label=_("隐患成因"), choices=CauseClass.choices, empty_label=_("全部成因")
    )
    unit_category = django_filters.ChoiceFilter(
        label=_("单位类别"), choices=Category.choices, field_name="unit__category",
        empty_label=_("全部单位类别"),
    )
    overdue = django_filters.BooleanFilter(label=_("逾期"), method="filter_overdue",
                                           widget=BooleanWidget)
    escalation = django_filters.ChoiceFilter(
        label=_("督促级别"), choices=EscalationStep.choices, empty_label=_("全部督促级别")
    )
    listed = django_filters.BooleanFilter(label=_("挂牌督办中"), method="filter_listed",
                                          widget=BooleanWidget)
    discovered_from = django_filters.DateFilter(label=_("发现日期起"), method="filter_discovered")
    discovered_to = django_filters.DateFilter(label=_("发现日期止"), method="filter_discovered")
    deadline_from = django_filters.DateFilter(
        label=_("整改期限起"), field_name="deadline", lookup_expr="gte"
    )
    deadline_to = django_filters.DateFilter(
        label=_("整改期限止"), field_name="deadline", lookup_expr="lte"
    )
    unit = django_filters.NumberFilter(label=_("单位"), field_name="unit_id")

    class Meta:
        model = Hazard
        fields = ["q", "region", "grid", "state", "level", "source", "category", "cause_class",
                  "unit_category", "overdue", "escalation", "listed", "discovered_from",
                  "discovered_to", "deadline_from", "deadline_to", "unit"]

    @property
    def selected_region(self) -> Region | None:
        """The region (or grid) the list is narrowed to, when the form is valid."""
        if not self.is_bound or not self.form.is_valid():
            return None
        return self.form.cleaned_data.get("grid") or self.form.cleaned_data.get("region")

    # --- filter methods ----------------------------------------------------------------------

    # A free-text search naming more units than this matches them with a subquery instead of a
    # list of ids (a list keeps PostgreSQL's BitmapOr over the hazards' indexes possible).
    MAX_UNIT_IDS = 2_000

    def filter_q(self, queryset, name, value):
        """The number (any case), the description or the unit's name contains `value`.

        Not one OR across the join with the units, which no index can answer: the units whose
        name matches are found first (50,000 names at most), then the hazards by three conditions
        on their own columns — on PostgreSQL the trigram indexes of migration 0004 on number and
        description and `hazard_unit_time` on unit, ORed as bitmaps."""
        from anjian.units.models import Unit

        value = value.strip()
        if not value:
            return queryset
        text = Q(number__icontains=value) | Q(description__contains=value)
        units = list(Unit.objects.filter(name__contains=value).order_by()
                     .values_list("pk", flat=True)[:self.MAX_UNIT_IDS + 1])
        if len(units) > self.MAX_UNIT_IDS:
            text |= Q(unit__in=Unit.objects.filter(name__contains=value).values("pk"))
        elif units:
            text |= Q(unit_id__in=units)
        return queryset.filter(text)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Q(state__in=OPEN_STATES, deadline__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_listed(self, queryset, name, value):
        if value is None:
            return queryset
        listed = Q(listed_on__isnull=False, lifted_on__isnull=True)
        return queryset.filter(listed) if value else queryset.exclude(listed)

    def filter_discovered(self, queryset, name, value):
        """Whole local days, as a range on the indexed timestamp (no per-row date cast)."""
        if name == "discovered_from":
            return queryset.filter(discovered_at__gte=_day_start(value))
        return queryset.filter(discovered_at__lt=_day_start(value + dt.timedelta(days=1)))
