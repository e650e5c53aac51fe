"""Meetings that studied or deployed work safety (会议记录), with the year's count per kind."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.forms.models import model_to_dict
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, in_scope
from anjian.responsibility import selectors, services
from anjian.responsibility.exports import meetings_xlsx
from anjian.responsibility.filtersets import MeetingFilterSet
from anjian.responsibility.forms import MeetingForm
from anjian.responsibility.models import Meeting
from anjian.responsibility.views.common import export, form_page, journal_of, list_page, require

URLS = {"list": "responsibility:meetings", "export": "responsibility:meetings_export",
        "create": "responsibility:meeting_create"}


@login_required
def meeting_ledger(request):
    region = selectors.top_region(request.user, "responsibility.meeting")
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    counts = (selectors.meetings_count(region, dt.date(year, 1, 1), dt.date(year, 12, 31))
              if region is not None else None)
    return list_page(request, filterset_class=MeetingFilterSet,
                     queryset=selectors.meetings_for(request.user), title=_("安全生产会议记录"),
                     table="responsibility/_meeting_table.html", model=Meeting, urls=URLS,
                     extra={"counts": counts, "count_year": year, "count_region": region})


@login_required
def meetings_export(request):
    return export(request, filterset_class=MeetingFilterSet,
                  queryset=selectors.meetings_for(request.user), model=Meeting,
                  build=meetings_xlsx, filename=_("会议记录"))


@login_required
def meeting_detail(request, pk: int):
    meeting = get_for_user(selectors.meetings_for(request.user), request.user, VIEW, pk=pk)
    return render(request, "responsibility/meeting_detail.html", {
        "meeting": meeting, "can_change": in_scope(meeting, request.user, CHANGE),
        "journal": journal_of(meeting),
    })


def _done(meeting):
    return reverse("responsibility:meeting_detail", args=[meeting.pk])


@login_required
def meeting_create(request):
    require(request.user, ADD, Meeting)
    region = selectors.top_region(request.user, "responsibility.meeting")
    initial = {"held_on": timezone.localdate(), "safety_first": True,
               "region": region.pk if region else None}
    form = MeetingForm(request.POST or None, user=request.user, initial=initial)
    return form_page(request, form, title=_("登记会议"), done=_done, back=reverse(URLS["list"]),
                     run=lambda f: services.meeting_create(actor=request.user,
                                                           data=f.data_for_service()))


@login_required
def meeting_edit(request, pk: int):
    meeting = get_for_user(Meeting, request.user, CHANGE, pk=pk)
    form = MeetingForm(request.POST or None, user=request.user,
                       initial=model_to_dict(meeting, fields=services.MEETING_FIELDS))
    return form_page(request, form, title=_("修改会议记录"), done=_done, back=_done(meeting),
                     run=lambda f: services.meeting_update(actor=request.user, meeting=meeting,
                                                           data=f.data_for_service()))


urlpatterns = [
    path("meetings/", meeting_ledger, name="meetings"),
    path("meetings/export/", meetings_export, name="meetings_export"),
    path("meetings/new/", meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meeting_edit, name="meeting_edit"),
]
