import django_filters
from django.utils.translation import gettext_lazy as _

from anjian.assessment.models import AccountabilityAction, ActionKind
from anjian.regions.filtersets import RegionTreeFilterSet

TARGET_CHOICES = [("village", _("村（社区）")), ("organisation", _("机关站所")), ("person", _("人员")),
                  ("unit", _("单位"))]


class ActionFilterSet(RegionTreeFilterSet):
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=ActionKind.choices)
    target = django_filters.ChoiceFilter(label=_("对象类别"), choices=TARGET_CHOICES, method="filter_target")
    date_from = django_filters.DateFilter(label=_("起始日期"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("截止日期"), field_name="date", lookup_expr="lte")
    q = django_filters.CharFilter(label=_("关键词"), field_name="reason", lookup_expr="icontains")

    class Meta:
        model = AccountabilityAction
        fields = ["q", "region", "kind", "target", "date_from", "date_to"]

    def filter_target(self, queryset, name, value):
        if value not in AccountabilityAction.TARGETS:
            return queryset
        return queryset.filter(**{f"{value}__isnull": False})
