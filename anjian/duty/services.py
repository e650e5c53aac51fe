"""Writes of the duty ledger: shifts of the roster (值班表), the duty log (值班记录) and handovers
(交接班). Every service is atomic, checks the actor's scope and journals the change.

The one hard rule of the roster: a person is never on two overlapping shifts, neither as a person
on duty nor as the leader on duty. The people's rows are locked (`select_for_update`) before the
check, so on PostgreSQL two requests putting the same person on overlapping shifts at the same
moment cannot both succeed: the second waits for the first to commit and then sees its shift.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.models import Person
from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.scope import ADD, CHANGE, DELETE, in_scope
from anjian.duty.models import DutyHandover, DutyLogEntry, DutyShift
from anjian.duty.selectors import open_entries
from anjian.regions.models import Region
from anjian.regions.selectors import regions_for_placing

MAX_SHIFT = dt.timedelta(hours=48)
MAX_GENERATE_DAYS = 120
SHIFT_FIELDS = ("region", "start", "end", "leader", "note")
LOG_FIELDS = ("received_at", "kind", "source", "source_phone", "content", "handling", "notified",
              "closed")


def _fmt(value: dt.datetime) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"


def _require_place(actor, model, region: Region, action: str = ADD) -> None:
    if actor is not None and not regions_for_placing(actor, model, action).filter(
            pk=region.pk).exists():
        raise PermissionDenied(_("该对象不在您的管辖范围内"))


def _require(actor, obj, action: str) -> None:
    """The actor may take `action` on the existing object (None: the system, e.g. the demo)."""
    if actor is not None and not type(obj).objects.for_user(actor, action).filter(
            pk=obj.pk).exists():
        raise PermissionDenied(_("该对象不在您的管辖范围内"))


def _recheck(actor, obj, action: str) -> None:
    if actor is not None and not in_scope(obj, actor, action):
        raise PermissionDenied(_("保存后该对象将不在您的管辖范围内，未作修改"))


def on_duty(actor, shift: DutyShift) -> bool:
    """The actor's own person is on the shift (值班人员 or 带班领导): whatever their role, they log
    calls on it and hand it over."""
    person_id = getattr(actor, "person_id", None)
    return person_id is not None and person_id in _on_shift(shift)


def may_log_on(actor, shift: DutyShift) -> bool:
    """Whether the actor may log and hand over on this shift: someone on it, or the office of its
    town."""
    return on_duty(actor, shift) or regions_for_placing(actor, DutyLogEntry, ADD).filter(
        pk=shift.region_id).exists()


def _require_log(actor, shift: DutyShift) -> None:
    if actor is not None and not may_log_on(actor, shift):
        raise PermissionDenied(_("只有本班次值班人员、带班领导或本镇安监办可以记录和交班"))


# Shifts ---------------------------------------------------------------------------------------

def _check_shift(region: Region, start, end, people: Sequence[Person], leader: Person | None,
                 errors: dict) -> None:
    if region is None or region.level != 2:
        errors.setdefault("region", []).append(_("值班单位须为乡镇（街道）"))
    if not start or not end:
        errors.setdefault("end", []).append(_("请填写开始和结束时间"))
    elif timezone.is_naive(start) or timezone.is_naive(end):
        errors.setdefault("end", []).append(_("时间须带时区"))
    elif end <= start:
        errors.setdefault("end", []).append(_("结束时间须晚于开始时间"))
    elif end - start > MAX_SHIFT:
        errors.setdefault("end", []).append(_("一个班次不能超过48小时"))
    if not people:
        errors.setdefault("people", []).append(_("请至少安排一名值班人员"))
    if leader is None:
        errors.setdefault("leader", []).append(_("请安排带班领导"))
    if region is not None and region.level == 2:
        for person in [*people, *([leader] if leader else [])]:
            if not person.region.path.startswith(region.path):
                field = "leader" if person == leader else "people"
                errors.setdefault(field, []).append(
                    _("%(person)s不是%(region)s的人员") % {"person": person.name,
                                                        "region": region.name})
            elif not person.is_active:
                field = "leader" if person == leader else "people"
                errors.setdefault(field, []).append(
                    _("%(person)s已不在岗") % {"person": person.name})


def _check_clashes(start, end, people: Sequence[Person], leader: Person,
                   exclude_pk: int | None) -> None:
    """Lock the people's rows, then refuse if any of them is already on an overlapping shift."""
    ids = sorted({p.pk for p in people} | {leader.pk})
    list(Person.objects.select_for_update().filter(pk__in=ids).order_by("pk")
         .values_list("pk", flat=True))
    clashes = (DutyShift.objects.overlapping(start, end)
               .filter(Q(people__in=ids) | Q(leader__in=ids)).exclude(pk=exclude_pk or 0)
               .select_related("region", "leader").prefetch_related("people").distinct()
               .order_by("start"))
    messages = []
    for shift in clashes:
        on_it = {p.pk: p for p in shift.people.all()}
        on_it[shift.leader_id] = shift.leader
        for pk in ids:
            if pk in on_it:
                messages.append(_("%(person)s已安排在%(region)s %(shift)s班次值班，不能同时安排在"
                                  "时间重叠的班次") % {"person": on_it[pk].name,
                                                 "region": shift.region.name, "shift": str(shift)})
    if messages:
        raise ValidationError({"people": messages})


def _shift_values(data: dict) -> tuple:
    people = list(dict.fromkeys(data.get("people") or []))
    return data.get("region"), data.get("start"), data.get("end"), people, data.get("leader")


def _shift_snapshot(shift: DutyShift) -> dict:
    return {**journal.snapshot(shift, SHIFT_FIELDS),
            "people": sorted(shift.people.values_list("pk", flat=True))}


@transaction.atomic
def shift_create(*, actor, data: dict) -> DutyShift:
    """Add a shift: `data` has region (the town), start, end (aware), people, leader, note."""
    region, start, end, people, leader = _shift_values(data)
    errors: dict = {}
    _check_shift(region, start, end, people, leader, errors)
    if errors:
        raise ValidationError(errors)
    _require_place(actor, DutyShift, region)
    _check_clashes(start, end, people, leader, None)
    shift = DutyShift.objects.create(region=region, start=start, end=end, leader=leader,
                                     note=data.get("note") or "",
                                     created_by=actor if actor and actor.pk else None)
    shift.people.set(people)
    _recheck(actor, shift, ADD)
    journal.record(actor, shift, JournalAction.CREATE, journal.diff({}, _shift_snapshot(shift)))
    return shift



@transaction.atomic
def shift_update(*, actor, shift: DutyShift | int, data: dict) -> DutyShift:
    """Change a shift; fields missing from `data` keep their values."""
    pk = shift.pk if isinstance(shift, DutyShift) else shift
    shift = DutyShift.objects.select_for_update().get(pk=pk)
    _require(actor, shift, CHANGE)
    before = _shift_snapshot(shift)
    merged = {"region": shift.region, "start": shift.start, "end": shift.end,
              "people": list(shift.people.all()), "leader": shift.leader, "note": shift.note,
              **data}
    region, start, end, people, leader = _shift_values(merged)
    errors: dict = {}
    _check_shift(region, start, end, people, leader, errors)
    if errors:
        raise ValidationError(errors)
    _require_place(actor, DutyShift, region, CHANGE)
    _check_clashes(start, end, people, leader, shift.pk)
    shift.region, shift.start, shift.end, shift.leader = region, start, end, leader
    shift.note = merged.get("note") or ""
    shift.save(update_fields=["region", "start", "end", "leader", "note", "updated_at"])
    shift.people.set(people)
    _recheck(actor, shift, CHANGE)
    journal.record(actor, shift, JournalAction.UPDATE, journal.diff(before, _shift_snapshot(shift)))
    return shift


@transaction.atomic
def shift_delete(*, actor, shift: DutyShift | int) -> None:
    """Remove a shift that has nothing recorded on it (no log entries, no handover)."""
    pk = shift.pk if isinstance(shift, DutyShift) else shift
    shift = DutyShift.objects.select_for_update().get(pk=pk)
    _require(actor, shift, DELETE)
    if (shift.log_entries.exists() or DutyHandover.objects.filter(
            Q(from_shift=shift) | Q(to_shift=shift)).exists()):
        raise ValidationError(_("该班次已有值班记录或交接班记录，不能删除"))
    journal.record(actor, shift, JournalAction.DELETE, journal.diff(_shift_snapshot(shift), {}))
    shift.people.clear()
    shift.delete()


@dataclass(frozen=True)
class Slot:
    """One shift of a day's pattern, e.g. day shift 08:30 for 9 hours, night shift 17:30 for 15."""

    start: dt.time
    end: dt.time  # on the next day when not after `start`

    def bounds(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        start = timezone.make_aware(dt.datetime.combine(day, self.start))
        end_day = day if self.end > self.start else day + dt.timedelta(days=1)
        return start, timezone.make_aware(dt.datetime.combine(end_day, self.end))


DEFAULT_PATTERN = (Slot(dt.time(8, 30), dt.time(17, 30)), Slot(dt.time(17, 30), dt.time(8, 30)))


@dataclass
class Generated:
    created: list[DutyShift]
    skipped: int  # slots the town's roster already covered


def plan_shifts(first_day: dt.date, last_day: dt.date, slots: Sequence[Slot],
                staff: Sequence[Person], leaders: Sequence[Person], per_shift: int):
    """(start, end, people, leader) of every slot in the period: the staff rotate shift by shift,
    `per_shift` at a time; the leader on duty rotates day by day and leads every shift of the day."""
    index = 0
    day = first_day
    while day <= last_day:
        leader = leaders[(day - first_day).days % len(leaders)]
        for slot in slots:
            start, end = slot.bounds(day)
            people = [staff[(index * per_shift + k) % len(staff)]
                      for k in range(min(per_shift, len(staff)))]
            yield start, end, people, leader
            index += 1
        day += dt.timedelta(days=1)


@transaction.atomic
def shifts_generate(*, actor, region: Region, first_day: dt.date, last_day: dt.date,
                    staff: Sequence[Person], leaders: Sequence[Person], per_shift: int = 2,
                    slots: Sequence[Slot] = DEFAULT_PATTERN, note: str = "") -> Generated:
    """Fill a period from a pattern (排班) through `shift_create`, skipping slots the town's roster
    already covers. All or nothing: a clash anywhere refuses the whole period with its message."""
    errors: dict = {}
    if last_day < first_day:
        errors["last_day"] = [_("结束日期不能早于开始日期")]
    elif (last_day - first_day).days >= MAX_GENERATE_DAYS:
        errors["last_day"] = [_("一次最多生成%(days)s天") % {"days": MAX_GENERATE_DAYS}]
    if not staff:
        errors["staff"] = [_("请选择轮流值班的人员")]
    if not leaders:
        errors["leaders"] = [_("请选择轮流带班的领导")]
    if per_shift < 1:
        errors["per_shift"] = [_("每班至少一人")]
    if not slots:
        errors["slots"] = [_("请至少设置一个班次")]
    if errors:
        raise ValidationError(errors)
    _require_place(actor, DutyShift, region)
    created, skipped = [], 0
    for start, end, people, leader in plan_shifts(first_day, last_day, slots, staff, leaders,
                                                  per_shift):
        if DutyShift.objects.filter(region=region).overlapping(start, end).exists():
            skipped += 1
            continue
        created.append(shift_create(actor=actor, data={
            "region": region, "start": start, "end": end, "people": people, "leader": leader,
            "note": note}))
    return Generated(created, skipped)


# Duty log -------------------------------------------------------------------------------------

def _check_entry(shift: DutyShift, values: dict, errors: dict) -> None:
    received = values.get("received_at")
    if received is None:
        errors.setdefault("received_at", []).append(_("请填写接报时间"))
    elif not (shift.start <= received <= shift.end):
        errors.setdefault("received_at", []).append(
            _("接报时间须在本班次时段内（%(start)s至%(end)s）") % {
                "start": _fmt(shift.start), "end": _fmt(shift.end)})
    for name, message in (("source", _("请填写来电人或来源")), ("content", _("请填写内容"))):
        if not (values.get(name) or "").strip():
            errors.setdefault(name, []).append(message)
    if values.get("closed") and not (values.get("handling") or "").strip():
        errors.setdefault("handling", []).append(_("办结时须填写处理情况"))


@transaction.atomic
def log_entry_create(*, actor, shift: DutyShift | int, data: dict) -> DutyLogEntry:
    """Log a call or event received during `shift` (值班记录)."""
    pk = shift.pk if isinstance(shift, DutyShift) else shift
    shift = DutyShift.objects.select_related("region").get(pk=pk)
    _require_log(actor, shift)
    values = {k: data[k] for k in LOG_FIELDS if k in data}
    errors: dict = {}
    _check_entry(shift, values, errors)
    if errors:
        raise ValidationError(errors)
    entry = DutyLogEntry(shift=shift, logged_by=actor if actor and actor.pk else None, **values)
    entry.closed_at = (data.get("closed_at") or timezone.now()) if entry.closed else None
    entry.save()
    if not on_duty(actor, shift):
        _recheck(actor, entry, ADD)
    journal.record(actor, entry, JournalAction.CREATE, journal.diff({}, journal.snapshot(entry)))
    return entry


@transaction.atomic
def log_entry_update(*, actor, entry: DutyLogEntry | int, data: dict) -> DutyLogEntry:
    """Change a log entry: add how it was handled, who was told, close it (办结)."""
    pk = entry.pk if isinstance(entry, DutyLogEntry) else entry
    entry = DutyLogEntry.objects.select_for_update().select_related("shift").get(pk=pk)
    if not (actor is None or on_duty(actor, entry.shift)):
        _require(actor, entry, CHANGE)
    before = journal.snapshot(entry)
    values = {**{k: getattr(entry, k) for k in LOG_FIELDS},
              **{k: data[k] for k in LOG_FIELDS if k in data}}
    errors: dict = {}
    _check_entry(entry.shift, values, errors)
    if errors:
        raise ValidationError(errors)
    was_closed = entry.closed
    for name, value in values.items():
        setattr(entry, name, value)
    if entry.closed and not was_closed:
        entry.closed_at = data.get("closed_at") or timezone.now()
    elif not entry.closed:
        entry.closed_at = None
    entry.save(update_fields=[*LOG_FIELDS, "closed_at", "updated_at"])
    journal.record(actor, entry, JournalAction.UPDATE, journal.diff(before, journal.snapshot(entry)))
    return entry


# Handover -------------------------------------------------------------------------------------

def _on_shift(shift: DutyShift) -> set[int]:
    return set(shift.people.values_list("pk", flat=True)) | {shift.leader_id}


@transaction.atomic
def handover_create(*, actor, from_shift: DutyShift | int, to_shift: DutyShift | int,
                    data: dict, carried_entries: Iterable[DutyLogEntry] = ()) -> DutyHandover:
    """Hand `from_shift` over to `to_shift` (交接班): a summary, the open matters in words and the
    open log entries carried over (they stay open and show on the next shift)."""
    from_pk = from_shift.pk if isinstance(from_shift, DutyShift) else from_shift
    to_pk = to_shift.pk if isinstance(to_shift, DutyShift) else to_shift
    from_shift = DutyShift.objects.select_for_update().select_related("region").get(pk=from_pk)
    to_shift = DutyShift.objects.select_related("region").get(pk=to_pk)
    _require_log(actor, from_shift)
    errors: dict = {}
    if DutyHandover.objects.filter(from_shift=from_shift).exists():
        errors["from_shift"] = [_("该班次已交班，不能重复交班")]
    if to_shift.pk == from_shift.pk or to_shift.region_id != from_shift.region_id:
        errors.setdefault("to_shift", []).append(_("接班班次须为同一乡镇的另一班次"))
    elif to_shift.start < from_shift.start:
        errors.setdefault("to_shift", []).append(_("接班班次不能早于交班班次"))
    if not (data.get("summary") or "").strip():
        errors["summary"] = [_("请填写本班情况")]
    handed_by, taken_by = data.get("handed_over_by"), data.get("taken_over_by")
    if handed_by is None or handed_by.pk not in _on_shift(from_shift):
        errors["handed_over_by"] = [_("交班人须为交班班次的值班人员或带班领导")]
    if taken_by is None or taken_by.pk not in _on_shift(to_shift):
        errors["taken_over_by"] = [_("接班人须为接班班次的值班人员或带班领导")]
    at = data.get("handed_over_at") or timezone.now()
    if at < from_shift.start:
        errors["handed_over_at"] = [_("交接时间不能早于交班班次开始")]
    carried = list(carried_entries)
    allowed = set(open_entries(from_shift).values_list("pk", flat=True))
    if any(e.pk not in allowed for e in carried):
        errors["carried_entries"] = [_("只能移交交班班次未办结的值班记录")]
    if errors:
        raise ValidationError(errors)
    handover = DutyHandover.objects.create(
        from_shift=from_shift, to_shift=to_shift, summary=data["summary"].strip(),
        open_matters=(data.get("open_matters") or "").strip(), handed_over_by=handed_by,
        taken_over_by=taken_by, handed_over_at=at,
        recorded_by=actor if actor and actor.pk else None)
    handover.carried_entries.set(carried)
    if not on_duty(actor, from_shift):
        _recheck(actor, handover, ADD)
    journal.record(actor, handover, JournalAction.CREATE, journal.diff({}, {
        **journal.snapshot(handover), "carried_entries": sorted(e.pk for e in carried)}))
    return handover
