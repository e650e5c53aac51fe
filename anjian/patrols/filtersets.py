"""One FilterSet per patrol ledger: the web list, the Excel export and the API alike."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from anjian.accounts.models import Person
from anjian.patrols.choices import FireSourceKind, PersuasionOutcome, VehicleType, Violation
from anjian.patrols.models import (
    FireCheckpoint,
    FireSource,
    PatrolCheckIn,
    PersuasionPoint,
    PersuasionRecord,
)
from anjian.training.filtersets import KeywordFilterSet, date_range


class PointFilterSet(KeywordFilterSet):
    search_fields = ("name", "road", "staffed_by")
    is_active = django_filters.BooleanFilter(label=_("启用"), widget=BooleanWidget)

    class Meta:
        model = PersuasionPoint
        fields = ["q", "region", "grid", "is_active"]


class RecordFilterSet(KeywordFilterSet):
    search_fields = ("driver", "plate", "education", "point__name", "point__road")
    point = django_filters.ModelChoiceFilter(label=_("劝导点"),
                                             queryset=PersuasionPoint.objects.all())
    vehicle_type = django_filters.ChoiceFilter(label=_("车辆类型"), choices=VehicleType.choices,
                                               empty_label=_("全部车辆"))
    violation = django_filters.ChoiceFilter(label=_("违法行为"), choices=Violation.choices,
                                            empty_label=_("全部违法行为"))
    outcome = django_filters.ChoiceFilter(label=_("处理结果"), choices=PersuasionOutcome.choices,
                                          empty_label=_("全部结果"))
    date_from, date_to = date_range("recorded_at__date")

    class Meta:
        model = PersuasionRecord
        fields = ["q", "region", "grid", "point", "vehicle_type", "violation", "outcome",
                  "date_from", "date_to"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if user is not None:
            self.filters["point"].queryset = PersuasionPoint.objects.for_user(user)


class CheckInFilterSet(KeywordFilterSet):
    search_fields = ("ranger__name", "place", "note")
    ranger = django_filters.ModelChoiceFilter(label=_("护林员"), queryset=Person.objects.all())
    date_from, date_to = date_range("checked_at__date")

    class Meta:
        model = PatrolCheckIn
        fields = ["q", "region", "grid", "ranger", "date_from", "date_to"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if user is not None:
            self.filters["ranger"].queryset = Person.objects.for_user(user).filter(
                duty="forest_ranger")


class CheckpointFilterSet(KeywordFilterSet):
    search_fields = ("name", "location", "staffed_by")
    is_active = django_filters.BooleanFilter(label=_("启用"), widget=BooleanWidget)

    class Meta:
        model = FireCheckpoint
        fields = ["q", "region", "grid", "is_active"]


class FireSourceFilterSet(KeywordFilterSet):
    search_fields = ("place", "description", "handling")
    kind = django_filters.ChoiceFilter(label=_("火源类型"), choices=FireSourceKind.choices,
                                       empty_label=_("全部类型"))
    handled = django_filters.BooleanFilter(label=_("已处置"), field_name="handled_at",
                                           lookup_expr="isnull", exclude=True,
                                           widget=BooleanWidget)
    date_from, date_to = date_range("found_at__date")

    class Meta:
        model = FireSource
        fields = ["q", "region", "grid", "kind", "handled", "date_from", "date_to"]
