"""Higher-level documents (上级文件): ledger, detail with tasks, forms, attachment, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.attachments import attachment_response
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, get_for_user, user_can
from anjian.documents import exports, selectors, services
from anjian.documents.filtersets import DocumentFilterSet
from anjian.documents.forms import DocumentForm, TaskForm
from anjian.documents.models import DocumentTask, TrackedDocument
from anjian.documents.views.common import export, form_page, list_page, may, run

URLS = {"list": "documents:document_list", "export": "documents:document_export",
        "create": "documents:document_create"}


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, filterset_class=DocumentFilterSet,
                     queryset=selectors.document_list(request.user), title=_("文件督办"),
                     table="documents/_document_table.html", model=TrackedDocument, urls=URLS,
                     extra={"links": [("documents:task_list", _("全部任务")),
                                      ("documents:weekly_review", _("一周梳理"))]})


@login_required
def document_export(request: HttpRequest) -> HttpResponse:
    return export(request, DocumentFilterSet, selectors.document_list(request.user),
                  exports.documents_xlsx, _("督办文件台账"))


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_for_user(TrackedDocument.objects.select_related("region"), request.user, pk=pk)
    tasks = selectors.task_list(request.user).filter(document=document)
    return render(request, "documents/document_detail.html", {
        "document": document, "tasks": tasks, "today": timezone.localdate(),
        "can_change": may(request.user, TrackedDocument, document),
        "can_add_task": may(request.user, TrackedDocument, document) and user_can(
            request.user, ADD, DocumentTask),
        "journal": entries_for(document)[:100],
    })


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, TrackedDocument):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        file = data.pop("file")
        document = run(form, lambda: services.document_create(actor=request.user, data=data,
                                                              file=file))
        if document:
            messages.success(request, _("已登记文件《%(t)s》") % {"t": document.title})
            return redirect("documents:document_detail", pk=document.pk)
    return form_page(request, form, _("登记上级文件"), reverse("documents:document_list"),
                     multipart=True)


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_for_user(TrackedDocument, request.user, CHANGE, pk=pk)
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document,
                        user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        file = data.pop("file")
        saved = run(form, lambda: services.document_update(
            actor=request.user, document=TrackedDocument.objects.get(pk=pk), data=data, file=file))
        if saved:
            messages.success(request, _("已保存"))
            return redirect("documents:document_detail", pk=pk)
    return form_page(request, form, _("编辑文件"), reverse("documents:document_detail", args=[pk]),
                     multipart=True)


@login_required
def document_file(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_for_user(TrackedDocument, request.user, pk=pk)
    try:
        return attachment_response(document)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("documents:document_detail", pk=pk)


@login_required
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_for_user(TrackedDocument, request.user, CHANGE, pk=pk)
    if not user_can(request.user, ADD, DocumentTask):
        raise PermissionDenied
    form = TaskForm(request.POST or None, document=document)
    if request.method == "POST" and form.is_valid():
        task = run(form, lambda: services.task_create(actor=request.user, document=document,
                                                      data=form.cleaned_data))
        if task:
            messages.success(request, _("已分解任务"))
            return redirect("documents:document_detail", pk=pk)
    return form_page(request, form, _("分解任务：%(d)s") % {"d": document},
                     reverse("documents:document_detail", args=[pk]))


urlpatterns = [
    path("", document_list, name="document_list"),
    path("export.xlsx", document_export, name="document_export"),
    path("new/", document_create, name="document_create"),
    path("<int:pk>/", document_detail, name="document_detail"),
    path("<int:pk>/edit/", document_edit, name="document_edit"),
    path("<int:pk>/file/", document_file, name="document_file"),
    path("<int:pk>/tasks/new/", task_create, name="task_create"),
]
