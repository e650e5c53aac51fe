"""Forms of the training and publicity pages. They parse and offer choices within the user's scope;
the services validate again and save."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.attachments import AttachmentData, read_attachment
from anjian.core.forms import DateInput, ServiceErrorsMixin, bootstrap
from anjian.core.scope import ADD
from anjian.regions.models import Region
from anjian.training.choices import AttendeeRole
from anjian.training.common import PhotosField, writable_regions
from anjian.training.models import Attendance, PublicityActivity, TrainingSession
from anjian.units.choices import UnitStatus
from anjian.units.models import Unit

DATE = DateInput()
ROLE_BY_LABEL = {str(label): value for value, label in AttendeeRole.choices}


def parse_lines(text: str) -> list[list[str]]:
    """Non-empty lines split on commas, 、 or whitespace."""
    return [re.split(r"[,，、\s]+", line.strip()) for line in (text or "").splitlines()
            if line.strip()]


class SessionForm(ServiceErrorsMixin, forms.ModelForm):
    region = forms.ModelChoiceField(label=_("组织区划（镇/村）"), queryset=Region.objects.none(),
                                    required=False)
    unit = forms.ModelChoiceField(label=_("组织单位（单位自行培训时选择）"),
                                  queryset=Unit.objects.none(), required=False)
    participating_units = forms.ModelMultipleChoiceField(
        label=_("参训单位"), queryset=Unit.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}))
    roster = forms.CharField(
        label=_("签到名单（可选）"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一人：姓名，人员类别（主要负责人/安全生产管理人员/新上岗从业人员/从业人员/干部/其他）"))

    class Meta:
        model = TrainingSession
        fields = ["held_on", "topic", "kind", "region", "unit", "audience", "trainer", "place",
                  "hours", "attendance_count", "participating_units", "materials"]
        widgets = {"held_on": DATE, "materials": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.for_user(user).filter(status=UnitStatus.ACTIVE).order_by("name")
        self.fields["region"].queryset = writable_regions(user, TrainingSession)
        self.fields["unit"].queryset = Unit.objects.for_user(user, "change").filter(
            status=UnitStatus.ACTIVE).order_by("name")
        self.fields["participating_units"].queryset = units
        if self.instance.pk:
            del self.fields["roster"]
        else:
            self.initial.setdefault("held_on", timezone.localdate())
        bootstrap(self)

    def clean_roster(self) -> list[dict]:
        rows = []
        for parts in parse_lines(self.cleaned_data.get("roster", "")):
            role = AttendeeRole.WORKER
            if len(parts) > 1:
                role = ROLE_BY_LABEL.get(parts[1])
                if role is None:
                    raise ValidationError(_("“%(r)s”不是有效的人员类别") % {"r": parts[1]})
            rows.append({"name": parts[0][:50], "role": role})
        return rows

    def clean(self):
        data = super().clean()
        if not data.get("region") and not data.get("unit"):
            raise ValidationError(_("请选择组织培训的区划或单位"))
        return data

    def attendances(self) -> list[dict]:
        unit = self.cleaned_data.get("unit")
        return [{**row, "unit": unit} for row in self.cleaned_data.get("roster") or []]


class AttendanceForm(ServiceErrorsMixin, forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["name", "person", "unit", "role", "hours"]

    def __init__(self, *args, user, session: TrainingSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.for_user(user).order_by("name")
        self.fields["person"].required = False
        self.fields["unit"].queryset = Unit.objects.for_user(user).filter(
            status=UnitStatus.ACTIVE).order_by("name")
        self.fields["hours"].required = False
        self.initial.setdefault("hours", session.hours)
        if session.unit_id:
            self.initial.setdefault("unit", session.unit_id)
        self.fields["name"].required = False
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if not data.get("name") and not data.get("person"):
            raise ValidationError(_("请填写姓名或选择人员"))
        return data


class MaterialForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("资料名称"), max_length=200, required=False)
    file = forms.FileField(label=_("文件（PDF 或 Word）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean_file(self) -> AttachmentData:
        return read_attachment(self.cleaned_data["file"])


class ActivityForm(ServiceErrorsMixin, forms.ModelForm):
    region = forms.ModelChoiceField(label=_("区划（镇/村）"), queryset=Region.objects.none())
    materials_text = forms.CharField(
        label=_("发放宣传资料"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一种：资料名称 份数，如“安全生产知识宣传册 200”"))
    photos = PhotosField()

    class Meta:
        model = PublicityActivity
        fields = ["held_on", "kind", "title", "region", "place", "participants", "households",
                  "summary"]
        widgets = {"held_on": DATE, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, action: str = ADD, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = writable_regions(user, PublicityActivity, action)
        if self.instance.pk:
            self.initial["materials_text"] = "\n".join(
                f"{m.name} {m.quantity}" for m in self.instance.materials.all())
        else:
            self.initial.setdefault("held_on", timezone.localdate())
        bootstrap(self)

    def clean_materials_text(self) -> list[dict]:
        rows = []
        for parts in parse_lines(self.cleaned_data.get("materials_text", "")):
            if len(parts) < 2 or not parts[-1].isdigit() or int(parts[-1]) < 1:
                raise ValidationError(_("“%(l)s”格式不对：请写“资料名称 份数”，份数为正整数") % {
                    "l": " ".join(parts)})
            rows.append({"name": " ".join(parts[:-1]), "quantity": int(parts[-1])})
        return rows


class PushForm(ServiceErrorsMixin, forms.Form):
    villages = forms.ModelMultipleChoiceField(label=_("推送到村（社区）"),
                                              queryset=Region.objects.none(),
                                              widget=forms.CheckboxSelectMultiple)
    title = forms.CharField(label=_("标题"), max_length=200)
    message = forms.CharField(label=_("安全知识内容"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = writable_regions(user, PublicityActivity).filter(
            level=3)
        bootstrap(self)
