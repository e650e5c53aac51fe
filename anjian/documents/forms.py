"""Forms of the document-tracking pages: they parse and offer choices in the user's scope; the
services validate again and save."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.attachments import read_attachment
from anjian.core.forms import DateInput, ServiceErrorsMixin, bootstrap
from anjian.core.scope import ADD
from anjian.documents.choices import TaskStatus
from anjian.documents.models import DocumentTask, TrackedDocument
from anjian.regions.models import Organisation, Region

DATE = DateInput()


def write_towns(user, model, action: str = ADD):
    """The towns the user may write `model` records in."""
    paths = [g.region_path for g in user.scope_grants
             if g.region_path and g.allows(model._meta.label_lower, action)]
    towns = Region.objects.filter(level=2)
    if user.is_superuser:
        return towns
    q = Region.objects.none()
    for path in paths:
        q = q | towns.filter(path__startswith=path)
    return q.order_by("path")


class AttachmentField(forms.FileField):
    """An optional PDF or Word upload, validated by its content (core.attachments)."""

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if not value or value is True or not hasattr(value, "read"):
            return None
        return read_attachment(value)


class DocumentForm(ServiceErrorsMixin, forms.ModelForm):
    region = forms.ModelChoiceField(label=_("收文镇（街道）"), queryset=Region.objects.none())
    file = AttachmentField(label=_("文件附件（PDF/Word，可选）"), required=False)

    class Meta:
        model = TrackedDocument
        fields = ["region", "issuer", "number", "title", "received_on", "deadline", "summary"]
        widgets = {"received_on": DATE, "deadline": DATE, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        towns = write_towns(user, TrackedDocument)
        self.fields["region"].queryset = towns
        if towns.count() == 1:
            self.fields["region"].initial = towns.first()
        if self.instance.pk:
            self.fields["region"].disabled = True
        bootstrap(self)


class TaskForm(ServiceErrorsMixin, forms.ModelForm):
    deadline_workdays = forms.IntegerField(label=_("或：收文后工作日数"), required=False, min_value=0,
                                           max_value=250)

    class Meta:
        model = DocumentTask
        fields = ["text", "owner_organisation", "owner_village", "owner_person", "deadline"]
        widgets = {"deadline": DATE, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, document: TrackedDocument, **kwargs):
        super().__init__(*args, **kwargs)
        town = document.region
        self.fields["owner_village"].queryset = Region.objects.filter(
            level=3, path__startswith=town.path).order_by("code")
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            region__path__startswith=town.path).order_by("name")
        self.fields["owner_person"].queryset = Person.objects.filter(
            region__path__startswith=town.path, is_active=True).order_by("name")
        self.fields["deadline"].required = False
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if not data.get("deadline") and data.get("deadline_workdays") is None:
            raise ValidationError({"deadline": _("请填写完成期限（日期或工作日数）")})
        return data


class ProgressForm(ServiceErrorsMixin, forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE)
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=2000)
    status = forms.ChoiceField(label=_("状态"), choices=TaskStatus.choices)

    def __init__(self, *args, task: DocumentTask | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if task is not None:
            self.fields["status"].initial = (TaskStatus.IN_PROGRESS if task.status == TaskStatus.OPEN
                                             else task.status)
        bootstrap(self)
