"""Writes to the patrol ledgers. Pages, API and demo all call these: atomic, the owner checked
against the actor's scope, validated with Chinese messages, journaled."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.choices import Duty
from anjian.accounts.models import Person
from anjian.core import journal
from anjian.core.photos import PhotoData, photo_save
from anjian.core.records import (
    apply,
    check_owner,
    journal_create,
    journal_update,
    not_future,
    recheck,
    validate,
)
from anjian.core.scope import ADD, CHANGE
from anjian.patrols.models import (
    CheckInPhoto,
    FireCheckpoint,
    FireSource,
    FireSourcePhoto,
    PatrolCheckIn,
    PersuasionPoint,
    PersuasionRecord,
)

POINT_FIELDS = ("name", "road", "latitude", "longitude", "organisation", "staffed_by",
                "is_active")
RECORD_FIELDS = ("recorded_at", "vehicle_type", "violation", "driver", "plate", "education",
                 "outcome")
CHECKIN_FIELDS = ("checked_at", "latitude", "longitude", "place", "note")
CHECKPOINT_FIELDS = ("name", "location", "latitude", "longitude", "staffed_by", "is_active")
FIRE_FIELDS = ("found_at", "place", "kind", "found_by", "description", "handling", "handled_at")


def _creator(actor):
    return actor if actor is not None and actor.pk else None


def _save(actor, obj: models.Model, data: dict, fields, action: str, *,
          region_from_data: bool = True) -> None:
    if region_from_data and data.get("region") is not None:
        obj.region = data["region"]
    if not obj.region_id:
        raise ValidationError({"region": _("请选择所在区划")})
    apply(obj, data, fields)
    check_owner(actor, obj, action)
    validate(obj, exclude=["created_by"])
    obj.save()


def _create(actor, model, data: dict, fields, **preset) -> models.Model:
    obj = model(created_by=_creator(actor), **preset)
    _save(actor, obj, data, fields, ADD, region_from_data="region" not in preset)
    journal_create(actor, obj)
    recheck(actor, obj, ADD)
    return obj


def _update(actor, obj: models.Model, data: dict, fields, *, region_from_data: bool = True
            ) -> models.Model:
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    check_owner(actor, obj, CHANGE)
    before = journal.snapshot(obj)
    _save(actor, obj, data, fields, CHANGE, region_from_data=region_from_data)
    journal_update(actor, obj, before)
    recheck(actor, obj, CHANGE)
    return obj


# Persuasion points and records (劝导点) -----------------------------------------------------------

@transaction.atomic
def point_create(*, actor, data: dict) -> PersuasionPoint:
    return _create(actor, PersuasionPoint, data, POINT_FIELDS)


@transaction.atomic
def point_update(*, actor, point: PersuasionPoint, data: dict) -> PersuasionPoint:
    return _update(actor, point, data, POINT_FIELDS)


def _record_point(data: dict) -> PersuasionPoint:
    point = data.get("point")
    if point is None:
        raise ValidationError({"point": _("请选择劝导点")})
    point = PersuasionPoint.objects.select_related("region").get(pk=point.pk)
    if not point.is_active:
        raise ValidationError({"point": _("劝导点“%(p)s”已停用") % {"p": point.name}})
    return point


@transaction.atomic
def record_create(*, actor, data: dict) -> PersuasionRecord:
    """One persuasion at a point; the time defaults to now and may not lie in the future."""
    point = _record_point(data)
    data = {**data, "point": point, "recorded_at": data.get("recorded_at") or timezone.now()}
    if data["recorded_at"] > timezone.now() + timezone.timedelta(minutes=5):
        raise ValidationError({"recorded_at": _("劝导时间不能晚于现在")})
    return _create(actor, PersuasionRecord, data, RECORD_FIELDS, point=point,
                   region=point.region)


@transaction.atomic
def record_update(*, actor, record: PersuasionRecord, data: dict) -> PersuasionRecord:
    data = {k: v for k, v in data.items() if not (k == "recorded_at" and v is None)}
    if "point" in data:
        point = _record_point(data)
        data = {**data, "point": point, "region": point.region}
    return _update(actor, record, data, (*RECORD_FIELDS, "point"))


# Forest rangers (护林员) ------------------------------------------------------------------------------

def _check_ranger(actor, ranger: Person) -> None:
    if ranger is None or ranger.duty != Duty.FOREST_RANGER or not ranger.is_active:
        raise ValidationError({"ranger": _("请选择在岗的护林员")})


def _is_self(actor, ranger: Person) -> bool:
    return actor is not None and getattr(actor, "person_id", None) == ranger.pk


@transaction.atomic
def checkin_create(*, actor, ranger: Person, data: dict, photos: Sequence[PhotoData] = ()
                   ) -> PatrolCheckIn:
    """A ranger's patrol check-in (巡护打卡): by the ranger themself from a phone, or recorded by
    the office or the village for them. Time defaults to now, never in the future."""
    _check_ranger(actor, ranger)
    data = {**data, "checked_at": data.get("checked_at") or timezone.now()}
    if data["checked_at"] > timezone.now() + timezone.timedelta(minutes=5):
        raise ValidationError({"checked_at": _("打卡时间不能晚于现在")})
    checkin = PatrolCheckIn(created_by=_creator(actor), ranger=ranger, region=ranger.region)
    apply(checkin, data, CHECKIN_FIELDS)
    if not _is_self(actor, ranger):
        check_owner(actor, checkin, ADD, _("该护林员不在您的管辖范围内"))
    validate(checkin, exclude=["created_by"])
    checkin.save()
    journal_create(actor, checkin)
    for photo in photos:
        photo_save(model_cls=CheckInPhoto, data=photo, actor=actor, place=checkin.place,
                   photographer=ranger.name, checkin=checkin)
    if not _is_self(actor, ranger):
        recheck(actor, checkin, ADD)
    return checkin


# Fire checkpoints and fire sources (森林防火) -----------------------------------------------------

@transaction.atomic
def checkpoint_create(*, actor, data: dict) -> FireCheckpoint:
    return _create(actor, FireCheckpoint, data, CHECKPOINT_FIELDS)


@transaction.atomic
def checkpoint_update(*, actor, checkpoint: FireCheckpoint, data: dict) -> FireCheckpoint:
    return _update(actor, checkpoint, data, CHECKPOINT_FIELDS)


def _check_fire(data: dict) -> None:
    found, handled = data.get("found_at"), data.get("handled_at")
    if found:
        not_future(found, "found_at", _("发现时间"))
    if handled:
        not_future(handled, "handled_at", _("处置时间"))
        if found and handled < found:
            raise ValidationError({"handled_at": _("处置时间不能早于发现时间")})
        if not (data.get("handling") or "").strip():
            raise ValidationError({"handling": _("请填写处置情况")})


@transaction.atomic
def fire_source_create(*, actor, data: dict, photos: Sequence[PhotoData] = ()) -> FireSource:
    _check_fire(data)
    source = _create(actor, FireSource, data, FIRE_FIELDS)
    for photo in photos:
        photo_save(model_cls=FireSourcePhoto, data=photo, actor=actor, place=source.place,
                   source=source)
    return source


@transaction.atomic
def fire_source_update(*, actor, source: FireSource, data: dict) -> FireSource:
    merged = {"found_at": source.found_at, "handling": source.handling, **data}
    _check_fire(merged)
    return _update(actor, source, data, FIRE_FIELDS)


@transaction.atomic
def fire_source_handle(*, actor, source: FireSource, handling: str, handled_at=None
                       ) -> FireSource:
    """处置: record how a fire source was dealt with (once; a second time is refused)."""
    if source.handled_at is not None:
        raise ValidationError(_("该火源已于 %(t)s 处置") % {
            "t": timezone.localtime(source.handled_at).strftime("%Y-%m-%d %H:%M")})
    if actor is not None and not type(source).objects.for_user(actor, CHANGE).filter(
            pk=source.pk).exists():
        raise PermissionDenied(_("该记录不在您的管辖范围内"))
    return fire_source_update(actor=actor, source=source, data={
        "handling": handling, "handled_at": handled_at or timezone.now()})
