"""Writes to the region tree and organisations."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.scope import ADD, CHANGE, in_scope
from anjian.regions.choices import KIND_LEVEL
from anjian.regions.models import Organisation, Region


def _assert_scope(obj, actor, action) -> None:
    if actor is not None and not in_scope(obj, actor, action):
        raise PermissionDenied(_("该对象不在您的管辖范围内"))


@transaction.atomic
def region_create(*, actor, parent: Region | None, name: str, code: str, kind: str,
                  **extra) -> Region:
    """Add a node under `parent`; its level follows from its kind and must sit one below parent."""
    level = KIND_LEVEL[kind]
    errors = {}
    if parent is None and level != 1 and actor is not None:
        errors["parent"] = _("只有县（区）可以没有上级")
    if parent is not None and level != parent.level + 1:
        errors["kind"] = _("“%(k)s”不能直接设在“%(p)s”之下") % {"k": kind, "p": parent.name}
    if not name.strip():
        errors["name"] = _("必填项不能为空")
    if Region.objects.filter(code=code).exists():
        errors["code"] = _("区划代码%(c)s已存在") % {"c": code}
    if errors:
        raise ValidationError(errors)
    region = Region(parent=parent, name=name.strip(), code=code, kind=kind, level=level,
                    path="/pending/", **extra)
    region.save()
    region.path = f"{parent.path if parent else '/'}{region.pk}/"
    region.save(update_fields=["path"])
    if actor is not None and parent is not None:
        _assert_scope(region, actor, ADD)
    journal.record(actor, region, JournalAction.CREATE, journal.diff({}, journal.snapshot(region)))
    return region


@transaction.atomic
def region_update(*, actor, region: Region, data: dict) -> Region:
    """Rename or re-describe a node; its place in the tree (parent, level) does not change here."""
    region = Region.objects.select_for_update().get(pk=region.pk)
    _assert_scope(region, actor, CHANGE)
    before = journal.snapshot(region)
    allowed = {"name", "code", "urban_rural_class", "boundary", "latitude", "longitude", "notes"}
    for key, value in data.items():
        if key in allowed:
            setattr(region, key, value)
    if Region.objects.filter(code=region.code).exclude(pk=region.pk).exists():
        raise ValidationError({"code": _("区划代码%(c)s已存在") % {"c": region.code}})
    changes = journal.diff(before, journal.snapshot(region))
    if changes:
        region.save(update_fields=list(changes))
        journal.record(actor, region, JournalAction.UPDATE, changes)
    return region


@transaction.atomic
def organisation_create(*, actor, region: Region, name: str, kind: str, sectors=(),
                        **extra) -> Organisation:
    if Organisation.objects.filter(region=region, name=name).exists():
        raise ValidationError({"name": _("该区划下已有同名机构")})
    org = Organisation.objects.create(region=region, name=name, kind=kind, **extra)
    org.sectors.set(sectors)
    _assert_scope(org, actor, ADD)
    changes = journal.diff({}, journal.snapshot(org))
    changes["sectors"] = [None, [str(s) for s in org.sectors.all()]]
    journal.record(actor, org, JournalAction.CREATE, changes)
    return org
