"""The safety office's settings (configurable defaults): the colour bands of LEC and LS, the
commitment cut-off time and which units must commit each day."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from anjian.core.decorators import office_required
from anjian.core.scope import CHANGE
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region
from anjian.risks import rules, selectors, services
from anjian.risks.forms import SCHEME_INITIAL, CommitmentSettingsForm, GradingSchemeForm
from anjian.risks.models import GradingScheme


def _towns(user) -> list[Region]:
    towns = Region.objects.for_user(user, CHANGE).filter(level=RegionLevel.TOWN).order_by("path")
    if user.is_superuser:
        towns = Region.objects.filter(level=RegionLevel.TOWN).order_by("path")
    return [t for t in towns if user.is_superuser or any(
        g.allows("risks.gradingscheme", CHANGE) and g.region_path
        and t.path.startswith(g.region_path) for g in user.scope_grants)]


@office_required
@require_http_methods(["GET", "POST"])
def risk_settings(request: HttpRequest) -> HttpResponse:
    towns = _towns(request.user)
    if not towns:
        raise PermissionDenied
    wanted = request.POST.get("town") or request.GET.get("town") or ""
    town = next((t for t in towns if str(t.pk) == wanted), towns[0])
    scheme = selectors.scheme_for(town)
    settings = selectors.commitment_settings(town)
    section = request.POST.get("section")
    grading = GradingSchemeForm(request.POST if section == "grading" else None,
                                initial=scheme_initial(scheme.bands))
    commitments = CommitmentSettingsForm(
        request.POST if section == "commitments" else None,
        initial={"cutoff": settings.cutoff, "groups": settings.groups})
    form = {"grading": grading, "commitments": commitments}.get(section)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            if section == "grading":
                services.grading_scheme_set(actor=request.user, town=town,
                                            data=form.cleaned_data)
            else:
                services.commitment_settings_set(actor=request.user, town=town,
                                                 **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存设置"))
            return redirect(f"{request.path}?town={town.pk}")
    return render(request, "risks/settings.html", {
        "towns": towns, "town": town, "scheme": scheme, "grading": grading,
        "commitments": commitments, "lec_variants": rules.LEC_VARIANTS,
        "ls_variants": rules.LS_VARIANTS,
        "own_row": GradingScheme.objects.filter(town=town).exists(),
    })


def scheme_initial(bands: rules.Bands) -> dict:
    return {name: getattr(bands, name) for name in SCHEME_INITIAL}


urlpatterns = [path("settings/", risk_settings, name="settings")]
