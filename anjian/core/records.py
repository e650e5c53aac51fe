"""What the services of the simple ledgers share (emergency, training, patrols, documents,
enforcement): the owner check (may the actor write a record owned by this region or unit?),
applying a data dict to a model with full validation, many-to-many changes, journaling, and the
re-check after a save that the record is still inside the actor's scope."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.scope import in_scope
from anjian.regions.models import Region
from anjian.units.models import Unit


def owner_allowed(actor, model: type[models.Model], action: str, region: Region | None,
                  unit: Unit | None = None) -> bool:
    """Whether one of `actor`'s grants allows `action` on a `model` record owned by `region` (or by
    `unit`, which lies in `region`). Pure Python over the grants: no query."""
    if actor is None:
        return True  # the system itself (demo, imports run by the operator)
    if not actor.is_authenticated or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    label = model._meta.label_lower
    for grant in actor.scope_grants:
        if not grant.allows(label, action):
            continue
        if grant.region_path and region is not None and region.path.startswith(grant.region_path):
            return True
        if unit is not None and unit.pk in grant.unit_ids:
            return True
    return False


def set_owner(obj, data: dict) -> None:
    """Owner from `data`: a unit (its region is copied) or a region."""
    unit = data.get("unit")
    region = data.get("region")
    if unit is not None:
        obj.unit, obj.region = unit, unit.region
    elif region is not None:
        obj.unit, obj.region = None, region
    elif not obj.region_id:
        raise ValidationError({"region": _("请选择所属区划或单位")})


def check_owner(actor, obj, action: str, message: str = "") -> None:
    region = obj.region if getattr(obj, "region_id", None) else None
    unit = obj.unit if getattr(obj, "unit_id", None) else None
    if not owner_allowed(actor, type(obj), action, region, unit):
        raise PermissionDenied(message or _("所选区划或单位不在您的管辖范围内"))


def apply(obj: models.Model, data: dict, fields: Iterable[str]) -> None:
    for name in fields:
        if name in data:
            value = data[name]
            setattr(obj, name, value.strip() if isinstance(value, str) else value)


def validate(obj: models.Model, exclude: Iterable[str] = ()) -> None:
    """Django's field validation (required, choices, lengths, phones) with its Chinese messages."""
    obj.full_clean(exclude=list(exclude), validate_unique=True, validate_constraints=False)


def not_future(value, field: str, label: str) -> None:
    today = timezone.localdate()
    day = value.date() if hasattr(value, "date") and callable(value.date) else value
    if day and day > today:
        raise ValidationError({field: _("%(label)s不能晚于今天") % {"label": label}})


def set_m2m(obj, data: dict, names: Iterable[str]) -> dict:
    """Set the many-to-many fields present in `data`; {name: [old ids, new ids]} of those changed."""
    changes = {}
    for name in names:
        if name not in data:
            continue
        manager = getattr(obj, name)
        before = sorted(manager.values_list("pk", flat=True)) if obj.pk else []
        values = list(data[name] or [])
        manager.set(values)
        after = sorted(v.pk if hasattr(v, "pk") else int(v) for v in values)
        if before != after:
            changes[name] = [before, after]
    return changes


def snapshot(obj: models.Model) -> dict:
    """journal.snapshot with attached files as their stored names."""
    return {k: (v.name if isinstance(v, FieldFile) else v)
            for k, v in journal.snapshot(obj).items()}


def journal_create(actor, obj, extra: dict | None = None, comment: str = "") -> None:
    journal.record(actor, obj, JournalAction.CREATE, {**snapshot(obj), **(extra or {})},
                   comment=comment)


def journal_update(actor, obj, before: dict | None, extra: dict | None = None,
                   comment: str = "") -> None:
    """The diff from `before` (None: no field diff, only `extra`) plus `extra`."""
    diff = journal.diff(before, snapshot(obj)) if before is not None else {}
    changes = {**diff, **(extra or {})}
    journal.record(actor, obj, JournalAction.UPDATE, changes, comment=comment)


def recheck(actor, obj, action: str) -> None:
    """After a write: the record must still be inside the actor's scope (else roll back)."""
    if actor is not None and not in_scope(obj, actor, action):
        raise PermissionDenied(_("保存后该记录将不在您的管辖范围内，未作修改"))
