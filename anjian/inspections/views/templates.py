"""Checklist templates (检查表): the current list, one version with its history, and copying and
editing for the safety office. Editing a version that records used makes the next version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from anjian.core.scope import VIEW, user_can
from anjian.inspections import selectors, services
from anjian.inspections.forms import ItemFormSet, TemplateCopyForm, TemplateForm, item_initial
from anjian.inspections.models import ChecklistTemplate, InspectionRecord
from anjian.units.choices import Category, Subcategory

OFFICE = "safety_office"


def _may_view(user) -> None:
    if not (user_can(user, VIEW, InspectionRecord) or user.has_role(OFFICE)):
        raise PermissionDenied


def _require_office(user) -> None:
    if not user.has_role(OFFICE):
        raise PermissionDenied


def _labels(template: ChecklistTemplate) -> dict:
    categories, subcategories = dict(Category.choices), dict(Subcategory.choices)
    return {"category_labels": [categories.get(c, c) for c in template.categories or []],
            "subcategory_labels": [subcategories.get(c, c) for c in template.subcategories or []]}


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    _may_view(request.user)
    templates = list(selectors.current_templates())
    for template in templates:
        template.labels = _labels(template)
    return render(request, "inspections/template_list.html", {
        "templates": templates, "can_edit": request.user.has_role(OFFICE)})


@login_required
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _may_view(request.user)
    template = get_object_or_404(ChecklistTemplate.objects.select_related("created_by"), pk=pk)
    return render(request, "inspections/template_detail.html", {
        "template": template, "items": template.items.all(),
        "versions": selectors.template_versions(template),
        "can_edit": request.user.has_role(OFFICE), **_labels(template)})


@login_required
def template_copy(request: HttpRequest, pk: int) -> HttpResponse:
    _require_office(request.user)
    source = get_object_or_404(ChecklistTemplate, pk=pk)
    form = TemplateCopyForm(request.POST or None,
                            initial={"name": _("%(name)s（副本）") % {"name": source.name}})
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.checklist_template_copy(actor=request.user, template=source,
                                                    name=form.cleaned_data["name"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("已复制为“%(name)s”，可继续修改检查项") % {"name": copy.name})
            return redirect("inspections:template_edit", pk=copy.pk)
    return render(request, "inspections/template_copy.html", {"source": source, "form": form})


@login_required
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_office(request.user)
    template = get_object_or_404(ChecklistTemplate, pk=pk)
    if not template.is_current:
        current = ChecklistTemplate.objects.filter(family=template.family, is_current=True).first()
        messages.info(request, _("旧版本不能修改，已转到当前版本"))
        if current is None:
            return redirect("inspections:template_detail", pk=pk)
        return redirect("inspections:template_edit", pk=current.pk)
    used = template.builtin or template.records.exists()
    if request.method == "POST":
        form = TemplateForm(request.POST, template=template)
        items = ItemFormSet(request.POST, prefix="items")
        if form.is_valid() and items.is_valid():
            data = {k: form.cleaned_data[k] for k in ("name", "description", "categories",
                                                      "subcategories")}
            try:
                saved = services.checklist_template_update(
                    actor=request.user, template=template, data=data, items=items.items())
            except (ValidationError, PermissionDenied) as exc:
                form.add_service_errors(exc)
            else:
                if saved.pk != template.pk:
                    messages.success(request, _(
                        "已保存为第 %(v)s 版；原版本已被检查记录使用（或为内置检查表），保留不变"
                    ) % {"v": saved.version})
                else:
                    messages.success(request, _("已保存"))
                return redirect("inspections:template_detail", pk=saved.pk)
    else:
        form = TemplateForm(template=template)
        items = ItemFormSet(prefix="items", initial=item_initial(template))
    return render(request, "inspections/template_form.html", {
        "template": template, "form": form, "items": items, "used": used})
