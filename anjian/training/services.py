"""Writes to the training and publicity ledgers. Pages, API and demo all call these: each is
atomic, checks the owner against the actor's scope, validates with Chinese messages, journals."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.models import User
from anjian.core import journal
from anjian.core.attachments import AttachmentData, attach
from anjian.core.models import JournalAction
from anjian.core.photos import PhotoData, photo_save
from anjian.core.records import (
    apply,
    check_owner,
    journal_create,
    journal_update,
    not_future,
    recheck,
    set_m2m,
    validate,
)
from anjian.core.scope import ADD, CHANGE
from anjian.notify.choices import NotificationKind
from anjian.regions.models import Region
from anjian.training.choices import PublicityKind
from anjian.training.models import (
    Attendance,
    PublicityActivity,
    PublicityMaterial,
    PublicityPhoto,
    TrainingMaterial,
    TrainingSession,
)
from anjian.units.models import Unit

SESSION_FIELDS = ("held_on", "topic", "kind", "audience", "trainer", "place", "hours",
                  "attendance_count", "materials")
ATTENDANCE_FIELDS = ("person", "name", "unit", "role", "hours")
# notify has no kind of its own for safety knowledge yet: pushed as a bulletin (通报).
PUSH_KIND = NotificationKind.PUBLICITY
ACTIVITY_FIELDS = ("held_on", "kind", "title", "place", "participants", "households", "summary",
                   "message", "recipients")


def _set_organiser(session: TrainingSession, data: dict) -> None:
    unit, region = data.get("unit"), data.get("region")
    if unit is not None:
        session.unit, session.region = unit, unit.region
    elif region is not None:
        session.unit, session.region = None, region
    elif not session.region_id:
        raise ValidationError({"region": _("请选择组织培训的区划或单位")})


def _check_units(actor, units: Sequence[Unit]) -> None:
    if actor is None or not units:
        return
    visible = set(Unit.objects.for_user(actor).filter(pk__in=[u.pk for u in units])
                  .values_list("pk", flat=True))
    outside = [u.name for u in units if u.pk not in visible]
    if outside:
        raise ValidationError({"participating_units": _("参训单位不在您的管辖范围内：%(n)s") % {
            "n": "、".join(outside)}})


def _check_count(session: TrainingSession, listed: int) -> None:
    if session.attendance_count is not None and session.attendance_count < listed:
        raise ValidationError({"attendance_count": _(
            "参训人次（%(count)s）少于签到名单人数（%(listed)s）") % {
            "count": session.attendance_count, "listed": listed}})


def _save_session(actor, session: TrainingSession, data: dict, action: str, listed: int) -> dict:
    _set_organiser(session, data)
    apply(session, data, SESSION_FIELDS)
    check_owner(actor, session, action)
    if session.held_on:
        not_future(session.held_on, "held_on", _("培训日期"))
    _check_units(actor, list(data.get("participating_units") or []))
    validate(session, exclude=["created_by"])
    _check_count(session, listed)
    session.save()
    return set_m2m(session, data, ["participating_units"])


@transaction.atomic
def session_create(*, actor, data: dict, attendances: Sequence[dict] = ()) -> TrainingSession:
    """Record a training; `attendances` (optional sign-in list) are added with it."""
    session = TrainingSession(created_by=actor if actor is not None and actor.pk else None)
    m2m = _save_session(actor, session, data, ADD, len(attendances))
    journal_create(actor, session, m2m)
    for row in attendances:
        _add_attendance(actor, session, row)
    recheck(actor, session, ADD)
    return session


@transaction.atomic
def session_update(*, actor, session: TrainingSession, data: dict) -> TrainingSession:
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    check_owner(actor, session, CHANGE)
    before = journal.snapshot(session)
    m2m = _save_session(actor, session, data, CHANGE, session.attendances.count())
    journal_update(actor, session, before, m2m)
    recheck(actor, session, CHANGE)
    return session


def _add_attendance(actor, session: TrainingSession, data: dict) -> Attendance:
    row = Attendance(session=session)
    apply(row, data, ATTENDANCE_FIELDS)
    if row.person_id and not row.name:
        row.name = row.person.name
    if row.hours is None:
        row.hours = session.hours
    if row.unit_id and actor is not None and not Unit.objects.for_user(actor).filter(
            pk=row.unit_id).exists():
        raise ValidationError({"unit": _("所选单位不在您的管辖范围内")})
    validate(row, exclude=["session"])
    if Decimal(row.hours) > Decimal(session.hours):
        raise ValidationError({"hours": _("个人学时不能超过本次培训学时（%(h)s）") % {
            "h": session.hours}})
    row.save()
    journal_create(actor, row, comment=_("培训“%(t)s”签到") % {"t": session.topic[:60]})
    return row


@transaction.atomic
def attendance_add(*, actor, session: TrainingSession, data: dict) -> Attendance:
    """Add one attendee; the session's count grows when the list outgrows it."""
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    check_owner(actor, session, CHANGE)
    row = _add_attendance(actor, session, data)
    listed = session.attendances.count()
    if session.attendance_count < listed:
        before = journal.snapshot(session, ["attendance_count"])
        session.attendance_count = listed
        session.save(update_fields=["attendance_count", "updated_at"])
        journal_update(actor, session, before)
    return row


@transaction.atomic
def material_attach(*, actor, session: TrainingSession, data: AttachmentData, title: str = ""
                    ) -> TrainingMaterial:
    """Keep a validated document (`core.attachments.read_attachment`) with a training."""
    check_owner(actor, session, CHANGE)
    material = TrainingMaterial(session=session, title=(title or data.original_name)[:200])
    attach(material, data)
    material.save()
    journal.record(actor, material, JournalAction.CREATE, journal.snapshot(
        material, ["session", "title", "original_name", "sha256", "content_type", "size"]),
        comment=_("培训“%(t)s”上传资料") % {"t": session.topic[:60]})
    return material


def _set_materials(activity: PublicityActivity, materials: Sequence[dict]) -> dict:
    before = [[m.name, m.quantity] for m in activity.materials.all()]
    rows = []
    for item in materials:
        name = (item.get("name") or "").strip()
        quantity = item.get("quantity")
        if not name and not quantity:
            continue
        if not name:
            raise ValidationError({"materials": _("请填写宣传资料名称")})
        if not quantity or int(quantity) < 1:
            raise ValidationError({"materials": _("“%(n)s”的数量须为正整数") % {"n": name}})
        rows.append(PublicityMaterial(activity=activity, name=name[:100], quantity=int(quantity)))
    activity.materials.all().delete()
    PublicityMaterial.objects.bulk_create(rows)
    after = [[m.name, m.quantity] for m in rows]
    return {"materials": [before, after]} if before != after else {}


def _add_photos(actor, activity: PublicityActivity, photos: Sequence[PhotoData]) -> None:
    for data in photos:
        photo_save(model_cls=PublicityPhoto, data=data, actor=actor, place=activity.place,
                   activity=activity)


def _save_activity(actor, activity: PublicityActivity, data: dict, action: str) -> None:
    if data.get("region") is not None:
        activity.region = data["region"]
    if not activity.region_id:
        raise ValidationError({"region": _("请选择活动所在区划")})
    apply(activity, data, ACTIVITY_FIELDS)
    check_owner(actor, activity, action)
    if activity.held_on:
        not_future(activity.held_on, "held_on", _("活动日期"))
    validate(activity, exclude=["created_by"])
    activity.save()


@transaction.atomic
def activity_create(*, actor, data: dict, materials: Sequence[dict] = (),
                    photos: Sequence[PhotoData] = ()) -> PublicityActivity:
    activity = PublicityActivity(created_by=actor if actor is not None and actor.pk else None)
    _save_activity(actor, activity, data, ADD)
    extra = _set_materials(activity, materials)
    journal_create(actor, activity, extra)
    _add_photos(actor, activity, photos)
    recheck(actor, activity, ADD)
    return activity


@transaction.atomic
def activity_update(*, actor, activity: PublicityActivity, data: dict,
                    materials: Sequence[dict] | None = None,
                    photos: Sequence[PhotoData] = ()) -> PublicityActivity:
    activity = PublicityActivity.objects.select_for_update().get(pk=activity.pk)
    check_owner(actor, activity, CHANGE)
    before = journal.snapshot(activity)
    _save_activity(actor, activity, data, CHANGE)
    extra = _set_materials(activity, materials) if materials is not None else {}
    journal_update(actor, activity, before, extra)
    _add_photos(actor, activity, photos)
    recheck(actor, activity, CHANGE)
    return activity


def village_users(village: Region) -> list[User]:
    """Everyone working in a village (its cadres and grid workers): the members of its groups."""
    return list(User.objects.filter(is_active=True,
                                    role_grants__region__path__startswith=village.path).distinct())


@transaction.atomic
def publicity_push(*, actor, villages: Sequence[Region], title: str, message: str, held_on
                   ) -> list[PublicityActivity]:
    """推送到村组: send a safety message to the users of each chosen village (their inbox and
    channels) and record one activity per village (微信群推送) with the number reached."""
    from anjian.notify.services import notification_send

    if not villages:
        raise ValidationError({"villages": _("请至少选择一个村（社区）")})
    if not (title or "").strip() or not (message or "").strip():
        raise ValidationError({"message": _("请填写推送标题和内容")})
    activities = []
    for village in villages:
        activity = activity_create(actor=actor, data={
            "region": village, "held_on": held_on, "kind": PublicityKind.GROUP_PUSH,
            "title": title, "summary": _("通过平台推送至本村干部和网格员，再转发村民微信群"),
            "message": message})
        users = village_users(village)
        sent = notification_send(recipients=users, kind=PUSH_KIND, key=f"publicity:{activity.pk}",
                                 title=title, body=message)
        before = journal.snapshot(activity, ["recipients"])
        activity.recipients = len(sent)
        activity.save(update_fields=["recipients", "updated_at"])
        journal_update(actor, activity, before, comment=_("已推送 %(n)s 人") % {"n": len(sent)})
        activities.append(activity)
    return activities
