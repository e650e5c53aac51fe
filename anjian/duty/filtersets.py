"""One FilterSet per list of the duty ledger: the web page, the Excel export and the API alike."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from anjian.duty.choices import LogKind
from anjian.duty.models import DutyLogEntry, DutyShift
from anjian.duty.selectors import duty_towns
from anjian.regions.models import Region


def day_start(value: dt.date) -> dt.datetime:
    """Midnight at the start of `value` in the local time zone (aware)."""
    return timezone.make_aware(dt.datetime.combine(value, dt.time.min))


class _TownFilterSet(django_filters.FilterSet):
    """A `town` filter offering only the towns whose roster the user may read."""

    town = django_filters.ModelChoiceFilter(label=_("乡镇"), queryset=Region.objects.filter(level=2),
                                            field_name="region")

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if user is None and self.request is not None:
            user = getattr(self.request, "user", None)
        if user is not None:
            self.filters["town"].queryset = duty_towns(user)

    def town_options(self) -> str:
        selected = str(self.data.get("town", "")) if self.data else ""
        return mark_safe("".join(  # noqa: S308 - every value and label is escaped
            f'<option value="{pk}"{" selected" if str(pk) == selected else ""}>{escape(name)}</option>'
            for pk, name in self.filters["town"].queryset.values_list("pk", "name")))


class DutyShiftFilterSet(_TownFilterSet):
    date_from = django_filters.DateFilter(label=_("日期起"), method="filter_from")
    date_to = django_filters.DateFilter(label=_("日期止"), method="filter_to")
    person = django_filters.CharFilter(label=_("值班人员或带班领导"), method="filter_person")

    class Meta:
        model = DutyShift
        fields = ["town", "date_from", "date_to", "person"]

    def filter_from(self, queryset, name, value):
        return queryset.filter(end__gt=day_start(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(start__lt=day_start(value + dt.timedelta(days=1)))

    def filter_person(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        ids = DutyShift.objects.filter(Q(people__name__contains=value)
                                       | Q(leader__name__contains=value)).values("pk")
        return queryset.filter(pk__in=ids)


class DutyLogFilterSet(_TownFilterSet):
    town = django_filters.ModelChoiceFilter(label=_("乡镇"), queryset=Region.objects.filter(level=2),
                                            field_name="shift__region")
    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=LogKind.choices,
                                       empty_label=_("全部类别"))
    closed = django_filters.BooleanFilter(label=_("已办结"), widget=BooleanWidget)
    date_from = django_filters.DateFilter(label=_("接报日期起"), method="filter_from")
    date_to = django_filters.DateFilter(label=_("接报日期止"), method="filter_to")
    shift = django_filters.NumberFilter(label=_("班次"), field_name="shift_id")

    class Meta:
        model = DutyLogEntry
        fields = ["town", "q", "kind", "closed", "date_from", "date_to", "shift"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(source__contains=value) | Q(source_phone__contains=value)
                               | Q(content__contains=value) | Q(handling__contains=value)
                               | Q(notified__contains=value))

    def filter_from(self, queryset, name, value):
        return queryset.filter(received_at__gte=day_start(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(received_at__lt=day_start(value + dt.timedelta(days=1)))
