"""Inspection records (检查记录): the list, the phone-first record form, the record page and its
photos (stamped, through the scoped queryset)."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from anjian.core.photos import stamped_response
from anjian.core.scope import ADD, get_for_user, user_can
from anjian.inspections import selectors, services
from anjian.inspections.choices import PlanKind, TaskStatus, Verdict
from anjian.inspections.filtersets import RecordFilterSet
from anjian.inspections.forms import (
    SIGNATURE_PREFIX,
    VERDICT_CHOICES,
    AnswerSet,
    RecordForm,
    new_idempotency_key,
)
from anjian.inspections.models import (
    ChecklistTemplate,
    InspectionPhoto,
    InspectionRecord,
    InspectionTask,
)
from anjian.units.models import Unit

PAGE_SIZE = 30
THUMB_SIDE = 480


@login_required
def record_list(request: HttpRequest) -> HttpResponse:
    if not user_can(request.user, "view", InspectionRecord):
        raise PermissionDenied
    filterset = RecordFilterSet(request.GET or None, queryset=selectors.record_list(request.user),
                                user=request.user)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    template = ("inspections/_record_table.html" if request.htmx
                else "inspections/record_list.html")
    return render(request, template, {
        "filter": filterset, "page": page,
        "can_add": selectors.reachable_units(request.user).exists(),
    })


def _default_kind(user) -> str:
    if user.is_superuser:
        return PlanKind.ROUTINE
    for role, kind in (("enterprise", PlanKind.SELF_CHECK), ("expert", PlanKind.EXPERT_MONTHLY),
                       ("grid_worker", PlanKind.GRID_PATROL), ("village", PlanKind.GRID_PATROL),
                       ("leader", PlanKind.LEADER_LED)):
        if user.has_role(role):
            return kind
    return PlanKind.ROUTINE


def _choose_unit(request: HttpRequest) -> HttpResponse:
    """No unit given: search the units the user may inspect."""
    units = selectors.reachable_units(request.user).filter(status="active")
    q = request.GET.get("q", "").strip()
    if q:
        units = units.filter(Q(name__contains=q) | Q(address__contains=q))
    units = units.select_related("region", "region__parent").order_by("region__path", "name")
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inspections/record_choose.html", {"page": page, "q": q})


def _template_for(request, unit, task) -> ChecklistTemplate | None:
    """The checklist answered: the plan's, else the unit's best fit. A form rendered before the
    checklist was revised still submits the version it showed (same family)."""
    template = (task.plan.template if task is not None and task.plan.template_id else None) \
        or services.template_for_unit(unit)
    posted = request.POST.get("template") if request.method == "POST" else None
    if template is not None and posted and posted != str(template.pk):
        try:
            older = ChecklistTemplate.objects.get(pk=int(posted), family=template.family)
        except (ChecklistTemplate.DoesNotExist, ValueError):
            older = None
        template = older or template
    return template


def _hazard_links(record) -> tuple[int, str]:
    hazards = list(record.hazards.all()) if hasattr(record, "hazards") else []
    links = []
    for hazard in hazards:
        try:
            links.append((reverse("hazards:detail", args=[hazard.pk]), hazard.number))
        except NoReverseMatch:
            links.append(("", hazard.number))
    html = format_html_join("、", '<a href="{}" class="alert-link">{}</a>',
                            [(u, n) for u, n in links if u])
    plain = "、".join(n for u, n in links if not u)
    return len(hazards), format_html("{}{}", html, plain)


@login_required
def record_new(request: HttpRequest) -> HttpResponse:
    """THE phone page: a grid worker answers the unit's checklist, photographs what does not
    conform, raises hazards in the same step, locates, signs and submits once."""
    user = request.user
    if not request.GET.get("unit"):
        return _choose_unit(request)
    try:
        unit = (selectors.reachable_units(user).select_related("region")
                .get(pk=int(request.GET["unit"])))
    except (ValueError, TypeError, Unit.DoesNotExist):
        raise Http404 from None

    if request.method == "POST":  # a retry of a record already saved goes to that record
        key = str(request.POST.get("idempotency_key", "")).strip().lower()
        done = InspectionRecord.objects.filter(idempotency_key=key, unit=unit).first() \
            if key else None
        if done is not None:
            messages.info(request, _("该检查记录已提交，未重复保存"))
            return redirect("inspections:record_detail", pk=done.pk)

    task = None
    if request.GET.get("task"):
        try:
            task = (selectors.task_list(user).select_related("plan__template", "record")
                    .get(pk=int(request.GET["task"]), unit=unit))
        except (ValueError, TypeError, InspectionTask.DoesNotExist):
            raise Http404 from None
        if task.status != TaskStatus.PENDING:
            record = getattr(task, "record", None)
            messages.info(request, _("该检查任务已完成或已取消"))
            if record is not None:
                return redirect("inspections:record_detail", pk=record.pk)
            return redirect("inspections:my_tasks")

    template = _template_for(request, unit, task)
    items = list(template.items.all()) if template else []
    if request.method == "POST":
        form = RecordForm(request.POST, user=user, unit=unit, task=task)
        answers = AnswerSet(items, request.POST, request.FILES)
        if form.is_valid() and answers.is_valid():
            data = {**form.service_data(), "template": template}
            try:
                record = services.record_submit(
                    actor=user, unit=unit, data=data, answers=answers.answers(),
                    idempotency_key=form.cleaned_data["idempotency_key"])
            except (ValidationError, PermissionDenied) as exc:
                form.add_service_errors(exc)
            else:
                count, links = _hazard_links(record)
                if count:
                    messages.success(request, format_html(
                        "{}{}", ngettext("已提交，生成隐患 %(n)s 条：", "已提交，生成隐患 %(n)s 条：",
                                          count) % {"n": count}, links))
                else:
                    messages.success(request, _("已提交，生成隐患 0 条"))
                return redirect("inspections:record_detail", pk=record.pk)
    else:
        leader = task.plan.leader if task is not None else None
        form = RecordForm(user=user, unit=unit, task=task, initial={
            "idempotency_key": new_idempotency_key(), "kind": _default_kind(user),
            "inspected_at": timezone.localtime().replace(second=0, microsecond=0),
            "location": unit.address,
            "inspectors": [user.person_id] if user.person_id else [],
            "leader": leader.pk if leader else None,
        })
        answers = AnswerSet(items)
    return render(request, "inspections/record_form.html", {
        "unit": unit, "task": task, "template": template, "form": form, "answers": answers,
        "verdicts": [(v.value, v.label, css) for v, css in VERDICT_CHOICES],
        "nonconforms": Verdict.NONCONFORMS.value,
    })


@login_required
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    record = get_for_user(selectors.record_list(user).select_related("task"), user, pk=pk)
    answers = list(record.answers.select_related("item").prefetch_related("photos")
                   .annotate(hazard_count=Count("hazards"), hazard_id=Min("hazards")))
    inspectors = list(record.inspectors.all())
    hazards = []
    can_raise = False
    if hasattr(record, "hazards"):
        Hazard = apps.get_model("hazards", "Hazard")
        hazards = list(record.hazards.for_user(user).order_by("number"))
        can_raise = user_can(user, ADD, Hazard)
    return render(request, "inspections/record_detail.html", {
        "record": record, "answers": answers, "hazards": hazards, "can_raise": can_raise,
        "loose_photos": record.photos.filter(answer__isnull=True),
        "inspectors": inspectors,
        "other_names": "" if record.inspector_names == "、".join(p.name for p in inspectors)
        else record.inspector_names,
        "signature_is_image": record.signature.startswith(SIGNATURE_PREFIX),
        "nonconforms": Verdict.NONCONFORMS.value,
    })


@login_required
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    """A record's photo with its evidence stamp; out of scope is a 404."""
    item = get_for_user(InspectionPhoto.objects.select_related("record__unit"), request.user,
                        pk=pk)
    if request.GET.get("size") == "thumb":
        return stamped_response(item, max_side=THUMB_SIDE)
    return stamped_response(item)
