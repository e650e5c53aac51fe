"""Forest fire prevention (森林防火): today's overview (who has not checked in), rangers' patrol
check-ins (巡护打卡) from a phone, fire checkpoints (防火检查站) and field fire sources (野外火源)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from anjian.accounts.models import Person
from anjian.core.journal import entries_for
from anjian.core.photos import stamped_response
from anjian.core.scope import ADD, CHANGE, VIEW, get_for_user, user_can
from anjian.patrols import exports, selectors, services
from anjian.patrols.filtersets import CheckInFilterSet, CheckpointFilterSet, FireSourceFilterSet
from anjian.patrols.forms import CheckInForm, CheckpointForm, FireSourceForm, HandleForm
from anjian.patrols.models import (
    CheckInPhoto,
    FireCheckpoint,
    FireSource,
    FireSourcePhoto,
    PatrolCheckIn,
)
from anjian.patrols.views.traffic import _when
from anjian.training.common import export, form_page, list_page, may_change, run

CHECKIN_URLS = {"list": "patrols:checkin_list", "export": "patrols:checkin_export",
                "create": "patrols:checkin_create"}
CHECKPOINT_URLS = {"list": "patrols:checkpoint_list", "export": "patrols:checkpoint_export",
                   "create": "patrols:checkpoint_create"}
FIRE_URLS = {"list": "patrols:fire_list", "export": "patrols:fire_export",
             "create": "patrols:fire_create"}


@login_required
def forest(request: HttpRequest) -> HttpResponse:
    """森林防火 today: rangers checked in and those missing, open fire sources, checkpoints."""
    if not user_can(request.user, VIEW, PatrolCheckIn):
        if selectors.is_ranger(request.user):
            return redirect("patrols:checkin_create")
        raise PermissionDenied
    day = parse_date(request.GET.get("day") or "") or timezone.localdate()
    people = Person.objects.for_user(request.user)
    rangers = selectors.rangers(None, people)
    missing = list(selectors.rangers_missing(None, day, people))
    checkins = selectors.checkin_list(request.user).filter(
        checked_at__gte=selectors.day_bounds(day)[0], checked_at__lt=selectors.day_bounds(day)[1])
    return render(request, "patrols/forest.html", {
        "day": day, "ranger_count": rangers.count(), "missing": missing,
        "checked": checkins.values("ranger_id").distinct().count(),
        "checkins": checkins.order_by("-checked_at")[:50],
        "open_fires": selectors.fire_source_list(request.user).filter(handled_at__isnull=True),
        "checkpoints": selectors.checkpoint_list(request.user).filter(is_active=True),
        "can_checkin": user_can(request.user, ADD, PatrolCheckIn),
    })


@login_required
def checkin_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request, filterset_class=CheckInFilterSet, queryset=selectors.checkin_list(request.user),
        title=_("巡护打卡记录"), model=PatrolCheckIn, urls=CHECKIN_URLS,
        columns=(_("时间"), _("护林员"), _("巡护地点"), _("所在村"), _("巡护情况")),
        row=lambda c: (reverse("patrols:checkin_detail", args=[c.pk]),
                       [_when(c.checked_at), c.ranger.name, c.place, c.region.name, c.note]))


@login_required
def checkin_export(request: HttpRequest) -> HttpResponse:
    return export(request, CheckInFilterSet, selectors.checkin_list(request.user),
                  exports.checkins_xlsx, _("护林员巡护打卡记录"))


def _checkin(request, pk: int) -> PatrolCheckIn:
    """A check-in in the user's scope, or the ranger's own."""
    own = PatrolCheckIn.objects.filter(pk=pk, ranger_id=getattr(request.user, "person_id", None))
    if request.user.person_id and own.exists():
        return own.get()
    return get_for_user(PatrolCheckIn, request.user, VIEW, pk=pk)


@login_required
def checkin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = _checkin(request, pk)
    return render(request, "training/detail.html", {
        "title": _("巡护打卡"), "actions": [], "journal": entries_for(c)[:100],
        "photos": [reverse("patrols:photo", args=["checkin", p.pk]) for p in c.photos.all()],
        "fields": [
            (_("护林员"), str(c.ranger)), (_("打卡时间"), _when(c.checked_at)),
            (_("巡护地点"), c.place), (_("所在村"), c.region.name),
            (_("位置"), f"{c.latitude}, {c.longitude}" if c.latitude is not None else ""),
            (_("巡护情况"), c.note)]})


@login_required
def checkin_create(request: HttpRequest) -> HttpResponse:
    """巡护打卡 on a phone: the ranger signs in themself (or the office/village records for one);
    the browser's position is sent with it."""
    if not (user_can(request.user, ADD, PatrolCheckIn) or selectors.is_ranger(request.user)):
        raise PermissionDenied
    form = CheckInForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        checkin = run(form, lambda: services.checkin_create(
            actor=request.user, ranger=data["ranger"], data=data, photos=data["photos"]))
        if checkin:
            messages.success(request, _("已打卡：%(r)s %(t)s") % {
                "r": checkin.ranger.name, "t": _when(checkin.checked_at)})
            return redirect("patrols:checkin_create")
    mine = PatrolCheckIn.objects.filter(ranger=request.user.person)[:5] \
        if selectors.is_ranger(request.user) else []
    return render(request, "patrols/checkin.html", {"form": form, "mine": mine})


@login_required
def checkpoint_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request, filterset_class=CheckpointFilterSet,
        queryset=selectors.checkpoint_list(request.user), title=_("防火检查站"),
        model=FireCheckpoint, urls=CHECKPOINT_URLS,
        columns=(_("检查站"), _("位置"), _("区划"), _("值守人员")),
        row=lambda c: (reverse("patrols:checkpoint_detail", args=[c.pk]),
                       [c.name, c.location, c.region.name, c.staffed_by]))


@login_required
def checkpoint_export(request: HttpRequest) -> HttpResponse:
    return export(request, CheckpointFilterSet, selectors.checkpoint_list(request.user),
                  exports.checkpoints_xlsx, _("防火检查站"))


@login_required
def checkpoint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_for_user(FireCheckpoint, request.user, VIEW, pk=pk)
    actions = [{"url": reverse("patrols:checkpoint_edit", args=[c.pk]), "label": _("编辑")}] \
        if may_change(request.user, c) else []
    return render(request, "training/detail.html", {
        "title": c.name, "actions": actions, "journal": entries_for(c)[:100], "fields": [
            (_("位置"), c.location), (_("区划"), c.region.name), (_("值守人员"), c.staffed_by),
            (_("坐标"), f"{c.latitude}, {c.longitude}" if c.latitude is not None else ""),
            (_("启用"), _("是") if c.is_active else _("否"))]})


def _edit(request, form_class, obj, create, update, name: str, title: str, cancel: str):
    """Create (`obj` None) or edit a region-placed row through its service."""
    if obj is None and not user_can(request.user, ADD, form_class._meta.model):
        raise PermissionDenied
    form = form_class(request.POST or None, request.FILES or None, instance=obj,
                      user=request.user, action=CHANGE if obj else ADD)
    if request.method == "POST" and form.is_valid():
        saved = run(form, lambda: update(obj, form.cleaned_data) if obj else
                    create(form.cleaned_data))
        if saved:
            messages.success(request, _("已保存"))
            return redirect(name, pk=saved.pk)
    return form_page(request, form, title, cancel, extra={"multipart": True})


@login_required
def checkpoint_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    obj = get_for_user(FireCheckpoint, request.user, CHANGE, pk=pk) if pk else None
    return _edit(request, CheckpointForm, obj,
                 lambda data: services.checkpoint_create(actor=request.user, data=data),
                 lambda o, data: services.checkpoint_update(actor=request.user, checkpoint=o,
                                                            data=data),
                 "patrols:checkpoint_detail", _("防火检查站"), reverse("patrols:checkpoint_list"))


@login_required
def fire_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request, filterset_class=FireSourceFilterSet,
        queryset=selectors.fire_source_list(request.user), title=_("野外火源"),
        model=FireSource, urls=FIRE_URLS,
        columns=(_("发现时间"), _("地点"), _("火源类型"), _("区划"), _("处置")),
        row=lambda s: (reverse("patrols:fire_detail", args=[s.pk]),
                       [_when(s.found_at), s.place, s.get_kind_display(), s.region.name,
                        _when(s.handled_at) or _("未处置")]))


@login_required
def fire_export(request: HttpRequest) -> HttpResponse:
    return export(request, FireSourceFilterSet, selectors.fire_source_list(request.user),
                  exports.fire_sources_xlsx, _("野外火源台账"))


@login_required
def fire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_for_user(FireSource, request.user, VIEW, pk=pk)
    can_change = may_change(request.user, s)
    actions = [{"url": reverse("patrols:fire_edit", args=[s.pk]), "label": _("编辑")}] \
        if can_change else []
    return render(request, "training/detail.html", {
        "title": str(s), "actions": actions, "journal": entries_for(s)[:100],
        "photos": [reverse("patrols:photo", args=["fire", p.pk]) for p in s.photos.all()],
        "extra_template": "patrols/_handle.html",
        "handle_form": HandleForm() if can_change and not s.is_handled else None, "source": s,
        "fields": [(_("发现时间"), _when(s.found_at)), (_("地点"), s.place),
                   (_("区划"), s.region.name), (_("火源类型"), s.get_kind_display()),
                   (_("发现人"), s.found_by.name if s.found_by_id else ""),
                   (_("情况描述"), s.description), (_("处置情况"), s.handling),
                   (_("处置时间"), _when(s.handled_at) or _("未处置"))]})


@login_required
def fire_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    obj = get_for_user(FireSource, request.user, CHANGE, pk=pk) if pk else None
    return _edit(request, FireSourceForm, obj,
                 lambda data: services.fire_source_create(actor=request.user, data=data,
                                                          photos=data.get("photos", [])),
                 lambda o, data: services.fire_source_update(actor=request.user, source=o,
                                                             data=data),
                 "patrols:fire_detail", _("野外火源"), reverse("patrols:fire_list"))


@login_required
def fire_handle(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_for_user(FireSource, request.user, CHANGE, pk=pk)
    form = HandleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run(form, lambda: services.fire_source_handle(
                actor=request.user, source=source, handling=form.cleaned_data["handling"],
                handled_at=form.cleaned_data["handled_at"])):
            messages.success(request, _("已登记处置情况"))
            return redirect("patrols:fire_detail", pk=pk)
    return form_page(request, form, _("登记处置情况"), reverse("patrols:fire_detail", args=[pk]))


PHOTOS = {"checkin": (CheckInPhoto, "checkin", PatrolCheckIn),
          "fire": (FireSourcePhoto, "source", FireSource)}


@login_required
def photo(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """A check-in's or fire source's photo, stamped, for whoever may see the row (else 404)."""
    if kind not in PHOTOS:
        raise Http404
    model, parent, parent_model = PHOTOS[kind]
    visible = parent_model.objects.for_user(request.user).values("pk")
    own = Q(**{f"{parent}__in": visible})
    if kind == "checkin" and request.user.person_id:
        own |= Q(checkin__ranger_id=request.user.person_id)
    found = model.objects.filter(own, pk=pk).first()
    if found is None:
        raise Http404
    return stamped_response(found)


urlpatterns = [
    path("forest/photos/<str:kind>/<int:pk>/", photo, name="photo"),
    path("forest/", forest, name="forest"),
    path("forest/checkins/", checkin_list, name="checkin_list"),
    path("forest/checkins/export.xlsx", checkin_export, name="checkin_export"),
    path("forest/checkins/new/", checkin_create, name="checkin_create"),
    path("forest/checkins/<int:pk>/", checkin_detail, name="checkin_detail"),
    path("forest/checkpoints/", checkpoint_list, name="checkpoint_list"),
    path("forest/checkpoints/export.xlsx", checkpoint_export, name="checkpoint_export"),
    path("forest/checkpoints/new/", checkpoint_edit, name="checkpoint_create"),
    path("forest/checkpoints/<int:pk>/", checkpoint_detail, name="checkpoint_detail"),
    path("forest/checkpoints/<int:pk>/edit/", checkpoint_edit, name="checkpoint_edit"),
    path("forest/fires/", fire_list, name="fire_list"),
    path("forest/fires/export.xlsx", fire_export, name="fire_export"),
    path("forest/fires/new/", fire_edit, name="fire_create"),
    path("forest/fires/<int:pk>/", fire_detail, name="fire_detail"),
    path("forest/fires/<int:pk>/edit/", fire_edit, name="fire_edit"),
    path("forest/fires/<int:pk>/handle/", fire_handle, name="fire_handle"),
]
