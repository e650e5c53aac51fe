"""Writes of the assessment app: schemes and accountability actions, each journaled."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.assessment.models import AccountabilityAction, Indicator, IndicatorKey, Scheme, Snapshot
from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.scope import ADD, CHANGE, in_scope
from anjian.regions.models import Region

# The default scheme (默认考核方案) the office can copy and edit: (key, weight, target); sums to 100.
DEFAULT_INDICATORS = [
    (IndicatorKey.COVERAGE, 30, 1.0),
    (IndicatorKey.ON_TIME, 25, 1.0),
    (IndicatorKey.OVERDUE, 20, 5.0),
    (IndicatorKey.DAILY_REPORT, 25, 1.0),
]


def scheme_create_default(*, actor, town: Region, name: str = "") -> Scheme:
    with transaction.atomic():
        scheme = Scheme.objects.create(name=name or _("%(town)s安全生产考核方案") % {"town": town.name},
                                       region=town)
        Indicator.objects.bulk_create(Indicator(scheme=scheme, key=k, weight=w, target=t)
                                      for k, w, t in DEFAULT_INDICATORS)
        if not in_scope(scheme, actor, ADD):
            raise PermissionDenied(_("该乡镇不在您的管辖范围内"))
        journal.record(actor, scheme, JournalAction.CREATE,
                       {"indicators": [[str(k), w, t] for k, w, t in DEFAULT_INDICATORS]})
    return scheme


FIELDS = ("kind", "region", "reason", "date", "document_number", "hazard", "snapshot", "cause", "outcome")


def _check(actor, data: dict) -> None:
    region = data["region"]
    if region.level != 3:
        raise ValidationError({"region": _("问责对象须为村（社区）")})
    if data.get("date") and data["date"] > dt.date.today() + dt.timedelta(days=1):
        raise ValidationError({"date": _("日期不能晚于今天")})
    hazard = data.get("hazard")
    if hazard is not None and not hazard.region.path.startswith(region.path):
        raise ValidationError({"hazard": _("关联隐患不属于该村（社区）")})
    snapshot = data.get("snapshot")
    if snapshot is not None and not region.path.startswith(snapshot.region.path):
        raise ValidationError({"snapshot": _("关联考核排名不属于该村（社区）所在乡镇")})


def action_create(*, actor, kind: str, region: Region, reason: str, date: dt.date,
                  document_number: str = "", hazard=None, snapshot=None, cause: str = "",
                  outcome: str = "") -> AccountabilityAction:
    data = {"kind": kind, "region": region, "reason": reason, "date": date,
            "document_number": document_number, "hazard": hazard, "snapshot": snapshot,
            "cause": cause, "outcome": outcome}
    _check(actor, data)
    with transaction.atomic():
        action = AccountabilityAction(issued_by=actor, **data)
        action.full_clean()
        action.save()
        if not in_scope(action, actor, ADD):  # rolls the row back
            raise PermissionDenied(_("该村（社区）不在您的管辖范围内"))
        journal.record(actor, action, JournalAction.CREATE, journal.snapshot(action, FIELDS))
    return action


def action_update(*, actor, action: AccountabilityAction, **changes) -> AccountabilityAction:
    if not AccountabilityAction.objects.for_user(actor, CHANGE).filter(pk=action.pk).exists():
        raise PermissionDenied(_("您无权修改该问责记录"))
    data = {f: changes.get(f, getattr(action, f)) for f in FIELDS}
    _check(actor, data)
    with transaction.atomic():
        before = journal.snapshot(action, FIELDS)
        for f in FIELDS:
            setattr(action, f, data[f])
        action.full_clean()
        action.save()
        if not in_scope(action, actor, CHANGE):
            raise PermissionDenied(_("该村（社区）不在您的管辖范围内"))
        journal.record(actor, action, JournalAction.UPDATE,
                       journal.diff(before, journal.snapshot(action, FIELDS)))
    return action


def snapshot_freeze(*, actor, scheme: Scheme, start: dt.date, end: dt.date) -> Snapshot:
    """Store the ranking as computed now, so the published figures never change."""
    from anjian.assessment.selectors import compute

    if end < start:
        raise ValidationError({"end": _("截止日期不能早于起始日期")})
    if Snapshot.objects.filter(scheme=scheme, start=start, end=end).exists():
        raise ValidationError(_("该时段的排名已发布"))
    rows = [{"rank": r.rank, "region": r.region.pk, "name": r.region.name, "total": r.total,
             "lines": [{"key": ln.key, "label": str(ln.label), "weight": ln.weight,
                        "detail": ln.detail, "points": ln.points} for ln in r.lines]}
            for r in compute(scheme, start, end)]
    with transaction.atomic():
        snapshot = Snapshot.objects.create(scheme=scheme, region=scheme.region, start=start, end=end,
                                           rows=rows, frozen_by=actor)
        if not in_scope(snapshot, actor, ADD):
            raise PermissionDenied(_("该乡镇不在您的管辖范围内"))
        journal.record(actor, snapshot, JournalAction.CREATE,
                       {"start": start.isoformat(), "end": end.isoformat(), "rows": len(rows)})
    return snapshot
