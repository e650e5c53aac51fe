"""Publicity (宣传活动): ledger, detail, forms, the push of safety knowledge to village groups
(推送到村组) and the calendar of the national publicity dates (domain.md §9)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.journal import entries_for
from anjian.core.photos import stamped_response
from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, user_can
from anjian.training import exports, selectors, services
from anjian.training.common import export, form_page, list_page, may_change, run
from anjian.training.filtersets import ActivityFilterSet
from anjian.training.forms import ActivityForm, PushForm
from anjian.training.models import PublicityActivity, PublicityPhoto
from anjian.training.views.sessions import _year

URLS = {"list": "training:activity_list", "export": "training:activity_export",
        "create": "training:activity_create"}


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, filterset_class=ActivityFilterSet,
                     queryset=selectors.activity_list(request.user), title=_("宣传活动"),
                     table="training/_activity_table.html", model=PublicityActivity, urls=URLS,
                     extra={"links": [
                         {"url": reverse("training:calendar"), "label": _("宣传日历")},
                         *([{"url": reverse("training:push"), "label": _("推送到村组")}]
                           if user_can(request.user, ADD, PublicityActivity) else [])]})


@login_required
def activity_export(request: HttpRequest) -> HttpResponse:
    return export(request, ActivityFilterSet, selectors.activity_list(request.user),
                  exports.activities_xlsx, _("宣传活动台账"))


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_for_user(PublicityActivity, request.user, VIEW, pk=pk)
    return render(request, "training/activity_detail.html", {
        "activity": activity, "can_change": may_change(request.user, activity),
        "materials": activity.materials.all(), "photos": activity.photos.all(),
        "journal": entries_for(activity)[:100]})


@login_required
def activity_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """A photo of an activity the user may see, stamped (404 otherwise)."""
    photo = PublicityPhoto.objects.filter(
        pk=pk, activity__in=PublicityActivity.objects.for_user(request.user).values("pk")).first()
    if photo is None:
        raise Http404
    return stamped_response(photo)


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, PublicityActivity):
        raise PermissionDenied
    form = ActivityForm(request.POST or None, request.FILES or None, user=request.user,
                        initial={"kind": request.GET.get("kind", "")})
    if request.method == "POST" and form.is_valid():
        activity = run(form, lambda: services.activity_create(
            actor=request.user, data=form.cleaned_data,
            materials=form.cleaned_data["materials_text"], photos=form.cleaned_data["photos"]))
        if activity:
            messages.success(request, _("已登记宣传活动"))
            return redirect("training:activity_detail", pk=activity.pk)
    return form_page(request, form, _("登记宣传活动"), reverse("training:activity_list"),
                     extra={"multipart": True})


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_for_user(PublicityActivity, request.user, CHANGE, pk=pk)
    form = ActivityForm(request.POST or None, request.FILES or None, instance=activity,
                        user=request.user, action=CHANGE)
    if request.method == "POST" and form.is_valid():
        saved = run(form, lambda: services.activity_update(
            actor=request.user, activity=PublicityActivity.objects.get(pk=pk),
            data=form.cleaned_data, materials=form.cleaned_data["materials_text"],
            photos=form.cleaned_data["photos"]))
        if saved:
            messages.success(request, _("已保存"))
            return redirect("training:activity_detail", pk=pk)
    return form_page(request, form, _("编辑宣传活动"),
                     reverse("training:activity_detail", args=[pk]), extra={"multipart": True})


@login_required
def push(request: HttpRequest) -> HttpResponse:
    """推送安全知识到村组: to the cadres' and grid workers' inboxes and channels, who forward it
    to the villagers' WeChat groups; recorded as one activity per village."""
    if not user_can(request.user, ADD, PublicityActivity):
        raise PermissionDenied
    form = PushForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run(form, lambda: services.publicity_push(
            actor=request.user, villages=list(data["villages"]), title=data["title"],
            message=data["message"], held_on=timezone.localdate()))
        if done:
            messages.success(request, _("已推送到 %(v)s 个村（社区），共 %(n)s 人") % {
                "v": len(done), "n": sum(a.recipients for a in done)})
            return redirect("training:activity_list")
    return form_page(request, form, _("推送安全知识到村组"), reverse("training:activity_list"))


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """宣传日历: the year's national dates and the activities held on each."""
    if not user_can(request.user, VIEW, PublicityActivity):
        raise PermissionDenied
    year = _year(request)
    return render(request, "training/calendar.html", {
        "year": year, "today": timezone.localdate(),
        "days": selectors.publicity_calendar(selectors.activity_list(request.user), year),
        "can_add": user_can(request.user, ADD, PublicityActivity),
        "years": range(timezone.localdate().year - 2, timezone.localdate().year + 2)})


urlpatterns = [
    path("publicity/", activity_list, name="activity_list"),
    path("publicity/export.xlsx", activity_export, name="activity_export"),
    path("publicity/new/", activity_create, name="activity_create"),
    path("publicity/push/", push, name="push"),
    path("publicity/calendar/", calendar, name="calendar"),
    path("publicity/<int:pk>/", activity_detail, name="activity_detail"),
    path("publicity/<int:pk>/edit/", activity_edit, name="activity_edit"),
    path("publicity/photos/<int:pk>/", activity_photo, name="activity_photo"),
]
