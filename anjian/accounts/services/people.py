"""People on the tree (人员): place them, edit them, take them off duty."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from anjian.accounts.choices import Duty
from anjian.accounts.models import Person
from anjian.accounts.services._common import (
    DUTY_LEVELS,
    PERSON_FIELDS,
    REQUIRED,
    _assert_scope,
    _text,
    _too_long,
)
from anjian.core import journal
from anjian.core.models import JournalAction
from anjian.core.scope import ADD, CHANGE
from anjian.core.validators import normalize_phone, phone_error
from anjian.regions.choices import RegionLevel


def _check_person(person: Person, errors: dict) -> None:
    person.name, person.position = _text(person.name), _text(person.position)
    person.phone = _text(person.phone)
    if not person.name:
        errors["name"] = REQUIRED
    elif message := _too_long(person.name, 50):
        errors["name"] = message
    if message := _too_long(person.position, 60):
        errors["position"] = message
    if person.phone:
        if message := phone_error(person.phone):
            errors["phone"] = message
        else:
            person.phone = normalize_phone(person.phone)
    if person.duty not in Duty.values:
        errors["duty"] = _("不是有效的选项：%(v)s") % {"v": person.duty}
    if person.region_id is None:
        errors["region"] = REQUIRED
        return
    levels = DUTY_LEVELS.get(person.duty)
    if levels and person.region.level not in levels and "duty" not in errors:
        places = "、".join(str(RegionLevel(level).label) for level in levels)
        errors["region"] = _("%(d)s应落位在%(p)s，“%(r)s”是%(k)s") % {
            "d": Duty(person.duty).label, "p": places, "r": person.region.name,
            "k": person.region.get_level_display()}
    org = person.organisation
    if org is not None and not person.region.path.startswith(org.region.path):
        errors["organisation"] = _("机构“%(o)s”不在“%(r)s”的上级或本级区划") % {
            "o": org.name, "r": person.region.name}


def _person_values(data: dict) -> dict:
    values = {k: data[k] for k in PERSON_FIELDS if k in data}
    if values.get("region") is None and values.get("organisation") is not None:
        values["region"] = values["organisation"].region
    return values


@transaction.atomic
def person_create(*, actor, data: dict) -> Person:
    """Place a person on the tree. `data`: name, phone, region (Region), organisation
    (Organisation or None; its region is used when no region is given), duty, position."""
    values = _person_values(data)
    values.setdefault("duty", Duty.STAFF)
    person = Person(**values)
    errors: dict[str, str] = {}
    _check_person(person, errors)
    if errors:
        raise ValidationError(errors)
    person.save()
    _assert_scope(person, actor, ADD)
    journal.record(actor, person, JournalAction.CREATE, journal.diff({}, journal.snapshot(person)))
    return person


@transaction.atomic
def person_update(*, actor, person: Person, data: dict) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    _assert_scope(person, actor, CHANGE)
    before = journal.snapshot(person)
    for key, value in _person_values(data).items():
        setattr(person, key, value)
    errors: dict[str, str] = {}
    _check_person(person, errors)
    if errors:
        raise ValidationError(errors)
    changes = journal.diff(before, journal.snapshot(person))
    if changes:
        person.save(update_fields=list(changes))
        _assert_scope(person, actor, CHANGE)
        journal.record(actor, person, JournalAction.UPDATE, changes)
    return person


@transaction.atomic
def person_deactivate(*, actor, person: Person) -> Person:
    """The person leaves the post (离岗); the record and its history stay."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    _assert_scope(person, actor, CHANGE)
    if not person.is_active:
        raise ValidationError({"is_active": _("该人员已不在岗")})
    person.is_active = False
    person.save(update_fields=["is_active"])
    journal.record(actor, person, JournalAction.UPDATE, {"is_active": [True, False]})
    return person
