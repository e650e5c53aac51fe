"""Forms of the emergency pages. They parse and offer choices within the user's scope; the services
validate again and save."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.attachments import DOCUMENT_KINDS, KINDS, read_attachment
from anjian.core.forms import DateInput, DateTimeInput, ServiceErrorsMixin, bootstrap
from anjian.core.photos import read_upload
from anjian.core.scope import VIEW
from anjian.emergency.models import (
    Drill,
    DrillProblem,
    DrillRequirement,
    EmergencyPlan,
    EmergencyPlanVersion,
    EmergencyTeam,
    Incident,
    IncidentEvent,
    SupplyItem,
    TeamMember,
)
from anjian.hazards.choices import CauseClass, HazardCategory, HazardLevel
from anjian.regions.models import Organisation, Region
from anjian.units.choices import UnitStatus
from anjian.units.models import Unit

DATE = DateInput()
DATETIME = DateTimeInput()


def town_paths(user) -> list[str]:
    """The paths of the towns the user works in (from region grants and unit grants)."""
    paths = set()
    for grant in user.scope_grants:
        if grant.region_path:
            parts = grant.region_path.strip("/").split("/")
            paths.add("/" + "/".join(parts[:2]) + "/")
    for region_path in Unit.objects.filter(pk__in={u for g in user.scope_grants
                                                   for u in g.unit_ids}).values_list(
            "region__path", flat=True):
        parts = region_path.strip("/").split("/")
        paths.add("/" + "/".join(parts[:2]) + "/")
    return sorted(paths)


def _under(paths: list[str], field: str = "path") -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def units_for(user):
    return Unit.objects.for_user(user).filter(status=UnitStatus.ACTIVE).order_by("name")


class Styled(ServiceErrorsMixin):
    def style(self) -> None:
        bootstrap(self)


class OwnerForm(Styled, forms.ModelForm):
    """A record's owner: a region (town or village) the user may write in, or one of the user's
    units (for a unit's own site plan, drill …)."""

    region = forms.ModelChoiceField(label=_("所属区划（镇/村）"), queryset=Region.objects.none(),
                                    required=False)
    unit = forms.ModelChoiceField(label=_("所属单位（单位自有时选择）"), queryset=Unit.objects.none(),
                                  required=False)

    def __init__(self, *args, user=None, action: str = "add", **kwargs):
        super().__init__(*args, **kwargs)
        label = self._meta.model._meta.label_lower
        region_paths = [g.region_path for g in user.scope_grants
                        if g.region_path and g.allows(label, action)]
        self.fields["region"].queryset = Region.objects.filter(
            _under(region_paths), level__in=(2, 3)).order_by("path")
        if user.is_superuser:
            self.fields["region"].queryset = Region.objects.filter(level__in=(2, 3))
        self.fields["unit"].queryset = units_for(user)
        if not self.instance.pk and len(self.fields["region"].queryset[:2]) == 1:
            self.fields["region"].initial = self.fields["region"].queryset.first()
        self.user = user
        self.style()

    def clean(self):
        data = super().clean()
        if not data.get("region") and not data.get("unit"):
            raise forms.ValidationError(_("请选择所属区划或所属单位"))
        return data


class AttachmentField(forms.FileField):
    """A PDF or Word file, checked by core.attachments; cleans to AttachmentData."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("PDF 或 Word（.docx/.doc）文件，按文件内容校验"))
        super().__init__(**kwargs)
        accept = ",".join(ext for k in DOCUMENT_KINDS for ext in KINDS[k].extensions)
        self.widget.attrs["accept"] = accept

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return read_attachment(upload) if upload else None


class PlanForm(OwnerForm):
    class Meta:
        model = EmergencyPlan
        fields = ["title", "kind", "region", "unit", "department", "summary", "is_active"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["department"].queryset = Organisation.objects.filter(
            _under(town_paths(user), "region__path"), is_active=True)


class VersionForm(Styled, forms.ModelForm):
    file = AttachmentField(label=_("预案文本"))

    class Meta:
        model = EmergencyPlanVersion
        fields = ["number", "approved_by", "approved_on", "document_number", "effective_on",
                  "review_interval_years", "change_note"]
        widgets = {"approved_on": DATE, "effective_on": DATE,
                   "change_note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class DrillForm(OwnerForm):
    class Meta:
        model = Drill
        fields = ["title", "held_on", "kind", "form", "plan", "region", "unit", "location",
                  "scenario", "organisers", "participating_organisations",
                  "participating_regions", "participating_units", "participants", "evaluation"]
        widgets = {"held_on": DATE, "scenario": forms.Textarea(attrs={"rows": 3}),
                   "evaluation": forms.Textarea(attrs={"rows": 3}),
                   "organisers": forms.CheckboxSelectMultiple,
                   "participating_organisations": forms.CheckboxSelectMultiple,
                   "participating_regions": forms.CheckboxSelectMultiple,
                   "participating_units": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        towns = town_paths(user)
        organisations = Organisation.objects.filter(_under(towns, "region__path"), is_active=True)
        self.fields["organisers"].queryset = organisations
        self.fields["participating_organisations"].queryset = organisations
        self.fields["participating_regions"].queryset = Region.objects.filter(
            _under(towns), level=3).order_by("path")
        self.fields["participating_units"].queryset = units_for(user)
        self.fields["plan"].queryset = EmergencyPlan.objects.for_user(user, VIEW).filter(
            is_active=True)
        self.fields["participants"].help_text = _("参加演练的总人数")


class ProblemForm(Styled, forms.ModelForm):
    class Meta:
        model = DrillProblem
        fields = ["description", "measures", "unit"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}),
                   "measures": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(user)
        self.style()


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/*", "capture": "environment", "multiple": True,
                          **(attrs or {})})


class PhotosField(forms.FileField):
    """One or more photos (a phone opens its camera), each checked by read_upload."""

    widget = MultiplePhotoInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files:
            if self.required:
                raise forms.ValidationError(_("请至少上传一张现场照片"))
            return []
        return [read_upload(f) for f in files]


class ProblemHazardForm(Styled, forms.Form):
    """转为隐患: the problem's text pre-filled; the hazard needs a unit, a cause and a photo."""

    unit = forms.ModelChoiceField(label=_("隐患所在单位"), queryset=Unit.objects.none())
    description = forms.CharField(label=_("隐患描述"), widget=forms.Textarea(attrs={"rows": 3}))
    cause_class = forms.ChoiceField(label=_("隐患成因"), choices=CauseClass.choices)
    category = forms.ChoiceField(label=_("隐患类别"), choices=HazardCategory.choices,
                                 initial=HazardCategory.OTHER)
    level = forms.ChoiceField(label=_("隐患等级"), choices=HazardLevel.choices,
                              initial=HazardLevel.ORDINARY)
    photos = PhotosField(label=_("现场照片"))

    def __init__(self, *args, user=None, problem: DrillProblem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(user)
        if problem is not None and not self.is_bound:
            drill = problem.drill
            self.fields["unit"].initial = problem.unit_id or drill.unit_id
            text = problem.description
            if problem.measures:
                text += "\n" + str(_("整改建议：")) + problem.measures
            self.fields["description"].initial = text
        self.style()


class TeamForm(OwnerForm):
    class Meta:
        model = EmergencyTeam
        fields = ["name", "kind", "region", "unit", "leader", "phone", "duties", "equipment",
                  "is_active"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 2}),
                   "equipment": forms.Textarea(attrs={"rows": 2})}


class MemberForm(Styled, forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["person", "name", "role", "phone"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.for_user(user).filter(is_active=True)
        self.fields["name"].required = False
        self.fields["name"].help_text = _("选择人员时可不填")
        self.style()


class SupplyForm(OwnerForm):
    class Meta:
        model = SupplyItem
        fields = ["name", "category", "specification", "quantity", "unit_of_measure",
                  "minimum_stock", "region", "unit", "location", "custodian", "custodian_phone",
                  "expires_on", "notes"]
        widgets = {"expires_on": DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # the stock changes only through 入库/出库
            del self.fields["quantity"]
        else:
            self.fields["quantity"].label = _("初始数量")


class StockForm(Styled, forms.Form):
    direction = forms.ChoiceField(label=_("方向"), choices=[("in", _("入库")), ("out", _("出库"))])
    quantity = forms.DecimalField(label=_("数量"), max_digits=12, decimal_places=2,
                                  min_value=0.01)
    reason = forms.CharField(label=_("事由"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class IncidentForm(OwnerForm):
    reported_by = forms.CharField(label=_("报告人"), max_length=100, required=False)

    class Meta:
        model = Incident
        fields = ["title", "kind", "occurred_at", "place", "region", "unit", "summary"]
        widgets = {"occurred_at": DATETIME, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["reported_by"]


class EventForm(Styled, forms.ModelForm):
    class Meta:
        model = IncidentEvent
        fields = ["at", "kind", "text", "by"]
        widgets = {"at": DATETIME, "text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["by"].required = False
        self.fields["at"].required = False
        self.fields["at"].help_text = _("留空为现在")
        self.style()


class CloseForm(Styled, forms.Form):
    outcome = forms.CharField(label=_("处置结果"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class RequirementForm(Styled, forms.ModelForm):
    class Meta:
        model = DrillRequirement
        fields = ["target", "category", "subcategory", "interval_months", "basis"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()
