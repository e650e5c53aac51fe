"""Downloads of the hazard closed loop: the assignment slip and the dossier (.docx), the ledger
export and the statistics report (.xlsx), and the page listing the statistics reports due under
16号令 Art. 14. The work is done by `anjian.hazards.documents` and `anjian.hazards.exports`."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.downloads import DOCX, XLSX, attachment
from anjian.core.scope import VIEW, get_for_user, user_can
from anjian.hazards import exports
from anjian.hazards.documents import assignment_slip, hazard_dossier
from anjian.hazards.filtersets import HazardFilterSet
from anjian.hazards.models import Hazard
from anjian.hazards.selectors import annual_due, quarter_bounds
from anjian.regions.models import Region

DUE_SOON_DAYS = 15


def _may_view_hazards(user) -> None:
    if not user_can(user, VIEW, Hazard):
        raise PermissionDenied


def _document(request: HttpRequest, pk: int, build, name_of) -> HttpResponse:
    """The document `build` makes of a hazard in the user's scope (404 outside it); when it does
    not apply, back to the hazard's page with the reason."""
    hazard = get_for_user(Hazard.objects.select_related("unit", "region"), request.user, VIEW,
                          pk=pk)
    try:
        data = build(hazard)
    except ValidationError as exc:
        message = " ".join(exc.messages)
        try:
            detail = reverse("hazards:detail", args=[pk])
        except NoReverseMatch:
            raise Http404(message) from None
        messages.error(request, message)
        return redirect(detail)
    return attachment(data, name_of(hazard), DOCX)


@login_required
def slip_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The 交办单 of an assigned hazard."""
    return _document(request, pk, assignment_slip,
                     lambda h: _("交办单_%(number)s.docx") % {"number": h.slip_number})


@login_required
def dossier_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The 一患一档 of a major hazard."""
    return _document(request, pk, hazard_dossier,
                     lambda h: _("一患一档_%(number)s.docx") % {"number": h.number})


@login_required
def ledger_export(request: HttpRequest) -> FileResponse:
    """The hazard ledger as filtered on the ledger page, as .xlsx."""
    _may_view_hazards(request.user)
    hazards = HazardFilterSet(request.GET, queryset=Hazard.objects.for_user(request.user, VIEW),
                              user=request.user).qs
    return attachment(exports.ledger_xlsx(hazards),
                 _("隐患排查治理台账_%(date)s.xlsx") % {"date": f"{timezone.localdate():%Y%m%d}"},
                 XLSX)


# --- Statistics reports (16号令 Art. 14) -------------------------------------------------------


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None  # None: the whole year
    start: dt.date
    end: dt.date  # the first day after the period
    due: dt.date

    @classmethod
    def of(cls, year: int, quarter: int | None = None) -> Period:
        if quarter is None:
            return cls(year, None, dt.date(year, 1, 1), dt.date(year + 1, 1, 1), annual_due(year))
        return cls(year, quarter, *quarter_bounds(year, quarter))

    @property
    def name(self) -> str:
        if self.quarter is None:
            return _("%(year)s年度") % {"year": self.year}
        quarter = [_("第一季度"), _("第二季度"), _("第三季度"), _("第四季度")][self.quarter - 1]
        return _("%(year)s年%(quarter)s") % {"year": self.year, "quarter": quarter}

    @property
    def title(self) -> str:
        return _("%(period)s隐患排查治理统计分析表") % {"period": self.name}

    @property
    def last(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return _("%(period)s（%(start)s至%(end)s）") % {
            "period": self.name, "start": f"{self.start:%Y-%m-%d}", "end": f"{self.last:%Y-%m-%d}"}

    @property
    def query(self) -> str:
        return f"year={self.year}" + (f"&quarter={self.quarter}" if self.quarter else "")


def _period(request: HttpRequest) -> Period | None:
    raw_year, raw_quarter = request.GET.get("year", ""), request.GET.get("quarter", "")
    today = timezone.localdate()
    if not raw_year:
        raw_year = str(today.year)
    if not raw_year.isdigit() or not 2000 <= int(raw_year) <= today.year + 1:
        return None
    if raw_quarter and raw_quarter not in ("1", "2", "3", "4"):
        return None
    return Period.of(int(raw_year), int(raw_quarter) if raw_quarter else None)


def _scope_region(user) -> Region | None:
    """The region the user's hazard grants have in common (a town office: its town), so the
    region sheet rolls up to its villages; None when nothing narrower than everything applies."""
    if user.is_superuser:
        return None
    paths = [g.region_path for g in user.scope_grants
             if g.region_path and g.allows(Hazard._meta.label_lower, VIEW)]
    if not paths:
        return None
    common = os.path.commonprefix(paths)
    common = common[:common.rfind("/") + 1]
    return Region.objects.filter(path=common).first() if common.strip("/") else None


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@login_required
def report_statistics(request: HttpRequest) -> HttpResponse:
    """The quarterly (?year=2026&quarter=3) or annual (?year=2026) 隐患排查治理统计分析表 of the
    hazards discovered in the period, within the user's scope."""
    _may_view_hazards(request.user)
    period = _period(request)
    if period is None:
        return HttpResponseBadRequest(_("统计期间无效：年份应为2000年至明年，季度应为1–4。"))
    hazards = Hazard.objects.for_user(request.user, VIEW).filter(
        discovered_at__gte=_local_midnight(period.start),
        discovered_at__lt=_local_midnight(period.end))
    data = exports.statistics_xlsx(hazards, title=period.title, period_label=period.label,
                                   within=_scope_region(request.user), due=period.due)
    return attachment(data, _("隐患排查治理统计分析表_%(period)s.xlsx") % {"period": period.name}, XLSX)


@dataclass(frozen=True)
class ScheduledReport:
    period: Period
    status: str  # running, due_soon, past_due, pending
    days_left: int
    url: str


def _schedule(today: dt.date) -> list[ScheduledReport]:
    """The quarterly and annual reports of the previous and current year whose period has begun,
    newest first."""
    download = reverse("hazards:report_statistics")
    reports = []
    for year in (today.year, today.year - 1):
        for period in [Period.of(year), *(Period.of(year, q) for q in (4, 3, 2, 1))]:
            if period.start > today:
                continue
            days_left = (period.due - today).days
            if today < period.end:
                status = "running"
            elif days_left < 0:
                status = "past_due"
            elif days_left <= DUE_SOON_DAYS:
                status = "due_soon"
            else:
                status = "pending"
            reports.append(ScheduledReport(period, status, days_left,
                                           f"{download}?{period.query}"))
    return sorted(reports, key=lambda r: (r.period.due, r.period.quarter or 5), reverse=True)


@login_required
def report_schedule(request: HttpRequest) -> HttpResponse:
    _may_view_hazards(request.user)
    today = timezone.localdate()
    return render(request, "hazards/report_schedule.html", {
        "reports": _schedule(today), "today": today, "due_soon_days": DUE_SOON_DAYS,
    })


urlpatterns = [
    path("<int:pk>/slip.docx", slip_download, name="slip"),
    path("<int:pk>/dossier.docx", dossier_download, name="dossier"),
    path("export.xlsx", ledger_export, name="export"),
    path("statistics/report.xlsx", report_statistics, name="report_statistics"),
    path("statistics/due/", report_schedule, name="report_schedule"),
]
