"""Forms of the responsibility pages. They parse and present; the services decide (their Chinese
messages land on the fields through ServiceErrorsMixin)."""

from __future__ import annotations

from django import forms
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import Duty as PersonDuty
from anjian.accounts.models import Person
from anjian.core.forms import DateInput, ServiceErrorsMixin, bootstrap
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Organisation, Region
from anjian.responsibility.choices import DutyCategory
from anjian.responsibility.models import Agreement, LinkageVisit, Meeting, ResponsibilityList
from anjian.responsibility.scans import ACCEPT, read_scan
from anjian.responsibility.selectors import expected_organisations, expected_units
from anjian.units.models import Unit

DATE = DateInput()
TEXT = {"rows": 3}


def _fields(model, names, widgets=None) -> dict:
    return fields_for_model(model, fields=names, widgets=widgets or {})


class _Form(ServiceErrorsMixin, forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.limit(user)
        bootstrap(self)

    def limit(self, user) -> None:
        """Narrow the choices to what `user` may see."""

    def _regions(self, name: str, user, levels=(RegionLevel.TOWN, RegionLevel.VILLAGE)) -> None:
        self.fields[name].queryset = Region.objects.for_user(user).filter(level__in=levels)

    def _people(self, name: str, user, **filters) -> None:
        self.fields[name].queryset = Person.objects.for_user(user).filter(is_active=True, **filters)


ResponsibilityListBase = type("ResponsibilityListBase", (_Form,), _fields(
    ResponsibilityList, ["region", "year", "post", "holder", "notes"],
    {"notes": forms.Textarea(attrs={"rows": 2})}))


class ResponsibilityListForm(ResponsibilityListBase):
    """A list with one text box per duty category: one duty per line."""

    def __init__(self, *args, user, instance: ResponsibilityList | None = None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("year", timezone.localdate().year)
        if instance is not None:
            initial.update(region=instance.region_id, year=instance.year, post=instance.post,
                           holder=instance.holder_id, notes=instance.notes)
            for category in DutyCategory.values:
                initial[f"duties_{category}"] = "\n".join(
                    d.text for d in instance.duties.all() if d.category == category)
        super().__init__(*args, user=user, **kwargs)
        for category in DutyCategory:
            self.fields[f"duties_{category.value}"] = forms.CharField(
                label=category.label, required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                help_text=_("每行一条职责"))

    def limit(self, user) -> None:
        self._regions("region", user)
        self._people("holder", user)

    def duties(self) -> list[tuple[str, str]]:
        return [(category, line.strip()) for category in DutyCategory.values
                for line in (self.cleaned_data.get(f"duties_{category}") or "").splitlines()
                if line.strip()]

    def data_for_service(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in ("region", "year", "post", "holder", "notes")}


class CopyListForm(ServiceErrorsMixin, forms.Form):
    year = forms.IntegerField(label=_("新年度"), min_value=2000, max_value=2100)


AgreementBase = type("AgreementBase", (_Form,), _fields(
    Agreement, ["year", "kind", "village", "unit", "organisation", "title", "first_signatory",
                "second_signatory", "signed_on", "tasks"],
    {"signed_on": DATE, "tasks": forms.Textarea(attrs=TEXT)}))


class AgreementForm(AgreementBase):
    scan = forms.FileField(label=_("扫描件（PDF 或图片）"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))

    def limit(self, user) -> None:
        """Only the parties expected to sign (selectors.EXPECTED_DESCRIPTION) the user may see."""
        regions = Region.objects.for_user(user)
        self.fields["village"].queryset = regions.filter(level=RegionLevel.VILLAGE)
        towns = list(regions.filter(level__lte=RegionLevel.TOWN))
        orgs, units = Organisation.objects.none(), Unit.objects.none()
        for town in towns:
            orgs |= expected_organisations(town)
            units |= expected_units(town)
        self.fields["organisation"].queryset = orgs.distinct().order_by("name")
        self.fields["unit"].queryset = Unit.objects.for_user(user).filter(
            pk__in=units.values("pk")).order_by("category", "name")
        self.fields["scan"].help_text = _("支持 PDF、JPG、PNG、WEBP，大小不超过上限")

    def clean_scan(self):
        upload = self.cleaned_data.get("scan")
        if not upload:
            return None
        return read_scan(upload)

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "scan"}


VisitBase = type("VisitBase", (_Form,), _fields(
    LinkageVisit, ["leader", "unit", "visited_on", "checked", "problems", "follow_up"],
    {"visited_on": DATE, "checked": forms.Textarea(attrs=TEXT),
     "problems": forms.Textarea(attrs=TEXT), "follow_up": forms.Textarea(attrs=TEXT)}))


class LinkageVisitForm(VisitBase):
    def limit(self, user) -> None:
        self._people("leader", user, duty=PersonDuty.LEADER)
        self.fields["unit"].queryset = Unit.objects.for_user(user).filter(
            linked_leader__isnull=False).order_by("name")


class UnitLeaderForm(_Form):
    """Who a unit is linked to (挂钩领导); saved by the units app's service."""

    leader = forms.ModelChoiceField(label=_("挂钩领导"), queryset=Person.objects.none(),
                                    required=False, empty_label=_("（不挂钩）"))

    def limit(self, user) -> None:
        self._people("leader", user, duty=PersonDuty.LEADER)


MeetingBase = type("MeetingBase", (_Form,), _fields(
    Meeting, ["region", "held_on", "kind", "title", "chaired_by", "attendees", "safety_first",
              "topics", "decisions"],
    {"held_on": DATE, "topics": forms.Textarea(attrs=TEXT),
     "decisions": forms.Textarea(attrs=TEXT)}))


class MeetingForm(MeetingBase):
    def limit(self, user) -> None:
        self._regions("region", user)
        self._people("chaired_by", user)

    def data_for_service(self) -> dict:
        return dict(self.cleaned_data)
