"""Forms of the patrol pages: choices within the user's scope; the services validate and save."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import Duty
from anjian.accounts.models import Person
from anjian.core.forms import DateTimeInput, ServiceErrorsMixin, bootstrap
from anjian.core.scope import ADD
from anjian.patrols.choices import PersuasionOutcome, VehicleType, Violation
from anjian.patrols.models import (
    FireCheckpoint,
    FireSource,
    PatrolCheckIn,
    PersuasionPoint,
    PersuasionRecord,
)
from anjian.regions.models import Organisation, Region
from anjian.training.common import PhotosField, writable_regions

DATETIME = DateTimeInput()
HIDDEN_COORD = {"latitude": forms.HiddenInput(), "longitude": forms.HiddenInput()}


class RegionForm(ServiceErrorsMixin, forms.ModelForm):
    """A ledger row placed in a region the user may write in."""

    region = forms.ModelChoiceField(label=_("区划（镇/村/网格）"), queryset=Region.objects.none())

    def __init__(self, *args, user, action: str = ADD, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = writable_regions(user, self._meta.model, action)
        self.setup(user)
        bootstrap(self)

    def setup(self, user) -> None:
        pass


class PointForm(RegionForm):
    class Meta:
        model = PersuasionPoint
        fields = ["name", "road", "region", "organisation", "staffed_by", "latitude", "longitude",
                  "is_active"]

    def setup(self, user) -> None:
        self.fields["organisation"].queryset = Organisation.objects.for_user(user)


class QuickRecordForm(ServiceErrorsMixin, forms.ModelForm):
    """劝导 in a few taps: the point (remembered), the vehicle, the violation, save."""

    point = forms.ModelChoiceField(label=_("劝导点"), queryset=PersuasionPoint.objects.none())
    vehicle_type = forms.ChoiceField(label=_("车辆类型"), choices=VehicleType.choices,
                                     widget=forms.RadioSelect)
    violation = forms.ChoiceField(label=_("违法行为"), choices=Violation.choices,
                                  widget=forms.RadioSelect)
    outcome = forms.ChoiceField(label=_("处理结果"), choices=PersuasionOutcome.choices,
                                initial=PersuasionOutcome.EDUCATED)
    recorded_at = forms.DateTimeField(label=_("劝导时间"), required=False, widget=DATETIME,
                                      help_text=_("不填为现在"))

    class Meta:
        model = PersuasionRecord
        fields = ["point", "vehicle_type", "violation", "driver", "plate", "education", "outcome",
                  "recorded_at"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = PersuasionPoint.objects.for_user(user).filter(
            is_active=True).order_by("name")
        self.fields["education"].widget.attrs["placeholder"] = _("如：讲解头盔防护，当场佩戴后放行")
        bootstrap(self)


class CheckInForm(ServiceErrorsMixin, forms.ModelForm):
    """巡护打卡 from a phone: the ranger (themself when a ranger signs in), the place, a note; the
    phone's position fills latitude and longitude."""

    ranger = forms.ModelChoiceField(label=_("护林员"), queryset=Person.objects.none())
    checked_at = forms.DateTimeField(label=_("打卡时间"), required=False, widget=DATETIME,
                                     help_text=_("不填为现在"))
    photos = PhotosField(label=_("现场照片（可选）"))

    class Meta:
        model = PatrolCheckIn
        fields = ["ranger", "place", "note", "checked_at", "latitude", "longitude"]
        widgets = HIDDEN_COORD

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        rangers = Person.objects.for_user(user).filter(duty=Duty.FOREST_RANGER, is_active=True)
        own = getattr(user, "person", None)
        if own is not None and own.duty == Duty.FOREST_RANGER:
            rangers = Person.objects.filter(pk=own.pk) | rangers
            self.initial.setdefault("ranger", own.pk)
        self.fields["ranger"].queryset = rangers.order_by("region__path", "name")
        bootstrap(self)


class CheckpointForm(RegionForm):
    class Meta:
        model = FireCheckpoint
        fields = ["name", "region", "location", "staffed_by", "latitude", "longitude",
                  "is_active"]


class FireSourceForm(RegionForm):
    photos = PhotosField(label=_("现场照片（可选）"))

    class Meta:
        model = FireSource
        fields = ["found_at", "place", "region", "kind", "found_by", "description", "handling",
                  "handled_at"]
        widgets = {"found_at": DATETIME, "handled_at": DATETIME,
                   "handling": forms.Textarea(attrs={"rows": 2})}

    def setup(self, user) -> None:
        self.fields["found_by"].queryset = Person.objects.for_user(user).order_by("name")
        if not self.instance.pk:
            self.initial.setdefault("found_at", timezone.localtime().replace(second=0,
                                                                           microsecond=0))


class HandleForm(ServiceErrorsMixin, forms.Form):
    handling = forms.CharField(label=_("处置情况"), widget=forms.Textarea(attrs={"rows": 3}))
    handled_at = forms.DateTimeField(label=_("处置时间"), required=False, widget=DATETIME,
                                     help_text=_("不填为现在"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)
