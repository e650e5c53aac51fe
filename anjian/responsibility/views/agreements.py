"""Responsibility agreements (责任书): ledger, detail, record a signed agreement with its scanned
copy, edit, download the scan, and the coverage of a year (who has not signed yet)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.attachments import attachment_response
from anjian.core.downloads import attachment
from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, in_scope, user_can
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region
from anjian.responsibility import selectors, services
from anjian.responsibility.exports import agreements_xlsx, missing_xlsx
from anjian.responsibility.filtersets import AgreementFilterSet
from anjian.responsibility.forms import AgreementForm
from anjian.responsibility.models import Agreement
from anjian.responsibility.views.common import export, form_page, journal_of, list_page, require

URLS = {"list": "responsibility:agreements", "export": "responsibility:agreements_export",
        "create": "responsibility:agreement_create"}
LABEL = "responsibility.agreement"
PREFILL = ("year", "kind", "village", "unit", "organisation")


@login_required
def agreement_ledger(request):
    return list_page(request, filterset_class=AgreementFilterSet,
                     queryset=selectors.agreements_for(request.user), title=_("安全生产责任书"),
                     table="responsibility/_agreement_table.html", model=Agreement, urls=URLS,
                     extra={"coverage_url": reverse("responsibility:agreement_coverage")})


@login_required
def agreements_export(request):
    return export(request, filterset_class=AgreementFilterSet,
                  queryset=selectors.agreements_for(request.user), model=Agreement,
                  build=agreements_xlsx, filename=_("责任书台账"))


@login_required
def agreement_detail(request, pk: int):
    agreement = get_for_user(selectors.agreements_for(request.user), request.user, VIEW, pk=pk)
    return render(request, "responsibility/agreement_detail.html", {
        "agreement": agreement, "can_change": in_scope(agreement, request.user, CHANGE),
        "journal": journal_of(agreement),
    })


@login_required
def agreement_scan(request, pk: int):
    """The scanned copy, for whoever may see the agreement (checked against its SHA-256)."""
    agreement = get_for_user(Agreement, request.user, VIEW, pk=pk)
    try:
        return attachment_response(agreement)
    except ValidationError as exc:  # the file on disk no longer matches its SHA-256
        return HttpResponse(" ".join(exc.messages), status=409,
                            content_type="text/plain; charset=utf-8")


def _done(agreement):
    return reverse("responsibility:agreement_detail", args=[agreement.pk])


@login_required
def agreement_create(request):
    require(request.user, ADD, Agreement)
    initial = {"year": timezone.localdate().year, "signed_on": timezone.localdate(),
               "first_signatory": getattr(request.user, "display_name", "")}
    initial |= {k: request.GET[k] for k in PREFILL if request.GET.get(k)}
    form = AgreementForm(request.POST or None, request.FILES or None, user=request.user,
                         initial=initial)
    return form_page(request, form, title=_("登记责任书签订"), done=_done, multipart=True,
                     back=reverse("responsibility:agreement_coverage"),
                     run=lambda f: services.agreement_create(
                         actor=request.user, data=f.data_for_service(),
                         scan=f.cleaned_data.get("scan")))


@login_required
def agreement_edit(request, pk: int):
    agreement = get_for_user(Agreement, request.user, CHANGE, pk=pk)
    initial = model_to_dict(agreement, fields=services.AGREEMENT_FIELDS)
    form = AgreementForm(request.POST or None, request.FILES or None, user=request.user,
                         initial=initial)
    return form_page(request, form, title=_("修改责任书"), done=_done, multipart=True,
                     back=_done(agreement),
                     run=lambda f: services.agreement_update(
                         actor=request.user, agreement=agreement, data=f.data_for_service(),
                         scan=f.cleaned_data.get("scan")))


def _coverage_args(request) -> tuple[Region, int, list[Region]]:
    require(request.user, VIEW, Agreement)
    top = selectors.top_region(request.user, LABEL)
    if top is None:
        raise PermissionDenied
    choices = list(Region.objects.for_user(request.user).filter(
        path__startswith=top.path, level__lte=RegionLevel.VILLAGE).only("pk", "name", "level"))
    region = top
    if request.GET.get("region"):
        region = next((r for r in choices if str(r.pk) == request.GET["region"]), None)
        if region is None:
            raise Http404
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return region, year, choices


@login_required
def agreement_coverage(request):
    """签订覆盖: who was expected to sign this year's agreement and who has not."""
    region, year, choices = _coverage_args(request)
    coverage = selectors.agreement_coverage(region, year)
    this_year = timezone.localdate().year
    return render(request, "responsibility/agreement_coverage.html", {
        "coverage": coverage, "region": region, "year": year, "region_choices": choices,
        "years": range(this_year + 1, this_year - 5, -1),
        "can_add": user_can(request.user, ADD, Agreement),
        "expected_description": selectors.EXPECTED_DESCRIPTION,
    })


@login_required
def agreement_missing_export(request):
    region, year, _choices = _coverage_args(request)
    coverage = selectors.agreement_coverage(region, year)
    return attachment(missing_xlsx(coverage), _("%(region)s%(year)s年未签订责任书名单.xlsx") % {
        "region": region.name, "year": year})


urlpatterns = [
    path("agreements/", agreement_ledger, name="agreements"),
    path("agreements/export/", agreements_export, name="agreements_export"),
    path("agreements/coverage/", agreement_coverage, name="agreement_coverage"),
    path("agreements/coverage/missing.xlsx", agreement_missing_export,
         name="agreement_missing_export"),
    path("agreements/new/", agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/scan/", agreement_scan, name="agreement_scan"),
]
