"""One FilterSet per emergency ledger: the web list, the Excel export and the API filter alike."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import YesNo
from anjian.emergency.choices import (
    DrillForm,
    DrillKind,
    IncidentKind,
    IncidentStatus,
    PlanKind,
    ReviewStatus,
    SupplyCategory,
    TeamKind,
)
from anjian.emergency.models import Drill, EmergencyPlan, EmergencyTeam, Incident, SupplyItem
from anjian.emergency.models.plans import DUE_SOON_DAYS
from anjian.emergency.models.resources import EXPIRY_WARNING_DAYS
from anjian.regions.filtersets import RegionTreeFilterSet


class OwnedFilterSet(RegionTreeFilterSet):
    """Region/grid (from the base), a keyword over `search_fields`, own-records of one unit, and
    town-level records only (`unit_owned=false`)."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    unit = django_filters.NumberFilter(label=_("单位"), field_name="unit_id")
    unit_owned = django_filters.BooleanFilter(label=_("单位自有记录"), field_name="unit",
                                              lookup_expr="isnull", exclude=True,
                                              widget=YesNo)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = Q()
        for field in self.search_fields:
            match |= Q(**{f"{field}__contains": value})
        return queryset.filter(match)


class PlanFilterSet(OwnedFilterSet):
    search_fields = ("title", "summary", "unit__name")
    kind = django_filters.ChoiceFilter(label=_("预案类型"), choices=PlanKind.choices,
                                       empty_label=_("全部类型"))
    review = django_filters.ChoiceFilter(label=_("评估状态"), choices=ReviewStatus.choices,
                                         method="filter_review", empty_label=_("全部评估状态"))
    is_active = django_filters.BooleanFilter(label=_("现行有效"), widget=YesNo)

    class Meta:
        model = EmergencyPlan
        fields = ["q", "region", "grid", "kind", "review", "is_active", "unit", "unit_owned"]

    def filter_review(self, queryset, name, value):
        today = timezone.localdate()
        soon = today + dt.timedelta(days=DUE_SOON_DAYS)
        due = "current_version__review_due"
        return queryset.filter({
            ReviewStatus.OVERDUE: Q(**{f"{due}__lt": today}),
            ReviewStatus.DUE_SOON: Q(**{f"{due}__gte": today, f"{due}__lte": soon}),
            ReviewStatus.OK: Q(**{f"{due}__gt": soon}),
            ReviewStatus.NO_VERSION: Q(current_version__isnull=True),
        }[value])


class DrillFilterSet(OwnedFilterSet):
    search_fields = ("title", "scenario", "location", "unit__name")
    kind = django_filters.ChoiceFilter(label=_("演练类型"), choices=DrillKind.choices,
                                       empty_label=_("全部类型"))
    form = django_filters.ChoiceFilter(label=_("演练形式"), choices=DrillForm.choices,
                                       empty_label=_("全部形式"))
    held_from = django_filters.DateFilter(label=_("日期起"), field_name="held_on",
                                          lookup_expr="gte")
    held_to = django_filters.DateFilter(label=_("日期止"), field_name="held_on", lookup_expr="lte")
    plan = django_filters.NumberFilter(label=_("预案"), field_name="plan_id")
    open_problems = django_filters.BooleanFilter(label=_("有未转隐患的问题"),
                                                 method="filter_open_problems",
                                                 widget=YesNo)

    class Meta:
        model = Drill
        fields = ["q", "region", "grid", "kind", "form", "held_from", "held_to", "plan", "unit",
                  "unit_owned", "open_problems"]

    def filter_open_problems(self, queryset, name, value):
        if value is None:
            return queryset
        has = Q(problems__isnull=False, problems__hazard__isnull=True)
        return (queryset.filter(has) if value else queryset.exclude(has)).distinct()


class TeamFilterSet(OwnedFilterSet):
    search_fields = ("name", "leader", "duties")
    kind = django_filters.ChoiceFilter(label=_("队伍类型"), choices=TeamKind.choices,
                                       empty_label=_("全部类型"))
    is_active = django_filters.BooleanFilter(label=_("在编"), widget=YesNo)

    class Meta:
        model = EmergencyTeam
        fields = ["q", "region", "grid", "kind", "is_active", "unit", "unit_owned"]


class SupplyFilterSet(OwnedFilterSet):
    search_fields = ("name", "specification", "location", "custodian")
    category = django_filters.ChoiceFilter(label=_("物资类别"), choices=SupplyCategory.choices,
                                           empty_label=_("全部类别"))
    low = django_filters.BooleanFilter(label=_("低于最低储备"), method="filter_low",
                                       widget=YesNo)
    expiring = django_filters.BooleanFilter(label=_("过期或30天内到期"), method="filter_expiring",
                                            widget=YesNo)

    class Meta:
        model = SupplyItem
        fields = ["q", "region", "grid", "category", "low", "expiring", "unit", "unit_owned"]

    def filter_low(self, queryset, name, value):
        if value is None:
            return queryset
        low = Q(quantity__lt=F("minimum_stock"))
        return queryset.filter(low) if value else queryset.exclude(low)

    def filter_expiring(self, queryset, name, value):
        if value is None:
            return queryset
        soon = Q(expires_on__lte=timezone.localdate() + dt.timedelta(days=EXPIRY_WARNING_DAYS))
        return queryset.filter(soon) if value else queryset.exclude(soon)


class IncidentFilterSet(OwnedFilterSet):
    search_fields = ("title", "place", "summary")
    kind = django_filters.ChoiceFilter(label=_("事件类别"), choices=IncidentKind.choices,
                                       empty_label=_("全部类别"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=IncidentStatus.choices,
                                         empty_label=_("全部状态"))
    occurred_from = django_filters.DateFilter(label=_("发生日期起"), field_name="occurred_at__date",
                                              lookup_expr="gte")
    occurred_to = django_filters.DateFilter(label=_("发生日期止"), field_name="occurred_at__date",
                                            lookup_expr="lte")

    class Meta:
        model = Incident
        fields = ["q", "region", "grid", "kind", "status", "occurred_from", "occurred_to",
                  "unit", "unit_owned"]
