"""One FilterSet per ledger: the web list, the Excel export and the API filter alike."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from anjian.accounts.models import Person
from anjian.regions.filtersets import RegionTreeFilterSet
from anjian.regions.models import Region
from anjian.responsibility.choices import AgreementKind, DutyCategory, MeetingKind
from anjian.responsibility.models import Agreement, LinkageVisit, Meeting, ResponsibilityList


class _YearMixin(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"))


class _Blank(RegionTreeFilterSet):
    """Dropdowns start with 全部 (“all”) rather than dashes."""

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, user=user, **kwargs)
        for f in self.filters.values():
            if isinstance(f, django_filters.ModelChoiceFilter):
                f.extra["empty_label"] = _("全部")


class ResponsibilityListFilterSet(_Blank, _YearMixin):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    category = django_filters.ChoiceFilter(label=_("责任类别"), choices=DutyCategory.choices,
                                           method="filter_category", empty_label=_("全部责任类别"))
    holder = django_filters.ModelChoiceFilter(label=_("责任人"), queryset=Person.objects.all())

    class Meta:
        model = ResponsibilityList
        fields = ["region", "grid", "year", "holder"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, user=user, **kwargs)
        if user is not None:
            self.filters["holder"].queryset = Person.objects.for_user(user)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(post__contains=value) | Q(holder__name__contains=value)
                               | Q(duties__text__contains=value)).distinct()

    def filter_category(self, queryset, name, value):
        return queryset.filter(duties__category=value).distinct()


class AgreementFilterSet(_Blank, _YearMixin):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=AgreementKind.choices,
                                       empty_label=_("全部类型"))
    has_scan = django_filters.BooleanFilter(label=_("已上传扫描件"), method="filter_has_scan",
                                            widget=BooleanWidget)
    signed_from = django_filters.DateFilter(label=_("签订日期起"), field_name="signed_on",
                                            lookup_expr="gte")
    signed_to = django_filters.DateFilter(label=_("签订日期止"), field_name="signed_on",
                                          lookup_expr="lte")

    class Meta:
        model = Agreement
        fields = ["region", "grid", "year", "kind"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(village__name__contains=value) | Q(unit__name__contains=value)
                               | Q(organisation__name__contains=value)
                               | Q(second_signatory__contains=value) | Q(title__contains=value))

    def filter_has_scan(self, queryset, name, value):
        return queryset.exclude(sha256="") if value else queryset.filter(sha256="")


class LinkageVisitFilterSet(_Blank):
    region = django_filters.ModelChoiceFilter(
        label=_("区划"), queryset=Region.objects.filter(level__lte=3), method="filter_region",
        field_name="unit__region")
    grid = django_filters.ModelChoiceFilter(label=_("网格"), queryset=Region.objects.filter(level=4),
                                            field_name="unit__region")
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    leader = django_filters.ModelChoiceFilter(label=_("挂钩领导"), queryset=Person.objects.all())
    unit = django_filters.NumberFilter(label=_("单位"), field_name="unit_id")
    with_problems = django_filters.BooleanFilter(label=_("发现问题"), method="filter_problems",
                                                 widget=BooleanWidget)
    visited_from = django_filters.DateFilter(label=_("走访日期起"), field_name="visited_on",
                                             lookup_expr="gte")
    visited_to = django_filters.DateFilter(label=_("走访日期止"), field_name="visited_on",
                                           lookup_expr="lte")

    class Meta:
        model = LinkageVisit
        fields = ["region", "grid", "leader", "unit"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, user=user, **kwargs)
        if user is not None:
            self.filters["leader"].queryset = Person.objects.for_user(user).filter(duty="leader")

    def filter_region(self, queryset, name, region):
        subtree = Region.objects.filter(path__startswith=region.path).values("pk")
        return queryset.filter(unit__region__in=subtree)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(unit__name__contains=value) | Q(checked__contains=value)
                               | Q(problems__contains=value) | Q(leader__name__contains=value))

    def filter_problems(self, queryset, name, value):
        return queryset.exclude(problems="") if value else queryset.filter(problems="")



class MeetingFilterSet(_Blank):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("会议类型"), choices=MeetingKind.choices,
                                       empty_label=_("全部会议类型"))
    safety_first = django_filters.BooleanFilter(label=_("安全生产第一议题"), widget=BooleanWidget)
    year = django_filters.NumberFilter(label=_("年度"), field_name="held_on", lookup_expr="year")
    held_from = django_filters.DateFilter(label=_("会议日期起"), field_name="held_on",
                                          lookup_expr="gte")
    held_to = django_filters.DateFilter(label=_("会议日期止"), field_name="held_on",
                                        lookup_expr="lte")

    class Meta:
        model = Meeting
        fields = ["region", "grid", "kind", "safety_first"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__contains=value) | Q(topics__contains=value)
                               | Q(decisions__contains=value))
