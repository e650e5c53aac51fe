import django_filters
from django.utils.translation import gettext_lazy as _

from anjian.assessment.models import AccountabilityAction, ActionKind
from anjian.regions.filtersets import RegionTreeFilterSet


class ActionFilterSet(RegionTreeFilterSet):
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=ActionKind.choices)
    date_from = django_filters.DateFilter(label=_("起始日期"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("截止日期"), field_name="date", lookup_expr="lte")
    q = django_filters.CharFilter(label=_("关键词"), field_name="reason", lookup_expr="icontains")

    class Meta:
        model = AccountabilityAction
        fields = ["q", "region", "kind", "date_from", "date_to"]
