"""Risk report pages (风险报告): the risk point ledger, a unit's risk page, point forms, the
assessment form with its live preview, reports and the office's colour override."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from anjian.core.downloads import attachment
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, in_scope, user_can
from anjian.risks import exports, rules, selectors, services
from anjian.risks.choices import Method
from anjian.risks.filtersets import RiskPointFilterSet
from anjian.risks.forms import AssessmentForm, LiftForm, OverrideForm, ReportForm, RiskPointForm
from anjian.risks.models import RiskLevelOverride, RiskPoint, RiskReport
from anjian.units.choices import RiskLevel
from anjian.units.models import Unit

PAGE_SIZE = 50


def _unit(request: HttpRequest, unit_id: int) -> Unit:
    """A unit whose risk points the user may see (404 otherwise)."""
    unit = get_for_user(Unit.objects.select_related("region"), request.user, VIEW, pk=unit_id)
    if not user_can(request.user, VIEW, RiskPoint):
        raise PermissionDenied
    return unit


def _may(user, label: str, unit: Unit) -> bool:
    return selectors.units_for(user, label, ADD).filter(pk=unit.pk).exists()


def filtered_points(request: HttpRequest):
    filterset = RiskPointFilterSet(request.GET, queryset=selectors.point_list(request.user),
                                   user=request.user)
    return filterset, filterset.qs


@login_required
def point_list(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, VIEW, RiskPoint):
        raise PermissionDenied
    filterset, points = filtered_points(request)
    page = Paginator(points.order_by("unit__name", "name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    own = list(selectors.units_for(request.user, "risks.riskpoint", ADD)[:2])
    return render(request, "risks/point_list.html", {
        "filter": filterset, "page": page,
        "own_unit": own[0] if len(own) == 1 and not request.user.has_role("safety_office")
        else None,
    })


@login_required
def point_export(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, VIEW, RiskPoint):
        raise PermissionDenied
    _filterset, points = filtered_points(request)
    name = _("风险点台账_%(d)s.xlsx") % {"d": timezone.localdate().isoformat()}
    return attachment(exports.points_xlsx(points.order_by("unit__name", "name", "pk")), name)


@login_required
def unit_risks(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit's risk page: its colour and why, its risk points, reports and overrides."""
    unit = _unit(request, unit_id)
    user = request.user
    overrides = RiskLevelOverride.objects.for_user(user).filter(unit=unit)
    return render(request, "risks/unit_risks.html", {
        "unit": unit,
        "points": RiskPoint.objects.for_user(user).filter(unit=unit).order_by("-is_active", "name"),
        "assessed": selectors.assessed_colour(unit),
        "override": overrides.filter(lifted_at=None).first(),
        "overrides": overrides[:20],
        "reports": RiskReport.objects.for_user(user).filter(unit=unit)[:20],
        "may_add": _may(user, "risks.riskpoint", unit),
        "may_report": _may(user, "risks.riskreport", unit),
        "may_override": _may(user, "risks.riskleveloverride", unit),
    })


@login_required
@require_http_methods(["GET", "POST"])
def point_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    if not _may(request.user, "risks.riskpoint", unit):
        raise PermissionDenied
    form = RiskPointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            point = services.risk_point_create(actor=request.user, unit=unit,
                                               data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已登记风险点，请进行风险评价"))
            return redirect("risks:assess", pk=point.pk)
    return render(request, "risks/point_form.html", {"form": form, "unit": unit, "point": None})


@login_required
@require_http_methods(["GET", "POST"])
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    point = get_for_user(RiskPoint.objects.select_related("unit"), request.user, CHANGE, pk=pk)
    form = RiskPointForm.for_point(point, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_point_update(actor=request.user, point=point, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存风险点"))
            return redirect("risks:point_detail", pk=point.pk)
    return render(request, "risks/point_form.html", {"form": form, "unit": point.unit,
                                                     "point": point})


@login_required
def point_detail(request: HttpRequest, pk: int) -> HttpResponse:
    point = get_for_user(RiskPoint.objects.select_related("unit", "unit__region"), request.user,
                         VIEW, pk=pk)
    return render(request, "risks/point_detail.html", {
        "point": point, "assessments": point.assessments.all(),
        "may_change": in_scope(point, request.user, CHANGE),
        "may_assess": point.is_active and _may(request.user, "risks.riskassessment", point.unit),
        "journal": entries_for(point)[:50],
    })


def _preview(unit: Unit, data) -> dict:
    """The preview's context: the result, or why there is none yet."""
    try:
        result = services.assessment_preview(unit=unit, data=data)
    except (rules.FactorError, ValidationError):
        return {"result": None}
    return {"result": result, "colour_label": RiskLevel(result.colour).label,
            "scheme": selectors.scheme_for(unit.region)}


@login_required
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    point = get_for_user(RiskPoint.objects.select_related("unit", "unit__region"), request.user,
                         VIEW, pk=pk)
    if not _may(request.user, "risks.riskassessment", point.unit):
        raise PermissionDenied
    method = request.POST.get("method") or request.GET.get("method") or Method.LEC
    form = AssessmentForm(request.POST or None, method=method)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_assess(actor=request.user, point=point, data=form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            point.refresh_from_db()
            messages.success(request, _("评价完成：风险值 %(s)s，%(c)s") % {
                "s": rules.fmt(point.score), "c": RiskLevel(point.colour).label})
            return redirect("risks:point_detail", pk=point.pk)
    return render(request, "risks/assess.html", {
        "form": form, "point": point, "scheme": selectors.scheme_for(point.unit.region),
        "methods": Method.choices, "method": form.chosen_method,
        **_preview(point.unit, request.POST or {"method": method}),
    })


@login_required
def assess_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The computed D or R, the LEC danger class and the colour for the factors entered so far
    (htmx, as the user picks them)."""
    point = get_for_user(RiskPoint.objects.select_related("unit", "unit__region"), request.user,
                         VIEW, pk=pk)
    return render(request, "risks/_assess_preview.html", _preview(point.unit, request.GET))


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    if not _may(request.user, "risks.riskreport", unit):
        raise PermissionDenied
    today = timezone.localdate()
    quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    form = ReportForm(request.POST or None, initial={"period_start": quarter_start,
                                                     "period_end": today})
    if request.method == "POST" and form.is_valid():
        try:
            report = services.risk_report_submit(actor=request.user, unit=unit,
                                                 **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已报送风险报告"))
            return redirect("risks:report_detail", pk=report.pk)
    return render(request, "risks/report_form.html", {
        "form": form, "unit": unit,
        "points": RiskPoint.objects.filter(unit=unit, is_active=True).order_by("name")})


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_for_user(RiskReport.objects.select_related("unit"), request.user, VIEW, pk=pk)
    return render(request, "risks/report_detail.html", {"report": report})


@login_required
@require_http_methods(["GET", "POST"])
def override_set(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    if not _may(request.user, "risks.riskleveloverride", unit):
        raise PermissionDenied
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.override_set(actor=request.user, unit=unit, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已认定单位风险等级"))
            return redirect("risks:unit", unit_id=unit.pk)
    return render(request, "risks/override_form.html", {
        "form": form, "unit": unit, "assessed": selectors.assessed_colour(unit)})


@login_required
@require_POST
def override_lift(request: HttpRequest, pk: int) -> HttpResponse:
    override = get_for_user(RiskLevelOverride.objects.select_related("unit"), request.user, CHANGE,
                            pk=pk)
    form = LiftForm(request.POST)
    if form.is_valid():
        try:
            services.override_lift(actor=request.user, override=override,
                                   reason=form.cleaned_data["lift_reason"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("已解除认定，单位风险等级按风险评价结果确定"))
    else:
        messages.error(request, _("请填写解除理由"))
    return redirect("risks:unit", unit_id=override.unit_id)


urlpatterns = [
    path("points/", point_list, name="point_list"),
    path("points/export/", point_export, name="point_export"),
    path("points/<int:pk>/", point_detail, name="point_detail"),
    path("points/<int:pk>/edit/", point_edit, name="point_edit"),
    path("points/<int:pk>/assess/", assess, name="assess"),
    path("points/<int:pk>/assess/preview/", assess_preview, name="assess_preview"),
    path("units/<int:unit_id>/", unit_risks, name="unit"),
    path("units/<int:unit_id>/points/new/", point_create, name="point_create"),
    path("units/<int:unit_id>/reports/new/", report_create, name="report_create"),
    path("units/<int:unit_id>/override/", override_set, name="override_set"),
    path("reports/<int:pk>/", report_detail, name="report_detail"),
    path("overrides/<int:pk>/lift/", override_lift, name="override_lift"),
]
