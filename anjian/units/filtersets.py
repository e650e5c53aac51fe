"""One FilterSet per model: it serves the web list, the Excel export and the API alike."""

import copy

import django_filters
from django.utils.translation import gettext_lazy as _

from anjian.regions.filtersets import RegionTreeFilterSet
from anjian.units.choices import (
    Category,
    IndustrySection,
    RiskLevel,
    StandardisationGrade,
    Subcategory,
    UnitStatus,
)
from anjian.units.models import Unit
from anjian.units.selectors import unit_text_q


class UnitFilterSet(RegionTreeFilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    category = django_filters.ChoiceFilter(
        label=_("类别"), choices=Category.choices, empty_label=_("全部类别")
    )
    subcategory = django_filters.ChoiceFilter(label=_("子类"), choices=Subcategory.choices)
    risk_level = django_filters.ChoiceFilter(
        label=_("风险等级"), choices=RiskLevel.choices, empty_label=_("全部风险等级")
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=UnitStatus.choices, empty_label=_("全部状态")
    )
    credit_code = django_filters.CharFilter(label=_("统一社会信用代码"))
    sector = django_filters.NumberFilter(label=_("行业领域"), field_name="sector_id")
    above_designated_size = django_filters.BooleanFilter(label=_("规模以上"))
    industry_section = django_filters.ChoiceFilter(
        label=_("国民经济行业门类"), choices=IndustrySection.choices
    )
    standardisation_grade = django_filters.ChoiceFilter(
        label=_("安全生产标准化等级"), choices=StandardisationGrade.choices
    )
    linked_leader = django_filters.NumberFilter(label=_("挂钩领导"), field_name="linked_leader_id")
    employees_min = django_filters.NumberFilter(
        label=_("从业人数不少于"), field_name="employees", lookup_expr="gte"
    )
    employees_max = django_filters.NumberFilter(
        label=_("从业人数不多于"), field_name="employees", lookup_expr="lte"
    )
    deregistered_after = django_filters.DateFilter(
        label=_("注销日期起"), field_name="deregistered_at", lookup_expr="gte"
    )
    deregistered_before = django_filters.DateFilter(
        label=_("注销日期止"), field_name="deregistered_at", lookup_expr="lte"
    )
    created_after = django_filters.IsoDateTimeFilter(
        label=_("登记时间晚于"), field_name="created_at", lookup_expr="gte"
    )
    updated_after = django_filters.IsoDateTimeFilter(
        label=_("更新时间晚于"), field_name="updated_at", lookup_expr="gte"
    )

    class Meta:
        model = Unit
        fields = ["q", "region", "grid", "category", "subcategory", "risk_level", "status"]

    def filter_queryset(self, queryset):
        """The filters' conditions, then the given (scoped) queryset's own, in that order.

        The user's scope (`region_id IN (their subtree)`) and the region filter (`region_id IN
        (a village's subtree)`) are on the same column, and SQLite walks an index with the first
        such `IN` of the WHERE clause: with the scope first it reads every unit of a county to
        keep one village's. Both conditions still hold; only their order changes. A queryset
        with annotations, distinct or values() is filtered the plain way.
        """
        query = queryset.query
        if query.annotations or query.distinct or queryset._fields is not None:
            return super().filter_queryset(queryset)
        narrowed = super().filter_queryset(queryset.model._default_manager.all())
        combined = narrowed & queryset  # an empty (out-of-scope) queryset stays empty
        if combined is queryset:
            return combined
        combined.query.select_related = copy.deepcopy(query.select_related)
        combined.query.deferred_loading = query.deferred_loading
        combined._prefetch_related_lookups = queryset._prefetch_related_lookups
        return combined

    @property
    def is_text_search(self) -> bool:
        """Whether a free-text search narrows the list (it has to read every candidate's text)."""
        return bool(self.is_bound and self.form.is_valid()
                    and (self.form.cleaned_data.get("q") or "").strip())

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(unit_text_q(value))
