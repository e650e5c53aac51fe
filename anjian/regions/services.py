"""Writes to the region tree and organisations. Pages, the API, the demo and commands all call these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.scope import ADD, CHANGE, in_scope
from anjian.core.validators import normalize_phone, phone_error
from anjian.regions.choices import KIND_LEVEL, OrganisationKind, RegionKind
from anjian.regions.models import Organisation, Region, Sector

REGION_EDITABLE = ("name", "code", "urban_rural_class", "boundary", "latitude", "longitude", "notes")
ORGANISATION_EDITABLE = ("region", "name", "kind", "phone", "address", "is_active")


def _assert_scope(obj, actor, action) -> None:
    if actor is not None and not in_scope(obj, actor, action):
        raise PermissionDenied(_("该对象不在您的管辖范围内"))


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _check_region_values(region: Region, errors: dict) -> None:
    """Field rules shared by create and update (name, code, coordinates)."""
    if not region.name:
        errors.setdefault("name", _("必填项不能为空"))
    elif len(region.name) > 100:
        errors.setdefault("name", _("长度不能超过%(n)d个字符") % {"n": 100})
    if not region.code:
        errors.setdefault("code", _("必填项不能为空"))
    elif len(region.code) > 20:
        errors.setdefault("code", _("长度不能超过%(n)d个字符") % {"n": 20})
    elif Region.objects.filter(code=region.code).exclude(pk=region.pk).exists():
        errors.setdefault("code", _("区划代码%(c)s已存在") % {"c": region.code})
    if region.name and "name" not in errors:
        clash = Region.objects.filter(parent_id=region.parent_id, name=region.name)
        if clash.exclude(pk=region.pk).exists():
            errors["name"] = _("同一上级下已有名为“%(n)s”的区划") % {"n": region.name}


@transaction.atomic
def region_create(*, actor, parent: Region | None, name: str, code: str, kind: str,
                  **extra) -> Region:
    """Add a node under `parent`; its level follows from its kind and must sit one below parent."""
    errors: dict[str, str] = {}
    level = KIND_LEVEL.get(kind)
    if level is None:
        errors["kind"] = _("不是有效的选项：%(v)s") % {"v": kind}
    elif parent is None and level != 1 and actor is not None:
        errors["parent"] = _("只有县（区）可以没有上级")
    elif parent is not None and level != parent.level + 1:
        errors["kind"] = _("“%(k)s”不能直接设在“%(p)s”之下") % {
            "k": RegionKind(kind).label, "p": parent.name}
    region = Region(parent=parent, name=_text(name), code=_text(code), kind=kind,
                    level=level or 0, path="/pending/", **extra)
    _check_region_values(region, errors)
    if errors:
        raise ValidationError(errors)
    region.save()
    region.path = f"{parent.path if parent else '/'}{region.pk}/"
    region.save(update_fields=["path"])
    if actor is not None and parent is None and not actor.is_superuser:
        raise PermissionDenied(_("只有超级管理员可以新增顶级区划"))
    if actor is not None:
        _assert_scope(region, actor, ADD)
    journal.record(actor, region, JournalAction.CREATE, journal.diff({}, journal.snapshot(region)))
    return region


@transaction.atomic
def region_update(*, actor, region: Region, data: dict) -> Region:
    """Rename or re-describe a node; its place in the tree (parent, level) does not change here."""
    region = Region.objects.select_for_update().get(pk=region.pk)
    _assert_scope(region, actor, CHANGE)
    before = journal.snapshot(region)
    for key, value in data.items():
        if key in REGION_EDITABLE:
            setattr(region, key, _text(value) if key in ("name", "code", "notes") else value)
    errors: dict[str, str] = {}
    _check_region_values(region, errors)
    if errors:
        raise ValidationError(errors)
    changes = journal.diff(before, journal.snapshot(region))
    if changes:
        region.save(update_fields=list(changes))
        journal.record(actor, region, JournalAction.UPDATE, changes)
    return region


def _check_organisation(org: Organisation, errors: dict) -> None:
    if not org.name:
        errors.setdefault("name", _("必填项不能为空"))
    elif len(org.name) > 100:
        errors.setdefault("name", _("长度不能超过%(n)d个字符") % {"n": 100})
    if org.kind not in OrganisationKind.values:
        errors.setdefault("kind", _("不是有效的选项：%(v)s") % {"v": org.kind})
    if org.region_id is None:
        errors.setdefault("region", _("必填项不能为空"))
    if org.phone:
        message = phone_error(org.phone)
        if message:
            errors.setdefault("phone", message)
        else:
            org.phone = normalize_phone(org.phone)
    if len(org.address) > 200:
        errors.setdefault("address", _("长度不能超过%(n)d个字符") % {"n": 200})
    if org.name and org.region_id and "name" not in errors:
        clash = Organisation.objects.filter(region_id=org.region_id, name=org.name)
        if clash.exclude(pk=org.pk).exists():
            errors["name"] = _("该区划下已有同名机构")


def _sector_names(sectors) -> list[str]:
    return sorted(str(s) for s in sectors)


@transaction.atomic
def organisation_create(*, actor, region: Region, name: str, kind: str, sectors=(),
                        **extra) -> Organisation:
    extra = {k: _text(v) if k in ("phone", "address") else v for k, v in extra.items()}
    org = Organisation(region=region, name=_text(name), kind=kind, **extra)
    errors: dict[str, str] = {}
    _check_organisation(org, errors)
    if errors:
        raise ValidationError(errors)
    org.save()
    org.sectors.set(sectors)
    _assert_scope(org, actor, ADD)
    changes = journal.diff({}, journal.snapshot(org))
    changes["sectors"] = [None, _sector_names(org.sectors.all())]
    journal.record(actor, org, JournalAction.CREATE, changes)
    return org


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, data: dict) -> Organisation:
    """Edit an organisation: any of region, name, kind, phone, address, is_active and `sectors`
    (an iterable of Sector or their ids). It must stay inside the actor's scope."""
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _assert_scope(org, actor, CHANGE)
    before = journal.snapshot(org)
    before_sectors = _sector_names(org.sectors.all())
    for key in ORGANISATION_EDITABLE:
        if key in data:
            value = data[key]
            setattr(org, key, _text(value) if key in ("name", "phone", "address") else value)
    errors: dict[str, str] = {}
    _check_organisation(org, errors)
    new_sectors = None
    if "sectors" in data:
        ids = [getattr(s, "pk", s) for s in data["sectors"] or ()]
        new_sectors = list(Sector.objects.filter(pk__in=ids))
        if len(new_sectors) != len(set(ids)):
            errors["sectors"] = _("行业领域不存在")
    if errors:
        raise ValidationError(errors)
    changes = journal.diff(before, journal.snapshot(org))
    if changes:
        org.save(update_fields=list(changes))
    if new_sectors is not None:
        after_sectors = _sector_names(new_sectors)
        if after_sectors != before_sectors:
            org.sectors.set(new_sectors)
            changes["sectors"] = [before_sectors, after_sectors]
    if changes:
        _assert_scope(org, actor, CHANGE)
        journal.record(actor, org, JournalAction.UPDATE, changes)
    return org
