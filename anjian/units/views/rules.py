"""The 三管三必须 rules page for the safety office: which sector supervises which kind of unit.

The default mapping is a configurable practice default, not a national rule; the office edits it
and then applies it, which re-derives every unit's sector (`services.sector_rules_apply`)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from anjian.core.decorators import office_required
from anjian.regions.models import Organisation, Sector
from anjian.units import services
from anjian.units.choices import Category, IndustrySection, Subcategory, UnitStatus
from anjian.units.models import SectorRule, Unit


class SectorRuleForm(forms.Form):
    category = forms.ChoiceField(label=gettext_lazy("类别"), choices=Category.choices)
    subcategory = forms.ChoiceField(
        label=gettext_lazy("子类"), required=False,
        choices=[("", gettext_lazy("（该类别全部）")), *Subcategory.choices])
    industry_section = forms.ChoiceField(
        label=gettext_lazy("行业门类"), required=False,
        choices=[("", gettext_lazy("（不限）")), *IndustrySection.choices],
        help_text=gettext_lazy("只对企业有意义：按国民经济行业门类细分"))
    sector = forms.ModelChoiceField(label=gettext_lazy("行业领域"), queryset=Sector.objects.all(),
                                    empty_label=gettext_lazy("请选择"))

    def __init__(self, *args, rule: SectorRule | None = None, **kwargs):
        if rule is not None:
            kwargs.setdefault("initial", {"category": rule.category, "subcategory": rule.subcategory,
                                          "industry_section": rule.industry_section,
                                          "sector": rule.sector_id})
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select")

    def add_service_errors(self, exc) -> None:
        if isinstance(exc, PermissionDenied):
            self.add_error(None, str(exc))
            return
        by_field = exc.error_dict if hasattr(exc, "error_dict") else {"__all__": exc.error_list}
        for field, errors in by_field.items():
            for error in errors:
                self.add_error(field if field in self.fields else None, error)


@office_required
def rule_list(request: HttpRequest) -> HttpResponse:
    rules = SectorRule.objects.select_related("sector")
    departments: dict[int, list[str]] = {}
    for org in Organisation.objects.for_user(request.user).filter(is_active=True).prefetch_related(
            "sectors"):
        for sector in org.sectors.all():
            departments.setdefault(sector.pk, []).append(org.name)
    unit_counts = dict(Unit.objects.for_user(request.user).filter(status=UnitStatus.ACTIVE)
                       .values_list("sector")
                       .annotate(n=Count("pk")).order_by())
    rows = [{"rule": r, "departments": departments.get(r.sector_id, []),
             "units": unit_counts.get(r.sector_id, 0)} for r in rules]
    return render(request, "units/rules_list.html", {
        "rows": rows, "unassigned": unit_counts.get(None, 0),
    })


def _rule_form(request, rule=None) -> HttpResponse:
    form = SectorRuleForm(request.POST or None, rule=rule)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if rule is None:
                services.sector_rule_create(actor=request.user, data=data)
            else:
                services.sector_rule_update(actor=request.user, rule=rule, data=data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("规则已保存。点击“按规则重新归属”让现有监管对象按新规则归属。"))
            return redirect("units:rules")
    return render(request, "units/rules_form.html", {"form": form, "rule": rule})


@office_required
def rule_create(request: HttpRequest) -> HttpResponse:
    return _rule_form(request)


@office_required
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _rule_form(request, get_object_or_404(SectorRule, pk=pk))


@office_required
@require_POST
def rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(SectorRule, pk=pk)
    services.sector_rule_delete(actor=request.user, rule=rule)
    messages.success(request, _("已删除规则：%(r)s") % {"r": rule})
    return redirect("units:rules")


@office_required
@require_POST
def rules_apply(request: HttpRequest) -> HttpResponse:
    changed = services.sector_rules_apply(actor=request.user)
    messages.success(request, _("已按规则重新归属，%(n)d个监管对象的行业领域有变化") % {"n": changed})
    return redirect("units:rules")
