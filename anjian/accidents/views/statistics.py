"""The statistics page (事故统计: by period, type, village and month, year over year) and the
control indicators (控制指标: yearly denominators and targets entered by the office)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.accidents import selectors, services
from anjian.accidents.exports import statistics_xlsx
from anjian.accidents.forms import IndicatorYearForm
from anjian.accidents.models import IndicatorYear
from anjian.accidents.views.ledger import filtered_accidents
from anjian.core.downloads import attachment
from anjian.core.forms import DateInput
from anjian.core.scope import ADD, CHANGE, get_for_user, user_can


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("起始日期"),
                            widget=DateInput())
    end = forms.DateField(label=gettext_lazy("截止日期"),
                          widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("起始日期不能晚于截止日期"))
        return data


def _period(request: HttpRequest) -> tuple[PeriodForm, dt.date, dt.date]:
    """The period asked for; by default this year up to today."""
    today = timezone.localdate()
    default = {"start": dt.date(today.year, 1, 1), "end": today}
    form = PeriodForm({**{k: v.isoformat() for k, v in default.items()}, **{
        k: request.GET[k] for k in ("start", "end") if request.GET.get(k)}})
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default["start"], default["end"]


def _statistics(request: HttpRequest):
    period, start, end = _period(request)
    filterset, accidents = filtered_accidents(request)
    yoy = selectors.year_over_year(accidents, start, end)
    region = filterset.selected_region or selectors.home_region(request.user)
    indicators = None
    if region is not None and region.level <= 2 and user_can(request.user, "view", IndicatorYear):
        indicators = selectors.indicator_status(region, end.year, today=end)
    return period, filterset, yoy, region, indicators


@login_required
def accident_statistics(request: HttpRequest) -> HttpResponse:
    period, filterset, yoy, region, indicators = _statistics(request)
    return render(request, "accidents/statistics.html", {
        "period": period, "filter": filterset, "yoy": yoy, "region": region,
        "indicators": indicators,
    })


@login_required
def statistics_export(request: HttpRequest) -> HttpResponse:
    _period_form, _filterset, yoy, _region, indicators = _statistics(request)
    name = f"生产安全事故统计_{yoy.current.start:%Y%m%d}-{yoy.current.end:%Y%m%d}.xlsx"
    return attachment(statistics_xlsx(yoy, indicators), name)


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, "view", IndicatorYear):
        raise PermissionDenied
    years = IndicatorYear.objects.for_user(request.user).select_related("region")
    today = timezone.localdate()
    rows = [(ind, selectors.indicator_status(ind.region, ind.year, today=today)) for ind in years]
    return render(request, "accidents/indicator_list.html", {
        "rows": rows, "can_add": user_can(request.user, ADD, IndicatorYear),
        "can_change": user_can(request.user, CHANGE, IndicatorYear),
    })


@login_required
def indicator_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    indicator = get_for_user(IndicatorYear, request.user, CHANGE, pk=pk) if pk else None
    if indicator is None and not user_can(request.user, ADD, IndicatorYear):
        raise PermissionDenied
    form = IndicatorYearForm(request.POST or None, instance=indicator, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            services.indicator_year_save(actor=request.user, data=data, indicator=indicator)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存控制指标"))
            return redirect("accidents:indicators")
    return render(request, "accidents/indicator_form.html", {"form": form, "indicator": indicator})
