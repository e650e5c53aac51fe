from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.core.journal import entries_for
from anjian.core.scope import ADD, CHANGE, get_for_user, user_can
from anjian.units import services
from anjian.units.filtersets import UnitFilterSet
from anjian.units.forms import DeregisterForm, UnitForm
from anjian.units.models import Unit
from anjian.units.selectors import unit_list as select_units
from anjian.units.selectors import unit_options, unit_page

PAGE_SIZE = 50


def filtered_units(request: HttpRequest):
    """The user's units filtered by the query string; shared by the list page and the export."""
    data = request.GET.copy()
    data.setdefault("status", "active")
    filterset = UnitFilterSet(data, queryset=select_units(request.user), user=request.user)
    return filterset, filterset.qs


@login_required
def unit_options_json(request: HttpRequest) -> JsonResponse:
    """Units matching ?q= for a unit choice searched as the user types (core.forms.RemoteSelect):
    the user's own scope, at most 30."""
    return JsonResponse({"results": unit_options(request.user, request.GET.get("q", "")[:100])})


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    filterset, units = filtered_units(request)
    page = unit_page(units, request.GET.get("page"), per_page=PAGE_SIZE,
                     few=filterset.is_text_search)
    template = "units/_unit_table.html" if request.htmx else "units/unit_list.html"
    return render(request, template, {
        "filter": filterset, "page": page,
        "can_add": user_can(request.user, ADD, Unit),
    })


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_for_user(select_units(request.user), request.user, pk=pk)
    can_change = Unit.objects.for_user(request.user, CHANGE).filter(pk=pk).exists()
    return render(request, "units/unit_detail.html", {
        "unit": unit, "can_change": can_change,
        "departments": unit.supervising_departments(),
        "journal": entries_for(unit)[:100],
        "deregister_form": DeregisterForm(),
    })


def _save(request, form, action, unit=None):
    try:
        if unit is None:
            return services.unit_create(actor=request.user, data=form.cleaned_data)
        return services.unit_update(actor=request.user, unit=unit, data=form.cleaned_data)
    except ValidationError as exc:
        by_field = exc.error_dict if hasattr(exc, "error_dict") else {"__all__": exc.error_list}
        for field, errors in by_field.items():
            for error in errors:
                form.add_error(None if field == "__all__" else field, error)
    except PermissionDenied as exc:
        form.add_error(None, str(exc) or _("该对象不在您的管辖范围内"))
    return None


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, ADD, Unit):
        raise PermissionDenied
    form = UnitForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        unit = _save(request, form, ADD)
        if unit:
            messages.success(request, _("已登记“%(n)s”") % {"n": unit.name})
            return redirect("units:detail", pk=unit.pk)
    return render(request, "units/unit_form.html", {"form": form})


@login_required
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_for_user(Unit, request.user, CHANGE, pk=pk)
    form = UnitForm(request.POST or None, instance=unit, user=request.user, action=CHANGE)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, CHANGE, unit=Unit.objects.get(pk=pk))
        if saved:
            messages.success(request, _("已保存"))
            return redirect("units:detail", pk=pk)
    return render(request, "units/unit_form.html", {"form": form, "unit": unit})


@login_required
@require_POST
def unit_deregister(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_for_user(Unit, request.user, CHANGE, pk=pk)
    form = DeregisterForm(request.POST)
    if form.is_valid():
        try:
            services.unit_deregister(actor=request.user, unit=unit,
                                     reason=form.cleaned_data["reason"], date=form.cleaned_data["date"])
            messages.success(request, _("已注销，历史记录保留"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("units:detail", pk=pk)


@login_required
@require_POST
def unit_restore(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_for_user(Unit, request.user, CHANGE, pk=pk)
    try:
        services.unit_restore(actor=request.user, unit=unit)
        messages.success(request, _("已恢复为在册"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("units:detail", pk=pk)
