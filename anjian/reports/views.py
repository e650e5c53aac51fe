"""Weekly bulletins: the list of those generated, generating one on demand, downloading it; the
work report (工作开展情况汇报), drafted on demand for a region and period and downloaded at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anjian.core.downloads import DOCX, attachment
from anjian.core.scope import ADD, VIEW, get_for_user, user_can
from anjian.reports.forms import BulletinForm, WorkReportForm
from anjian.reports.models import Bulletin
from anjian.reports.services import bulletin_generate
from anjian.reports.workreport import work_report_figures
from anjian.reports.workreport_docx import work_report_docx, work_report_title


@login_required
def bulletin_list(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, VIEW, Bulletin):
        raise PermissionDenied
    form = BulletinForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not user_can(request.user, ADD, Bulletin):
            raise PermissionDenied
        if form.is_valid():
            bulletin = bulletin_generate(actor=request.user, region=form.cleaned_data["region"],
                                         day=form.cleaned_data["day"])
            messages.success(request, _("已生成：%(t)s") % {"t": bulletin.title})
            return redirect("reports:bulletin_list")
    bulletins = Bulletin.objects.for_user(request.user).select_related("region", "generated_by")
    page = Paginator(bulletins, 30).get_page(request.GET.get("page"))
    return render(request, "reports/bulletin_list.html", {
        "form": form, "page": page, "may_generate": user_can(request.user, ADD, Bulletin)})


@login_required
def bulletin_download(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_for_user(Bulletin, request.user, VIEW, pk=pk)
    with bulletin.file.open("rb") as handle:
        return attachment(handle.read(), f"{bulletin.title}.docx", DOCX)


@login_required
def work_report(request: HttpRequest) -> HttpResponse:
    """The form (GET) and the .docx (GET with the form's fields). Nothing is stored: the report
    is drafted from the ledgers each time. Whoever may generate bulletins may draft it."""
    if not user_can(request.user, ADD, Bulletin):
        raise PermissionDenied
    submitted = "region" in request.GET
    form = WorkReportForm(request.GET if submitted else None, user=request.user)
    if submitted and form.is_valid():
        data = form.cleaned_data
        figures = work_report_figures(data["region"], data["start"], data["end"])
        return attachment(work_report_docx(figures), f"{work_report_title(figures)}.docx", DOCX)
    return render(request, "reports/work_report.html", {"form": form})
