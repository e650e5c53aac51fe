"""The accidents ledger (事故台账), one accident's page, the Excel export and the small htmx
helpers of the form (type options for a date, grade preview)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from anjian.accidents import rules, selectors
from anjian.accidents.choices import AccidentGrade, StepKind
from anjian.accidents.exports import ledger_xlsx
from anjian.accidents.filtersets import AccidentFilterSet
from anjian.accidents.forms import CasualtyForm, ExtendForm, StepForm, type_options, version_of
from anjian.accidents.models import Accident
from anjian.accidents.timeline import ordered_steps
from anjian.core.downloads import attachment
from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, user_can

PAGE_SIZE = 50


def filtered_accidents(request: HttpRequest, data: QueryDict | None = None):
    """The user's accidents filtered by the query string; shared by the list and the export."""
    filterset = AccidentFilterSet(request.GET if data is None else data,
                                  queryset=selectors.accident_list(request.user),
                                  user=request.user)
    return filterset, filterset.qs


@login_required
def accident_list(request: HttpRequest) -> HttpResponse:
    filterset, accidents = filtered_accidents(request)
    page = selectors.accident_page(accidents, request.GET.get("page"), per_page=PAGE_SIZE)
    template = "accidents/_accident_table.html" if request.htmx else "accidents/accident_list.html"
    return render(request, template, {
        "filter": filterset, "page": page, "can_add": user_can(request.user, ADD, Accident),
    })


@login_required
def accident_export(request: HttpRequest) -> HttpResponse:
    _filterset, accidents = filtered_accidents(request)
    rows = accidents.select_related("region", "unit").order_by("-occurred_at", "-pk")
    name = f"生产安全事故台账_{timezone.localdate():%Y%m%d}.xlsx"
    return attachment(ledger_xlsx(rows), name)


@login_required
def accident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Accident.objects.select_related("region", "region__parent", "unit", "sector",
                                               "reported_by")
    accident = get_for_user(queryset, request.user, VIEW, pk=pk)
    can_change = Accident.objects.for_user(request.user, CHANGE).filter(pk=pk).exists()
    steps = ordered_steps(accident)
    now = timezone.now()
    kept = [s for s in steps if s.kind == StepKind.SUPPLEMENTARY and not s.within_window]
    return render(request, "accidents/accident_detail.html", {
        "accident": accident, "can_change": can_change, "steps": steps, "now": now,
        "late_steps": [s for s in steps if s.is_late(now)],
        "grade_kept": kept[-1] if kept else None,
        "investigator": rules.INVESTIGATOR[accident.grade],
        "follow_up_days": rules.follow_up_days(road_traffic=accident.road_traffic,
                                               fire=accident.fire),
        "casualty_form": CasualtyForm(accident=accident) if can_change else None,
        "step_form": StepForm() if can_change else None,
        "extend_form": ExtendForm() if can_change else None,
        "journal": entries_for(accident)[:100],
    })


@login_required
def type_options_view(request: HttpRequest) -> HttpResponse:
    """<option>s of the GB 6441 list that applies to the occurrence time typed in the form."""
    version = version_of(request.GET.get("occurred_at", ""))
    selected = request.GET.get("type_code", "")
    return HttpResponse(format_html_join(
        "", '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", label)
         for value, label in type_options(version))))


def _number(value) -> Decimal:
    try:
        number = Decimal(str(value or 0))
    except (InvalidOperation, ValueError):
        return Decimal(0)
    return max(number, Decimal(0))


@login_required
def grade_preview(request: HttpRequest) -> HttpResponse:
    """The grade the figures typed so far would give (Order 493), as a badge."""
    g = request.GET
    value = rules.grade(int(_number(g.get("deaths"))) + int(_number(g.get("missing"))),
                        int(_number(g.get("serious_injuries"))), _number(g.get("direct_loss")))
    return HttpResponse(format_html('<span class="badge {}" id="grade-preview-badge">{}</span>',
                                    Accident(grade=value).grade_css(),
                                    AccidentGrade(value).label))
