"""Writes of the assessment app: schemes and accountability actions, each journaled."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.assessment.forms import check_target_and_cause
from anjian.assessment.models import (
    AccountabilityAction,
    Indicator,
    IndicatorKey,
    Scheme,
    Snapshot,
    TargetKind,
    applies,
)
from anjian.core import journal
from anjian.core.attachments import AttachmentData, attach
from anjian.core.models import JournalAction
from anjian.core.scope import ADD, CHANGE, in_scope
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region

K = IndicatorKey
# The default schemes (默认考核方案) the office starts from, per target kind: (key, weight, target);
# each sums to 100. A penalty's target is the points taken off per item.
DEFAULTS: dict[str, list[tuple[str, int, float]]] = {
    TargetKind.VILLAGE: [(K.COVERAGE, 30, 1.0), (K.ON_TIME, 25, 1.0), (K.OVERDUE, 20, 5.0),
                         (K.DAILY_REPORT, 25, 1.0)],
    TargetKind.ORGANISATION: [(K.COVERAGE, 20, 1.0), (K.ON_TIME, 15, 1.0), (K.OVERDUE, 10, 5.0),
                              (K.DAILY_REPORT, 20, 1.0), (K.TRAINING, 10, 1.0),
                              (K.AGREEMENTS, 10, 1.0), (K.ACCIDENTS, 10, 5.0),
                              (K.ACCIDENT_DEATHS, 5, 5.0)],
    TargetKind.LEADER: [(K.LEADER_INSPECTION, 30, 1.0), (K.VISITS, 25, 1.0), (K.COVERAGE, 15, 1.0),
                        (K.ON_TIME, 10, 1.0), (K.AGREEMENTS, 10, 1.0), (K.ACCIDENTS, 10, 5.0)],
}
DEFAULT_INDICATORS = DEFAULTS[TargetKind.VILLAGE]
DEFAULT_NAMES = {TargetKind.VILLAGE: gettext_lazy("%(town)s安全生产考核方案"),
                 TargetKind.ORGANISATION: gettext_lazy("%(town)s机关站所安全生产考核方案"),
                 TargetKind.LEADER: gettext_lazy("%(town)s领导干部安全生产履职考核方案")}


def _check_indicators(target: str, indicators: list[tuple[str, int, float]]) -> None:
    if not indicators:
        raise ValidationError(_("请至少设置一项考核指标"))
    keys = [k for k, _w, _t in indicators]
    if len(set(keys)) != len(keys):
        raise ValidationError(_("同一指标只能出现一次"))
    for key, weight, goal in indicators:
        if key not in IndicatorKey.values:
            raise ValidationError(_("未知的考核指标“%(key)s”") % {"key": key})
        if not applies(key, target):
            raise ValidationError(_("指标“%(key)s”不适用于考核对象“%(target)s”") % {
                "key": IndicatorKey(key).label, "target": TargetKind(target).label})
        if weight is None or weight < 1:
            raise ValidationError(_("权重须为正整数"))
        if goal is None or goal < 0:
            raise ValidationError(_("目标值不能为负数"))


def _indicator_rows(scheme: Scheme) -> list[list]:
    return [[i.key, i.weight, i.target] for i in scheme.indicators.order_by("pk")]


SCHEME_FIELDS = ("name", "region", "target", "active")


def scheme_save(*, actor, data: dict, indicators: list[tuple[str, int, float]],
                scheme: Scheme | None = None) -> Scheme:
    """Create a scheme or change it and its indicators (replaced as a whole), journaled."""
    target = data.get("target") or TargetKind.VILLAGE
    if data["region"].level != RegionLevel.TOWN:
        raise ValidationError({"region": _("考核方案须属于乡镇")})
    _check_indicators(target, indicators)
    if scheme is not None and not Scheme.objects.for_user(actor, CHANGE).filter(pk=scheme.pk).exists():
        raise PermissionDenied(_("您无权修改该考核方案"))
    with transaction.atomic():
        creating = scheme is None
        scheme = scheme or Scheme()
        before = None if creating else journal.snapshot(scheme, SCHEME_FIELDS)
        before_rows = None if creating else _indicator_rows(scheme)
        for f in SCHEME_FIELDS:
            if f in data:
                setattr(scheme, f, data[f])
        scheme.target = target
        scheme.full_clean()
        scheme.save()
        scheme.indicators.all().delete()
        Indicator.objects.bulk_create(Indicator(scheme=scheme, key=k, weight=w, target=t)
                                      for k, w, t in indicators)
        if not in_scope(scheme, actor, ADD if creating else CHANGE):
            raise PermissionDenied(_("该乡镇不在您的管辖范围内"))
        rows = _indicator_rows(scheme)
        if creating:
            journal.record(actor, scheme, JournalAction.CREATE,
                           {**journal.snapshot(scheme, SCHEME_FIELDS), "indicators": rows})
        else:
            changes = journal.diff(before, journal.snapshot(scheme, SCHEME_FIELDS))
            if rows != before_rows:
                changes["indicators"] = [before_rows, rows]
            journal.record(actor, scheme, JournalAction.UPDATE, changes)
    return scheme


def scheme_create_default(*, actor, town: Region, name: str = "",
                          target: str = TargetKind.VILLAGE) -> Scheme:
    return scheme_save(actor=actor, data={
        "name": name or str(DEFAULT_NAMES[target]) % {"town": town.name}, "region": town,
        "target": target, "active": True}, indicators=[(str(k), w, t) for k, w, t in DEFAULTS[target]])


FIELDS = ("kind", "village", "organisation", "person", "unit", "reason", "date", "document_number",
          "hazard", "accident", "snapshot", "cause", "outcome")
DOCUMENT_FIELDS = ("sha256", "original_name", "content_type", "size")


def _place(region: Region) -> Region:
    """The village a region lies in, or the region itself above village level (a town)."""
    if region.level <= RegionLevel.VILLAGE:
        return region
    return Region.objects.get(pk=region.ancestor_ids[RegionLevel.VILLAGE - 1])


def _region_of(data: dict) -> Region:
    """Where the action lies, which scopes it: the target village; an organisation's town; the
    village (or town) a person or a unit lies in."""
    if data.get("village"):
        if data["village"].level != RegionLevel.VILLAGE:
            raise ValidationError({"village": _("问责对象须为村（社区）")})
        return data["village"]
    if data.get("organisation"):
        return data["organisation"].region
    target = data.get("person") or data.get("unit")
    return _place(target.region)


def _check(actor, data: dict) -> Region:
    if data.get("region") is not None and not data.get("village"):  # the old name of a village target
        data["village"] = data.pop("region")
    data.pop("region", None)
    check_target_and_cause(data)
    region = _region_of(data)
    if data.get("date") and data["date"] > dt.date.today() + dt.timedelta(days=1):
        raise ValidationError({"date": _("日期不能晚于今天")})
    hazard = data.get("hazard")
    if hazard is not None and not hazard.region.path.startswith(region.path):
        raise ValidationError({"hazard": _("关联隐患不在问责对象所在区划内")})
    if hazard is not None and data.get("unit") and hazard.unit_id != data["unit"].pk:
        raise ValidationError({"hazard": _("关联隐患不属于该单位")})
    accident = data.get("accident")
    if accident is not None and not accident.region.path.startswith(region.path):
        raise ValidationError({"accident": _("关联事故不在问责对象所在区划内")})
    if accident is not None and data.get("unit") and accident.unit_id not in (None, data["unit"].pk):
        raise ValidationError({"accident": _("关联事故不属于该单位")})
    snapshot = data.get("snapshot")
    if snapshot is not None and not region.path.startswith(snapshot.region.path):
        raise ValidationError({"snapshot": _("关联考核排名不属于问责对象所在乡镇")})
    return region


def _document_change(action: AccountabilityAction, before_sha: str) -> dict:
    if action.sha256 == before_sha:
        return {}
    return {"document": [before_sha or None, f"{action.original_name} sha256:{action.sha256}"]}


def action_create(*, actor, document: AttachmentData | None = None, **fields) -> AccountabilityAction:
    """Record an action: exactly one target, at least one cause, the issued document if given.
    `region=` is accepted as the older name of a village target."""
    data = {f: fields.get(f) for f in FIELDS} | {"region": fields.get("region")}
    for f in ("kind", "reason", "document_number", "cause", "outcome"):
        data[f] = data.get(f) or ""
    region = _check(actor, data)
    with transaction.atomic():
        action = AccountabilityAction(issued_by=actor, region=region, **data)
        if document is not None:
            attach(action, document)
        action.full_clean()
        action.save()
        if not in_scope(action, actor, ADD):  # rolls the row back
            raise PermissionDenied(_("问责对象不在您的管辖范围内"))
        journal.record(actor, action, JournalAction.CREATE,
                       {**journal.snapshot(action, FIELDS), **_document_change(action, "")})
    return action


def action_update(*, actor, action: AccountabilityAction, document: AttachmentData | None = None,
                  **changes) -> AccountabilityAction:
    if not AccountabilityAction.objects.for_user(actor, CHANGE).filter(pk=action.pk).exists():
        raise PermissionDenied(_("您无权修改该问责记录"))
    data = {f: changes.get(f, getattr(action, f)) for f in FIELDS}
    if "region" in changes and "village" not in changes:
        data.update(village=changes["region"], organisation=None, person=None, unit=None)
    region = _check(actor, data)
    with transaction.atomic():
        before = journal.snapshot(action, FIELDS)
        before_sha = action.sha256
        for f in FIELDS:
            setattr(action, f, data[f])
        action.region = region
        if document is not None:
            attach(action, document)
        action.full_clean()
        action.save()
        if not in_scope(action, actor, CHANGE):
            raise PermissionDenied(_("问责对象不在您的管辖范围内"))
        journal.record(actor, action, JournalAction.UPDATE,
                       {**journal.diff(before, journal.snapshot(action, FIELDS)),
                        **_document_change(action, before_sha)})
    return action


def snapshot_freeze(*, actor, scheme: Scheme, start: dt.date, end: dt.date) -> Snapshot:
    """Store the ranking as computed now, so the published figures never change."""
    from anjian.assessment.selectors import compute

    if end < start:
        raise ValidationError({"end": _("截止日期不能早于起始日期")})
    if Snapshot.objects.filter(scheme=scheme, start=start, end=end).exists():
        raise ValidationError(_("该时段的排名已发布"))
    rows = [snapshot_row(r) for r in compute(scheme, start, end)]
    with transaction.atomic():
        snapshot = Snapshot.objects.create(scheme=scheme, region=scheme.region, target=scheme.target,
                                           start=start, end=end, rows=rows, frozen_by=actor)
        if not in_scope(snapshot, actor, ADD):
            raise PermissionDenied(_("该乡镇不在您的管辖范围内"))
        journal.record(actor, snapshot, JournalAction.CREATE,
                       {"start": start.isoformat(), "end": end.isoformat(), "rows": len(rows)})
    return snapshot


def snapshot_row(row) -> dict:
    """One ranked row as frozen: the target (kind, id, name) and every line with its detail."""
    data = {"rank": row.rank, "kind": row.kind, "target": row.pk, "name": row.name, "total": row.total,
            "lines": [{"key": ln.key, "label": str(ln.label), "weight": ln.weight,
                       "detail": ln.detail, "points": ln.points} for ln in row.lines]}
    if row.kind == TargetKind.VILLAGE:
        data["region"] = row.pk
    return data
