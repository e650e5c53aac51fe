"""The working-day calendar pages of the safety office: which years have a holiday schedule, and
entering a new year's schedule once the State Council publishes it. Others get 403, as on the
三管三必须 rules pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core.decorators import office_required
from anjian.workdays import services
from anjian.workdays.forms import ScheduleForm
from anjian.workdays.models import CalendarYear


def _today():
    return timezone.localdate()


def _year_in_range(value) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if services.MIN_YEAR <= year <= services.MAX_YEAR else None


@office_required
def year_list(request: HttpRequest) -> HttpResponse:
    if "year" in request.GET:
        year = _year_in_range(request.GET["year"])
        if year is not None:
            return redirect("workdays:year_edit", year=year)
        messages.error(request, _("年份应在%(lo)s–%(hi)s之间")
                       % {"lo": services.MIN_YEAR, "hi": services.MAX_YEAR})
    today = _today()
    years = list(CalendarYear.objects.select_related("entered_by").annotate(
        holidays=Count("days", filter=Q(days__is_workday=False)),
        adjusted=Count("days", filter=Q(days__is_workday=True)),
    ).order_by("-year"))
    known = {y.year for y in years}
    missing = [y for y in (today.year, today.year + 1) if y not in known]
    return render(request, "workdays/year_list.html", {
        "years": years, "missing": missing, "today": today, "next_year": today.year + 1,
        "min_year": services.MIN_YEAR, "max_year": services.MAX_YEAR,
    })


@office_required
def year_edit(request: HttpRequest, year: int) -> HttpResponse:
    if _year_in_range(year) is None:
        raise Http404
    existing = CalendarYear.objects.filter(year=year).first()
    initial = {"official": True}
    if existing is not None:
        initial = {
            "official": existing.official, "source": existing.source,
            "lines": "\n".join(services.day_line(d.date, d.is_workday, d.name)
                               for d in existing.days.all()),
        }
    form = ScheduleForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = services.calendar_year_set(
                    actor=request.user, year=year, days=form.days(),
                    official=form.cleaned_data["official"], source=form.cleaned_data["source"])
            except ValidationError as exc:
                form.add_service_errors(exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                holidays = sum(1 for _d, w, _n in form.days() if not w)
                messages.success(request, _("已保存%(y)d年放假安排：放假日%(h)d天，调休上班日%(w)d天。")
                                 % {"y": saved.year, "h": holidays, "w": len(form.days()) - holidays})
                return redirect("workdays:year_list")
        elif form.parsed:
            # Check the lines that could be read too, so that every problem shows at once.
            errors = [e for e in services.validate_days(year, form.days()) if e.code != "empty"]
            if errors:
                form.add_service_errors(ValidationError(errors))
    return render(request, "workdays/year_form.html", {
        "form": form, "year": year, "existing": existing, "today": _today(),
    })
