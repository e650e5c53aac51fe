"""Writes of the responsibility system. Every path (pages, API, demo) calls these: each is atomic,
checks the actor's scope (when there is an actor), validates with Chinese messages, and journals
the change in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.models import Person
from anjian.core import journal
from anjian.core.attachments import AttachmentData, attach
from anjian.core.models import JournalAction
from anjian.core.scope import ADD, CHANGE, in_scope
from anjian.regions.choices import RegionLevel
from anjian.regions.models import Region
from anjian.responsibility.choices import AgreementKind, DutyCategory, MeetingKind, kind_for_unit
from anjian.responsibility.models import (
    Agreement,
    Duty,
    LinkageVisit,
    Meeting,
    ResponsibilityList,
)
from anjian.units import services as unit_services
from anjian.units.models import Unit

DutyRow = tuple[str, str]  # (DutyCategory value, text)
MIN_YEAR, MAX_YEAR = 2000, 2100


def _assert_scope(obj, actor, action: str) -> None:
    if actor is not None and not in_scope(obj, actor, action):
        raise PermissionDenied(_("该对象不在您的管辖范围内"))


def _raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _check_year(year, errors: dict) -> None:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        errors["year"] = _("年度应在 %(a)s 至 %(b)s 之间") % {"a": MIN_YEAR, "b": MAX_YEAR}


def _check_past(day: dt.date | None, field: str, label: str, errors: dict) -> None:
    if day is None:
        errors[field] = _("请填写%(label)s") % {"label": label}
    elif day > timezone.localdate():
        errors[field] = _("%(label)s不能晚于今天") % {"label": label}


def _save_changes(actor, obj, before: dict, extra: dict | None = None) -> dict:
    """Save the fields that changed since `before` and journal them (with `extra` changes)."""
    changes = journal.diff(before, journal.snapshot(obj)) | (extra or {})
    fields = [f for f in changes if f in {f.name for f in obj._meta.concrete_fields}]
    if fields:
        obj.save(update_fields=[*fields, "updated_at"])
    if changes:
        journal.record(actor, obj, JournalAction.UPDATE, changes)
    return changes


# Responsibility lists (责任清单) ------------------------------------------------------------------

def _clean_duties(duties: Sequence[DutyRow]) -> list[DutyRow]:
    rows = [(c, (t or "").strip()) for c, t in duties if (t or "").strip()]
    if not rows:
        raise ValidationError({"duties": _("请至少填写一条岗位职责")})
    bad = [c for c, _t in rows if c not in DutyCategory.values]
    if bad:
        raise ValidationError({"duties": _("责任类别“%(c)s”无效") % {"c": bad[0]}})
    return rows


def _duty_texts(rlist: ResponsibilityList) -> list[str]:
    return [f"{DutyCategory(d.category).label}：{d.text}" for d in rlist.duties.order_by("order")]


def _write_duties(rlist: ResponsibilityList, rows: list[DutyRow]) -> None:
    rlist.duties.all().delete()
    Duty.objects.bulk_create([Duty(responsibility_list=rlist, order=i, category=c, text=t)
                              for i, (c, t) in enumerate(rows, start=1)])


def _check_list(values: dict, exclude_pk: int | None) -> None:
    errors: dict = {}
    _check_year(values.get("year"), errors)
    post = (values.get("post") or "").strip()
    region = values.get("region")
    if not post:
        errors["post"] = _("请填写岗位")
    if region is None or region.level > RegionLevel.VILLAGE:
        errors["region"] = _("责任清单应属于乡镇或村（社区）")
    if not errors and ResponsibilityList.objects.filter(
            region=region, year=values["year"], post=post).exclude(pk=exclude_pk).exists():
        errors["post"] = _("%(year)s年已有“%(post)s”岗位的责任清单") % {"year": values["year"],
                                                                          "post": post}
    _raise_if(errors)


LIST_FIELDS = ("region", "year", "post", "holder", "notes")


@transaction.atomic
def responsibility_list_create(*, actor, data: dict, duties: Sequence[DutyRow],
                               previous: ResponsibilityList | None = None) -> ResponsibilityList:
    values = {k: data.get(k) for k in LIST_FIELDS}
    values["post"] = (values.get("post") or "").strip()
    values["notes"] = values.get("notes") or ""
    _check_list(values, None)
    rows = _clean_duties(duties)
    rlist = ResponsibilityList.objects.create(**values, previous=previous)
    _assert_scope(rlist, actor, ADD)
    _write_duties(rlist, rows)
    journal.record(actor, rlist, JournalAction.CREATE,
                   journal.diff({}, journal.snapshot(rlist)) | {"duties": [None, _duty_texts(rlist)]})
    return rlist


@transaction.atomic
def responsibility_list_update(*, actor, rlist: ResponsibilityList, data: dict,
                               duties: Sequence[DutyRow] | None = None) -> ResponsibilityList:
    """Change a list; a change of its duties is a new version (版本) of the year's list."""
    rlist = ResponsibilityList.objects.select_for_update().get(pk=rlist.pk)
    _assert_scope(rlist, actor, CHANGE)
    before = journal.snapshot(rlist)
    values = {k: data[k] for k in LIST_FIELDS if k in data}
    if "post" in values:
        values["post"] = (values["post"] or "").strip()
    merged = {k: getattr(rlist, k) for k in LIST_FIELDS} | values
    _check_list(merged, rlist.pk)
    for key, value in values.items():
        setattr(rlist, key, (value or "") if key == "notes" else value)
    extra = {}
    if duties is not None:
        rows = _clean_duties(duties)
        old = _duty_texts(rlist)
        new = [f"{DutyCategory(c).label}：{t}" for c, t in rows]
        if old != new:
            _write_duties(rlist, rows)
            rlist.version += 1
            extra = {"duties": [old, new]}
    _save_changes(actor, rlist, before, extra)
    _assert_scope(rlist, actor, CHANGE)
    return rlist


def responsibility_list_copy(*, actor, rlist: ResponsibilityList, year: int) -> ResponsibilityList:
    """A new year's list for the same post, holder and duties (version 1, linked to this one)."""
    duties = [(d.category, d.text) for d in rlist.duties.order_by("order")]
    return responsibility_list_create(actor=actor, duties=duties, previous=rlist, data={
        "region": rlist.region, "year": year, "post": rlist.post, "holder": rlist.holder,
        "notes": rlist.notes})


@transaction.atomic
def responsibility_lists_roll_over(*, actor, region: Region, year: int) -> list[ResponsibilityList]:
    """Copy every list of `year - 1` in `region`'s subtree whose post has no list in `year` yet."""
    existing = set(ResponsibilityList.objects.filter(
        region__path__startswith=region.path, year=year).values_list("region_id", "post"))
    old = ResponsibilityList.objects.filter(region__path__startswith=region.path, year=year - 1)
    if actor is not None:
        old = old.filter(pk__in=ResponsibilityList.objects.for_user(actor, ADD).values("pk"))
    return [responsibility_list_copy(actor=actor, rlist=r, year=year)
            for r in old.select_related("region", "holder").order_by("pk")
            if (r.region_id, r.post) not in existing]


# Responsibility agreements (责任书) --------------------------------------------------------------

AGREEMENT_FIELDS = ("year", "kind", "village", "unit", "organisation", "title",
                    "first_signatory", "second_signatory", "signed_on", "tasks")
def town_of(region: Region) -> Region:
    """The town (level 2) a region lies in (itself when it is one)."""
    if region.level == RegionLevel.TOWN:
        return region
    ids = region.ancestor_ids
    return Region.objects.get(pk=ids[RegionLevel.TOWN - 1])


def _counterparty_errors(values: dict) -> dict:
    kind = values.get("kind")
    village, unit, org = values.get("village"), values.get("unit"), values.get("organisation")
    given = [x for x in (village, unit, org) if x is not None]
    if kind not in AgreementKind.values:
        return {"kind": _("请选择责任书类型")}
    if len(given) != 1:
        return {"__all__": _("请选择一个签订对象：村（社区）、单位或部门，只能选一个")}
    if kind == AgreementKind.VILLAGE and (village is None or village.level != RegionLevel.VILLAGE):
        return {"village": _("与村（社区）签订的责任书请选择村（社区）")}
    if kind in (AgreementKind.ENTERPRISE, AgreementKind.SCHOOL) and unit is None:
        return {"unit": _("与企业、学校签订的责任书请选择单位")}
    if kind == AgreementKind.DEPARTMENT and org is None:
        return {"organisation": _("与部门签订的责任书请选择机关站所")}
    return {}


def _check_agreement(values: dict, exclude_pk: int | None) -> None:
    errors = _counterparty_errors(values)
    _check_year(values.get("year"), errors)
    _check_past(values.get("signed_on"), "signed_on", _("签订日期"), errors)
    signed, year = values.get("signed_on"), values.get("year")
    if "signed_on" not in errors and "year" not in errors and signed.year not in (year - 1, year):
        errors["signed_on"] = _("签订日期应在 %(y)s 年内（或上一年年底）") % {"y": year}
    for field, label in (("first_signatory", _("甲方签字人")), ("second_signatory", _("乙方签字人"))):
        if not (values.get(field) or "").strip():
            errors[field] = _("请填写%(label)s") % {"label": label}
    if not errors:
        for field in ("village", "unit", "organisation"):
            party = values.get(field)
            if party is not None and Agreement.objects.filter(
                    year=year, **{field: party}).exclude(pk=exclude_pk).exists():
                errors[field] = _("%(party)s %(year)s年的责任书已登记") % {"party": party,
                                                                         "year": year}
    _raise_if(errors)


def place_agreement(agreement: Agreement) -> None:
    """The region that scopes the agreement and the town that signs it."""
    if agreement.village_id:
        agreement.region = agreement.village
    elif agreement.unit_id:
        agreement.region = agreement.unit.region
    else:
        agreement.region = agreement.organisation.region
    agreement.town = town_of(agreement.region) if agreement.region.level > RegionLevel.TOWN \
        else agreement.region


def agreement_snapshot(agreement: Agreement) -> dict:
    """The agreement's fields for the journal: the scan by its name, size and hash, not the file."""
    return journal.snapshot(agreement, [f.name for f in Agreement._meta.concrete_fields
                                        if f.name not in ("file", "uploaded_at")])


SCAN_FIELDS = ("sha256", "original_name", "content_type", "size")


def _scan_changes(agreement: Agreement, before_sha: str) -> dict:
    if agreement.sha256 == before_sha:
        return {}
    return {"scan": [before_sha or None, f"{agreement.original_name} sha256:{agreement.sha256}"]}


@transaction.atomic
def agreement_create(*, actor, data: dict, scan: AttachmentData | None = None) -> Agreement:
    """Record a signed agreement (签订), with its scanned copy when given."""
    values = {k: data.get(k) for k in AGREEMENT_FIELDS}
    for key in ("title", "first_signatory", "second_signatory", "tasks"):
        values[key] = (values.get(key) or "").strip()
    if values.get("unit") is not None and values.get("kind") in (None, ""):
        values["kind"] = kind_for_unit(values["unit"])
    _check_agreement(values, None)
    agreement = Agreement(**values)
    place_agreement(agreement)
    if scan is not None:
        attach(agreement, scan)
    agreement.save()
    _assert_scope(agreement, actor, ADD)
    journal.record(actor, agreement, JournalAction.CREATE,
                   journal.diff({}, agreement_snapshot(agreement)))
    return agreement


@transaction.atomic
def agreement_update(*, actor, agreement: Agreement, data: dict,
                     scan: AttachmentData | None = None) -> Agreement:
    """Correct an agreement or add/replace its scanned copy (the old file stays on disk, named by
    its hash, and its hash stays in the journal)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _assert_scope(agreement, actor, CHANGE)
    before = agreement_snapshot(agreement)
    before_sha = agreement.sha256
    values = {k: data[k] for k in AGREEMENT_FIELDS if k in data}
    merged = {k: getattr(agreement, k) for k in AGREEMENT_FIELDS} | values
    _check_agreement(merged, agreement.pk)
    for key, value in values.items():
        setattr(agreement, key, value.strip() if isinstance(value, str) else value)
    place_agreement(agreement)
    if scan is not None:
        attach(agreement, scan)
    changes = {k: v for k, v in journal.diff(before, agreement_snapshot(agreement)).items()
               if k not in SCAN_FIELDS} | _scan_changes(agreement, before_sha)
    if changes:
        fields = [k for k in changes if k != "scan"]
        if "scan" in changes:
            fields += [*SCAN_FIELDS, "file", "uploaded_at"]
        agreement.save(update_fields=[*fields, "updated_at"])
        _assert_scope(agreement, actor, CHANGE)
        journal.record(actor, agreement, JournalAction.UPDATE, changes)
    return agreement


# Leader linkage (领导挂钩) --------------------------------------------------------------------------

VISIT_FIELDS = ("leader", "unit", "visited_on", "checked", "problems", "follow_up", "inspection")


def _check_visit(values: dict) -> None:
    errors: dict = {}
    _check_past(values.get("visited_on"), "visited_on", _("走访日期"), errors)
    if values.get("leader") is None:
        errors["leader"] = _("请选择挂钩领导")
    if values.get("unit") is None:
        errors["unit"] = _("请选择单位")
    if not (values.get("checked") or "").strip():
        errors["checked"] = _("请填写检查指导内容")
    record = values.get("inspection")
    if record is not None and values.get("unit") is not None and record.unit_id != values["unit"].pk:
        errors["inspection"] = _("所选检查记录不是该单位的记录")
    _raise_if(errors)


@transaction.atomic
def linkage_visit_create(*, actor, data: dict) -> LinkageVisit:
    values = {k: data.get(k) for k in VISIT_FIELDS}
    for key in ("checked", "problems", "follow_up"):
        values[key] = (values.get(key) or "").strip()
    _check_visit(values)
    visit = LinkageVisit.objects.create(**values, recorded_by=actor if actor and actor.pk else None)
    _assert_scope(visit, actor, ADD)
    journal.record(actor, visit, JournalAction.CREATE, journal.diff({}, journal.snapshot(visit)))
    return visit


@transaction.atomic
def linkage_visit_update(*, actor, visit: LinkageVisit, data: dict) -> LinkageVisit:
    visit = LinkageVisit.objects.select_for_update().get(pk=visit.pk)
    _assert_scope(visit, actor, CHANGE)
    before = journal.snapshot(visit)
    values = {k: data[k] for k in VISIT_FIELDS if k in data}
    merged = {k: getattr(visit, k) for k in VISIT_FIELDS} | values
    _check_visit(merged)
    for key, value in values.items():
        setattr(visit, key, value.strip() if isinstance(value, str) else value)
    _save_changes(actor, visit, before)
    _assert_scope(visit, actor, CHANGE)
    return visit


def unit_leader_set(*, actor, unit: Unit, leader: Person | None) -> Unit:
    """Link a unit to a leader (or unlink it): the units app's own service writes and journals it."""
    return unit_services.unit_update(actor=actor, unit=unit, data={"linked_leader": leader})


# Meetings (会议记录) --------------------------------------------------------------------------------

MEETING_FIELDS = ("region", "held_on", "kind", "title", "chaired_by", "attendees", "safety_first",
                  "topics", "decisions")


def _check_meeting(values: dict) -> None:
    errors: dict = {}
    _check_past(values.get("held_on"), "held_on", _("会议日期"), errors)
    if values.get("kind") not in MeetingKind.values:
        errors["kind"] = _("请选择会议类型")
    if not (values.get("title") or "").strip():
        errors["title"] = _("请填写会议名称")
    region = values.get("region")
    if region is None or region.level > RegionLevel.VILLAGE:
        errors["region"] = _("会议应属于乡镇或村（社区）")
    _raise_if(errors)


@transaction.atomic
def meeting_create(*, actor, data: dict) -> Meeting:
    values = {k: data.get(k) for k in MEETING_FIELDS}
    for key in ("title", "topics", "decisions"):
        values[key] = (values.get(key) or "").strip()
    values["safety_first"] = bool(values.get("safety_first"))
    _check_meeting(values)
    meeting = Meeting.objects.create(**values, recorded_by=actor if actor and actor.pk else None)
    _assert_scope(meeting, actor, ADD)
    journal.record(actor, meeting, JournalAction.CREATE,
                   journal.diff({}, journal.snapshot(meeting)))
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, data: dict) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _assert_scope(meeting, actor, CHANGE)
    before = journal.snapshot(meeting)
    values = {k: data[k] for k in MEETING_FIELDS if k in data}
    merged = {k: getattr(meeting, k) for k in MEETING_FIELDS} | values
    _check_meeting(merged)
    for key, value in values.items():
        setattr(meeting, key, value.strip() if isinstance(value, str) else value)
    _save_changes(actor, meeting, before)
    _assert_scope(meeting, actor, CHANGE)
    return meeting
