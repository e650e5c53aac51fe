"""Training sessions (教育培训): ledger, detail with the sign-in list, forms, the monthly-training
compliance grid (每月一次), the training-hours ledger (学时) and the archives per unit and person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.models import Person
from anjian.core.attachments import attachment_response
from anjian.core.downloads import attachment
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, user_can
from anjian.regions.models import Region
from anjian.training import exports, selectors, services
from anjian.training.common import export, form_page, list_page, may_change, run
from anjian.training.filtersets import SessionFilterSet
from anjian.training.forms import AttendanceForm, MaterialForm, SessionForm
from anjian.training.models import Attendance, TrainingMaterial, TrainingSession
from anjian.units.models import Unit

URLS = {"list": "training:session_list", "export": "training:session_export",
        "create": "training:session_create"}


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, filterset_class=SessionFilterSet,
                     queryset=selectors.session_list(request.user), title=_("教育培训"),
                     table="training/_session_table.html", model=TrainingSession, urls=URLS,
                     extra={"links": [
                         {"url": reverse("training:compliance"), "label": _("企业每月培训")},
                         {"url": reverse("training:hours"), "label": _("学时台账")}]})


@login_required
def session_export(request: HttpRequest) -> HttpResponse:
    return export(request, SessionFilterSet, selectors.session_list(request.user),
                  exports.sessions_xlsx, _("教育培训台账"))


def _session(request, pk: int, action: str = VIEW) -> TrainingSession:
    return get_for_user(TrainingSession, request.user, action, pk=pk)


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    can_change = may_change(request.user, session)
    return render(request, "training/session_detail.html", {
        "session": session, "can_change": can_change,
        "attendances": session.attendances.select_related("unit", "person"),
        "units": session.participating_units.all(),
        "form": AttendanceForm(user=request.user, session=session) if can_change else None,
        "material_form": MaterialForm() if can_change else None,
        "documents": session.documents.all(),
        "journal": entries_for(session)[:100],
    })


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, TrainingSession):
        raise PermissionDenied
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        session = run(form, lambda: services.session_create(
            actor=request.user, data=form.cleaned_data, attendances=form.attendances()))
        if session:
            messages.success(request, _("已登记培训"))
            return redirect("training:session_detail", pk=session.pk)
    return form_page(request, form, _("登记培训"), reverse("training:session_list"))


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, CHANGE)
    form = SessionForm(request.POST or None, instance=session, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = run(form, lambda: services.session_update(
            actor=request.user, session=TrainingSession.objects.get(pk=pk),
            data=form.cleaned_data))
        if saved:
            messages.success(request, _("已保存"))
            return redirect("training:session_detail", pk=pk)
    return form_page(request, form, _("编辑培训"), reverse("training:session_detail", args=[pk]))


@login_required
@require_POST
def attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, CHANGE)
    form = AttendanceForm(request.POST, user=request.user, session=session)
    if form.is_valid() and run(form, lambda: services.attendance_add(
            actor=request.user, session=session, data=form.cleaned_data)):
        messages.success(request, _("已添加参训人员"))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("training:session_detail", pk=pk)


@login_required
@require_POST
def material_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, CHANGE)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid() and run(form, lambda: services.material_attach(
            actor=request.user, session=session, data=form.cleaned_data["file"],
            title=form.cleaned_data["title"])):
        messages.success(request, _("已上传培训资料"))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("training:session_detail", pk=pk)


@login_required
def material_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A training's document, for whoever may see the training (404 otherwise)."""
    material = TrainingMaterial.objects.filter(
        pk=pk, session__in=TrainingSession.objects.for_user(request.user).values("pk")).first()
    if material is None:
        raise Http404
    return attachment_response(material)


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


def _region(request) -> Region | None:
    pk = request.GET.get("region")
    return Region.objects.for_user(request.user).filter(pk=pk).first() if pk and pk.isdigit() \
        else None


@login_required
def compliance(request: HttpRequest) -> HttpResponse:
    """企业每月培训: months × units for a year, units within the user's scope."""
    if not user_can(request.user, VIEW, TrainingSession):
        raise PermissionDenied
    year = _year(request)
    result = selectors.training_compliance(_region(request), year,
                                           units=Unit.objects.for_user(request.user))
    if request.GET.get("format") == "xlsx":
        return attachment(exports.compliance_xlsx(result), f"企业每月培训{year}.xlsx")
    only_missing = request.GET.get("missing") == "1"
    rows = [r for r in result.rows if r.missed] if only_missing else result.rows
    return render(request, "training/compliance.html", {
        "result": result, "rows": rows, "year": year, "only_missing": only_missing,
        "months": selectors.month_names(), "years": range(timezone.localdate().year - 2,
                                                           timezone.localdate().year + 1),
        "regions": Region.objects.for_user(request.user).filter(level=3),
        "region": request.GET.get("region", ""),
    })


@login_required
def hours(request: HttpRequest) -> HttpResponse:
    """学时台账: hours per person in a year against 总局令第3号 (domain.md §10.1)."""
    if not user_can(request.user, VIEW, TrainingSession):
        raise PermissionDenied
    year = _year(request)
    rows = selectors.hours_ledger(selectors.attendances_for(request.user), year)
    if request.GET.get("format") == "xlsx":
        return attachment(exports.hours_xlsx(rows, year), f"培训学时台账{year}.xlsx")
    if request.GET.get("short") == "1":
        rows = [r for r in rows if r.status == "short"]
    return render(request, "training/hours.html", {
        "rows": rows, "year": year, "short": request.GET.get("short") == "1",
        "years": range(timezone.localdate().year - 2, timezone.localdate().year + 1)})


@login_required
def unit_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """一企一档 of training: the sessions a unit organised or attended, and its people's hours."""
    unit = get_for_user(Unit, request.user, VIEW, pk=pk)
    sessions = selectors.unit_sessions(unit)
    year = _year(request)
    people = selectors.hours_ledger(Attendance.objects.filter(unit=unit), year)
    return render(request, "training/unit_archive.html", {
        "unit": unit, "sessions": sessions, "people": people, "year": year,
        "compliance": selectors.training_compliance(None, year,
                                                    units=Unit.objects.filter(pk=unit.pk)),
        "months": selectors.month_names()})


@login_required
def person_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """一人一档: every training a person attended, within the sessions the user may see."""
    person = get_for_user(Person, request.user, VIEW, pk=pk)
    rows = (selectors.attendances_for(request.user).filter(person=person)
            .select_related("session", "unit").order_by("-session__held_on"))
    return render(request, "training/person_archive.html", {
        "person": person, "rows": rows, "total": sum(r.hours for r in rows)})


urlpatterns = [
    path("", session_list, name="session_list"),
    path("export.xlsx", session_export, name="session_export"),
    path("new/", session_create, name="session_create"),
    path("compliance/", compliance, name="compliance"),
    path("hours/", hours, name="hours"),
    path("units/<int:pk>/", unit_archive, name="unit_archive"),
    path("people/<int:pk>/", person_archive, name="person_archive"),
    path("<int:pk>/", session_detail, name="session_detail"),
    path("<int:pk>/edit/", session_edit, name="session_edit"),
    path("<int:pk>/attendances/", attendance_add, name="attendance_add"),
    path("<int:pk>/materials/", material_add, name="material_add"),
    path("materials/<int:pk>/", material_download, name="material_download"),
]
