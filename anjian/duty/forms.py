"""Forms of the duty pages. They parse; duty.services decides (overlaps, scope, who may hand over)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import Duty
from anjian.accounts.models import Person
from anjian.core.forms import DateInput, ServiceErrorsMixin, bootstrap
from anjian.core.scope import ADD
from anjian.duty.choices import LogKind
from anjian.duty.models import DutyShift
from anjian.duty.services import LOG_FIELDS, Slot
from anjian.regions.selectors import regions_for_placing

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def datetime_input() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


def local_input(value: dt.datetime) -> str:
    """A time as a datetime-local input shows it."""
    return timezone.localtime(value).strftime(DATETIME_FORMAT)


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return f"{person}{' ' + person.phone if person.phone else ''}"


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return str(person)


def duty_people(user):
    """Who may be put on duty: active people of the towns (not of the villages) in the user's scope:
    the office's staff, the agencies' staff and the town cadres and leaders."""
    return (Person.objects.for_user(user).filter(is_active=True, region__level__lte=2)
            .select_related("region").order_by("name", "pk"))


def placing_towns(user):
    return regions_for_placing(user, DutyShift, ADD).filter(level=2).order_by("path")


class _RosterForm(ServiceErrorsMixin, forms.Form):
    region = forms.ModelChoiceField(label=_("值班乡镇"), queryset=None, empty_label=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        people = duty_people(user)
        self.fields["region"].queryset = placing_towns(user)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and name != "region":
                leaders_only = name in ("leader", "leaders")
                field.queryset = people.filter(duty=Duty.LEADER) if leaders_only else people
        bootstrap(self)


class ShiftForm(_RosterForm):
    start = forms.DateTimeField(label=_("开始时间"), widget=datetime_input())
    end = forms.DateTimeField(label=_("结束时间"), widget=datetime_input())
    people = PeopleChoice(label=_("值班人员"), queryset=Person.objects.none(),
                          widget=forms.SelectMultiple(attrs={"size": 8}),
                          help_text=_("可多选（按住Ctrl或在手机上逐个勾选）"))
    leader = PersonChoice(label=_("带班领导"), queryset=Person.objects.none())
    note = forms.CharField(label=_("备注"), max_length=255, required=False)

    def shift_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("region", "start", "end", "people", "leader",
                                                  "note")}


class GenerateForm(_RosterForm):
    first_day = forms.DateField(label=_("开始日期"), widget=DateInput())
    last_day = forms.DateField(label=_("结束日期"), widget=DateInput())
    day_start = forms.TimeField(label=_("白班开始"), initial=dt.time(8, 30),
                                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    day_end = forms.TimeField(label=_("白班结束（夜班开始）"), initial=dt.time(17, 30),
                              widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    night = forms.BooleanField(label=_("安排夜班（至次日白班开始）"), initial=True, required=False)
    per_shift = forms.IntegerField(label=_("每班值班人数"), min_value=1, max_value=6, initial=2)
    staff = PeopleChoice(label=_("轮流值班人员"), queryset=Person.objects.none(),
                         widget=forms.SelectMultiple(attrs={"size": 8}))
    leaders = PeopleChoice(label=_("轮流带班领导（每天一人）"), queryset=Person.objects.none(),
                           widget=forms.SelectMultiple(attrs={"size": 6}))
    note = forms.CharField(label=_("备注"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        if data.get("day_start") and data.get("day_end") == data.get("day_start"):
            self.add_error("day_end", _("白班结束时间不能与开始时间相同"))
        return data

    def slots(self) -> list[Slot]:
        start, end = self.cleaned_data["day_start"], self.cleaned_data["day_end"]
        return [Slot(start, end), *([Slot(end, start)] if self.cleaned_data["night"] else [])]


class LogEntryForm(ServiceErrorsMixin, forms.Form):
    received_at = forms.DateTimeField(label=_("接报时间"), widget=datetime_input())
    kind = forms.ChoiceField(label=_("类别"), choices=LogKind.choices)
    source = forms.CharField(label=_("来电人/来源"), max_length=100)
    source_phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    content = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 3}))
    handling = forms.CharField(label=_("处理情况"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    notified = forms.CharField(label=_("已报告/通知（人员、单位）"), max_length=255, required=False)
    closed = forms.BooleanField(label=_("已办结"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def entry_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in LOG_FIELDS}


class EntryChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, entry) -> str:
        return f"{timezone.localtime(entry.received_at):%m-%d %H:%M} {entry.source}：{entry.content[:40]}"


class HandoverForm(ServiceErrorsMixin, forms.Form):
    to_shift = forms.ModelChoiceField(label=_("接班班次"), queryset=DutyShift.objects.none(),
                                      empty_label=None)
    handed_over_by = PersonChoice(label=_("交班人"), queryset=Person.objects.none())
    taken_over_by = PersonChoice(label=_("接班人"), queryset=Person.objects.none())
    handed_over_at = forms.DateTimeField(label=_("交接时间"), widget=datetime_input())
    summary = forms.CharField(label=_("本班情况"), widget=forms.Textarea(attrs={"rows": 3}))
    open_matters = forms.CharField(label=_("移交待办事项"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    carried_entries = EntryChoice(label=_("移交的未办结记录"), required=False,
                                  queryset=Person.objects.none(),
                                  widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, shift: DutyShift, next_shifts, open_entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_shift"].queryset = next_shifts
        on_from = Person.objects.filter(Q(duty_shifts=shift) | Q(led_duty_shifts=shift))
        on_next = Person.objects.filter(Q(duty_shifts__in=next_shifts)
                                        | Q(led_duty_shifts__in=next_shifts))
        self.fields["handed_over_by"].queryset = on_from.distinct().order_by("name")
        self.fields["taken_over_by"].queryset = on_next.distinct().order_by("name")
        self.fields["carried_entries"].queryset = open_entries
        bootstrap(self)

    def handover_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("summary", "open_matters", "handed_over_by",
                                                  "taken_over_by", "handed_over_at")}


def open_matters_text(entries) -> str:
    """The open log entries as the handover's text, one line each (pre-filled, editable)."""
    return "\n".join(
        f"{timezone.localtime(e.received_at):%m-%d %H:%M} {e.get_kind_display()} {e.source}："
        f"{e.content}{'（' + e.handling + '）' if e.handling else ''}" for e in entries)
