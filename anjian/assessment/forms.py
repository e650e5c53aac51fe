from django import forms

from anjian.assessment.models import AccountabilityAction, Snapshot
from anjian.core.forms import ServiceErrorsMixin, bootstrap
from anjian.hazards.models import Hazard
from anjian.regions.models import Region


class ActionForm(ServiceErrorsMixin, forms.ModelForm):
    class Meta:
        model = AccountabilityAction
        fields = ["kind", "region", "reason", "date", "document_number", "hazard", "snapshot", "cause",
                  "outcome"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}),
                   "reason": forms.Textarea(attrs={"rows": 3}), "outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.for_user(user).filter(level=3)
        self.fields["hazard"].queryset = Hazard.objects.for_user(user).order_by("-discovered_at")
        self.fields["snapshot"].queryset = Snapshot.objects.for_user(user).select_related("scheme")
        bootstrap(self)
