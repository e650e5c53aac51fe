"""Document tasks (督办任务): the list of every task, detail with progress, edit, export, and the
weekly review (一周一梳理) with its Word bulletin (一周一通报)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.downloads import DOCX, attachment
from anjian.core.journal import entries_for
from anjian.core.scope import CHANGE, VIEW, get_for_user, user_can
from anjian.documents import exports, selectors, services
from anjian.documents.bulletin import bulletin_title, weekly_bulletin
from anjian.documents.filtersets import TaskFilterSet
from anjian.documents.forms import ProgressForm, TaskForm
from anjian.documents.models import DocumentTask, TrackedDocument
from anjian.documents.views.common import export, form_page, list_page, may, run
from anjian.regions.models import Region

URLS = {"list": "documents:task_list", "export": "documents:task_export"}


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, filterset_class=TaskFilterSet,
                     queryset=selectors.task_list(request.user), title=_("督办任务"),
                     table="documents/_task_table.html", model=DocumentTask, urls=URLS,
                     hidden=("document",),
                     extra={"links": [("documents:document_list", _("文件")),
                                      ("documents:weekly_review", _("一周梳理"))]})


@login_required
def task_export(request: HttpRequest) -> HttpResponse:
    return export(request, TaskFilterSet, selectors.task_list(request.user), exports.tasks_xlsx,
                  _("督办任务台账"))


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_for_user(selectors.task_list(request.user), request.user, pk=pk)
    can_change = may(request.user, DocumentTask, task)
    form = ProgressForm(request.POST or None, task=task,
                        initial={"on": timezone.localdate()}) if can_change else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid() and run(form, lambda: services.task_progress_add(
                actor=request.user, task=task, data=form.cleaned_data)):
            messages.success(request, _("已记录进展"))
            return redirect("documents:task_detail", pk=pk)
    document_visible = TrackedDocument.objects.for_user(request.user).filter(
        pk=task.document_id).exists()
    return render(request, "documents/task_detail.html", {
        "task": task, "today": timezone.localdate(), "progress": task.progress.all(),
        "form": form, "can_change": can_change, "document_visible": document_visible,
        "can_edit": may(request.user, TrackedDocument, task.document),
        "journal": entries_for(task)[:100],
    })


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_for_user(DocumentTask, request.user, CHANGE, pk=pk)
    if not may(request.user, TrackedDocument, task.document):
        raise PermissionDenied  # only the office re-assigns a task; owners report progress
    form = TaskForm(request.POST or None, instance=task, document=task.document)
    if request.method == "POST" and form.is_valid():
        saved = run(form, lambda: services.task_update(
            actor=request.user, task=DocumentTask.objects.get(pk=pk), data=form.cleaned_data))
        if saved:
            messages.success(request, _("已保存"))
            return redirect("documents:task_detail", pk=pk)
    return form_page(request, form, _("编辑任务"), reverse("documents:task_detail", args=[pk]))


def _review_args(request: HttpRequest):
    """The town (the user's first, or ?town=) and the week (?week=YYYY-MM-DD, default this one)."""
    if not user_can(request.user, VIEW, TrackedDocument):
        raise Http404
    towns = Region.objects.for_user(request.user).filter(level=2).order_by("path")
    town_id = request.GET.get("town")
    town = towns.filter(pk=town_id).first() if town_id and town_id.isdigit() else towns.first()
    if town is None:
        raise Http404
    try:
        day = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    return towns, town, day


@login_required
def weekly_review(request: HttpRequest) -> HttpResponse:
    towns, town, day = _review_args(request)
    review = selectors.weekly_review(town, day)
    visible = set(selectors.task_list(request.user).values_list("pk", flat=True))
    return render(request, "documents/weekly_review.html", {
        "review": review, "towns": towns, "town": town, "visible": visible,
        "previous": review.start - dt.timedelta(days=7), "next": review.start + dt.timedelta(days=7),
        "title": bulletin_title(review),
    })


@login_required
def weekly_bulletin_docx(request: HttpRequest) -> HttpResponse:
    _towns, town, day = _review_args(request)
    review = selectors.weekly_review(town, day)
    return attachment(weekly_bulletin(review), f"{bulletin_title(review)}.docx", DOCX)


urlpatterns = [
    path("tasks/", task_list, name="task_list"),
    path("tasks/export.xlsx", task_export, name="task_export"),
    path("tasks/<int:pk>/", task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", task_edit, name="task_edit"),
    path("weekly/", weekly_review, name="weekly_review"),
    path("weekly/bulletin.docx", weekly_bulletin_docx, name="weekly_bulletin"),
]
