"""Forms of the enforcement pages: choices within the user's scope; the services validate again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Person
from anjian.core.forms import ServiceErrorsMixin, bootstrap
from anjian.core.scope import ADD
from anjian.documents.forms import DATE
from anjian.enforcement.choices import ActionKind
from anjian.enforcement.models import DishonestyListing, EnforcementAction
from anjian.hazards.models import Hazard
from anjian.inspections.models import InspectionRecord
from anjian.regions.models import Organisation
from anjian.units.models import Unit


def _towns_q(user, field: str):
    from django.db.models import Q

    q = Q(pk__in=[])
    for grant in user.scope_grants:
        if grant.region_path:
            town = "/".join(grant.region_path.strip("/").split("/")[:2])
            q |= Q(**{f"{field}__startswith": f"/{town}/"})
    return q


class ActionForm(ServiceErrorsMixin, forms.ModelForm):
    unit = forms.ModelChoiceField(label=_("单位/场所"), queryset=Unit.objects.none())

    class Meta:
        model = EnforcementAction
        fields = ["kind", "number", "acted_on", "unit", "officers", "organisations", "legal_basis",
                  "findings", "outcome", "deadline", "penalty_amount", "hazards_found",
                  "illegal_acts_stopped", "follows", "hazard", "inspection"]
        widgets = {"acted_on": DATE, "deadline": DATE,
                   "legal_basis": forms.Textarea(attrs={"rows": 2}),
                   "findings": forms.Textarea(attrs={"rows": 2}),
                   "outcome": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, action: str = ADD, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.for_user(user).order_by("name")
        self.fields["unit"].queryset = units
        self.fields["officers"].queryset = Person.objects.filter(
            _towns_q(user, "region__path"), is_active=True).order_by("name")
        self.fields["organisations"].queryset = Organisation.objects.filter(
            _towns_q(user, "region__path")).order_by("name")
        self.fields["follows"].queryset = EnforcementAction.objects.for_user(user).filter(
            kind=ActionKind.ORDER).select_related("unit").order_by("-acted_on")
        self.fields["hazard"].queryset = Hazard.objects.for_user(user).order_by("-pk")
        self.fields["inspection"].queryset = InspectionRecord.objects.for_user(user).order_by(
            "-pk")
        for name in ("officers", "organisations"):
            self.fields[name].widget.attrs["size"] = 5
        bootstrap(self)


class ListingForm(ServiceErrorsMixin, forms.ModelForm):
    unit = forms.ModelChoiceField(label=_("单位/场所"), queryset=Unit.objects.none())

    class Meta:
        model = DishonestyListing
        fields = ["unit", "reason", "listed_on", "until", "action"]
        widgets = {"listed_on": DATE, "until": DATE, "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.for_user(user).order_by("name")
        self.fields["action"].queryset = EnforcementAction.objects.for_user(user).select_related(
            "unit").order_by("-acted_on")
        bootstrap(self)


class LiftForm(ServiceErrorsMixin, forms.Form):
    lifted_on = forms.DateField(label=_("移出日期"), widget=DATE)
    lift_reason = forms.CharField(label=_("移出理由"), widget=forms.Textarea(attrs={"rows": 2}),
                                  max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)
