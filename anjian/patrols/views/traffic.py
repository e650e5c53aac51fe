"""Traffic persuasion (交通劝导): points, the phone-first quick entry, the record ledger and the
statistics by vehicle type × violation."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from anjian.core.downloads import attachment
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, user_can
from anjian.patrols import exports, selectors, services
from anjian.patrols.filtersets import PointFilterSet, RecordFilterSet
from anjian.patrols.forms import PointForm, QuickRecordForm
from anjian.patrols.models import PersuasionPoint, PersuasionRecord
from anjian.training.common import export, form_page, list_page, may_change, run

POINT_URLS = {"list": "patrols:point_list", "export": "patrols:point_export",
              "create": "patrols:point_create"}
RECORD_URLS = {"list": "patrols:record_list", "export": "patrols:record_export",
               "create": "patrols:record_create"}
LAST_POINT = "patrols_last_point"


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


@login_required
def point_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request, filterset_class=PointFilterSet, queryset=selectors.point_list(request.user),
        title=_("劝导点"), model=PersuasionPoint, urls=POINT_URLS,
        columns=(_("劝导点"), _("所在道路"), _("区划"), _("值守人员"), _("劝导次数")),
        row=lambda p: (reverse("patrols:point_detail", args=[p.pk]),
                       [p.name, p.road, p.region.name, p.staffed_by, p.record_count]))


@login_required
def point_export(request: HttpRequest) -> HttpResponse:
    return export(request, PointFilterSet, selectors.point_list(request.user),
                  exports.points_xlsx, _("劝导点台账"))


@login_required
def point_detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = get_for_user(PersuasionPoint, request.user, VIEW, pk=pk)
    actions = [{"url": reverse("patrols:record_list") + f"?point={p.pk}", "label": _("劝导记录")}]
    if may_change(request.user, p):
        actions.append({"url": reverse("patrols:point_edit", args=[p.pk]), "label": _("编辑")})
    return render(request, "training/detail.html", {
        "title": p.name, "actions": actions, "journal": entries_for(p)[:100], "fields": [
            (_("所在道路"), p.road), (_("区划"), p.region.name),
            (_("牵头单位"), p.organisation.name if p.organisation_id else ""),
            (_("值守人员"), p.staffed_by), (_("坐标"), f"{p.latitude}, {p.longitude}"
                                             if p.latitude is not None else ""),
            (_("启用"), _("是") if p.is_active else _("否")),
            (_("劝导次数"), p.records.count())]})


def _point_form(request, point: PersuasionPoint | None):
    action = CHANGE if point else ADD
    if point is None and not user_can(request.user, ADD, PersuasionPoint):
        raise PermissionDenied
    form = PointForm(request.POST or None, instance=point, user=request.user, action=action)
    if request.method == "POST" and form.is_valid():
        saved = run(form, lambda: services.point_update(
            actor=request.user, point=point, data=form.cleaned_data) if point else
            services.point_create(actor=request.user, data=form.cleaned_data))
        if saved:
            messages.success(request, _("已保存劝导点"))
            return redirect("patrols:point_detail", pk=saved.pk)
    return form_page(request, form, _("编辑劝导点") if point else _("新增劝导点"),
                     reverse("patrols:point_list"))


@login_required
def point_create(request: HttpRequest) -> HttpResponse:
    return _point_form(request, None)


@login_required
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _point_form(request, get_for_user(PersuasionPoint, request.user, CHANGE, pk=pk))


@login_required
def record_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request, filterset_class=RecordFilterSet, queryset=selectors.record_list(request.user),
        title=_("交通劝导记录"), model=PersuasionRecord, urls=RECORD_URLS,
        columns=(_("时间"), _("车辆"), _("违法行为"), _("劝导点"), _("处理结果")),
        row=lambda r: (reverse("patrols:record_detail", args=[r.pk]),
                       [_when(r.recorded_at), r.get_vehicle_type_display(),
                        r.get_violation_display(), r.point.name, r.get_outcome_display()]),
        extra={"links": [{"url": reverse("patrols:stats"), "label": _("劝导统计")},
                         {"url": reverse("patrols:point_list"), "label": _("劝导点")}]})


@login_required
def record_export(request: HttpRequest) -> HttpResponse:
    return export(request, RecordFilterSet, selectors.record_list(request.user),
                  exports.records_xlsx, _("交通劝导记录"))


@login_required
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    r = get_for_user(PersuasionRecord, request.user, VIEW, pk=pk)
    return render(request, "training/detail.html", {
        "title": _("劝导记录"), "journal": entries_for(r)[:100],
        "actions": [{"url": reverse("patrols:record_edit", args=[r.pk]), "label": _("编辑")}]
        if may_change(request.user, r) else [], "fields": [
            (_("劝导时间"), _when(r.recorded_at)), (_("劝导点"), r.point.name),
            (_("车辆类型"), r.get_vehicle_type_display()),
            (_("违法行为"), r.get_violation_display()), (_("驾驶人"), r.driver),
            (_("号牌"), r.plate), (_("教育内容"), r.education),
            (_("处理结果"), r.get_outcome_display()),
            (_("登记人"), r.created_by.display_name if r.created_by_id else "")]})


@login_required
def record_create(request: HttpRequest) -> HttpResponse:
    """Quick entry on a phone: the last point used is pre-selected, two taps for the vehicle and
    the violation, one to save; then the form is ready for the next vehicle."""
    if not user_can(request.user, ADD, PersuasionRecord):
        raise PermissionDenied
    form = QuickRecordForm(request.POST or None, user=request.user,
                           initial={"point": request.session.get(LAST_POINT)})
    points = form.fields["point"].queryset
    if not request.POST and LAST_POINT not in request.session and points.count() == 1:
        form.initial["point"] = points.first().pk
    if request.method == "POST" and form.is_valid():
        record = run(form, lambda: services.record_create(actor=request.user,
                                                          data=form.cleaned_data))
        if record:
            request.session[LAST_POINT] = record.point_id
            messages.success(request, _("已记录：%(v)s %(x)s") % {
                "v": record.get_vehicle_type_display(), "x": record.get_violation_display()})
            return redirect("patrols:record_create")
    today = selectors.record_list(request.user).filter(
        recorded_at__gte=selectors.day_bounds(timezone.localdate())[0]).count()
    return render(request, "patrols/record_quick.html", {"form": form, "today_count": today})


@login_required
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_for_user(PersuasionRecord, request.user, CHANGE, pk=pk)
    form = QuickRecordForm(request.POST or None, instance=record, user=request.user)
    if request.method == "POST" and form.is_valid():
        if run(form, lambda: services.record_update(actor=request.user, record=record,
                                                    data=form.cleaned_data)):
            messages.success(request, _("已保存"))
            return redirect("patrols:record_detail", pk=pk)
    return form_page(request, form, _("编辑劝导记录"),
                     reverse("patrols:record_detail", args=[pk]))


def _period(request) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    start = parse_date(request.GET.get("start") or "") or today.replace(day=1)
    end = parse_date(request.GET.get("end") or "") or today
    return (start, end) if start <= end else (end, start)


@login_required
def stats(request: HttpRequest) -> HttpResponse:
    """劝导统计: vehicle type × violation for a period, within the user's scope."""
    if not user_can(request.user, VIEW, PersuasionRecord):
        raise PermissionDenied
    start, end = _period(request)
    result = selectors.persuasion_stats(None, start, end,
                                        records=selectors.record_list(request.user))
    if request.GET.get("format") == "xlsx":
        title = _("交通劝导统计 %(s)s至%(e)s") % {"s": start, "e": end}
        return attachment(exports.stats_xlsx(result, title), f"交通劝导统计{start:%Y%m%d}.xlsx")
    return render(request, "patrols/stats.html", {"stats": result, "start": start, "end": end})


urlpatterns = [
    path("points/", point_list, name="point_list"),
    path("points/export.xlsx", point_export, name="point_export"),
    path("points/new/", point_create, name="point_create"),
    path("points/<int:pk>/", point_detail, name="point_detail"),
    path("points/<int:pk>/edit/", point_edit, name="point_edit"),
    path("persuasion/", record_list, name="record_list"),
    path("persuasion/export.xlsx", record_export, name="record_export"),
    path("persuasion/new/", record_create, name="record_create"),
    path("persuasion/stats/", stats, name="stats"),
    path("persuasion/<int:pk>/", record_detail, name="record_detail"),
    path("persuasion/<int:pk>/edit/", record_edit, name="record_edit"),
]
